"""docs/validation.md is tested like code: each Python block runs and prints its `# >` lines.

The summary table at the top of the page is checked against what its sections' examples print.
"""

from __future__ import annotations

import contextlib
import io
import re
import textwrap
from dataclasses import dataclass

import pytest
from markdown.extensions.toc import slugify

import iam_client_models
from iam_client_docs.describe import public_models
from tests.conftest import ROOT, Build

PAGE = ROOT / "docs" / "validation.md"
FENCE = re.compile(
    r"^(?P<indent>[ ]*)(?P<fence>`{3,})python[^\n]*\n(?P<code>.*?)^(?P=indent)(?P=fence)[ ]*$",
    re.MULTILINE | re.DOTALL,
)
OUTPUT = re.compile(r"^[ ]*# >(?: (?P<text>.*))?$", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    section: str
    """The slug of the `##` section the block is in."""
    line: int
    code: str

    @property
    def expected(self) -> list[str]:
        return [match.group("text") or "" for match in OUTPUT.finditer(self.code)]

    def run(self) -> list[str]:
        """Run the block in a namespace of its own and return what it printed."""
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(self.code, f"{PAGE.name}:{self.line}", "exec"), {"__name__": "__doc__"})
        return printed.getvalue().splitlines()


def python_blocks(markdown: str) -> list[Block]:
    blocks = []
    for match in FENCE.finditer(markdown):
        before = markdown[: match.start()]
        headings = re.findall(r"^## (.+)$", before, re.MULTILINE)
        code = textwrap.dedent(match.group("code"))
        blocks.append(
            Block(slugify(headings[-1], "-") if headings else "", before.count("\n"), code)
        )
    return blocks


BLOCKS = python_blocks(PAGE.read_text(encoding="utf-8"))


def test_the_page_has_examples_and_each_shows_output() -> None:
    assert len(BLOCKS) >= 9
    for block in BLOCKS:
        assert block.expected, f"{PAGE.name}:{block.line} prints nothing to compare"


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: f"{block.section}:{block.line}")
def test_block_prints_its_output_comments(block: Block) -> None:
    assert block.run() == block.expected


def summary_rows() -> list[tuple[str, list[str], list[str]]]:
    """(section slug, code spans of the `type` cell, code spans of the `loc` cell) per row."""
    rows = []
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        match = re.match(
            r"^\| \[[^]]+\]\(#(?P<slug>[^)]+)\) \| (?P<type>.+?) \| (?P<loc>.+?) \|$", line
        )
        if match:
            spans = [re.findall(r"`([^`]+)`", match.group(name)) for name in ("type", "loc")]
            rows.append((match.group("slug"), spans[0], spans[1]))
    return rows


def test_summary_table_says_what_the_examples_print() -> None:
    rows = summary_rows()
    sections = {block.section for block in BLOCKS}
    assert len(rows) >= 8
    for slug, types, locs in rows:
        assert slug in sections, f"the summary links to #{slug}, which has no example"
        printed = "\n".join(
            line for block in BLOCKS if block.section == slug for line in block.expected
        )
        assert types, slug
        for shown in types + locs:
            assert shown in printed, f"#{slug}: the summary says {shown}, the examples do not"


def test_page_is_built_with_linked_tabs_and_every_block(site_build: Build) -> None:
    article = site_build.page("validation/").select_one("article")
    assert article is not None
    labels = [label.get_text(strip=True) for label in article.select(".tabbed-labels > label")]
    assert labels == ["JSON", "Python"]
    built = [
        code.get_text() for code in article.select(".language-python code, code.language-python")
    ]
    assert len(built) == len(BLOCKS)
    for code, block in zip(built, BLOCKS, strict=True):
        assert code.strip() == block.code.strip()


def test_page_does_not_repeat_field_descriptions() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for model in public_models(iam_client_models):
        for name, info in model.model_fields.items():
            assert info.description is not None
            assert info.description not in page, f"{model.__name__}.{name}'s docstring is copied"

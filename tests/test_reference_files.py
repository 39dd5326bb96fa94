"""The generator's one entry point, and what is made from it beside the MkDocs pages: the pages
on disk for any other generator (`python -m iam_client_docs`), `llms.txt` and the Markdown copy
of each page."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

import iam_client_models
from iam_client_docs.build import generate
from iam_client_docs.describe import describe_types
from iam_client_docs.descriptions import ModelDoc
from iam_client_docs.markup import compact_highlight
from tests.conftest import ROOT, STRICT_BUILD, Build

HREF = re.compile(r'href="([^"]*)"')
ID = re.compile(r'id="([^"]*)"')
ARTICLE = re.compile(r"<article.*?</article>", re.DOTALL)
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def relative(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith(("/", "#")) or not parts.path)


def test_every_relative_link_of_the_built_site_lands_on_a_page_and_an_anchor(
    site_build: Build,
) -> None:
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(ID.findall(path.read_text(encoding="utf-8")))
        return ids[path]

    pages = sorted(site_build.site.rglob("*.html"))
    checked = 0
    for page in pages:
        url = page.relative_to(site_build.site).as_posix().removesuffix("index.html")
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            if not relative(href) or page.name == "404.html":
                continue
            parts = urlsplit(urljoin("http://site/" + url, href))
            target = site_build.site / parts.path.lstrip("/")
            if parts.path.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), f"{href} on {url} points to missing {target}"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in anchors(target), f"{href} on {url}: no #{parts.fragment}"
            checked += 1
    assert checked > 1000  # every page links its neighbours, the sidebar, the models


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m iam_client_docs FOLDER`, as a user runs it."""
    folder = tmp_path_factory.mktemp("exported")
    result = subprocess.run(
        [sys.executable, "-m", "iam_client_docs", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return folder


def test_the_exported_pages_are_the_entry_points_files_and_the_hand_written_ones(
    exported: Path,
) -> None:
    reference = generate()
    docs = exported / "docs"
    written = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    hand_written = {
        path.relative_to(ROOT / "docs").as_posix()
        for path in (ROOT / "docs").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert written == hand_written | set(reference.files)
    for path, text in reference.files.items():
        assert (docs / path).read_text(encoding="utf-8") == text, path
    assert "<!-- generated:" not in (docs / "index.md").read_text(encoding="utf-8")


def test_every_relative_link_of_the_exported_pages_names_a_source_file(exported: Path) -> None:
    """The form Zensical resolves in Markdown and in raw HTML alike: the target's source file,
    relative to the page's own."""
    docs = exported / "docs"
    checked = 0
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        for link in [*HREF.findall(text), *MARKDOWN_LINK.findall(text)]:
            if not relative(link):
                continue
            path = posixpath.normpath(posixpath.join(page.parent.as_posix(), urlsplit(link).path))
            assert Path(path).is_file(), f"{link} in {page.relative_to(docs)}"
            checked += 1
    assert checked > 500


def test_a_generator_without_the_hook_builds_the_exported_pages_to_the_same_text(
    exported: Path, site_build: Build, tmp_path: Path
) -> None:
    # ProperDocs runs no hook here: the config `python -m iam_client_docs` wrote has none.
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks" not in config
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", *STRICT_BUILD, "--site-dir", str(site)],
        cwd=exported,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(site_build.site) for p in site_build.site.rglob("*.html"))
    assert pages == sorted(p.relative_to(site) for p in site.rglob("*.html"))
    for page in pages:
        # The same article, links aside: without the hook, raw HTML links stay as written, and
        # code blocks keep Pygments' elements (the theme hook's `compact_highlight`).
        articles = [
            ARTICLE.search((root / page).read_text(encoding="utf-8"))
            for root in (site_build.site, site)
        ]
        assert articles[0] is not None and articles[1] is not None, page
        hooked, plain = articles[0][0], compact_highlight(articles[1][0])
        assert HREF.sub("", hooked) == HREF.sub("", plain), page


# For assistants.


def llms_links(site: Path) -> dict[str, str]:
    """llms.txt's entries: link -> summary."""
    text = (site / "llms.txt").read_text(encoding="utf-8")
    return dict(re.findall(r"^- \[[^\]]+\]\(([^)]+)\): (.+)$", text, flags=re.MULTILINE))


def test_llms_txt_lists_every_page_with_its_summary(site_build: Build) -> None:
    text = (site_build.site / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# iam-client-models\n\n> ")
    links = llms_links(site_build.site)
    pages = {
        path.relative_to(site_build.site).as_posix().removesuffix("index.html")
        for path in site_build.site.rglob("*.html")
        if path.name != "404.html"
    }
    listed = set()
    for link in links:
        target = site_build.site / link
        assert target.exists(), link
        # A generated page (and the home page) is listed by its Markdown copy, `models/X.md`.
        page = link.removesuffix("index.md").removesuffix(".md")
        listed.add(page + "/" if link.endswith(".md") and page else page)
    assert pages == listed
    assert all(summary.strip() for summary in links.values())
    for doc in describe_types(iam_client_models):
        summary = " ".join(doc.docstring.split("\n\n")[0].split())
        assert links[f"models/{doc.name}.md"] == summary, doc.name


def test_each_generated_page_has_a_markdown_copy_with_its_title_and_properties(
    site_build: Build,
) -> None:
    for doc in describe_types(iam_client_models):
        copy = (site_build.site / "models" / f"{doc.name}.md").read_text(encoding="utf-8")
        assert copy.splitlines()[0] == f"# {doc.name}"
        # The mkdocstrings directive means nothing outside MkDocs.
        assert not re.search(r"^:::", copy, flags=re.MULTILINE), doc.name
        if isinstance(doc, ModelDoc):
            table = BeautifulSoup(copy, "html.parser")
            names = [code.get_text() for code in table.select("tr[id^=field-] td strong code")]
            assert names == [field.name for field in doc.fields], doc.name
    for path in generate().files:
        if path.endswith(".md"):
            assert (site_build.site / path).is_file(), path

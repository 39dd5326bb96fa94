"""Every example a reader can copy works: TypeScript compiles, Python runs and prints what it shows.

Blocks come from the built site (and the README), parametrized by page, so a failure names the
page. The TypeScript of all pages is compiled in one `tsc` run against the pinned upstream package.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import iam_client_models
from iam_client_docs.describe import public_types
from iam_client_docs.markup import model_page_path
from tests import examples
from tests.conftest import Build
from tests.examples import (
    README,
    CodeBlock,
    TypeCheck,
    code_blocks,
    expected_output,
    python_block_problem,
    readme_blocks,
    require_typescript,
    site_pages,
    typecheck,
)

PAGES = [*site_pages(), README]
CHECKED = ("typescript", "python")

# Compiled with the real blocks: proves in the same run that a wrong type is reported, and that
# the types are upstream's (`expires_in?: number`), not something that accepts anything.
CANARY = CodeBlock(
    page="(canary, on no page)",
    language="typescript",
    number=1,
    code=(
        "import { ConsumerAuthTokenEndpointOutput } from '@affinidi-tdk/iam-client'\n"
        "\n"
        "const wrong: ConsumerAuthTokenEndpointOutput = { expires_in: '3600' }\n"
    ),
)


@pytest.fixture(scope="session")
def blocks(site_build: Build) -> dict[str, list[CodeBlock]]:
    """The code blocks of every page, by page."""
    return {
        page: readme_blocks() if page == README else code_blocks(site_build.page(page), page)
        for page in PAGES
    }


@pytest.fixture(scope="session")
def typescript_check(blocks: dict[str, list[CodeBlock]]) -> TypeCheck:
    require_typescript(node=True)
    shown = [block for page in PAGES for block in blocks[page] if block.language == "typescript"]
    check = typecheck([*shown, CANARY])
    assert not check.unattributed, f"{check.command}:\n" + "\n".join(check.unattributed)
    return check


@pytest.mark.parametrize("page", PAGES)
def test_typescript_blocks_compile(
    page: str, blocks: dict[str, list[CodeBlock]], typescript_check: TypeCheck
) -> None:
    problems = typescript_check.problems(b for b in blocks[page] if b.language == "typescript")
    if problems:
        pytest.fail(f"tsc {typescript_check.command}:\n" + "\n".join(problems), pytrace=False)


@pytest.mark.parametrize("page", PAGES)
def test_python_blocks_run_and_print_what_they_show(
    page: str, blocks: dict[str, list[CodeBlock]], example_env: dict[str, str], tmp_path: Path
) -> None:
    problems = [
        problem
        for block in blocks[page]
        if block.language == "python"
        and (problem := python_block_problem(block, tmp_path, example_env)) is not None
    ]
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


def test_every_page_with_examples_is_checked(site_build: Build) -> None:
    built = sorted(
        path.relative_to(site_build.site).as_posix() for path in site_build.site.rglob("*.html")
    )
    with_examples = [
        page
        for page in built
        if any(block.language in CHECKED for block in code_blocks(site_build.page(page), page))
    ]
    assert set(PAGES) - {README} <= set(built)
    unchecked = sorted(set(with_examples) - set(PAGES))
    assert not unchecked, f"no test checks the examples of {unchecked}: extend site_pages()"


def test_every_model_page_shows_a_typescript_and_a_python_example(
    blocks: dict[str, list[CodeBlock]],
) -> None:
    model_pages = [page for page in PAGES if page.startswith("models/")]
    assert model_pages
    unions = {
        model_page_path(obj.__name__).removesuffix(".md") + "/index.html"
        for obj in public_types(iam_client_models)
        if not isinstance(obj, type)
    }
    for page in model_pages:
        languages = [block.language for block in blocks[page]]
        # A union's page has one example per alternative; every other page one.
        count = 2 if page in unions else 1
        assert languages.count("typescript") == count, page
        assert languages.count("python") == count, page
        for python in (block for block in blocks[page] if block.language == "python"):
            assert expected_output(python.code), f"{page}: the Python example shows no output"


def test_readme_python_example_shows_its_output() -> None:
    python = [block for block in readme_blocks() if block.language == "python"]
    assert python
    assert all(expected_output(block.code) for block in python)


def test_a_wrong_type_is_reported_with_the_compiler_message(typescript_check: TypeCheck) -> None:
    (problem,) = typescript_check.problems([CANARY])
    assert problem.startswith("(canary, on no page), typescript block 1: line 3: error TS2322:")
    assert "Type 'string' is not assignable to type 'number'." in problem
    assert "> const wrong: ConsumerAuthTokenEndpointOutput" in problem


def test_expected_output_is_the_hash_arrow_lines() -> None:
    code = 'print("a")\n#> a\nfor x in "bc":\n    print(x)\n    #> b\n#>\n# > c\n# not > output\n'
    assert expected_output(code) == "a\nb\n\nc"
    assert expected_output('print("a")  # a\n') is None


def _python(code: str) -> CodeBlock:
    return CodeBlock("models/Some/index.html", "python", 2, code)


def test_python_block_passing(tmp_path: Path) -> None:
    block = _python("from iam_client_models import __all__\nprint(len(__all__) > 0)\n#> True\n")
    assert python_block_problem(block, tmp_path) is None


def test_python_block_with_other_output_names_page_and_both_outputs(tmp_path: Path) -> None:
    problem = python_block_problem(_python('print("bearer 3600")\n#> bearer 60\n'), tmp_path)
    assert problem is not None
    assert problem.startswith("models/Some/index.html, python block 2: the printed output")
    assert "shown:\n    bearer 60\nprinted:\n    bearer 3600" in problem


def test_python_block_that_raises_names_page_and_error(tmp_path: Path) -> None:
    problem = python_block_problem(_python("import json\njson.loads('{')\n"), tmp_path)
    assert problem is not None
    assert problem.startswith("models/Some/index.html, python block 2 exits with status 1:")
    assert "JSONDecodeError" in problem


def test_python_block_runs_outside_the_checkout_with_extra_environment(tmp_path: Path) -> None:
    code = "import os, pathlib\nprint(os.environ['IAM_API_BASE_URL'], pathlib.Path.cwd().name)\n"
    block = _python(code + f"#> http://127.0.0.1:1/iam {tmp_path.name}\n")
    assert (
        python_block_problem(block, tmp_path, {"IAM_API_BASE_URL": "http://127.0.0.1:1/iam"})
        is None
    )


def test_missing_node_skips_naming_what_to_install_but_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"install Node\.js 18 or newer with npm"):
        require_typescript(node=True)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set: these checks must run"):
        require_typescript(node=True)


def test_missing_packages_skip_naming_npm_ci_but_fail_under_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(examples, "NODE_MODULES", tmp_path)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"typescript missing, the pin is 5\.9\.3"):
        require_typescript(node=False)
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="run `npm ci` in tests/typescript"):
        require_typescript(node=False)

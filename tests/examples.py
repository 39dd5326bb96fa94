"""Find the code blocks readers see, run the Python ones, type-check the TypeScript ones.

Blocks are read from HTML (the built site, or the README rendered the same way), so what is
checked is what is shown. TypeScript is compiled by the toolchain pinned in `tests/typescript`
(`npm ci` there installs it); Python runs in a fresh interpreter with the project installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.structure.files import File

import iam_client_models
from iam_client_docs.describe import public_types
from iam_client_docs.markup import api_page_path, model_page_path
from iam_client_docs.render import DIFFERENCES_PAGE
from iam_client_models.endpoints import API_CLASSES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = "README.md"
TYPESCRIPT_PROJECT = ROOT / "tests" / "typescript"
NODE_MODULES = TYPESCRIPT_PROJECT / "node_modules"
UPSTREAM_PACKAGE = "@affinidi-tdk/iam-client"

__all__ = [
    "PINNED_NODE",
    "README",
    "CodeBlock",
    "FormatCheck",
    "TypeCheck",
    "code_blocks",
    "expected_output",
    "prettier_check",
    "python_block_problem",
    "readme_blocks",
    "require_typescript",
    "ruff_format_check",
    "site_pages",
    "typecheck",
]


@dataclass(frozen=True)
class CodeBlock:
    """One fenced code block as a reader sees it."""

    page: str
    """Where it is shown: the built page (`models/Name/index.html`) or `README.md`."""
    language: str
    number: int
    """1 for the page's first block in this language, 2 for the second, ..."""
    code: str

    @property
    def label(self) -> str:
        return f"{self.page}, {self.language} block {self.number}"


def site_pages() -> list[str]:
    """Every page of the site as its built HTML path: the hand-written docs, one per model and
    one per API class.

    Known before the build, so tests can be parametrized by page; a test compares this with
    the pages of the real build, so a page added any other way cannot go unchecked.
    """
    sources = [path.relative_to(DOCS).as_posix() for path in sorted(DOCS.rglob("*.md"))]
    sources += [model_page_path(obj.__name__) for obj in public_types(iam_client_models)]
    sources.append(DIFFERENCES_PAGE)
    sources += [api_page_path(api.name) for api in API_CLASSES]
    # mkdocs.yml keeps MkDocs' default use_directory_urls.
    return sorted(
        File(source, str(DOCS), "", use_directory_urls=True).dest_uri for source in sources
    )


_ALIASES = {"ts": "typescript", "py": "python", "python3": "python"}


def _language(code: Tag) -> str | None:
    for node in (code, *code.parents):
        for css_class in node.get_attribute_list("class"):
            if css_class and css_class.startswith("language-"):
                language = str(css_class.removeprefix("language-"))
                return _ALIASES.get(language, language)
        if node.name in ("article", "body"):
            break
    return None


def code_blocks(html: BeautifulSoup | Tag, page: str) -> list[CodeBlock]:
    """The fenced code blocks of a page (`<pre><code>`), in page order, with their language.

    Inline code (`<code>` outside `<pre>`) is not a block, even where it is highlighted.
    """
    blocks: list[CodeBlock] = []
    counts: dict[str, int] = {}
    for code in html.select("pre > code"):
        language = _language(code) or "text"
        counts[language] = counts.get(language, 0) + 1
        blocks.append(CodeBlock(page, language, counts[language], code.get_text()))
    return blocks


def readme_blocks() -> list[CodeBlock]:
    """The README's code blocks, rendered to HTML as a code host does (fenced code)."""
    text = (ROOT / README).read_text(encoding="utf-8")
    html = markdown.markdown(text, extensions=["fenced_code"])
    return code_blocks(BeautifulSoup(html, "html.parser"), README)


# ---------------------------------------------------------------------------------------------
# Python


# `# > text`, as `ruff format` writes it (and the page renderer does), or `#> text`, as
# pydantic's docs do.
_OUTPUT_LINE = re.compile(r"\s*# ?>(?: (.*))?")


def expected_output(code: str) -> str | None:
    """What the block shows it prints: its `# > ...` lines in order, or None if it has none."""
    lines = [
        match.group(1) or "" for match in map(_OUTPUT_LINE.fullmatch, code.splitlines()) if match
    ]
    return "\n".join(lines) if lines else None


def _normalise(output: str) -> str:
    return "\n".join(line.rstrip() for line in output.strip("\n").splitlines())


def python_block_problem(
    block: CodeBlock, directory: Path, env: Mapping[str, str] | None = None
) -> str | None:
    """Run `block` in a fresh interpreter in `directory`; say what is wrong, or None.

    The interpreter is this one (`sys.executable`), where the project is installed. `env`
    adds variables to the example's environment (say, the base URL of a local mock server).
    """
    script = directory / (re.sub(r"[^A-Za-z0-9]+", "_", block.label).strip("_") + ".py")
    script.write_text(block.code, encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, script.name],
            cwd=directory,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{block.label}: still running after 120 s"
    if result.returncode != 0:
        return (
            f"{block.label} exits with status {result.returncode}:\n"
            f"{result.stderr.rstrip() or result.stdout.rstrip()}"
        )
    expected = expected_output(block.code)
    if expected is not None and _normalise(result.stdout) != _normalise(expected):
        return (
            f"{block.label}: the printed output differs from the # > lines shown.\n"
            f"shown:\n{_indent(expected)}\nprinted:\n{_indent(result.stdout)}"
        )
    return None


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.strip("\n").splitlines()) or "    (nothing)"


# ---------------------------------------------------------------------------------------------
# TypeScript


def _ci() -> bool:
    return bool(os.environ.get("CI"))  # as scripts/test reads it: set and not empty


def _pinned(package: str) -> str:
    manifest = json.loads((TYPESCRIPT_PROJECT / "package.json").read_text(encoding="utf-8"))
    version = manifest["devDependencies"][package]
    assert isinstance(version, str)
    return version


def _installed(package: str) -> str | None:
    path = NODE_MODULES / package / "package.json"
    if not path.is_file():
        return None
    version = json.loads(path.read_text(encoding="utf-8")).get("version")
    return version if isinstance(version, str) else None


def require_typescript(*, node: bool, also: Sequence[str] = ()) -> None:
    """Skip the calling test when the pinned toolchain is missing, saying what to install.

    `also` names more pinned npm packages the test needs (`@redocly/cli`; `node`, the pinned
    Node binary, and `prettier`). With `CI` set the
    test fails instead: CI must never pass by skipping these checks.
    """
    problem = None
    if node and shutil.which("node") is None:
        problem = (
            "node is not on PATH: install Node.js 18 or newer with npm (Debian: apt-get install "
            "nodejs npm), then run scripts/test, which runs `npm ci` in tests/typescript"
        )
    else:
        # `node`: the pinned Node the tools run on, beside the machine's, which runs npm.
        for package in ("typescript", UPSTREAM_PACKAGE, *(("node",) if node else ()), *also):
            wanted, found = _pinned(package), _installed(package)
            if found != wanted:
                problem = (
                    f"tests/typescript/node_modules has {package} {found or 'missing'}, the pin "
                    f"is {wanted}: run `npm ci` in tests/typescript (scripts/test does; it needs "
                    "Node.js 18 or newer with npm)"
                )
                break
    if problem is None:
        return
    if _ci():
        pytest.fail(f"{problem} [CI is set: these checks must run, not be skipped]", pytrace=False)
    pytest.skip(problem)


PINNED_NODE = NODE_MODULES / ".bin" / "node"
"""The Node binary of the npm package `node` pinned in tests/typescript (a supported LTS)."""


@dataclass(frozen=True)
class FormatCheck:
    """The result of one formatter run over many blocks."""

    failing: list[CodeBlock]
    """The blocks the formatter would change."""
    detail: str
    """What it would change in the first few of them."""

    def problems(self, blocks: Iterable[CodeBlock]) -> list[str]:
        return [block.label for block in blocks if block in self.failing]


def _format_check(
    blocks: Sequence[CodeBlock], suffix: str, check: list[str], show: list[str]
) -> FormatCheck:
    """Run `check + files` once over `blocks` (each written to a file of its own); the files
    it names as unformatted are failing, and `show + files` says how, for the first three."""
    with tempfile.TemporaryDirectory(prefix="format-") as temporary:
        directory = Path(temporary)
        files = {f"block{index:03d}{suffix}": block for index, block in enumerate(blocks, 1)}
        for name, block in files.items():
            (directory / name).write_text(block.code, encoding="utf-8")

        def run(command: list[str]) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                command, cwd=directory, capture_output=True, text=True, timeout=300, check=False
            )

        result = run([*check, *files])
        output = result.stdout + result.stderr
        named = [name for name in files if re.search(rf"\b{re.escape(name)}\b", output)]
        if result.returncode not in (0, 1) or (result.returncode == 1) != bool(named):
            raise AssertionError(f"{' '.join(check)} exited {result.returncode}:\n{output}")
        detail = run([*show, *named[:3]]).stdout if named else ""
    return FormatCheck([files[name] for name in named], detail)


def prettier_check(blocks: Sequence[CodeBlock]) -> FormatCheck:
    """`prettier --check` of the pinned Prettier over the TypeScript `blocks`, in one Node
    process. Prettier's own defaults apply: no configuration file or `.editorconfig` is read."""
    prettier = [str(PINNED_NODE), str(NODE_MODULES / "prettier" / "bin" / "prettier.cjs")]
    options = ["--no-config", "--no-editorconfig", "--parser", "typescript"]
    return _format_check(blocks, ".ts", [*prettier, "--check", *options], [*prettier, *options])


def ruff_format_check(blocks: Sequence[CodeBlock]) -> FormatCheck:
    """`ruff format --check`, with this project's settings, over the Python `blocks`."""
    ruff = [sys.executable, "-m", "ruff", "format", "--config", str(ROOT / "pyproject.toml")]
    return _format_check(blocks, ".py", [*ruff, "--check"], [*ruff, "--diff"])


@dataclass
class TypeCheck:
    """The result of one `tsc` run over many blocks."""

    errors: dict[CodeBlock, list[str]] = field(default_factory=dict)
    """Compiler messages by block, each with its line and the source line it points to."""
    unattributed: list[str] = field(default_factory=list)
    """Compiler output about no block (the configuration, the libraries): always a failure."""
    command: str = ""

    def problems(self, blocks: Iterable[CodeBlock]) -> list[str]:
        return [
            f"{block.label}: {error}" for block in blocks for error in self.errors.get(block, [])
        ]


_DIAGNOSTIC = re.compile(r"(?P<file>[^\s(][^(]*)\((?P<line>\d+),(?P<column>\d+)\): (?P<text>.*)")

# Every block is its own module; the compiler options are those of a strict user project.
_COMPILER_OPTIONS = {
    "target": "es2022",
    "module": "esnext",
    "moduleResolution": "bundler",
    "moduleDetection": "force",
    "types": [],
}


def typecheck(blocks: Sequence[CodeBlock]) -> TypeCheck:
    """Compile all `blocks` in one `tsc --noEmit --strict` run against the pinned packages.

    The files are written in a temporary folder inside tests/typescript, so imports resolve
    through its node_modules exactly as in a user's project.
    """
    tsc = NODE_MODULES / "typescript" / "bin" / "tsc"
    with tempfile.TemporaryDirectory(dir=TYPESCRIPT_PROJECT, prefix=".blocks-") as temporary:
        directory = Path(temporary)
        files = {f"block{index:03d}.ts": block for index, block in enumerate(blocks, 1)}
        for name, block in files.items():
            (directory / name).write_text(block.code, encoding="utf-8")
        config = {"compilerOptions": _COMPILER_OPTIONS, "files": sorted(files)}
        (directory / "tsconfig.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
        command = [
            str(PINNED_NODE),
            str(tsc),
            "-p",
            "tsconfig.json",
            "--noEmit",
            "--strict",
            "--pretty",
            "false",
        ]
        result = subprocess.run(
            command, cwd=directory, capture_output=True, text=True, timeout=300, check=False
        )
    check = TypeCheck(command=" ".join(command[2:]))
    found: list[tuple[CodeBlock, list[str], str]] = []  # block, message lines, source line
    continued: list[str] = check.unattributed  # where an indented continuation line goes
    for line in (result.stdout + result.stderr).splitlines():
        match = _DIAGNOSTIC.fullmatch(line)
        if match and match["file"] in files:
            block = files[match["file"]]
            source = block.code.splitlines()
            number = int(match["line"])
            shown = source[number - 1].strip() if 0 < number <= len(source) else ""
            found.append((block, [f"line {number}: {match['text']}"], shown))
            continued = found[-1][1]
        elif line.startswith(" "):
            continued.append(line)  # the message goes on: keep it with its start
        elif line.strip():
            check.unattributed.append(line)
            continued = check.unattributed
    for block, message, shown in found:
        check.errors.setdefault(block, []).append("\n".join([*message, f"    > {shown}"]))
    if result.returncode != 0 and not found and not check.unattributed:
        check.unattributed.append(f"tsc exited with status {result.returncode} and said nothing")
    return check

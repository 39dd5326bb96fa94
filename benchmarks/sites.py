"""Docs build: the generated site against a plain-Markdown site with the same pages.

A *generated* project is a copy of the site config, `docs/` and the docs generator, with the
real model package in `src/`, or the real one plus N synthetic models; MkDocs builds it through
the hook and mkdocstrings. Its *plain* counterpart has, as static Markdown files, the pages the
hook and the plugins hand to MkDocs, each `::: package.Model` directive written out as static
Markdown of the same content (`api_section`), the hook's navigation and footer, and a config
without the hook and mkdocstrings; theme, Markdown extensions, search and validation are the
same. So generated / plain is what generating the pages costs over writing them by hand.
`python -m benchmarks.sites plain GENERATED PLAIN` (with the generated project's `src` first
on PYTHONPATH) writes the plain project.
"""

from __future__ import annotations

import ast
import importlib
import posixpath
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.yaml import yaml_load

from benchmarks import bytecode
from benchmarks.mkdocs_timed import TIMES
from benchmarks.timing import child_env, run_process
from iam_client_docs.describe import describe_types
from iam_client_docs.descriptions import EnumDoc, ModelDoc, PageDoc
from iam_client_docs.mkdocs_hook import PACKAGE
from iam_client_docs.render import python_spelling

ROOT = Path(__file__).resolve().parent.parent
SOURCE_PACKAGE = ROOT / "src" / PACKAGE
_TEMPLATE_MODULE = "consumer_auth"
_TEMPLATE_CLASS = "ConsumerAuthTokenEndpointOutput"
_GENERATOR_PLUGINS = {"mkdocstrings"}
RESULTS_SNIPPET = "performance/results.txt"  # under docs/
_DIRECTIVE = re.compile(r"^::: (\S+)$", re.MULTILINE)


MODELS_PER_MODULE = 10
"""Synthetic models per module: a package grows by adding models to its modules."""


def _template_module(source: str, names: Sequence[str]) -> str:
    """The template module's source with only the template class, once per name in `names`."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    template = next((node for node in classes if node.name == _TEMPLATE_CLASS), None)
    if template is None:
        raise AssertionError(f"{_TEMPLATE_MODULE}.py has no class {_TEMPLATE_CLASS}")
    head_end = min(node.lineno for node in classes) - 1
    head = "".join(lines[:head_end])
    body = "".join(lines[template.lineno - 1 : template.end_lineno])
    return head + "\n\n".join(body.replace(_TEMPLATE_CLASS, name) for name in names) + "\n"


def _insert_after(text: str, pattern: str, insertion: str) -> str:
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        raise AssertionError(f"{PACKAGE}/__init__.py has no line matching {pattern!r} to extend")
    return text[: match.end()] + insertion + text[match.end() :]


def synthetic_module(index: int) -> str:
    """The module name (below the package) of synthetic model number `index` (from 1)."""
    return f"synthetic_{(index - 1) // MODELS_PER_MODULE + 1:03d}"


def synthetic_package(count: int) -> dict[str, str]:
    """The real package plus `count` copies of our token response model under other names, as
    `{file name: text}`, `MODELS_PER_MODULE` to a module, exported as the real ones are (each
    by its registration line under `TYPE_CHECKING`, which `__all__` and the lazy table come from).
    """
    files = {
        path.name: path.read_text(encoding="utf-8") for path in sorted(SOURCE_PACKAGE.glob("*.py"))
    }
    template = files[f"{_TEMPLATE_MODULE}.py"]
    names = {index: f"SyntheticModel{index:04d}" for index in range(1, count + 1)}
    modules: dict[str, list[str]] = {}
    for index, name in names.items():
        modules.setdefault(synthetic_module(index), []).append(name)
    for module, members in modules.items():
        files[f"{module}.py"] = _template_module(template, members)
    if not names:
        return files
    init = files["__init__.py"]
    imports = "".join(
        f"    from {PACKAGE}.{synthetic_module(i)} import {n} as {n}\n" for i, n in names.items()
    )
    files["__init__.py"] = _insert_after(init, r"^if TYPE_CHECKING:\n", imports)
    return files


def api_section(doc: PageDoc) -> str:
    """Static Markdown with what mkdocstrings renders (as `mkdocs.yml` configures it) for the
    `:::` directive of `doc`: the heading, the bases, the fields with their types, and a heading
    per field (or member) with its docstring; for a named union its definition and docstring.
    """
    anchor = doc.qualified_name
    lines = [f"### `{doc.name}` {{ #{anchor} }}", ""]
    if isinstance(doc, ModelDoc):
        lines += ["Bases: `BaseModel`", "", "Fields:", ""]
        lines += [f"- `{f.name}` (`{python_spelling(f.type, f.nullable)}`)" for f in doc.fields]
        for field in doc.fields:
            value = "" if field.required else " = None"
            lines += ["", f"#### `{field.name}{value}` {{ #{anchor}.{field.name} }}"]
            lines += ["", field.description]
    elif isinstance(doc, EnumDoc):
        lines += ["Bases: `str`, `Enum`", "", doc.docstring]
        for member in doc.members:
            lines += ["", f"#### `{member.name} = {member.value!r}` {{ #{anchor}.{member.name} }}"]
            lines += ["", member.description]
    else:
        alternatives = ", ".join(f"`{alternative.model}`" for alternative in doc.alternatives)
        lines += [f"`{doc.name} = TypeAliasType(...)`: one of {alternatives}", "", doc.docstring]
    return "\n".join(lines)


def plain_markdown(markdown: str, docs: dict[str, PageDoc]) -> str:
    """`markdown` with each mkdocstrings directive written out as static Markdown."""

    def expand(match: re.Match[str]) -> str:
        if match[1] not in docs:
            raise AssertionError(f"no model {match[1]} for the directive {match[0]!r}")
        return api_section(docs[match[1]])

    return _DIRECTIVE.sub(expand, markdown)


def plain_config(config_text: str, copyright_line: str | None, nav: list[Any] | None = None) -> str:
    """The site config without the hook, mkdocstrings and source watching, `!ENV` resolved,
    with the footer and the navigation the hook would have set (None: the config's own)."""
    config: dict[str, Any] = yaml_load(config_text)
    config.pop("hooks", None)
    config.pop("watch", None)
    config["plugins"] = [
        plugin
        for plugin in config.get("plugins", [])
        if (plugin if isinstance(plugin, str) else next(iter(plugin))) not in _GENERATOR_PLUGINS
    ]
    if copyright_line is not None:
        config["copyright"] = copyright_line
    if nav is not None:
        config["nav"] = nav
    return yaml.safe_dump(config, sort_keys=False)


def write_plain_project(generated: Path, plain: Path) -> None:
    """Write `plain`'s pages and config from what `generated`'s hook and plugins produce."""
    config = load_config(str(generated / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    package = importlib.import_module(PACKAGE)  # as the hook has just imported it
    models = {doc.qualified_name: doc for doc in describe_types(package)}
    for file in files:
        # Files the hook generates beside the pages (openapi.json) are static files there.
        if not file.is_documentation_page() and file.generated_by is not None:
            target = plain / "docs" / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
    for file in files.documentation_pages():
        page = Page(None, file, config)
        markdown = config.plugins.on_page_markdown(
            file.content_string, page=page, config=config, files=files
        )

        # Raw HTML links name source files, which the hook turns into URLs in the HTML: here,
        # the URLs themselves, as a hand-written page would have them.
        def url(link: re.Match[str], src: str = file.src_uri, page: str = file.url) -> str:
            found = files.get_file_from_path(
                posixpath.normpath(posixpath.join(posixpath.dirname(src), link[1]))
            )
            return f'href="{get_relative_url(found.url, page) if found else link[1]}'

        markdown = re.sub(r'href="([^":#]+\.md)', url, plain_markdown(markdown, models))
        target = plain / "docs" / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    text = (generated / "mkdocs.yml").read_text(encoding="utf-8")
    plain_text = plain_config(text, config.copyright, nav=config.nav)
    (plain / "mkdocs.yml").write_text(plain_text, encoding="utf-8")


def env_for(project: Path) -> dict[str, str]:
    # The project's own package comes first, before the editable install of the real one;
    # the repository root makes `benchmarks` importable.
    return child_env([project / "src", ROOT])


def _copy_docs(project: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=ignore)
    results = project / "docs" / RESULTS_SNIPPET
    if not results.exists():
        # The first run ever: the page includes figures this very run has yet to write.
        results.parent.mkdir(parents=True, exist_ok=True)
        results.write_text("No figures yet: `scripts/bench` writes them.\n", "utf-8")


def prepare_generated(project: Path, count: int | None) -> Path:
    """A generated project in `project` (made afresh), with the real package (`count` None) or
    the real one plus `count` synthetic models; its config file."""
    shutil.rmtree(project, ignore_errors=True)
    _copy_docs(project)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    docs_package = ROOT / "src" / "iam_client_docs"
    shutil.copytree(docs_package, project / "src" / "iam_client_docs", ignore=ignore)
    package = project / "src" / PACKAGE
    package.mkdir(parents=True)
    for name, text in synthetic_package(count or 0).items():
        (package / name).write_text(text, encoding="utf-8")
    shutil.copy2(SOURCE_PACKAGE / "py.typed", package / "py.typed")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    bytecode.compile_paths(sys.executable, [project / "src"])
    return project / "mkdocs.yml"


def prepare_projects(workdir: Path, count: int | None) -> tuple[Path, Path]:
    """A generated project and its plain counterpart: their config files."""
    generated, plain = workdir / "generated", workdir / "plain"
    shutil.rmtree(workdir, ignore_errors=True)
    prepare_generated(generated, count)
    _copy_docs(plain)
    # The plain pages come from the generated project's own hook, in a process of its own.
    command = [sys.executable, "-m", "benchmarks.sites", "plain", str(generated), str(plain)]
    process = run_process(command, cwd=generated, env=env_for(generated))
    if process.returncode != 0:
        raise RuntimeError(f"writing the plain project failed:\n{process.output}")
    return generated / "mkdocs.yml", plain / "mkdocs.yml"


@dataclass(frozen=True)
class Build:
    """One strict build, in seconds: CPU time of MkDocs's build step (what `mkdocs serve`
    repeats on each change), CPU and wall time of the whole process, and CPU time of the
    Markdown conversion of every page (part of the build step)."""

    cpu: float
    process_cpu: float
    process_wall: float
    convert: float


def build_site(config_file: Path, site: Path, *, check_bytecode: bool = False) -> Build:
    """`mkdocs build --strict` (never `-q`) of `config_file` into `site`; fails on a warning,
    and with `check_bytecode` on a module imported without bytecode (`benchmarks.bytecode`)."""
    project = config_file.parent
    command = [sys.executable, "-m", "benchmarks.mkdocs_timed", "build", "--strict"]
    command += ["--config-file", str(config_file), "--site-dir", str(site)]
    env = env_for(project)
    if check_bytecode:
        env[bytecode.CHECK_ENV] = bytecode.now()
    process = run_process(command, cwd=project, env=env)
    shutil.rmtree(site, ignore_errors=True)
    times = TIMES.search(process.output)
    if process.returncode != 0 or "WARNING" in process.output or times is None:
        raise RuntimeError(f"the build of {project} failed:\n{process.output}")
    if check_bytecode:
        bytecode.check(process.output, f"the build of {project}")
    return Build(float(times[1]), process.cpu, process.wall, float(times[2]))


if __name__ == "__main__":
    if sys.argv[1:2] != ["plain"] or len(sys.argv) != 4:
        raise SystemExit("usage: python -m benchmarks.sites plain GENERATED PLAIN")
    write_plain_project(Path(sys.argv[2]), Path(sys.argv[3]))

"""Docs build: the generated site against a plain-Markdown site with the same pages.

A *generated* project is a copy of the site config, `docs/` and the docs generator, with a
model package (the real one, or N synthetic models) in `src/`: MkDocs builds it through the
hook and mkdocstrings, as `scripts/build-docs` does. Its *plain* counterpart has the same
pages as static Markdown files and a config without the hook and without mkdocstrings:

- each model page is the renderer's own Markdown for that model, written to `docs/models/`;
- the `::: package.Model` directive, which mkdocstrings expands into the Python API section,
  is replaced by static Markdown of the same content (`api_section`): the class heading with
  its anchor, its base class, the list of fields with their types, and one heading per field
  with its anchor;
- the home page is `docs/index.md` with its model list written in;
- everything else (theme, Markdown extensions, search, validation, other pages) is the same.

So the ratio generated/plain is what generating the pages costs over writing them by hand.
Run as `python -m benchmarks.sites plain DOCS_DIR` (with the package on PYTHONPATH) it writes
the plain pages of whatever `iam_client_models` it imports.
"""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks.mkdocs_timed import MARKER
from benchmarks.timing import child_env, run_process
from iam_client_docs.describe import ModelDoc, describe_model, public_models
from iam_client_docs.mkdocs_hook import MODEL_LIST_MARKER, PACKAGE
from iam_client_docs.render import (
    HOME_PAGE,
    model_page_path,
    render_model_list,
    render_model_page,
)

__all__ = [
    "Build",
    "api_section",
    "build_site",
    "plain_config",
    "plain_model_page",
    "prepare_projects",
    "synthetic_package",
]

ROOT = Path(__file__).resolve().parent.parent
SOURCE_PACKAGE = ROOT / "src" / PACKAGE
_TEMPLATE_MODULE = "consumer_auth_token_endpoint_output"
_TEMPLATE_CLASS = "ConsumerAuthTokenEndpointOutput"
_GENERATOR_PLUGINS = {"mkdocstrings"}


def synthetic_package(count: int) -> dict[str, str]:
    """The files of a package of `count` documented models, as `{file name: text}`.

    Each model is our real model's source under another class name, so every synthetic page
    is as rich as the real one; `_types.py` is the real one, which the generator imports.
    """
    template = (SOURCE_PACKAGE / f"{_TEMPLATE_MODULE}.py").read_text(encoding="utf-8")
    files = {"_types.py": (SOURCE_PACKAGE / "_types.py").read_text(encoding="utf-8")}
    names = [f"SyntheticModel{index:04d}" for index in range(1, count + 1)]
    for name in names:
        files[f"{name.lower()}.py"] = template.replace(_TEMPLATE_CLASS, name)
    imports = "".join(f"from {PACKAGE}.{name.lower()} import {name}\n" for name in names)
    exported = "".join(f'    "{name}",\n' for name in names)
    files["__init__.py"] = (
        f'"""{count} synthetic documented models for the docs-build benchmark."""\n\n'
        f"{imports}\n__all__ = [\n{exported}]\n"
    )
    return files


def api_section(model: ModelDoc) -> str:
    """Static Markdown with what mkdocstrings renders for the `:::` directive.

    As configured in `mkdocs.yml` it renders the class heading, the base class, the list of
    fields with their types, and one heading per field (`name = None`); descriptions are not
    repeated there (the properties table above has them).
    """
    lines = [
        f"### `{model.name}` {{ #{model.qualified_name} }}",
        "",
        "Bases: `BaseModel`",
        "",
        "Fields:",
        "",
    ]
    lines += [f"- `{field.name}` (`{field.python_type}`)" for field in model.fields]
    for field in model.fields:
        value = "" if field.required else " = None"
        lines += ["", f"#### `{field.name}{value}` {{ #{model.qualified_name}.{field.name} }}"]
    return "\n".join(lines)


def plain_model_page(model: ModelDoc) -> str:
    """The renderer's page for `model`, with the mkdocstrings directive written out."""
    page = render_model_page(model)
    directive = f"\n::: {model.qualified_name}\n"
    if directive not in page:
        raise AssertionError(f"the page of {model.name} has no {directive.strip()!r} line")
    return page.replace(directive, f"\n{api_section(model)}\n")


def plain_config(config_text: str) -> str:
    """The site config without the generator: no hook, no mkdocstrings, no source watching."""
    config: dict[str, Any] = yaml.safe_load(config_text)
    config.pop("hooks", None)
    config.pop("watch", None)
    config["plugins"] = [
        plugin
        for plugin in config.get("plugins", [])
        if (plugin if isinstance(plugin, str) else next(iter(plugin))) not in _GENERATOR_PLUGINS
    ]
    return yaml.safe_dump(config, sort_keys=False)


def write_plain_pages(docs: Path) -> int:
    """Write the plain pages of the importable `iam_client_models` into `docs`; the count."""
    models = [describe_model(model, PACKAGE) for model in public_models(_import_package())]
    for model in models:
        target = docs / model_page_path(model.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_model_page(model), encoding="utf-8")
    home = docs / HOME_PAGE
    text = home.read_text(encoding="utf-8")
    home.write_text(text.replace(MODEL_LIST_MARKER, render_model_list(models)), encoding="utf-8")
    return len(models)


def _import_package() -> Any:
    return importlib.import_module(PACKAGE)


def _copy_common(project: Path) -> None:
    shutil.copytree(ROOT / "docs", project / "docs")


def _env(project: Path) -> dict[str, str]:
    # The project's own package comes first, before the editable install of the real one;
    # the repository root makes `benchmarks` importable.
    return child_env([project / "src", ROOT])


def prepare_projects(workdir: Path, count: int | None) -> tuple[Path, Path]:
    """A generated project and its plain counterpart under `workdir`.

    `count` None: the real package; otherwise `count` synthetic models.
    """
    generated, plain = workdir / "generated", workdir / "plain"
    shutil.rmtree(workdir, ignore_errors=True)
    for project in (generated, plain):
        _copy_common(project)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(
        ROOT / "src" / "iam_client_docs", generated / "src/iam_client_docs", ignore=ignore
    )
    package = generated / "src" / PACKAGE
    if count is None:
        shutil.copytree(SOURCE_PACKAGE, package, ignore=ignore)
    else:
        package.mkdir(parents=True)
        for name, text in synthetic_package(count).items():
            (package / name).write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (generated / "mkdocs.yml").write_text(config, encoding="utf-8")
    (plain / "mkdocs.yml").write_text(plain_config(config), encoding="utf-8")
    # The plain pages come from the same package, imported in a process of its own.
    subprocess.run(
        [sys.executable, "-m", "benchmarks.sites", "plain", str(plain / "docs")],
        env=_env(generated),
        cwd=ROOT,
        check=True,
    )
    return generated, plain


@dataclass(frozen=True)
class Build:
    """One strict build, in seconds: the build itself (CPU, wall) and the whole process."""

    cpu: float
    """CPU time of MkDocs's build step: what `mkdocs serve` repeats on each change."""
    wall: float
    process_cpu: float
    """CPU time of the whole `mkdocs build` process, interpreter start and imports included."""
    process_wall: float


_TIMES = re.compile(MARKER + r" cpu=([0-9.]+) wall=([0-9.]+)")


def build_site(project: Path, site: Path) -> Build:
    """`mkdocs build --strict` (never `-q`) of `project` into `site`; fails on any warning."""
    command = [sys.executable, "-m", "benchmarks.mkdocs_timed", "build", "--strict"]
    process = run_process([*command, "--site-dir", str(site)], cwd=project, env=_env(project))
    shutil.rmtree(site, ignore_errors=True)
    times = _TIMES.search(process.output)
    if process.returncode != 0 or "WARNING" in process.output or times is None:
        raise RuntimeError(f"the build of {project} failed:\n{process.output}")
    return Build(float(times[1]), float(times[2]), process.cpu, process.wall)


if __name__ == "__main__":
    if sys.argv[1:2] != ["plain"] or len(sys.argv) != 3:
        raise SystemExit("usage: python -m benchmarks.sites plain DOCS_DIR")
    write_plain_pages(Path(sys.argv[2]))

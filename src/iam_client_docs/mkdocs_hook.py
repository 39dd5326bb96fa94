"""MkDocs hook: add one generated page per public model, fill the home page's model list and
name the package version in the footer.

All rendering is in `iam_client_docs.render`; this only loads the package and hands pages over.
"""

from __future__ import annotations

import importlib
import linecache
import sys

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from iam_client_docs.describe import DocsError, ModelDoc, describe_model, public_models
from iam_client_docs.render import (
    HOME_PAGE,
    model_page_path,
    render_footer,
    render_model_list,
    render_model_page,
)

PACKAGE = "iam_client_models"
MODEL_LIST_MARKER = "<!-- generated: model list -->"

_models: list[ModelDoc] = []


def _load_models() -> list[ModelDoc]:
    # `mkdocs serve` rebuilds in one process: drop the cached package so edits are seen.
    for name in [name for name in sys.modules if name == PACKAGE or name.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    linecache.checkcache()  # pydantic reads attribute docstrings through linecache
    package = importlib.import_module(PACKAGE)
    return [describe_model(model, PACKAGE) for model in public_models(package)]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Every build, each `mkdocs serve` rebuild too, starts here, and config changes belong here.
    try:
        _models[:] = _load_models()
    except DocsError as error:
        raise PluginError(f"iam-client-models reference: {error}") from None
    # The version is written once, in the package, which _load_models has just imported afresh.
    version = getattr(importlib.import_module(PACKAGE), "__version__", None)
    if not isinstance(version, str):
        raise PluginError(f"{PACKAGE}.__version__ must be the release string, not {version!r}")
    config.copyright = render_footer(version)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for model in _models:
        path = model_page_path(model.name)
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is generated from {model.qualified_name}: delete it")
        files.append(File.generated(config, path, content=render_model_page(model)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != HOME_PAGE:
        return markdown
    if MODEL_LIST_MARKER not in markdown:
        raise PluginError(f"docs/{HOME_PAGE} lost the line {MODEL_LIST_MARKER!r}")
    return markdown.replace(MODEL_LIST_MARKER, render_model_list(_models, HOME_PAGE))

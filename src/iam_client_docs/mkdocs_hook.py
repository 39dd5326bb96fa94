"""MkDocs hook: add the generated model and endpoint pages, fill the home page's lists and name
the package version in the footer.

All rendering is in `iam_client_docs.render`; this only loads the package and hands pages over.
"""

from __future__ import annotations

import importlib
import linecache
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from iam_client_docs.describe import DocsError, describe_types
from iam_client_docs.describe_api import (
    ApiDoc,
    SchemeDoc,
    describe_api,
    describe_schemes,
    model_usages,
)
from iam_client_docs.descriptions import ModelDoc, PageDoc
from iam_client_docs.markup import HOME_PAGE, api_page_path, model_page_path
from iam_client_docs.openapi import OPENAPI_PATH, document_json, package_document
from iam_client_docs.render import (
    DIFFERENCES_PAGE,
    navigation,
    render_deviations_page,
    render_footer,
    render_model_list,
    render_page,
)
from iam_client_docs.render_api import render_api_list, render_api_page, render_authorization

PACKAGE = "iam_client_models"
ENDPOINTS = f"{PACKAGE}.endpoints"
EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
MODEL_LIST_MARKER = "<!-- generated: model list -->"
API_LIST_MARKER = "<!-- generated: api list -->"
AUTHORIZATION_MARKER = "<!-- generated: authorization -->"


@dataclass
class _Reference:
    """What `on_config` loaded, for the later events of the same build."""

    models: list[PageDoc] = field(default_factory=list)
    apis: list[ApiDoc] = field(default_factory=list)
    schemes: tuple[SchemeDoc, ...] = ()
    base_url: str = ""


_reference = _Reference()


def _load_models() -> list[PageDoc]:
    # `mkdocs serve` rebuilds in one process: drop the cached package so edits are seen.
    for name in [name for name in sys.modules if name == PACKAGE or name.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    linecache.checkcache()  # pydantic reads attribute docstrings through linecache
    package = importlib.import_module(PACKAGE)
    return describe_types(package)


def _load_apis(pages: list[PageDoc]) -> tuple[list[ApiDoc], tuple[SchemeDoc, ...], str]:
    """The API classes and authorization schemes declared in the endpoints module (imported
    afresh after `_load_models`)."""
    endpoints = importlib.import_module(ENDPOINTS)
    models = [page for page in pages if isinstance(page, ModelDoc)]
    apis = [describe_api(api, models, EXAMPLES_DIR) for api in endpoints.API_CLASSES]
    schemes = describe_schemes(endpoints.SECURITY_SCHEMES, endpoints.API_CLASSES)
    return apis, schemes, endpoints.BASE_URL


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Every build, each `mkdocs serve` rebuild too, starts here, and config changes belong here.
    try:
        models = _load_models()
        apis, schemes, base_url = _load_apis(models)
    except DocsError as error:
        raise PluginError(f"iam-client-models reference: {error}") from None
    _reference.models, _reference.apis, _reference.base_url = models, apis, base_url
    _reference.schemes = schemes
    # The version is written once, in the package, which _load_models has just imported afresh.
    version = getattr(importlib.import_module(PACKAGE), "__version__", None)
    if not isinstance(version, str):
        raise PluginError(f"{PACKAGE}.__version__ must be the release string, not {version!r}")
    config.copyright = render_footer(version)
    # The generated sections go after the home page; mkdocs.yml lists the hand-written pages.
    nav = list(config.nav or [])
    generated = [
        {"Endpoints": [api_page_path(api.name) for api in apis]},
        {"Models": navigation(models)},
        {"Differences from upstream": DIFFERENCES_PAGE},
    ]
    config.nav = nav[:1] + generated + nav[1:]
    return config


def _add(files: Files, config: MkDocsConfig, path: str, source: str, content: str) -> None:
    if files.get_file_from_path(path) is not None:
        raise PluginError(f"docs/{path} is generated from {source}: delete it")
    files.append(File.generated(config, path, content=content))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    usages = model_usages(_reference.apis)
    for model in _reference.models:
        page = render_page(model, usages.get(model.name, ()))
        _add(files, config, model_page_path(model.name), model.qualified_name, page)
    deviations = render_deviations_page(_reference.models)
    _add(files, config, DIFFERENCES_PAGE, "the UpstreamDeviation of every field", deviations)
    for api in _reference.apis:
        page = render_api_page(api, _reference.base_url)
        _add(files, config, api_page_path(api.name), f"{ENDPOINTS}.API_CLASSES", page)
    # The OpenAPI document, at the site root: from the package and the declarations, which
    # on_config has just imported afresh.
    try:
        openapi = package_document(sys.modules[PACKAGE], sys.modules[ENDPOINTS])
    except (DocsError, ValueError) as error:
        raise PluginError(f"iam-client-models OpenAPI document: {error}") from None
    _add(files, config, OPENAPI_PATH, f"{ENDPOINTS} and the models", document_json(openapi))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != HOME_PAGE:
        return markdown
    for marker in (MODEL_LIST_MARKER, API_LIST_MARKER, AUTHORIZATION_MARKER):
        if marker not in markdown:
            raise PluginError(f"docs/{HOME_PAGE} lost the line {marker!r}")
    models = render_model_list(_reference.models, HOME_PAGE)
    apis = render_api_list(_reference.apis, _reference.base_url, HOME_PAGE)
    schemes = render_authorization(_reference.schemes, _reference.apis, HOME_PAGE)
    return (
        markdown.replace(MODEL_LIST_MARKER, models)
        .replace(API_LIST_MARKER, apis)
        .replace(AUTHORIZATION_MARKER, schemes)
    )

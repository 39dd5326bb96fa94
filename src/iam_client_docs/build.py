"""The generated part of the reference site, from one entry point, `generate()`.

`generate()` reads the package and its endpoint declarations and returns every generated file
(its path under `docs/` and its text), the navigation of the generated sections, the footer and
the home page's generated lists. It writes nothing and knows no site generator: the MkDocs hook
(`mkdocs_hook`) hands the result to MkDocs, and `python -m iam_client_docs DIR` writes the same
pages to disk for any other generator (`write_docs`).

Links. Every relative link in a generated page, in Markdown and in raw HTML alike, names the
target's source file relative to the page's own source file (`../models/TokenDto.md#field-x`):
the form Zensical resolves in both, and MkDocs in Markdown. MkDocs leaves raw HTML alone, so
the MkDocs hook resolves those links itself (`SOURCE_LINK`), as Zensical does.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from iam_client_docs.describe import DocsError, describe_types
from iam_client_docs.describe_api import describe_api, describe_schemes, model_usages
from iam_client_docs.descriptions import ApiDoc, ModelDoc, PageDoc
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

__all__ = [
    "API_LIST_MARKER",
    "AUTHORIZATION_MARKER",
    "EXAMPLES_DIR",
    "MODEL_LIST_MARKER",
    "PACKAGE",
    "SOURCE_LINK",
    "DocsError",
    "PageSummary",
    "Reference",
    "generate",
    "handwritten_summary",
    "llms_txt",
    "markdown_copy",
    "site_config",
    "write_docs",
]

PACKAGE = "iam_client_models"
EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
MODEL_LIST_MARKER = "<!-- generated: model list -->"
API_LIST_MARKER = "<!-- generated: api list -->"
AUTHORIZATION_MARKER = "<!-- generated: authorization -->"

SOURCE_LINK = re.compile(
    r'href="(?P<path>(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)[^"#]*\.md)(?P<anchor>#[^"]*)?"'
)
"""A relative link to a page's source file in HTML: `href="../models/TokenDto.md#field-x"`.

After MkDocs has converted the Markdown links, only the raw HTML ones are left in this form.
"""

_MKDOCSTRINGS = re.compile(r"^::: (?P<name>\S+)$", re.MULTILINE)


@dataclass(frozen=True)
class PageSummary:
    """A page as a list of pages names it (the site's `llms.txt`)."""

    path: str
    """The page's source file, relative to `docs/`."""
    title: str
    summary: str
    """One line, Markdown."""


@dataclass(frozen=True)
class Reference:
    """What `generate` returns: the generated files and where they go in the site."""

    files: dict[str, str]
    """Every generated file (the pages and `openapi.json`), by its path under `docs/`."""
    sources: dict[str, str]
    """What each file is generated from, for the error when `docs/` holds a file of that name."""
    nav: list[dict[str, Any]]
    """The generated sections of the navigation, in MkDocs' `nav` form; they follow the home
    page."""
    footer: str
    home: dict[str, str]
    """The home page's generated lists, by the marker line each replaces."""
    pages: tuple[PageSummary, ...]
    """Every generated page, in the order of the navigation."""
    models: tuple[PageDoc, ...]
    apis: tuple[ApiDoc, ...]

    def fill_home(self, markdown: str) -> str:
        """The hand-written home page with its marker lines replaced by the generated lists."""
        for marker, text in self.home.items():
            if marker not in markdown:
                raise DocsError(f"docs/{HOME_PAGE} lost the line {marker!r}")
            markdown = markdown.replace(marker, text)
        return markdown


def _summary(docstring: str) -> str:
    return " ".join(docstring.split("\n\n", 1)[0].split())


def generate(package_name: str = PACKAGE, examples_dir: Path = EXAMPLES_DIR) -> Reference:
    """The generated part of the site, from `package_name` and its `endpoints` module.

    Raises `DocsError`, naming the culprit, for source the pages cannot be made from.
    """
    package = importlib.import_module(package_name)
    endpoints = importlib.import_module(f"{package_name}.endpoints")
    version = getattr(package, "__version__", None)
    if not isinstance(version, str):
        raise DocsError(f"{package_name}.__version__ must be the release string, not {version!r}")
    models = describe_types(package)
    model_docs = [page for page in models if isinstance(page, ModelDoc)]
    apis = [describe_api(api, model_docs, examples_dir) for api in endpoints.API_CLASSES]
    schemes = describe_schemes(endpoints.SECURITY_SCHEMES, endpoints.API_CLASSES)
    base_url: str = endpoints.BASE_URL

    files: dict[str, str] = {}
    sources: dict[str, str] = {}
    usages = model_usages(apis)
    for api in apis:
        files[api_page_path(api.name)] = render_api_page(api, base_url)
        sources[api_page_path(api.name)] = f"{package_name}.endpoints.API_CLASSES"
    for model in models:
        files[model_page_path(model.name)] = render_page(model, usages.get(model.name, ()))
        sources[model_page_path(model.name)] = model.qualified_name
    files[DIFFERENCES_PAGE] = render_deviations_page(models)
    sources[DIFFERENCES_PAGE] = "the UpstreamDeviation of every field"
    try:
        openapi = package_document(package, endpoints)
    except ValueError as error:
        raise DocsError(f"the OpenAPI document: {error}") from None
    files[OPENAPI_PATH] = document_json(openapi)
    sources[OPENAPI_PATH] = f"{package_name}.endpoints and the models"

    pages = (
        *(
            PageSummary(api_page_path(api.name), api.name, _summary(api.description))
            for api in apis
        ),
        *(PageSummary(model_page_path(m.name), m.name, _summary(m.docstring)) for m in models),
        PageSummary(
            DIFFERENCES_PAGE,
            "Differences from upstream",
            "Where a model deliberately differs from the upstream declarations, and why.",
        ),
    )
    return Reference(
        files=files,
        sources=sources,
        nav=[
            {"Endpoints": [api_page_path(api.name) for api in apis]},
            {"Models": navigation(models)},
            {"Differences from upstream": DIFFERENCES_PAGE},
        ],
        footer=render_footer(version),
        home={
            MODEL_LIST_MARKER: render_model_list(models, HOME_PAGE),
            API_LIST_MARKER: render_api_list(apis, base_url, HOME_PAGE),
            AUTHORIZATION_MARKER: render_authorization(schemes, apis, HOME_PAGE),
        },
        pages=pages,
        models=tuple(models),
        apis=tuple(apis),
    )


# For assistants: the site's `llms.txt` (https://llmstxt.org/) and a Markdown copy of each page.


def markdown_copy(markdown: str) -> str:
    """A generated page as plain Markdown, for readers that take no HTML site: the page's own
    source, but the mkdocstrings directive, which means nothing outside MkDocs, is a sentence.

    The copy of `models/TokenDto.md` (the page `models/TokenDto/`) is served at its source
    path, `models/TokenDto.md`, so its relative links (written to source files) lead to the
    other copies.
    """
    # The break opportunities (`<wbr>`) the renderer puts into long names are for browsers.
    return _MKDOCSTRINGS.sub(
        lambda match: f"The Python class `{match['name']}`, which the sections above describe.",
        markdown,
    ).replace("<wbr>", "")


def llms_txt(
    name: str,
    description: str,
    handwritten: Mapping[str, tuple[str, str]],
    reference: Reference,
    url_of: Mapping[str, str],
) -> str:
    """The site's `llms.txt`: every page, linked, with its one-line summary.

    `handwritten` gives the title and summary of each hand-written page by its source path,
    `url_of` the URL (relative to the site root) of every page. Generated pages link to their
    Markdown copies.
    """
    lines = [f"# {name}", "", f"> {description}", ""]
    if handwritten:
        lines += ["## Guides", ""]
        lines += [
            f"- [{title}]({url_of[path]}): {summary}"
            for path, (title, summary) in handwritten.items()
        ]
        lines.append("")
    sections: dict[str, list[PageSummary]] = {}
    for page in reference.pages:
        section = "API" if page.path.startswith("endpoints/") else "Models"
        if page.path == DIFFERENCES_PAGE:
            section = "Differences"
        sections.setdefault(section, []).append(page)
    for section, pages in sections.items():
        lines += [f"## {section}", ""]
        lines += [f"- [{page.title}]({page.path}): {page.summary}" for page in pages]
        lines.append("")
    return "\n".join(lines)


def handwritten_summary(markdown: str) -> tuple[str, str]:
    """A hand-written page's title (its first heading) and summary (its first paragraph)."""
    title, summary = "", ""
    for block in re.split(r"\n\s*\n", markdown):
        text = block.strip()
        if not title and text.startswith("# "):
            title = text[2:].strip()
        elif title and text and not text.startswith(("#", "```", "<", "|", "-", "!", ">")):
            summary = " ".join(text.split())
            break
    if not title or not summary:
        raise DocsError("a hand-written page needs a `# Title` and a paragraph under it")
    return title, summary


# For any other generator: the pages on disk.


def write_docs(reference: Reference, docs: Path, into: Path) -> list[Path]:
    """Write the hand-written `docs` folder and every generated file into `into` (replaced).

    The home page's lists are filled in. Returns the files written, sorted.
    """
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(docs, into, ignore=shutil.ignore_patterns("__pycache__"))
    for path in reference.files:
        if (docs / path).exists():
            raise DocsError(f"docs/{path} is generated from {reference.sources[path]}: delete it")
    home = into / HOME_PAGE
    home.write_text(reference.fill_home(home.read_text(encoding="utf-8")), encoding="utf-8")
    for path, text in reference.files.items():
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return sorted(path for path in into.rglob("*") if path.is_file())


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` is the variable's value, or the default."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[name] for name in variables if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _environment)


def site_config(project: Path, reference: Reference, docs: Path) -> dict[str, Any]:
    """The project's mkdocs.yml for the pages `write_docs` wrote into `docs`: with the
    generated navigation and footer, and without the hook, which a generator that reads this
    file instead of running the hook does not need. Relative paths are made absolute.
    """
    config: dict[str, Any] = yaml.load(
        (project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader
    )
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = str(docs)
    nav = list(config.get("nav") or [])
    config["nav"] = nav[:1] + reference.nav + nav[1:]
    config["copyright"] = reference.footer
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        theme["custom_dir"] = str(project / theme["custom_dir"])
    for extension in config.get("markdown_extensions", []):
        # pymdownx.snippets reads its base_path relative to the working folder.
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension["pymdownx.snippets"]["base_path"] = [str(docs)]
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "mkdocstrings" in plugin:
            options = plugin["mkdocstrings"]
            options["custom_templates"] = str(docs / "templates")
            python = options["handlers"]["python"]
            python["paths"] = [str(project / path) for path in python.get("paths", [])]
    return config

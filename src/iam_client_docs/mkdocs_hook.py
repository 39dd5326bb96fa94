"""MkDocs hook: a thin adapter over `iam_client_docs.build.generate`.

MkDocs loads this file once per process and keeps it, `mkdocs serve` rebuilds included; so it
holds no generator code. Each build starts by dropping both packages, `iam_client_models` and
`iam_client_docs`, from `sys.modules` and importing them afresh: an edit to a model or to the
generator shows in the next rebuild. (An edit to this file itself needs a restart.)

Under `mkdocs serve` it also holds, from one rebuild to the next, what
`iam_client_docs.serve_cache` keeps: results of work whose inputs did not change.
"""

from __future__ import annotations

import importlib
import linecache
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

PACKAGE = "iam_client_models"
GENERATOR = "iam_client_docs"
HOME_PAGE = "index.md"


@dataclass
class _Build:
    """One build's state, from `on_config` to `on_post_build`."""

    build: ModuleType
    """`iam_client_docs.build`, as imported afresh for this build."""
    reference: Any
    """What `build.generate()` returned."""
    order: list[str] = field(default_factory=list)
    """The source path of each page, in the order of the navigation."""
    markdown: dict[str, str] = field(default_factory=dict)
    """Each page's Markdown as MkDocs converts it."""
    urls: dict[str, str] = field(default_factory=dict)
    """Each page's URL, relative to the site root."""
    rebuild: Any = None
    """Under `mkdocs serve`: this build's `serve_cache.Rebuild`."""


_current: _Build | None = None
_serving = False
_kept: dict[str, dict[str, Any]] = {}
"""Under `mkdocs serve`: what `serve_cache` keeps from one rebuild to the next."""
_server: LiveReloadServer | None = None
_watched: dict[Path, set[Path]] = {}
"""Under `mkdocs serve`: each folder of `watch:`, and the folders below it watched so far."""


def _import_afresh() -> ModuleType:
    for name in list(sys.modules):
        if name != __name__ and any(
            name == root or name.startswith(root + ".") for root in (PACKAGE, GENERATOR)
        ):
            del sys.modules[name]
    linecache.checkcache()  # pydantic reads attribute docstrings through linecache
    return importlib.import_module(f"{GENERATOR}.build")


def _state() -> _Build:
    if _current is None:
        raise PluginError("iam-client-models reference: on_config has not run")
    return _current


def on_startup(command: str, dirty: bool) -> None:
    # Once per process, before the first build: "serve" for `mkdocs serve`.
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Every build, each `mkdocs serve` rebuild too, starts here.
    global _current
    build = _import_afresh()
    try:
        _current = _Build(build, build.generate())
    except build.DocsError as error:
        raise PluginError(f"iam-client-models reference: {error}") from None
    reference = _current.reference
    config.copyright = reference.footer
    # The generated sections go after the home page; mkdocs.yml lists the hand-written pages.
    nav = list(config.nav or [])
    config.nav = nav[:1] + reference.nav + nav[1:]
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # After every plugin's on_config, before any page or template.
    if _serving:
        cache = importlib.import_module(f"{GENERATOR}.serve_cache")  # afresh, as `build` is
        _state().rebuild = cache.Rebuild(config, _kept, (PACKAGE, GENERATOR))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    reference = _state().reference
    for path, content in reference.files.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is generated from {reference.sources[path]}: delete it")
        files.append(File.generated(config, path, content=content))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _state().order = [page.file.src_uri for page in nav.pages]
    return nav


@event_priority(-100)  # the last: what it records is what MkDocs converts
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _state()
    if page.file.src_uri == HOME_PAGE:
        try:
            markdown = state.reference.fill_home(markdown)
        except state.build.DocsError as error:
            raise PluginError(str(error)) from None
    state.markdown[page.file.src_uri] = markdown
    state.urls[page.file.src_uri] = page.url
    if state.rebuild is not None:
        return str(state.rebuild.before_conversion(markdown, page, files))
    return markdown


@event_priority(100)  # the first: the conversion as it came out of Markdown
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Resolve the links in raw HTML, which MkDocs leaves as written: a link to a source file
    (`../models/TokenDto.md#field-x`, the form `iam_client_docs.build` describes) becomes the
    URL of that file's page relative to this one, as MkDocs makes of the same link in Markdown.
    """
    rebuild = _state().rebuild
    if rebuild is not None:
        html = str(rebuild.after_conversion(html, page, files))
    here = posixpath.dirname(page.file.src_uri)

    def url(match: re.Match[str]) -> str:
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(here, match["path"])))
        if target is None:
            raise PluginError(f"docs/{page.file.src_uri} links to {match['path']!r}: no such page")
        return f'href="{target.url_relative_to(page.file)}{match["anchor"] or ""}"'

    return str(_state().build.SOURCE_LINK.sub(url, html))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    rebuild = _state().rebuild
    if rebuild is not None:
        env.bytecode_cache = rebuild.templates()
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Write the Markdown copy of each generated page (and of the home page) beside its HTML,
    and `llms.txt`, which lists every page; under `mkdocs serve`, watch new source folders."""
    state = _state()
    build, reference = state.build, state.reference
    site = Path(config.site_dir)
    for path in [HOME_PAGE, *reference.files]:
        if path in state.markdown:
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(build.markdown_copy(state.markdown[path]), encoding="utf-8")
    try:
        handwritten = {
            path: build.handwritten_summary(state.markdown[path])
            for path in state.order
            if path not in reference.files
        }
    except build.DocsError as error:
        raise PluginError(str(error)) from None
    urls = {**state.urls, HOME_PAGE: HOME_PAGE}  # the home page's copy
    text = build.llms_txt(
        config.site_name, config.site_description or "", handwritten, reference, urls
    )
    (site / "llms.txt").write_text(text, encoding="utf-8")
    if state.rebuild is not None:
        state.rebuild.keep()
    if _server is not None:
        for root in _watched:
            _watch_tree(_server, root)


def on_build_error(error: Exception) -> None:
    if _current is not None and _current.rebuild is not None:
        _current.rebuild.close()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Watch the folders of `watch:` (mkdocs.yml: `src`), but not their bytecode caches.

    Importing the packages afresh writes their `.pyc` files under `src/`; watched, they would
    set off a second, needless rebuild after each edit. So each folder below is watched on its
    own, not recursively, and a `__pycache__` folder not at all.
    """
    global _server
    _server = server
    for path in list(config.watch):
        if Path(path).is_dir():
            config.watch.remove(path)  # serve watches what is left, recursively
            _watched[Path(path)] = set()
            _watch_tree(server, Path(path))
    return server


def _watch_tree(server: LiveReloadServer, root: Path) -> None:
    for folder in [root, *root.rglob("*")]:
        if (
            folder.is_dir()
            and "__pycache__" not in folder.relative_to(root).parts
            and folder not in _watched[root]
        ):
            server.watch(str(folder), recursive=False)
            _watched[root].add(folder)

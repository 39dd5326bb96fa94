"""What `mkdocs serve` keeps from one rebuild to the next: results whose inputs did not change.

MkDocs rebuilds the whole site on every change, and makes every plugin's state afresh. Three
parts of that work are pure functions of inputs that an edit seldom changes. Their results are
kept, each under a key of everything the result depends on, so a result is used again only for
equal inputs, never stale:

- The conversion of a page's Markdown to HTML, for a page without a mkdocstrings directive
  (`:::`) or a snippet (`--8<--`), which read other files: by the page's path, URL, metadata and
  Markdown, the whole config (Markdown extensions and their settings, navigation, validation),
  every file's path and URL, and the source of each package the hook imports afresh whose code
  the config names (such as the Markdown extension `iam_client_docs.safe_markdown`): the code
  of the other packages cannot change while MkDocs runs. What the conversion makes is
  restored: the HTML, the table of contents, the title and the anchors (MkDocs checks the
  links to them after every page). A page whose conversion logged anything is not kept, so
  that no message goes missing.
- Material's search index entries of a page (its search plugin parses the HTML of every page):
  by the page's URL, title, metadata, table of contents and HTML, and the index's settings.
- The compiled code of the Jinja templates of the theme and of mkdocstrings: Jinja's bytecode
  cache, by the template's name and file and the environment's settings (with the source of a
  package imported afresh whose filter a setting names); Jinja itself compiles a template again
  when its source changed.

A page with a directive is converted on every build: what mkdocstrings renders depends on the
modules it reads, and its conversion registers each heading with mkdocs-autorefs and in the
objects inventory, state of those plugins that a kept result would have to be put back into.
The same goes for every page when mkdocs-autorefs scans pages for headings (`scan_toc`), which
it does not as mkdocstrings adds it.

What is kept is data, in a dict the MkDocs hook holds across rebuilds (this module is imported
afresh for each build, as the rest of the package is). Each build keeps what it used and
nothing else, so the dict holds one build's worth.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from material.plugins.search.plugin import (  # type: ignore[import-untyped]
    SearchIndex,
    SearchPlugin,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs_autorefs import AutorefsPlugin
from mkdocstrings import MkdocstringsPlugin

__all__ = ["Rebuild"]

Entries = list[dict[str, Any]]


def _digest(*parts: str) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return hashed.hexdigest()


def _toc(items: list[AnchorLink]) -> list[Any]:
    return [[item.id, item.title, item.level, _toc(item.children)] for item in items]


class _KeptIndex(SearchIndex):  # type: ignore[misc]
    """Material's search index, but a page indexed in the build before with the same inputs
    gets the entries it got then, without its HTML being parsed again."""

    def __init__(self, index: SearchIndex, kept: dict[str, Entries]) -> None:
        super().__init__(**index.config)
        self.entries = index.entries
        self.kept = kept
        self.used: dict[str, Entries] = {}

    def add_entry_from_context(self, page: Page) -> None:
        # What Material's indexing of a page reads: its URL, title, metadata (`search`, `tags`,
        # `title`), table of contents and HTML; and the index's settings.
        key = _digest(
            page.url,
            str(page.title),
            json.dumps(page.meta, sort_keys=True, default=repr),
            json.dumps(_toc(page.toc.items)),
            json.dumps(self.config, sort_keys=True, default=repr),
            page.content or "",
        )
        entries = self.kept.get(key)
        if entries is None:
            start = len(self.entries)
            super().add_entry_from_context(page)
            entries = copy.deepcopy(self.entries[start:])
        else:
            self.entries.extend(copy.deepcopy(entries))
        self.used[key] = entries


_RUNTIME_ONLY = frozenset({"globals", "cache", "loader", "bytecode_cache", "auto_reload", "shared"})
"""The attributes of a Jinja environment that do not change how a template compiles."""


def _sources(packages: tuple[str, ...]) -> dict[str, str]:
    """A digest of the source of each of `packages`, which the hook imports afresh for each
    build: the only code that can change in a running `mkdocs serve`."""
    found = {}
    for package in packages:
        folder = Path(sys.modules[package].__file__ or "").parent
        files = sorted(folder.rglob("*.py"))
        found[package] = _digest(*(f"{path}\n{path.read_text('utf-8')}" for path in files))
    return found


def _shape(value: Any, sources: dict[str, str]) -> str:
    """A setting as text that is the same from build to build: a plain value as itself, a
    function or other object by its qualified name (its address differs). A function, object
    or module name of a package in `sources` carries the package's source digest, since its
    code may have changed."""

    def source(name: str) -> str:
        return sources.get(name.split(".")[0], "")

    if isinstance(value, str):
        return repr(value) + source(value)
    if value is None or isinstance(value, (int, float, bool, bytes)):
        return repr(value)
    if isinstance(value, dict):
        items = sorted((repr(key), _shape(item, sources)) for key, item in value.items())
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_shape(item, sources) for item in value) + "]"
    named = value if hasattr(value, "__qualname__") else type(value)
    module = getattr(named, "__module__", None) or ""
    return f"{module}.{named.__qualname__}{source(module)}"


class _KeptTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache in memory: a template compiled in the build before, from the same
    file and source in an environment of the same settings, is not compiled again."""

    def __init__(
        self, kept: dict[str, bytes], used: dict[str, bytes], sources: dict[str, str]
    ) -> None:
        self.kept = kept
        self.used = used
        self.sources = sources

    def _key(self, bucket: Bucket) -> str | None:
        environment = bucket.environment
        if callable(environment.autoescape):
            return None  # what it says for each template name is compiled in: no cache
        settings = {
            name: _shape(value, self.sources)
            for name, value in vars(environment).items()
            if name not in _RUNTIME_ONLY
        }
        return _digest(bucket.key, json.dumps(settings, sort_keys=True))

    def load_bytecode(self, bucket: Bucket) -> None:
        key = self._key(bucket)
        code = self.kept.get(key) if key is not None else None
        if key is not None and code is not None:
            bucket.bytecode_from_string(code)  # Jinja drops it if the source's checksum differs
            if bucket.code is not None:
                self.used[key] = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        key = self._key(bucket)
        if key is not None:
            self.used[key] = bucket.bytecode_to_string()


_READS_MORE = (":::", "--8<--")
"""In a page's Markdown: a mkdocstrings directive, a snippet. Such a page is always converted."""


@dataclass
class _Converted:
    """What converting a page's Markdown set on the page."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None
    """The links to anchors of other pages, by the other page's source path."""


class _Listener(logging.Handler):
    """Counts the messages logged while a page is converted."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_LOGGERS = ("", "mkdocs")
"""The root logger and MkDocs's, which does not pass its messages on to the root."""


class Rebuild:
    """One `mkdocs serve` build's use of what the build before kept in `kept`; `packages` are
    those the hook imports afresh for each build.

    Made after every plugin's `on_config` and before any page: Material's search plugin (if
    enabled) gets an index that reuses entries, and the Jinja environment of each handler
    mkdocs.yml configures for mkdocstrings a bytecode cache. That handler is so made before the
    first page rather than at the first `:::` of a page; it is the same handler.
    """

    def __init__(
        self, config: MkDocsConfig, kept: dict[str, dict[str, Any]], packages: tuple[str, ...]
    ) -> None:
        self._config = config
        self._sources = _sources(packages)
        self._templates: dict[str, bytes] = kept.setdefault("templates", {})
        self._templates_used: dict[str, bytes] = {}
        self._index: _KeptIndex | None = None
        self._pages: dict[str, _Converted] = kept.setdefault("pages", {})
        self._pages_used: dict[str, _Converted] = {}
        self._converting: dict[str, tuple[str, str, _Converted | None]] = {}
        """By source path, the pages between `before_conversion` and `after_conversion`: the
        key, the Markdown and what the build before kept."""
        self._context: str | None = None
        self._listener = _Listener()
        self._keeps_pages = not any(
            isinstance(plugin, AutorefsPlugin) and plugin.scan_toc
            for plugin in config.plugins.values()
        )
        for plugin in config.plugins.values():
            if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
                self._index = _KeptIndex(plugin.search_index, kept.setdefault("search", {}))
                plugin.search_index = self._index
            if isinstance(plugin, MkdocstringsPlugin) and plugin.plugin_enabled:
                for name in plugin.config.handlers:
                    plugin.get_handler(name).env.bytecode_cache = self.templates()

    def templates(self) -> jinja2.BytecodeCache:
        """A bytecode cache for a Jinja environment of this build (the theme's: `on_env`)."""
        return _KeptTemplates(self._templates, self._templates_used, self._sources)

    def _page_key(self, markdown: str, page: Page, files: Files) -> str:
        if self._context is None:  # the same for every page of the build
            listed = [[f.src_uri, f.url, f.dest_uri, str(f.inclusion)] for f in files]
            self._context = _digest(_shape(dict(self._config), self._sources), json.dumps(listed))
        meta = json.dumps(page.meta, sort_keys=True, default=repr)
        return _digest(self._context, page.file.src_uri, page.url, meta, markdown)

    def before_conversion(self, markdown: str, page: Page, files: Files) -> str:
        """The last of a page's `on_page_markdown`: the Markdown to convert, which is empty for
        a page converted in the build before from the same inputs."""
        if not self._keeps_pages or any(mark in markdown for mark in _READS_MORE):
            return markdown
        key = self._page_key(markdown, page, files)
        converted = self._pages.get(key)
        self._converting[page.file.src_uri] = (key, markdown, converted)
        if converted is not None:
            return ""
        self._listener.count = 0
        for name in _LOGGERS:
            logging.getLogger(name).addHandler(self._listener)
        return markdown

    def after_conversion(self, html: str, page: Page, files: Files) -> str:
        """The first of a page's `on_page_content`: the page's HTML, with what the conversion of
        a page converted in the build before sets on the page restored."""
        if page.file.src_uri not in self._converting:
            return html
        key, markdown, converted = self._converting.pop(page.file.src_uri)
        if converted is None:
            for name in _LOGGERS:
                logging.getLogger(name).removeHandler(self._listener)
            if self._listener.count:
                return html
            links = page.links_to_anchors
            self._pages_used[key] = _Converted(
                html,
                copy.deepcopy(page.toc),
                page.title,
                None if page.present_anchor_ids is None else set(page.present_anchor_ids),
                None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
            )
            return html
        page.markdown = markdown
        page.toc = copy.deepcopy(converted.toc)
        page.title = converted.title  # MkDocs lets a page's title be set for good
        page.present_anchor_ids = None if converted.anchors is None else set(converted.anchors)
        if converted.links is not None:
            # By this build's files, as MkDocs itself has them.
            page.links_to_anchors = {
                files.src_uris[uri]: dict(anchors) for uri, anchors in converted.links.items()
            }
        self._pages_used[key] = converted
        return converted.content

    def close(self) -> None:
        """After a build that failed: stop listening to the log."""
        for name in _LOGGERS:
            logging.getLogger(name).removeHandler(self._listener)

    def keep(self) -> None:
        """Once the build is done: keep what it used, and only that, for the next build."""
        self._pages.clear()
        self._pages.update(self._pages_used)
        self._templates.clear()
        self._templates.update(self._templates_used)
        if self._index is not None:
            self._index.kept.clear()
            self._index.kept.update(self._index.used)

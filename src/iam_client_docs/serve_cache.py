"""What `mkdocs serve` keeps from one rebuild to the next: results whose inputs did not change.

MkDocs rebuilds the whole site on every change, and makes every plugin's state afresh. Two
parts of that work are pure functions of inputs that an edit seldom changes. Their results are
kept, each under a key of everything the result depends on, so a result is used again only for
equal inputs, never stale:

- Material's search index entries of a page (its search plugin parses the HTML of every page):
  by the page's URL, title, metadata, table of contents and HTML, and the index's settings.
- The compiled code of the Jinja templates of the theme and of mkdocstrings: Jinja's bytecode
  cache, by the template's name and file and the environment's settings; Jinja itself compiles
  a template again when its source changed.

What is kept is plain data, in a dict the MkDocs hook holds across rebuilds (this module is
imported afresh for each build, as the rest of the package is). Each build keeps what it used
and nothing else, so the dict holds one build's worth.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from material.plugins.search.plugin import (  # type: ignore[import-untyped]
    SearchIndex,
    SearchPlugin,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
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


def _shape(value: Any) -> str:
    """A setting as text that is the same from build to build: a plain value as itself, a
    function or other object by its qualified name (its address differs)."""
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return repr(value)
    if isinstance(value, dict):
        items = sorted((repr(key), _shape(item)) for key, item in value.items())
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_shape(item) for item in value) + "]"
    named = value if hasattr(value, "__qualname__") else type(value)
    return f"{getattr(named, '__module__', '')}.{named.__qualname__}"


class _KeptTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache in memory: a template compiled in the build before, from the same
    file and source in an environment of the same settings, is not compiled again."""

    def __init__(self, kept: dict[str, bytes], used: dict[str, bytes]) -> None:
        self.kept = kept
        self.used = used

    def _key(self, bucket: Bucket) -> str | None:
        environment = bucket.environment
        if callable(environment.autoescape):
            return None  # what it says for each template name is compiled in: no cache
        settings = {
            name: _shape(value)
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


class Rebuild:
    """One `mkdocs serve` build's use of what the build before kept in `kept`.

    Made after every plugin's `on_config` and before any page: Material's search plugin (if
    enabled) gets an index that reuses entries, and the Jinja environment of each handler
    mkdocs.yml configures for mkdocstrings a bytecode cache. That handler is so made before the
    first page rather than at the first `:::` of a page; it is the same handler.
    """

    def __init__(self, config: MkDocsConfig, kept: dict[str, dict[str, Any]]) -> None:
        self._templates: dict[str, bytes] = kept.setdefault("templates", {})
        self._templates_used: dict[str, bytes] = {}
        self._index: _KeptIndex | None = None
        for plugin in config.plugins.values():
            if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
                self._index = _KeptIndex(plugin.search_index, kept.setdefault("search", {}))
                plugin.search_index = self._index
            if isinstance(plugin, MkdocstringsPlugin) and plugin.plugin_enabled:
                for name in plugin.config.handlers:
                    plugin.get_handler(name).env.bytecode_cache = self.templates()

    def templates(self) -> jinja2.BytecodeCache:
        """A bytecode cache for a Jinja environment of this build (the theme's: `on_env`)."""
        return _KeptTemplates(self._templates, self._templates_used)

    def keep(self) -> None:
        """Once the build is done: keep what it used, and only that, for the next build."""
        self._templates.clear()
        self._templates.update(self._templates_used)
        if self._index is not None:
            self._index.kept.clear()
            self._index.kept.update(self._index.used)

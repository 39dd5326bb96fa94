"""Markdown to HTML for text taken from source files, with no way to inject markup.

Docstrings are rendered as Markdown (code spans, emphasis, links), but raw HTML and entities in
them are shown as text, attribute lists (`{: onclick=... }`) are not applied, and links may not
use a scheme such as `javascript:`. `markdown_to_html` does this for the text the page renderer
places (summaries, the properties table); `DocstringSafety`, listed in mkdocs.yml, does the same
inside mkdocstrings, which renders docstrings in the Python API section.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocstrings import MkdocstringsInnerExtension

__all__ = [
    "DocstringSafety",
    "literal_markdown",
    "makeExtension",
    "make_text_safe",
    "markdown_to_html",
    "visible",
]

_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# C0/C1 control characters (but tab and newline) are invisible, and Python-Markdown uses some
# of them as internal placeholders: a docstring carrying one could confuse the converter.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Stands for `&` during conversion (no control character is left in the text by then):
# Python-Markdown writes a source `&amp;` out as `&amp;` again, which a browser shows as `&`.
_AMPERSAND = "\x1a"


def visible(text: str) -> str:
    """`text` with each control character (but tab and newline) replaced by U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


class _HideAmpersands(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [visible(line).replace("&", _AMPERSAND) for line in lines]


class _LiteralAmpersands(Postprocessor):
    def run(self, text: str) -> str:
        return text.replace(_AMPERSAND, "&amp;")


class _DropUnsafeUrls(Treeprocessor):
    def __init__(self, md: markdown.Markdown, *, relative: bool) -> None:
        super().__init__(md)
        self.relative = relative

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if url is not None and not _is_safe_url(url, relative=self.relative):
                    del element.attrib[attribute]


def _is_safe_url(url: str, *, relative: bool) -> bool:
    if url.startswith("#"):
        return True
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if not parts.scheme:
        return relative
    return parts.scheme.lower() in _SAFE_SCHEMES and bool(parts.netloc or parts.scheme == "mailto")


def make_text_safe(md: markdown.Markdown, *, relative_links: bool) -> None:
    """Make `md` show raw HTML, entities and `&` as text, ignore attribute lists, drop unsafe URLs.

    With `relative_links` a link without a scheme (`../validation.md`) is kept; otherwise only
    http(s), mailto and `#anchor` links are.
    """
    for registry, name in (
        (md.preprocessors, "html_block"),
        (md.inlinePatterns, "html"),
        (md.inlinePatterns, "entity"),
        (md.treeprocessors, "attr_list"),
    ):
        if name in registry:
            registry.deregister(name)
    if "drop_unsafe_urls" in md.treeprocessors:
        return
    md.preprocessors.register(_HideAmpersands(md), "hide_ampersands", 100)  # first
    md.postprocessors.register(_LiteralAmpersands(md), "literal_ampersands", -100)  # last
    # Last too: MkDocs' link rewriting (priority 0) fails on a link that has lost its URL.
    md.treeprocessors.register(
        _DropUnsafeUrls(md, relative=relative_links), "drop_unsafe_urls", -100
    )


class DocstringSafety(Extension):
    """Render docstrings in mkdocstrings (the Python API section) by `make_text_safe`'s rules.

    MkDocs hands every Markdown extension in mkdocs.yml to mkdocstrings as well, and a page needs
    raw HTML (the generated table) where docstrings must not have it: so this acts only on a
    converter that mkdocstrings' own `MkdocstringsInnerExtension` is registered on.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (the API's name)
        self.md = md
        # Markdown calls reset() on registered extensions once every extension is loaded.
        md.registerExtension(self)

    def reset(self) -> None:
        if any(isinstance(ext, MkdocstringsInnerExtension) for ext in self.md.registeredExtensions):
            make_text_safe(self.md, relative_links=True)


def makeExtension(**kwargs: object) -> DocstringSafety:  # noqa: N802 (Markdown's entry point)
    """Let mkdocs.yml name this module as a Markdown extension."""
    return DocstringSafety(**kwargs)


@functools.cache
def _converter() -> markdown.Markdown:
    # One converter, reset after each use: building a Markdown instance costs more than
    # converting a docstring, and a page renders several (see the Performance page).
    md = markdown.Markdown(output_format="html")
    # The output sits in a generated page's raw HTML, where MkDocs does not resolve links.
    make_text_safe(md, relative_links=False)
    return md


# Characters Markdown (with the extensions in mkdocs.yml) acts on within a line. Written as
# character references they stay text where the HTML lands in Markdown again (the home page's
# model list is a Markdown list): there `\[x](javascript:...)` would otherwise become a link.
_MARKDOWN_ACTIVE = re.compile(r"[\\`*_\[\](){}!|~]")
_TAG = re.compile(r"(<[^>]*>)")


def _inert(markup: str) -> str:
    parts = _TAG.split(markup)  # text at even indexes, tags between (attributes have no `>`)
    for index in range(0, len(parts), 2):
        parts[index] = _MARKDOWN_ACTIVE.sub(lambda match: f"&#{ord(match[0])};", parts[index])
    return "".join(parts)


def literal_markdown(text: str) -> str:
    """`text` as Markdown that shows it character for character (a name in a link or title)."""
    return _inert(html.escape(visible(text), quote=False))


def markdown_to_html(text: str, *, inline: bool = False) -> str:
    """Render `text` as Markdown into HTML that carries no markup of its own making.

    With `inline=True` a single paragraph comes back without its `<p>` wrapper. Newlines in the
    output are written as `&#10;`, so the HTML is one line (it stays one table row), and so are
    the characters Markdown acts on, so the HTML means the same inside a Markdown line.
    """
    converter = _converter()
    try:
        output = converter.convert(text)
    finally:
        converter.reset()
    if inline and output.startswith("<p>") and output.endswith("</p>") and output.count("<p>") == 1:
        output = output[3:-4]
    return _inert(output).replace("\n", "&#10;")

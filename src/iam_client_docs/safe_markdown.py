"""Markdown to HTML for text taken from source files, with no way to inject markup.

Docstrings are rendered as Markdown (code spans, emphasis, links), but raw HTML and entities
in them are shown as text, links may only point to http(s), mailto or an anchor, and the result
has no blank lines, so it can sit inside a raw HTML block of a generated page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

__all__ = ["markdown_to_html"]

_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# C0/C1 control characters (but tab and newline) are invisible, and Python-Markdown uses some
# of them as internal placeholders: a docstring carrying one could confuse the converter.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _DropUnsafeUrls(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if url is not None and not _is_safe_url(url):
                    del element.attrib[attribute]


def _is_safe_url(url: str) -> bool:
    if url.startswith("#"):
        return True
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _SAFE_SCHEMES and bool(parts.netloc or parts.scheme == "mailto")


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(output_format="html")
    # Raw HTML (block and inline) and character entities become literal text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    md.treeprocessors.register(_DropUnsafeUrls(md), "drop_unsafe_urls", 0)
    return md


def markdown_to_html(text: str, *, inline: bool = False) -> str:
    """Render `text` as Markdown into HTML that carries no markup of its own making.

    With `inline=True` a single paragraph comes back without its `<p>` wrapper. Newlines in the
    output are written as `&#10;`, so the HTML is one line (it stays one table row).
    """
    html = _converter().convert(_CONTROL.sub("\ufffd", text))
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html.replace("\n", "&#10;")

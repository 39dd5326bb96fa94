"""The Markdown and HTML pieces every generated page is made of, and where pages live.

Text from the source (docstrings, names, example values) reaches a page only HTML-escaped,
through `safe_markdown`, or inside a code block, so it can neither break the layout nor inject
markup. Each rule here is written once; the model and API renderers call it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from iam_client_docs.safe_markdown import literal_markdown, markdown_to_html, visible
from iam_client_docs.typescript import operation_anchor

__all__ = [
    "API_ANCHOR",
    "HOME_PAGE",
    "MODELS_ANCHOR",
    "TYPESCRIPT_PACKAGE",
    "Fence",
    "Html",
    "HtmlCell",
    "Markdown",
    "PipeCell",
    "Row",
    "Text",
    "api_page_path",
    "back_links",
    "breakable",
    "breakable_html",
    "breakable_markdown",
    "code",
    "escape",
    "html_block",
    "html_href",
    "html_table",
    "markdown_href",
    "model_page_path",
    "operation_markdown_link",
    "pipe_table",
    "summary_html",
    "tabs",
    "type_code",
]

HOME_PAGE = "index.md"
MODELS_ANCHOR = "documentation-for-models"
API_ANCHOR = "documentation-for-api-endpoints"
TYPESCRIPT_PACKAGE = "@affinidi-tdk/iam-client"


def model_page_path(model_name: str) -> str:
    """Where a model's (or an enumeration's, or a union's) page lives, relative to `docs/`."""
    return f"models/{model_name}.md"


def api_page_path(api_name: str) -> str:
    """Where an API class's page lives, relative to the docs directory."""
    return f"endpoints/{api_name}.md"


# Links. Both kinds are written to the target's source file (`../models/TokenDto.md`), relative
# to the page: the form MkDocs and Zensical both resolve in Markdown, and Zensical in raw HTML.


def markdown_href(from_page: str, target: str) -> str:
    """The target of a Markdown link, `[text](here)`, on `from_page` to `target` (both relative
    to the docs directory)."""
    depth = from_page.count("/")
    return "../" * depth + target


def html_href(from_page: str, target: str) -> str:
    """The `href` of a link in raw HTML on `from_page` to `target` (both relative to the docs
    directory).

    Written as a Markdown link's target is: MkDocs leaves raw HTML as written, so the MkDocs
    hook resolves it (`iam_client_docs.mkdocs_hook`).
    """
    return markdown_href(from_page, target)


def operation_markdown_link(from_page: str, api: str, operation: str) -> str:
    """A Markdown link on `from_page` to an operation's section of its API page, reading
    `Api.operation`."""
    target = markdown_href(from_page, api_page_path(api))
    return f"[{api}.{operation}]({target}#{operation_anchor(operation)})"


def back_links(from_page: str, *, top: str | None = None) -> str:
    """The line of links back to the home page's lists that ends every page, as upstream's do.

    An API page (with a `top` anchor) leads with its own top and the API list, as upstream's
    API pages do; any other page with the model list.
    """
    home = markdown_href(from_page, HOME_PAGE)
    models = f"[[Back to Model list]]({home}#{MODELS_ANCHOR})"
    apis = f"[[Back to API list]]({home}#{API_ANCHOR})"
    readme = f"[[Back to README]]({home})"
    if top is None:
        return " ".join([models, apis, readme])
    return " ".join([f"[[Back to top]](#{top})", apis, models, readme])


def summary_html(docstring: str) -> str:
    """The first paragraph of a docstring, as inline HTML: the one-line summary in lists."""
    return markdown_to_html(docstring.split("\n\n", 1)[0], inline=True)


@dataclass(frozen=True)
class Fence:
    """A fenced code block."""

    language: str
    code: str

    def render(self, indent: str) -> str:
        # As the page shows it: Python-Markdown drops some control characters (its
        # placeholders) and expands tabs.
        text = visible(self.code).expandtabs(4)
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        body = "\n".join(indent + line if line else "" for line in text.splitlines())
        return f"{indent}{fence}{self.language}\n{body}\n{indent}{fence}"


def tabs(items: Sequence[tuple[str, Fence]]) -> str:
    """Linked content tabs (Material's `content.tabs.link`), one code block each."""
    return "\n\n".join(f'=== "{label}"\n\n{fence.render("    ")}' for label, fence in items)


def html_block(css_class: str, inner: str) -> str:
    return f'<div class="{css_class}">{inner}</div>'


def escape(text: str) -> str:
    """Text as HTML on one line."""
    # One line, so a raw HTML table row stays one line (a blank line would end the HTML
    # block), and tabs kept (Python-Markdown expands them in a page).
    return html.escape(visible(text)).replace("\n", "&#10;").replace("\t", "&#9;")


def code(text: str) -> str:
    """Text as inline code that wraps only where one of its words ends (`breakable`): a name,
    a type, a path or a value."""
    return f"<code>{breakable(text)}</code>"


# Where a word of an identifier ends: before a capital that follows a small letter or a digit
# (`Token|Private`), before the last capital of a run that a word goes on from (`DID|Error`),
# and after a separator (`client_|assertion`, `urn:|ietf`, `TokensApi.|createToken`).
_WORD_END = re.compile(
    r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[_:./])(?=[A-Za-z0-9])"
)


def _words(text: str) -> list[str]:
    return _WORD_END.split(text)


def breakable(text: str) -> str:
    """An identifier (or text holding some) as HTML that may wrap only where a word ends.

    A `<wbr>` marks each place: a browser breaks a long name there rather than inside a word,
    and copied or searched text reads the name whole.
    """
    return "<wbr>".join(escape(word) for word in _words(text))


def breakable_html(markup: str) -> str:
    """`breakable` for text that is HTML already (a page title the theme writes out).

    An entity (`&amp;`, `&#95;`) holds no capital and no separator, so no mark lands in one.
    """
    return "<wbr>".join(_words(markup))


def breakable_markdown(text: str) -> str:
    """`breakable` for a Markdown line (a title, a list item): the words as literal text."""
    return "<wbr>".join(literal_markdown(word) for word in _words(text))


# Pygments wraps each run of whitespace in a code block in an element of its own (class `w`),
# which no stylesheet of the site or the theme colours, and gives each token its element even
# where the one before has the same class and only whitespace lies between. Every element is
# work for a phone's browser each time the theme's script restyles the page: on an API page
# these were about a sixth of all its elements, on a model page a third. The text stays as it
# was, character for character, and each character keeps its colour (whitespace shows none).
_CODE = re.compile(r"<code>.*?</code>", re.DOTALL)
# Pygments' token classes: one to three small letters and digits (`w`, `p`, `s2`, `kd`, `err`).
_WHITESPACE_TOKEN = re.compile(r'<span class="w">(\s*)</span>')
_SAME_CLASS_AGAIN = re.compile(
    r'(<span class="([a-z][a-z0-9]{0,2})">[^<]*)</span>(\s*)<span class="\2">'
)


def compact_highlight(html: str) -> str:
    """`html` with, in each code element, Pygments' whitespace elements unwrapped and each run
    of same-class token elements, parted by whitespace only, made one element."""
    return _CODE.sub(lambda match: _compact(match.group()), html)


def _compact(code: str) -> str:
    code = _WHITESPACE_TOKEN.sub(r"\1", code)
    while True:  # each pass joins pairs: a run of n takes about log2(n) passes
        joined = _SAME_CLASS_AGAIN.sub(r"\1\3", code)
        if joined == code:
            return code
        code = joined


def type_code(parts: Sequence[str]) -> str:
    """A type as code, from its parts (escaped HTML each), which may wrap only between parts.

    A long type would otherwise squeeze the description column to a sliver.
    """
    return '<code class="type">' + " ".join(f"<span>{part}</span>" for part in parts) + "</code>"


# Tables. A cell is typed: `Text` the table escapes, or `Html` (and, in a pipe table,
# `Markdown`) that this package's own safe functions built (`code`, `markdown_to_html`, ...).
# The two table helpers are the only places a cell is escaped.


@dataclass(frozen=True)
class Text:
    """Plain text for a cell: the table escapes it and it shows as written."""

    text: str


@dataclass(frozen=True)
class Html:
    """HTML for a cell, made by this package's escaping functions, never from raw source text."""

    html: str


@dataclass(frozen=True)
class Markdown:
    """Inline Markdown for a pipe table's cell (a link to a page, bold), made by the renderer."""

    markdown: str


HtmlCell = Text | Html
PipeCell = Text | Html | Markdown


@dataclass(frozen=True)
class Row:
    """A raw HTML table's row: its cells and, if it is a link target, its `id`."""

    cells: Sequence[HtmlCell]
    id: str | None = None


def _one_line(markup: str) -> str:
    # A table row is one line in a page: a newline would end a pipe table's row, and a blank
    # line the raw HTML block.
    if "\n" in markup:
        raise ValueError(f"a table cell holds a line break: {markup!r}")
    return markup


def _html_cell(value: HtmlCell) -> str:
    return escape(value.text) if isinstance(value, Text) else _one_line(value.html)


def html_table(head: Sequence[str], rows: Sequence[Row]) -> str:
    """A raw HTML table, one line per row; `head` is the column titles as plain text.

    Raw HTML, not a pipe table, where a cell holds block content (lists, paragraphs) or a row
    needs an `id`.
    """
    if any(len(row.cells) != len(head) for row in rows):
        raise ValueError(f"a row of the table headed {list(head)} has the wrong number of cells")
    titles = "".join(f"<th>{escape(title)}</th>" for title in head)
    lines = [
        ("<tr>" if row.id is None else f'<tr id="{escape(row.id)}">')
        + "".join(f"<td>{_html_cell(value)}</td>" for value in row.cells)
        + "</tr>"
        for row in rows
    ]
    return "\n".join(
        ["<table>", f"<thead><tr>{titles}</tr></thead>", "<tbody>", *lines, "</tbody>", "</table>"]
    )


def _pipe_cell(value: PipeCell) -> str:
    if isinstance(value, Text):
        return literal_markdown(value.text)
    markup = value.html if isinstance(value, Html) else value.markdown
    # A `|` would end the cell; as a character reference it shows as itself.
    return _one_line(markup).replace("|", "&#124;")


def pipe_table(head: Sequence[str], rows: Sequence[Sequence[PipeCell]]) -> str:
    """A Markdown pipe table; `head` is the column titles as plain text."""
    if any(len(row) != len(head) for row in rows):
        raise ValueError(f"a row of the table headed {list(head)} has the wrong number of cells")
    lines = [
        "| " + " | ".join(literal_markdown(title) for title in head) + " |",
        "| " + " | ".join("-" * len(title) for title in head) + " |",
        *("| " + " | ".join(_pipe_cell(value) for value in row) + " |" for row in rows),
    ]
    return "\n".join(lines)

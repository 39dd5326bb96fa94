"""Hostile text from the source cannot break a generated page or inject markup into it.

Hypothesis builds `ModelDoc` values directly, with names, docstrings and examples full of
Markdown and HTML metacharacters. The page Markdown is converted with the Markdown extensions
that mkdocs.yml lists (mkdocstrings' `:::` lines are left out: tests/test_site.py builds those),
and the HTML is checked: the table shape, no element or attribute the renderer did not make,
and every text shown as written.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import html
import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocstrings import MkdocstringsInnerExtension

from iam_client_docs.descriptions import (
    ArrayType,
    ConstantType,
    DeviationDoc,
    EnumType,
    FieldDoc,
    ModelDoc,
    ModelType,
    ScalarType,
    TypeDoc,
    UnionType,
)
from iam_client_docs.render import python_spelling, render_model_list
from iam_client_docs.render import render_page as render_model_page
from iam_client_docs.render import spelling as render_spelling
from iam_client_docs.safe_markdown import DocstringSafety, markdown_to_html
from tests.conftest import Build
from tests.test_site import add_model

# Renderer property tests: the pages come out the same on every Python, and they take most of a
# model-test run's time, so they run once, with the site tests.
pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
HEADERS = ["Name", "TypeScript type", "Python type", "Description", "Notes"]

# What the renderer and the Markdown extensions make, and what Markdown in a docstring may add
# (lists, quotes, code, emphasis, links, images). Anything else was injected.
NONE: frozenset[str] = frozenset()
ALLOWED: dict[str, frozenset[str]] = {
    "h1": frozenset({"id"}),
    "h2": frozenset({"id", "data-search-exclude"}),  # the Python API section, out of search
    **dict.fromkeys(["h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "hr", "br"], NONE),
    "wbr": NONE,  # where a long name may break (markup.breakable)
    **dict.fromkeys(["table", "thead", "tbody", "th", "td", "strong", "em", "q"], NONE),
    "tr": frozenset({"id"}),
    **dict.fromkeys(["pre", "summary"], NONE),
    "code": frozenset({"class"}),
    "p": frozenset({"class"}),
    "div": frozenset({"class", "id", "data-tabs"}),
    "span": frozenset({"class"}),
    "details": frozenset({"class"}),
    "a": frozenset({"href", "title", "class"}),
    "img": frozenset({"src", "alt", "title"}),
    "input": frozenset({"checked", "id", "type", "name"}),
    "label": frozenset({"for"}),
}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE_PIECES = [
    "|",
    "||",
    "`",
    "```",
    "~~~",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "\\[x](javascript:alert(1))",
    "![i](javascript:alert(1))",
    "<https://example.com/?a=1&b=2>",
    "&",
    "&amp;",
    "&lt;b&gt;",
    "&#60;",
    "]]",
    "[[",
    "[Back to README](../index.md)",
    "{: onclick=alert(1) }",
    "<!--",
    "-->",
    "::: os.system",
    '=== "Python"',
    "!!! danger",
    '??? info "x"',
    "*",
    "_",
    "**",
    "\\",
    "#",
    "# Heading",
    "> quote",
    "- item",
    "1. item",
    "---",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    '"""',
    "'",
    '"',
    "${x}",
    "é",
    "中文",
    "🔑",
    "\u200b",
    "\u202e",
    "\u2028",
    "\x00",
    "\x02wzxhzdk:0\x03",
    "\x1a",
]

hostile_text = st.lists(
    st.sampled_from(HOSTILE_PIECES) | st.text(max_size=4), min_size=1, max_size=12
).map("".join)
# Text with no Markdown syntax in it: it must come out character for character.
plain_text = st.from_regex(
    r"[A-Za-z0-9]([A-Za-z0-9 <>&\"'|%$;/?,=é中🔑]{0,40}[A-Za-z0-9])?", fullmatch=True
)
identifier = st.from_regex(r"[^\W\d]\w{0,20}", fullmatch=True).filter(str.isidentifier)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(hostile_text, children, max_size=3)
    ),
    max_leaves=6,
)


json_scalars = st.booleans() | st.integers() | hostile_text
type_docs = st.recursive(
    st.builds(ScalarType, python=hostile_text, typescript=hostile_text)
    | st.builds(ModelType, name=identifier)
    | st.builds(ConstantType, value=json_scalars, typescript_name=hostile_text)
    | st.builds(
        EnumType,
        values=st.lists(json_scalars, min_size=2, max_size=4).map(tuple),
        typescript_name=hostile_text,
        python_name=st.none() | identifier,
    ),
    lambda children: (
        st.builds(ArrayType, item=children)
        | st.builds(UnionType, alternatives=st.lists(children, min_size=2, max_size=3).map(tuple))
    ),
    max_leaves=4,
)


@st.composite
def field_docs(draw: st.DrawFn, name: st.SearchStrategy[str] = hostile_text) -> FieldDoc:
    deviation = draw(
        st.none()
        | st.builds(
            DeviationDoc,
            reason=hostile_text,
            upstream_type=st.none() | hostile_text,
            upstream_description=st.none() | hostile_text,
        )
    )
    wire = draw(name)
    required = draw(st.booleans())
    return FieldDoc(
        name=wire,
        attribute=draw(st.just(wire) | hostile_text),
        type=draw(type_docs),
        nullable=draw(st.booleans()),
        required=required,
        default=None if required else draw(hostile_text),
        description=draw(hostile_text),
        example=draw(json_values),
        deviation=deviation,
        secret=draw(st.booleans()),
    )


@st.composite
def model_docs(draw: st.DrawFn, fields: st.SearchStrategy[FieldDoc] | None = None) -> ModelDoc:
    field_list = draw(
        st.lists(fields or field_docs(), min_size=1, max_size=5, unique_by=lambda f: f.name)
    )
    name = draw(identifier)
    return ModelDoc(
        name=name,
        qualified_name=f"pkg.{name}",
        package="pkg",
        docstring=draw(hostile_text),
        fields=tuple(field_list),
        example={field.name: field.example for field in field_list},
        json_schema=draw(st.dictionaries(hostile_text, json_values, max_size=3)),
        example_repr=draw(hostile_text),
        keeps_unknown=draw(st.booleans()),
    )


@functools.cache
def _mkdocs_config() -> MkDocsConfig:
    return load_config(str(ROOT / "mkdocs.yml"))


def _mkdocs_markdown() -> markdown.Markdown:
    """A converter with the extensions and options MkDocs reads from mkdocs.yml."""
    config = _mkdocs_config()
    return markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


# BeautifulSoup shortens a string that is only whitespace to one space or newline, outside
# these tags; a browser's DOM keeps it. Names and types are code, split into parts (a type's
# `<span>`s), so a part that is whitespace would read shorter than the page has it.
KEEP_WHITESPACE = frozenset({"pre", "textarea", "code"})


def parse(html: str) -> BeautifulSoup:
    """An HTML fragment as a browser's DOM holds it: the text inside code exactly as written."""
    return BeautifulSoup(html, "html.parser", preserve_whitespace_tags=KEEP_WHITESPACE)


def to_html(page: str) -> BeautifulSoup:
    """The page as MkDocs' Markdown makes it, less mkdocstrings' `:::` blocks."""
    page = "\n".join(line for line in page.split("\n") if not line.startswith(":::"))
    return parse(_mkdocs_markdown().convert(page))


def literal(text: str) -> str:
    """How a name or type must read on the page: as written, control characters made visible."""
    return shown("<code>" + html.escape(CONTROL.sub("\ufffd", text)) + "</code>")


def shown(html: str) -> str:
    """The text a browser shows for an HTML fragment."""
    return parse(html).get_text()


def assert_nothing_injected(soup: BeautifulSoup) -> None:
    for element in soup.find_all(True):
        assert element.name in ALLOWED, f"injected <{element.name}>: {element}"
        extra = set(element.attrs) - ALLOWED[element.name]
        assert not extra, f"injected attributes {extra} on <{element.name}>"
        for attribute in ("href", "src"):
            url = element.get(attribute)
            safe = url is None or urlsplit(str(url)).scheme in {"", "http", "https", "mailto"}
            assert safe, f"unsafe {attribute}={url!r}"
    ids = [str(element["id"]) for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(ids)}"


def properties_table(soup: BeautifulSoup) -> Tag:
    tables = soup.find_all("table")
    assert len(tables) == 1, f"{len(tables)} tables"
    table = tables[0]
    assert isinstance(table, Tag)
    return table


def code_blocks(page: str) -> list[tuple[str, str]]:
    """(language, code) of every fenced block in the page Markdown, as the renderer wrote it."""
    fence = re.compile(
        r"^(?P<indent>[ ]*)(?P<fence>`{3,})(?P<lang>\w+)\n(?P<code>.*?)\n(?P=indent)(?P=fence)$",
        re.MULTILINE | re.DOTALL,
    )
    return [(match["lang"], textwrap.dedent(match["code"])) for match in fence.finditer(page)]


settings_for_pages = settings(
    max_examples=100, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def _field(name: str, tp: TypeDoc, *, nullable: bool = False) -> FieldDoc:
    return FieldDoc(
        name=name,
        attribute=name,
        type=tp,
        nullable=nullable,
        required=True,
        default=None,
        description="",
        example=None,
        deviation=None,
        secret=False,
    )


def _model(*fields: FieldDoc) -> ModelDoc:
    return ModelDoc(
        name="A",
        qualified_name="pkg.A",
        package="pkg",
        docstring="",
        fields=fields,
        example={field.name: field.example for field in fields},
        json_schema={},
        example_repr="",
        keeps_unknown=False,
    )


# Found by chance in a CI run: a union whose first member is only whitespace, in Python
# (`     | |`) or in TypeScript; the names are only whitespace too.
WHITESPACE_TYPE_PARTS = _model(
    _field("    ", UnionType((ScalarType(python="    ", typescript="|"), ScalarType("|", "|")))),
    _field("\t", UnionType((ScalarType(python="|", typescript="    "), ScalarType("|", "|")))),
    _field("\n", UnionType((ScalarType("\n", "\t"), ScalarType("\t", "\n"))), nullable=True),
)
# A type's name that reads like a back link is linked in the table.
BACK_LINK_LOOKALIKE = _model(
    _field("a", EnumType((False, True), "[Back to README](../index.md)", python_name="A"))
)


@settings_for_pages
@given(model_docs())
@example(WHITESPACE_TYPE_PARTS)
@example(BACK_LINK_LOOKALIKE)
def test_hostile_model_page_keeps_its_shape_and_injects_nothing(model: ModelDoc) -> None:
    page = render_model_page(model)
    soup = to_html(page)
    assert_nothing_injected(soup)

    table = properties_table(soup)
    assert [th.get_text() for th in table.select("thead th")] == HEADERS
    rows = table.select("tbody > tr")
    assert len(rows) == len(model.fields)
    for row, field in zip(rows, model.fields, strict=True):
        cells = row.find_all("td", recursive=False)
        assert len(cells) == 5
        name = cells[0].find("strong")
        assert isinstance(name, Tag)
        assert name.get_text() == literal(field.name)
        if field.attribute != field.name:
            assert cells[0].get_text() == literal(field.name) + "Python: " + literal(
                field.attribute
            )
        upstream = field.deviation.upstream_type if field.deviation else None
        typescript_text = (
            upstream if upstream is not None else render_spelling(field.type, "typescript")
        )
        assert cells[1].get_text() == literal(typescript_text)
        assert cells[2].get_text() == literal(python_spelling(field.type, field.nullable))
        assert cells[3].get_text() == shown(markdown_to_html(field.description, inline=True))

    # Every code block (examples, JSON Schema) comes out exactly as the renderer wrote it.
    written = code_blocks(page)
    built = [code.get_text() for code in soup.select("div.highlight pre > code")]
    assert [code.rstrip("\n") for _, code in written] == [code.rstrip("\n") for code in built]
    assert [language for language, _ in written] == ["typescript", "python", "json", "json"]
    (_, python), (_, example), (_, schema) = written[1:]
    assert json.loads(example) == model.example
    ast.parse(python)
    body = python.split('body = r"""', 1)[1].split('"""', 1)[0]
    assert json.loads(body) == model.example
    assert json.loads(schema) == model.json_schema
    in_details = soup.select("details div.highlight pre > code")
    assert len(in_details) == 1 and json.loads(in_details[0].get_text()) == model.json_schema

    # The page's last paragraph; found by place, not by text: a type's name may read "[Back".
    back = soup.find_all("p", recursive=False)[-1].find_all("a")
    assert [(a.get_text(), a["href"]) for a in back] == [
        ("[Back to Model list]", "../index.md#documentation-for-models"),
        ("[Back to API list]", "../index.md#documentation-for-api-endpoints"),
        ("[Back to README]", "../index.md"),
    ]


@settings_for_pages
@given(model_docs(), field_docs(name=plain_text), plain_text, plain_text)
def test_plain_text_is_shown_character_for_character(
    model: ModelDoc, field: FieldDoc, docstring: str, description: str
) -> None:
    field = dataclasses.replace(
        field, description=description, deviation=None, attribute=field.name
    )
    model = dataclasses.replace(model, docstring=docstring, fields=(field,))
    soup = to_html(render_model_page(model))
    summary = soup.select_one(".model-summary")
    assert summary is not None and summary.get_text() == docstring
    cells = properties_table(soup).select("tbody > tr > td")
    assert cells[0].get_text() == field.name
    assert cells[3].get_text() == description


@settings_for_pages
@given(st.lists(model_docs(), min_size=1, max_size=4, unique_by=lambda m: m.name))
def test_hostile_summaries_in_the_model_list_inject_nothing(models: list[ModelDoc]) -> None:
    # The list is Markdown, so the summary HTML goes through Markdown a second time.
    soup = to_html("# Models\n\n" + render_model_list(models))
    assert_nothing_injected(soup)
    (listing,) = soup.find_all("ul", recursive=False)
    items = listing.find_all("li", recursive=False)
    assert len(items) == len(models)
    for item, model in zip(items, models, strict=True):
        links = item.find_all("a")
        assert links[0].get_text() == model.name
        assert links[0]["href"] == f"models/{model.name}.md"
        summary = model.docstring.split("\n\n", 1)[0]
        assert item.get_text() == f"{model.name}: " + shown(markdown_to_html(summary, inline=True))


HOSTILE_MODEL = '''
"""A model added only by the test, with markup in every docstring."""

from pydantic import BaseModel, ConfigDict, Field


class HostileModel(BaseModel):
    """Summary <script>alert("summary")</script> & <b>bold</b> \\\\[x](javascript:alert(0)).

    Note:
        A section <script>alert("note")</script> [x](javascript:alert(2)) &amp;
        {: onclick="alert(3)" }

    Warning:
        <div onclick="alert(4)">block</div>
    """

    model_config = ConfigDict(use_attribute_docstrings=True)

    colour: str = Field(examples=["<script>alert('example')</script> ``` | ]]"])
    """Colour <script>alert("field")</script> <img src=x onerror=alert(1)> &amp; `a|b`.

    Note:
        <script>alert("field note")</script>
    """
'''


def test_hostile_docstrings_reach_the_built_site_only_as_text(
    build_copy: Callable[[Callable[[Path], None]], Build],
) -> None:
    def edit(project: Path) -> None:
        add_model(project, HOSTILE_MODEL, name="HostileModel", module="hostile_model")
        config = project / "mkdocs.yml"
        # Make mkdocstrings render every docstring in the Python API section, the class's too
        # (the site's template override leaves that one to the page summary).
        text = config.read_text(encoding="utf-8")
        line = "      custom_templates: docs/templates\n"
        assert line in text
        config.write_text(text.replace(line, ""), encoding="utf-8")

    build = build_copy(edit)
    assert build.returncode == 0, build.output
    for url in ("models/HostileModel/", ""):
        page = build.page(url)
        for element in page.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), f"{url}: {element}"
                if attribute in ("href", "src"):
                    assert urlsplit(str(value)).scheme in {"", "http", "https"}, f"{url}: {element}"
        for script in page.find_all("script"):
            assert "alert" not in script.get_text(), url

    article = build.page("models/HostileModel/").select_one("article")
    assert article is not None
    api = article.select_one("div.doc")
    assert api is not None
    for text in (
        'Summary <script>alert("summary")</script> & <b>bold</b> [x](javascript:alert(0)).',
        'A section <script>alert("note")</script>',
        '<div onclick="alert(4)">block</div>',
        'Colour <script>alert("field")</script> <img src=x onerror=alert(1)> &amp; a|b.',
        '<script>alert("field note")</script>',
    ):
        assert text in api.get_text(), text
    cell = article.select("#properties ~ table tbody td")[3].get_text()
    assert cell.startswith('Colour <script>alert("field")</script> <img src=x onerror=alert(1)>')
    assert "&amp; a|b." in cell and '<script>alert("field note")</script>' in cell
    summary = article.select_one(".model-summary")
    assert summary is not None and summary.get_text().startswith('Summary <script>alert("summary")')
    listing = build.page("").select_one("#documentation-for-models ~ ul")
    assert listing is not None
    entry = next(li for li in listing.select("li") if li.get_text().startswith("HostileModel"))
    assert [a.get_text() for a in entry.select("a")] == ["HostileModel"]
    assert 'Summary <script>alert("summary")</script> & <b>bold</b> [x](javascript:alert(0)).' in (
        entry.get_text()
    )


def test_docstring_safety_acts_only_on_mkdocstrings_converters() -> None:
    hostile = (
        "<script>alert(1)</script> &amp; [x](javascript:alert(2)) [ok](../index.md)\n"
        '{: onclick="alert(3)" }'
    )
    inner = markdown.Markdown(
        extensions=["toc", "attr_list", DocstringSafety(), MkdocstringsInnerExtension([])]
    )
    soup = BeautifulSoup(inner.convert(hostile), "html.parser")
    assert soup.find("script") is None
    assert soup.get_text().startswith("<script>alert(1)</script> &amp; x ok")
    assert [a.get("href") for a in soup.find_all("a")] == [None, "../index.md"]
    assert all(not name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    # A page converter keeps raw HTML: the generated table is raw HTML.
    page = markdown.Markdown(extensions=["toc", "attr_list", DocstringSafety()])
    assert BeautifulSoup(page.convert(hostile), "html.parser").find("script") is not None

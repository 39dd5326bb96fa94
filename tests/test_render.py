"""The model page renderer called directly, without MkDocs, on small synthetic models.

One synthetic model per shape the engine knows: an alias, a nested model, arrays, a named and
an inline enumeration, a constant, a union, a non-None default.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Annotated, Literal, Union

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, TypeAdapter
from pydantic import Tag as UnionTag
from typing_extensions import TypeAliasType

from iam_client_docs import markup, render_api, typescript
from iam_client_docs.describe import (
    Describer,
    DocsError,
    constraints_of,
    describe_model,
    type_example,
)
from iam_client_docs.descriptions import (
    ArrayType,
    BodyKind,
    CharacterSet,
    ConstantType,
    EnumType,
    ModelDoc,
    ModelType,
    ParameterDoc,
    PatternShape,
    ResponseDoc,
    ScalarType,
    TypeDoc,
    UnionType,
    Usage,
)
from iam_client_docs.markup import Html, Markdown, Row, Text, html_href, html_table, pipe_table
from iam_client_docs.render import (
    DIFFERENCES_PAGE,
    constraints_html,
    python_spelling,
    render_deviations_page,
    render_model_list,
    render_page,
    spelling,
)
from iam_client_models._base import RequestModel, ResponseModel
from iam_client_models._types import Pattern, Unchecked, UpstreamDeviation


class Colour(str, enum.Enum):
    """A colour."""

    RED = "red"
    """Warm."""
    LIGHT_BLUE = "light-blue"
    """Cool."""


class Leaf(ResponseModel):
    """A leaf."""

    leaf_id: str = Field(examples=["leaf-1"])
    """The id."""


class Other(ResponseModel):
    """The other alternative."""

    other_uri: str = Field(examples=["https://example.com/x"])
    """A URI."""


Either = TypeAliasType(
    "Either",
    Annotated[
        Union[Annotated[Leaf, UnionTag("leaf")], Annotated[Other, UnionTag("other")]],  # noqa: UP007
        Discriminator(lambda value: "leaf" if "leafId" in value else "other"),
    ],
)
"""Exactly one of a leaf or another."""

Mixed = TypeAliasType("Mixed", Union[Leaf, str])  # noqa: UP007
"""A union the union page refuses: one alternative is no model."""


class Shapes(RequestModel):
    """Every shape.

    A second paragraph that the model list leaves out.
    """

    owner_ari: str = Field(examples=["ari:iam:::user/1"])
    """An aliased field."""
    leaf: Leaf
    """A nested model."""
    leaves: list[Leaf] | None = None
    """An array of models."""
    tags: list[str] = Field(examples=[["a", "b"]])
    """An array of strings."""
    colours: list[Colour]
    """A named enumeration in an array."""
    mode: Literal["fast", "slow"] = Field(examples=["fast"])
    """An inline enumeration."""
    kind: Literal["SHAPES"]
    """A constant."""
    either: Either
    """A union."""
    limit: int = Field(default=100, examples=[20])
    """A non-None default."""
    legacy: Annotated[
        str | None, UpstreamDeviation(typescript_type="number", reason="Upstream says number.")
    ] = Field(default=None, examples=["x"])
    """A deviation."""


PAGE = "models/Shapes.md"


@pytest.fixture(scope="module")
def doc() -> object:
    return describe_model(Shapes, "tests.test_render")


def _soup(page: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(page, extensions=["tables", "attr_list"]), "html.parser")


def test_each_shape_is_described_as_data(doc: object) -> None:
    fields = {field.attribute: field for field in doc.fields}  # type: ignore[attr-defined]
    assert fields["owner_ari"].name == "ownerAri"
    assert fields["leaf"].type == ModelType("Leaf")
    assert fields["leaves"].type == ArrayType(ModelType("Leaf")) and fields["leaves"].nullable
    assert fields["tags"].type == ArrayType(ScalarType("str", "string"))
    assert fields["colours"].type == ArrayType(
        EnumType(("red", "light-blue"), "Colour", python_name="Colour")
    )
    assert fields["mode"].type == EnumType(("fast", "slow"), "ShapesModeEnum")
    assert fields["kind"].type == ConstantType("SHAPES", "ShapesKindEnum")
    assert fields["either"].type == UnionType((ModelType("Leaf"), ModelType("Other")), "Either")
    assert fields["limit"].default == "100" and not fields["limit"].required
    assert fields["legacy"].deviation is not None
    # Nested examples come from the nested models; constants and enumerations from their values.
    example = doc.example  # type: ignore[attr-defined]
    assert example["leaf"] == {"leafId": "leaf-1"}
    assert example["leaves"] == [{"leafId": "leaf-1"}]
    assert example["colours"] == ["red"]
    assert example["kind"] == "SHAPES"
    assert example["either"] == {"leafId": "leaf-1"}


def test_spellings_in_both_languages() -> None:
    assert spelling(ArrayType(ModelType("Leaf")), "typescript") == "Array<Leaf>"
    assert python_spelling(ArrayType(ModelType("Leaf")), nullable=True) == "list[Leaf] | None"
    assert python_spelling(EnumType(("a", "b"), "XEnum")) == "Literal['a', 'b']"
    assert spelling(EnumType(("a", "b"), "XEnum"), "typescript") == "XEnum"
    assert typescript.enum_member_name("vfs-read") == "VfsRead"
    assert typescript.enum_member_name("InvalidDIDError") == "InvalidDidError"
    assert typescript.enum_member_name(403) == "NUMBER_403"
    assert (
        typescript.enum_name("NotFoundError", "httpStatusCode") == "NotFoundErrorHttpStatusCodeEnum"
    )


def _row(soup: BeautifulSoup, anchor: str) -> list[Tag]:
    row = soup.find("tr", id=anchor)
    assert isinstance(row, Tag), anchor
    return row.find_all("td")


def test_model_page_links_types_and_shows_both_names(doc: object) -> None:
    soup = _soup(render_page(doc))  # type: ignore[arg-type]
    name = _row(soup, "field-ownerAri")[0]
    assert name.get_text() == "ownerAriPython: owner_ari"
    leaves = _row(soup, "field-leaves")
    assert leaves[1].get_text() == "Array<Leaf>"
    assert leaves[2].get_text() == "list[Leaf] | None"
    assert [a["href"] for a in leaves[1].find_all("a")] == ["../models/Leaf.md"]
    assert [a["href"] for a in leaves[2].find_all("a")] == ["../models/Leaf.md"]
    colours = _row(soup, "field-colours")
    assert [a["href"] for a in colours[1].find_all("a")] == ["../models/Colour.md"]
    assert _row(soup, "field-either")[1].find("a")["href"] == "../models/Either.md"  # type: ignore[index]
    assert _row(soup, "field-mode")[2].get_text() == "Literal['fast', 'slow']"
    assert _row(soup, "field-limit")[4].get_text().startswith("Optional; default 100")
    assert _row(soup, "field-leaf")[4].get_text() == "Required."
    legacy = _row(soup, "field-legacy")
    assert legacy[1].get_text() == "number"
    note = legacy[4].find("a")
    assert note is not None and note["href"] == "#Shapes-field-legacy"
    box = soup.find(id="Shapes-field-legacy")
    assert isinstance(box, Tag)
    back = box.find("a", string="All differences from upstream")
    assert back is not None and back["href"] == "../differences.md#Shapes-field-legacy"
    assert "A member not listed here is an error" in soup.get_text()


def test_differences_page_links_each_row_to_its_field(doc: object) -> None:
    soup = _soup(render_deviations_page([doc]))  # type: ignore[list-item]
    row = soup.find("tr", id="Shapes-field-legacy")
    assert isinstance(row, Tag)
    links = [a["href"] for a in row.find_all("a")]
    assert links[:2] == ["models/Shapes.md", "models/Shapes.md#field-legacy"]
    assert html_href(DIFFERENCES_PAGE, "models/Shapes.md") == "models/Shapes.md"


def test_enum_page_lists_members_with_both_names() -> None:
    page = render_page(Describer("tests.test_render").enum(Colour))
    soup = _soup(page)
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")]
    assert rows == [
        ["RED", "Red", '"red"', "Warm."],
        ["LIGHT_BLUE", "LightBlue", '"light-blue"', "Cool."],
    ]


def test_union_page_is_exactly_one_of_with_an_example_each() -> None:
    union = Describer("tests.test_render").union(Either)
    soup = _soup(render_page(union))
    assert [h.get_text() for h in soup.find_all("h2")][:2] == ["Exactly one of", "Examples"]
    links = [a["href"] for a in soup.select(".union-alternatives a")]
    assert links == ["../models/Leaf.md", "../models/Other.md"]
    assert [h.get_text() for h in soup.find_all("h3")] == ["Leaf", "Other"]
    # Never one object holding both alternatives' members.
    assert soup.find("table") is None
    assert [alt.example for alt in union.alternatives] == [
        {"leafId": "leaf-1"},
        {"otherUri": "https://example.com/x"},
    ]


class Unexampled(ResponseModel):
    """Fields with no examples of their own: each takes its type's."""

    maybe: Leaf | None = None
    """An optional model."""
    level: Literal["low", "high"]
    """An inline enumeration."""
    colour: Colour
    """A named enumeration."""
    choice: Leaf | Other
    """A union with no name."""
    eithers: list[Either]
    """An array of a named union."""


def test_an_example_is_its_types_whatever_the_shape() -> None:
    def model_example(name: str) -> dict[str, str]:
        return {"model": name}

    leaf, text = ModelType("Leaf"), ScalarType("str", "string")
    examples: dict[str, tuple[TypeDoc, object]] = {
        "model": (leaf, {"model": "Leaf"}),
        "array of models": (ArrayType(leaf), [{"model": "Leaf"}]),
        "enumeration": (EnumType(("b", "a"), "E"), "b"),
        "constant": (ConstantType(403, "C"), 403),
        "union": (UnionType((ModelType("Other"), leaf), "Either"), {"model": "Other"}),
        "array of arrays": (ArrayType(ArrayType(EnumType(("x",), "E"))), [["x"]]),
        "scalar": (text, None),
        "array of scalars": (ArrayType(text), None),
        "union of scalars": (UnionType((text, leaf)), None),
    }
    found = {
        shape: type_example(typedoc, model_example) for shape, (typedoc, _) in examples.items()
    }
    assert found == {shape: example for shape, (_, example) in examples.items()}
    assert describe_model(Unexampled, "x").example == {
        "maybe": {"leafId": "leaf-1"},
        "level": "low",
        "colour": "red",
        "choice": {"leafId": "leaf-1"},
        "eithers": [{"leafId": "leaf-1"}],
    }


def test_a_type_naming_two_models_of_one_name_or_a_union_of_a_scalar_is_refused() -> None:
    class Leaf2(ResponseModel):
        """Another leaf."""

        leaf_id: str = Field(examples=["leaf-2"])
        """The id."""

    Leaf2.__name__ = "Leaf"

    class Twins(ResponseModel):
        """Two models of one name."""

        twin: Leaf | Leaf2
        """Either leaf."""

    with pytest.raises(DocsError, match="two models are named 'Leaf'"):
        describe_model(Twins, "x")
    with pytest.raises(
        DocsError, match="Mixed: every alternative must be a model, and alternative 2"
    ):
        Describer("x").union(Mixed)


def test_model_list_shows_the_first_paragraph(doc: object) -> None:
    listing = render_model_list([doc])  # type: ignore[list-item]
    assert listing == "- [Shapes](models/Shapes.md): Every shape.\n"


def test_missing_docstring_or_example_names_model_and_field() -> None:
    class NoDoc(ResponseModel):
        """A model."""

        colour: str = Field(examples=["red"])

    class NoExample(ResponseModel):
        """A model."""

        colour: str
        """The colour."""

    with pytest.raises(DocsError, match=r"NoDoc\.colour has no docstring"):
        describe_model(NoDoc, "x")
    with pytest.raises(DocsError, match=r"NoExample\.colour has no example values"):
        describe_model(NoExample, "x")


def test_model_without_attribute_docstrings_config_is_refused() -> None:
    class Plain(BaseModel):
        """A model."""

        model_config = ConfigDict(use_attribute_docstrings=False)
        colour: str = Field(examples=["red"])

    with pytest.raises(DocsError, match="use_attribute_docstrings=True"):
        describe_model(Plain, "x")


def test_examples_of_a_model_must_form_a_valid_instance() -> None:
    class Bad(ResponseModel):
        """A model."""

        count: int = Field(examples=["many"])
        """A count."""

    with pytest.raises(DocsError, match="do not form a valid instance"):
        describe_model(Bad, "x")
    assert json.loads(json.dumps(describe_model(Leaf, "x").example)) == {"leafId": "leaf-1"}


# Constraints: read from each field's JSON Schema, said in words with the exact rule ------------


class Constrained(RequestModel):
    """Every kind of constraint the pages say in words."""

    code_name: Annotated[
        str, StringConstraints(max_length=10), Pattern(r"^[a-z][a-z0-9_]{0,8}[a-z0-9]$", "a name")
    ] = Field(examples=["ab_1"])
    """A name."""
    label: Annotated[str, Pattern(r"^.{3,}", "three")] | None = Field(
        default=None, examples=["abc"]
    )
    """A label."""
    odd: Annotated[str, Pattern(r"^(a|b)+$", "a or b")] = Field(examples=["ab"])
    """A pattern with no safe words."""
    items: list[str] = Field(min_length=1, max_length=5, examples=[["x"]])
    """Items."""
    count: int = Field(ge=1, le=100, examples=[20])
    """A count."""
    ref: Annotated[str, Unchecked("format", "uuid", checked_by=("Constrained",))] = Field(
        examples=["3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"]
    )
    """An ID."""


@pytest.fixture(scope="module")
def constrained() -> ModelDoc:
    return describe_model(Constrained, "tests.test_render")


def test_constraints_are_data_read_from_the_json_schema(constrained: ModelDoc) -> None:
    fields = {field.attribute: field for field in constrained.fields}
    assert [(c.keyword, c.value) for c in fields["code_name"].constraints] == [
        ("maxLength", 10),
        ("pattern", r"^[a-z][a-z0-9_]{0,8}[a-z0-9]$"),
    ]
    shape = fields["code_name"].constraints[1].shape
    assert shape == PatternShape(
        min_length=2,
        max_length=10,
        allowed=CharacterSet(lower=True, digits=True, others=("_",)),
        first=CharacterSet(lower=True),
        last=CharacterSet(lower=True, digits=True),
        whole=True,
    )
    # A nullable field's constraints are its value's.
    (label,) = fields["label"].constraints
    assert label.shape is not None and not label.shape.whole and label.shape.min_length == 3
    assert fields["odd"].constraints[0].shape is None
    assert [(c.keyword, c.value) for c in fields["items"].constraints] == [
        ("minItems", 1),
        ("maxItems", 5),
    ]
    assert [(c.keyword, c.value) for c in fields["count"].constraints] == [
        ("minimum", 1),
        ("maximum", 100),
    ]
    (ref,) = fields["ref"].constraints
    assert (ref.keyword, ref.value, ref.checked, ref.checked_by) == (
        "format",
        "uuid",
        False,
        ("Constrained",),
    )
    # The same function reads a parameter's type.
    assert (
        constraints_of(TypeAdapter(Annotated[int, Field(ge=1, le=100)]).json_schema())
        == fields["count"].constraints
    )


def _constraint_items(constrained: ModelDoc, name: str) -> list[tuple[str, list[str]]]:
    """(the text, the code spans) of each constraint of field `name` in the built table."""
    soup = _soup(render_page(constrained))
    row = soup.find("tr", id=f"field-{name}")
    assert isinstance(row, Tag)
    notes = row.find_all("td")[4]
    items = notes.select("ul.constraints > li")
    return [
        (" ".join(item.get_text().split()), [span.get_text() for span in item.find_all("code")])
        for item in items
    ]


def test_each_constraint_is_said_in_words_beside_its_exact_rule(constrained: ModelDoc) -> None:
    length, pattern = _constraint_items(constrained, "codeName")
    assert length == ("At most 10 characters (maxLength: 10).", ["maxLength: 10"])
    assert pattern[0].startswith(
        "2 to 10 characters: ASCII lower-case letters, digits, _; begins with an ASCII "
        "lower-case letter; does not end with _"
    )
    assert pattern[1][-1] == 'pattern: "^[a-z][a-z0-9_]{0,8}[a-z0-9]$"'
    ((label, _),) = _constraint_items(constrained, "label")
    assert label.startswith("At least 3 characters, the first 3 not line feeds")
    ((odd, spans),) = _constraint_items(constrained, "odd")
    assert odd == 'Exact rule: pattern: "^(a|b)+$".' and spans == ['pattern: "^(a|b)+$"']
    ((items, spans),) = _constraint_items(constrained, "items")
    assert items.startswith("1 to 5 items") and spans == ["minItems: 1", "maxItems: 5"]
    ((count, _),) = _constraint_items(constrained, "count")
    assert count.startswith("From 1 to 100")
    ((ref, spans),) = _constraint_items(constrained, "ref")
    assert ref.startswith("A UUID") and "Not checked when parsing" in ref
    assert spans == ['format: "uuid"', "Constrained"]


def test_a_field_without_constraints_has_no_list(doc: object) -> None:
    soup = _soup(render_page(doc))  # type: ignore[arg-type]
    assert soup.select("ul.constraints") == []


def test_a_pattern_that_does_not_end_with_a_space_says_so() -> None:
    constraint = constraints_of({"pattern": r"^[a-z][a-z .]{0,8}[a-z.]$"})
    html = BeautifulSoup(constraints_html(constraint), "html.parser").get_text()
    assert "does not end with a space" in html and "begins with an ASCII lower-case letter" in html


def test_a_parameters_constraints_are_in_its_notes() -> None:
    # What the API page's parameters table shows, from a parameter's type's JSON Schema.
    limit = TypeAdapter(Annotated[int, Field(ge=1, le=100)]).json_schema()
    key = TypeAdapter(Annotated[str, StringConstraints(max_length=3000)]).json_schema()
    notes = {}
    for name, schema in (("limit", limit), ("exclusiveStartKey", key)):
        parameter = ParameterDoc(
            name=name,
            python_name=name,
            location="query",
            required=False,
            description="A parameter.",
            type=ScalarType("int", "number"),
            example=1,
            default=None,
            constraints=constraints_of(schema),
        )
        soup = BeautifulSoup(render_api._parameter_notes(parameter), "html.parser")
        notes[name] = [" ".join(li.get_text().split()) for li in soup.select("ul.constraints li")]
    assert notes == {
        "limit": ["From 1 to 100 (minimum: 1, maximum: 100)."],
        "exclusiveStartKey": ["At most 3000 characters (maxLength: 3000)."],
    }


def test_the_renderer_loads_neither_pydantic_nor_the_models() -> None:
    # The renderer works from the descriptions alone: importing it must not load what they
    # are described from (in a fresh interpreter: this one has both loaded already).
    script = (
        "import sys, iam_client_docs.render, iam_client_docs.render_api\n"
        "print(sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('pydantic', 'pydantic_core', 'iam_client_models')))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]", run.stdout


def test_a_parameters_type_is_spelled_in_both_languages() -> None:
    principal = ParameterDoc(
        name="principalType",
        python_name="principal_type",
        location="query",
        required=True,
        description="A parameter.",
        type=EnumType(("user", "machine"), "GetPoliciesPrincipalTypeEnum"),
        example="user",
        default=None,
    )
    limit = dataclasses.replace(principal, type=ScalarType("int", "number"), example=1)
    cells = [
        BeautifulSoup(render_api._parameter_type(parameter), "html.parser").find_all("code")
        for parameter in (principal, limit)
    ]
    assert [[code.get_text() for code in found] for found in cells] == [
        ["GetPoliciesPrincipalTypeEnum", "Literal['user', 'machine']"],
        ["number", "int"],
    ]
    notes = BeautifulSoup(render_api._parameter_notes(principal), "html.parser").get_text()
    assert notes == 'Query parameter; required. One of "user", "machine".'


def test_a_response_says_what_its_body_is() -> None:
    said = {}
    bodies: tuple[BodyKind, ...] = ("empty", "object", "undeclared")
    for body in bodies:
        response = ResponseDoc(204, "Done", "Done.", None, body, "client", ())
        text = BeautifulSoup(
            render_api._response_description(response, "endpoints/A.md"), "html.parser"
        )
        said[body] = text.get_text().removeprefix("Done: Done. ")
    assert said == {
        "empty": "No body.",
        "object": "Body: a JSON object.",
        "undeclared": "Body: not declared upstream.",
    }


def test_a_model_page_names_the_body_each_operation_uses_it_as(doc: object) -> None:
    usages = [
        Usage("TokensApi", "createToken", "request"),
        Usage("TokensApi", "getToken", "response", 200),
        Usage("TokensApi", "deleteToken", "error", 403),
    ]
    soup = _soup(render_page(doc, usages))  # type: ignore[arg-type]
    line = next(p for p in soup.find_all("p") if p.get_text().startswith("Used by:"))
    assert line.get_text() == (
        "Used by: TokensApi.createToken (request body), TokensApi.getToken (response body), "
        "TokensApi.deleteToken (error body (403))."
    )
    assert [a["href"] for a in line.find_all("a")] == [
        "../endpoints/TokensApi.md#createtoken",
        "../endpoints/TokensApi.md#gettoken",
        "../endpoints/TokensApi.md#deletetoken",
    ]


HOSTILE = "a | b <i>x</i> *y* [z](javascript:q) & `c`"


def _cells(markup: str) -> list[list[str]]:
    table = _soup(markup).find("table")
    assert isinstance(table, Tag)
    return [
        [cell.get_text() for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")
    ]


def test_a_pipe_table_escapes_text_and_keeps_a_bar_inside_its_cell() -> None:
    page = pipe_table(
        ("Name", "Value"),
        [[Text(HOSTILE), Html("<code>x | y</code>")], [Markdown("**bold**"), Text("")]],
    )
    assert _cells(page) == [["Name", "Value"], [HOSTILE, "x | y"], ["bold", ""]]
    soup = _soup(page)
    assert soup.find("a") is None and soup.find("em") is None and soup.find("i") is None


def test_an_html_table_escapes_text_and_gives_a_row_its_id() -> None:
    page = html_table(("Name", "Value"), [Row([Text(HOSTILE), Html("<em>kept</em>")], id='a"b')])
    assert _cells(page) == [["Name", "Value"], [HOSTILE, "kept"]]
    soup = _soup(page)
    row = soup.find("tbody").find("tr")  # type: ignore[union-attr]
    assert isinstance(row, Tag) and row["id"] == 'a"b'
    assert soup.find("i") is None and soup.find("em") is not None


@pytest.mark.parametrize(
    "build",
    [
        lambda: pipe_table(("A", "B"), [[Text("one")]]),
        lambda: html_table(("A",), [Row([Text("one"), Text("two")])]),
        lambda: pipe_table(("A",), [[Html("one\ntwo")]]),
        lambda: html_table(("A",), [Row([Html("one\n\ntwo")])]),
    ],
)
def test_a_table_refuses_a_row_of_the_wrong_width_or_a_cell_with_a_line_break(
    build: Callable[[], str],
) -> None:
    with pytest.raises(ValueError, match="table"):
        build()


def _coloured_characters(html: str) -> list[tuple[str, str | None]]:
    """Each character of the code elements in `html`, with the class of its innermost span."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[tuple[str, str | None]] = []
    for code in soup.find_all("code"):
        for text in code.find_all(string=True):
            span = text.find_parent("span")
            css = " ".join(span["class"]) if isinstance(span, Tag) else None
            found += [(character, css) for character in str(text)]
    return found


@pytest.mark.parametrize("lexer", ["typescript", "python", "json", "bash"])
def test_compact_highlight_keeps_every_character_and_its_colour_in_fewer_elements(
    lexer: str,
) -> None:
    source = {
        "typescript": 'const input = { name: "x", keys: [1, 2] };\nconsole.log(input);\n',
        "python": 'def f():\n    return [ ( 1 ) ]  # a comment\n\n\nprint({"name": f()})\n',
        "json": '{\n  "name": "x",\n  "keys": [1, 2],\n  "on": true\n}\n',
        "bash": "curl --request POST https://example.test \\\n  --header 'A: b'\n",
    }[lexer]
    # Highlighted as the site's pages are (mkdocs.yml: pymdownx.highlight and superfences).
    block = markdown.markdown(
        f"```{lexer}\n{source}```",
        extensions=["pymdownx.highlight", "pymdownx.superfences"],
        extension_configs={"pymdownx.highlight": {"pygments_lang_class": True}},
    )
    page = f'<p><span class="w"> </span></p>{block}<code>a</code>'
    compact = markup.compact_highlight(page)

    assert page.count('class="w"') > 1 and compact.count('class="w"') == 1  # the one outside
    before, after = _coloured_characters(page), _coloured_characters(compact)
    assert "".join(c for c, _ in after) == "".join(c for c, _ in before) == source + "a"
    assert isinstance(BeautifulSoup(compact, "html.parser").select_one("pre > code"), Tag)
    for (character, was), (_, now) in zip(before, after, strict=True):
        assert now == (None if was == "w" else was) or character.isspace(), (character, was, now)
    assert compact.count("<span") < page.count("<span") - 1
    # Outside a code element nothing changes.
    assert compact.startswith('<p><span class="w"> </span></p>')
    assert markup.compact_highlight(compact) == compact

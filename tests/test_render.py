"""The page renderer called directly, without MkDocs."""

from __future__ import annotations

import json
import re
from typing import Annotated, Literal

import pytest
from bs4 import BeautifulSoup
from pydantic import BaseModel, ConfigDict, Field

import iam_client_models
from iam_client_docs.describe import (
    DocsError,
    ModelDoc,
    describe_model,
    public_models,
    python_type,
    typescript_type,
)
from iam_client_docs.render import model_page_path, render_model_list, render_model_page
from iam_client_docs.safe_markdown import markdown_to_html
from iam_client_models import ConsumerAuthTokenEndpointOutput

PACKAGE = "iam_client_models"


@pytest.fixture(scope="module")
def output_doc() -> ModelDoc:
    return describe_model(ConsumerAuthTokenEndpointOutput, PACKAGE)


def _table(page: str) -> BeautifulSoup:
    match = re.search(r"<table>.*?</table>", page, re.DOTALL)
    assert match, page
    return BeautifulSoup(match.group(0), "html.parser")


def test_rows_equal_model_fields_in_declaration_order(output_doc: ModelDoc) -> None:
    table = _table(render_model_page(output_doc))
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers == ["Name", "TypeScript type", "Python type", "Description", "Notes"]
    rows = table.select("tbody tr")
    names = [row.select("td")[0].get_text() for row in rows]
    assert names == list(ConsumerAuthTokenEndpointOutput.model_fields)
    for row, info in zip(rows, ConsumerAuthTokenEndpointOutput.model_fields.values(), strict=True):
        cells = row.select("td")
        assert len(cells) == 5
        assert info.description is not None
        # The docstring is rendered as Markdown: its text, less code-span backticks.
        assert cells[3].get_text() == info.description.replace("`", "")
        assert "Optional" in cells[4].get_text()
        assert "undefined" in cells[4].get_text() and "None" in cells[4].get_text()


def test_typescript_and_python_type_columns(output_doc: ModelDoc) -> None:
    table = _table(render_model_page(output_doc))
    types = {
        row.select("td")[0].get_text(): (
            row.select("td")[1].get_text(),
            row.select("td")[2].get_text(),
        )
        for row in table.select("tbody tr")
    }
    assert types == {
        "access_token": ("string", "str | None"),
        "expires_in": ("number", "int | None"),
        "id_token": ("number", "str | None"),
        "refresh_token": ("string", "str | None"),
        "scope": ("string", "str | None"),
        "token_type": ("string", "str | None"),
    }


def test_id_token_deviation_is_a_visible_note_citing_openid_connect(output_doc: ModelDoc) -> None:
    page = render_model_page(output_doc)
    soup = BeautifulSoup(page, "html.parser")
    note = soup.select_one("#upstream-id_token")
    assert note is not None and "admonition" in (note.get("class") or [])
    assert "OpenID Connect Core 1.0, section 3.1.3.3" in note.get_text()
    link = soup.select_one('a[href="#upstream-id_token"]')
    assert link is not None


def test_sections_in_upstream_order(output_doc: ModelDoc) -> None:
    page = render_model_page(output_doc)
    positions = [
        page.index(marker)
        for marker in (
            "# ConsumerAuthTokenEndpointOutput\n",
            "## Properties",
            "## Example",
            '=== "TypeScript"',
            '=== "Python"',
            '=== "JSON"',
            "## Python API",
            "::: iam_client_models.ConsumerAuthTokenEndpointOutput",
            '??? info "JSON Schema"',
            "[[Back to Model list]](../index.md#documentation-for-models)",
            "[[Back to API list]](../index.md#documentation-for-api-endpoints)",
            "[[Back to README]](../index.md)",
        )
    ]
    assert positions == sorted(positions)


def test_typescript_example_assigns_values_and_leaves_out_id_token(output_doc: ModelDoc) -> None:
    page = render_model_page(output_doc)
    block = page.split('=== "TypeScript"', 1)[1].split('=== "Python"', 1)[0]
    assert "import { ConsumerAuthTokenEndpointOutput } from '@affinidi-tdk/iam-client'" in block
    assert "expires_in: 3600," in block
    assert 'scope: "openid offline",' in block
    assert "id_token:" not in block
    assert '// "id_token" left out' in block
    assert " as " not in block  # no casts


def test_python_example_parses_the_json_example(output_doc: ModelDoc) -> None:
    page = render_model_page(output_doc)
    python = page.split('=== "Python"', 1)[1].split('=== "JSON"', 1)[0]
    json_block = page.split('=== "JSON"', 1)[1].split("## Python API", 1)[0]
    body = json.loads(json_block.strip().removeprefix("```json").removesuffix("```"))
    assert body == output_doc.example
    assert "from iam_client_models import ConsumerAuthTokenEndpointOutput" in python
    assert "ConsumerAuthTokenEndpointOutput.model_validate_json(body)" in python
    assert "#> expires_in=3600 scope='openid offline' token_type='bearer'" in python


def test_model_list_links_every_public_model() -> None:
    docs = [describe_model(model, PACKAGE) for model in public_models(iam_client_models)]
    listing = render_model_list(docs)
    for doc in docs:
        assert f"- [{doc.name}]({model_page_path(doc.name)}): " in listing
    assert len(listing.strip().splitlines()) == len(docs)


class Undocumented(BaseModel):
    """A model whose second field has no docstring."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    first: str = Field(examples=["a"])
    """Documented."""

    second: int = Field(examples=[1])


class NoExamples(BaseModel):
    """A model whose field has no examples."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    lonely: str | None = None
    """Documented, but no example."""


def test_missing_docstring_names_model_and_field() -> None:
    with pytest.raises(DocsError, match=r"Undocumented\.second has no docstring"):
        describe_model(Undocumented, "tests")


def test_missing_examples_names_model_and_field() -> None:
    with pytest.raises(DocsError, match=r"NoExamples\.lonely has no example values"):
        describe_model(NoExamples, "tests")


def test_model_without_attribute_docstrings_config_is_refused() -> None:
    class Plain(BaseModel):
        """Docstring present, config missing."""

        x: int = Field(examples=[1])

    with pytest.raises(DocsError, match="Plain: set model_config use_attribute_docstrings=True"):
        describe_model(Plain, "tests")


class Nested(BaseModel):
    """Nested."""


@pytest.mark.parametrize(
    ("annotation", "typescript", "python"),
    [
        (str, "string", "str"),
        (int | None, "number", "int | None"),
        (float, "number", "float"),
        (bool, "boolean", "bool"),
        (list[str], "Array<string>", "list[str]"),
        (dict[str, int], "{ [key: string]: number; }", "dict[str, int]"),
        (Literal["a", "b"], "'a' | 'b'", "Literal['a', 'b']"),
        (Annotated[int, "meta"] | None, "number", "int | None"),
        (Nested | None, "Nested", "Nested | None"),
    ],
)
def test_type_mappings(annotation: object, typescript: str, python: str) -> None:
    assert typescript_type(annotation) == typescript
    assert python_type(annotation) == python


def test_safe_markdown_renders_markdown_but_not_html() -> None:
    html = markdown_to_html("Use `a|b` & <script>alert(1)</script> [x](javascript:alert(1)) *em*")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    code, em, link = soup.find("code"), soup.find("em"), soup.find("a")
    assert code is not None and code.get_text() == "a|b"
    assert em is not None and em.get_text() == "em"
    assert link is not None and link.get("href") is None
    assert "<script>alert(1)</script>" in soup.get_text()

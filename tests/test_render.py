"""The page renderer called directly, without MkDocs."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
import textwrap
from pathlib import Path
from typing import Annotated, Literal

import markdown
import pytest
from bs4 import BeautifulSoup
from pydantic import BaseModel, ConfigDict, Field

import iam_client_docs.examples
import iam_client_models
from iam_client_docs.describe import (
    ApiDoc,
    DocsError,
    ModelDoc,
    describe_api,
    describe_model,
    model_usages,
    public_models,
    python_type,
    typescript_enum_name,
    typescript_type,
)
from iam_client_docs.render import (
    api_page_path,
    model_page_path,
    operation_anchor,
    render_api_list,
    render_api_page,
    render_model_list,
    render_model_page,
)
from iam_client_docs.safe_markdown import markdown_to_html
from iam_client_models import ConsumerAuthTokenEndpointOutput
from iam_client_models.endpoints import BASE_URL, CONSUMER_AUTH_API, CONSUMER_AUTH_TOKEN_ENDPOINT

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


# --- Endpoint pages -------------------------------------------------------------------------

EXAMPLES_DIR = Path(iam_client_docs.examples.__file__ or "").parent


@pytest.fixture(scope="module")
def model_docs() -> list[ModelDoc]:
    return [describe_model(model, PACKAGE) for model in public_models(iam_client_models)]


@pytest.fixture(scope="module")
def api_doc(model_docs: list[ModelDoc]) -> ApiDoc:
    return describe_api(CONSUMER_AUTH_API, model_docs, EXAMPLES_DIR)


def _html(markdown_text: str) -> BeautifulSoup:
    """The page through Python-Markdown with the table and heading-attribute syntax MkDocs uses."""
    return BeautifulSoup(
        markdown.markdown(markdown_text, extensions=["tables", "attr_list"]), "html.parser"
    )


def test_literal_fields_show_upstream_enum_type_names(model_docs: list[ModelDoc]) -> None:
    [request] = [doc for doc in model_docs if doc.name == "ConsumerAuthTokenEndpointInput"]
    types = {field.name: field.typescript_type for field in request.fields}
    # As @affinidi-tdk/iam-client 1.48.0 declares them.
    assert types == {
        "grant_type": "ConsumerAuthTokenEndpointInputGrantTypeEnum",
        "client_assertion_type": "ConsumerAuthTokenEndpointInputClientAssertionTypeEnum",
        "client_assertion": "string",
        "code": "string",
        "refresh_token": "string",
        "redirect_uri": "string",
        "client_id": "string",
    }
    python = {field.name: field.python_type for field in request.fields}
    assert python["grant_type"] == "Literal['client_credentials', 'affinidi_delegation']"


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (Literal["a", "b"], "ModelKindEnum"),
        (Literal["a"] | None, "ModelKindEnum"),
        (list[Literal["a", "b"]], "Array<ModelKindEnum>"),
        (str | None, "string"),
    ],
)
def test_enum_name_rule(annotation: object, expected: str) -> None:
    assert typescript_enum_name("Model", "kind") == "ModelKindEnum"
    assert typescript_type(annotation, enum_name="ModelKindEnum") == expected


def test_enum_name_is_pascal_case_of_the_wire_name() -> None:
    assert typescript_enum_name("M", "client_assertion_type") == "MClientAssertionTypeEnum"
    assert typescript_enum_name("M", "token-type") == "MTokenTypeEnum"


def test_api_list_links_each_operation_to_its_section(api_doc: ApiDoc) -> None:
    listing = _html(render_api_list([api_doc], BASE_URL))
    assert "All URIs are relative to https://apse1.api.affinidi.io/iam." in listing.get_text()
    assert [th.get_text() for th in listing.select("th")] == [
        "Class",
        "Method",
        "HTTP request",
        "Description",
    ]
    [row] = listing.select("tbody tr")
    cells = row.select("td")
    assert [cell.get_text(" ", strip=True) for cell in cells] == [
        "ConsumerAuthApi",
        "consumerAuthTokenEndpoint",
        "POST /v1/consumer/oauth2/token",
        "The Consumer OAuth 2.0 Token Endpoint",
    ]
    assert [a["href"] for a in row.select("a")] == [
        "endpoints/ConsumerAuthApi.md",
        "endpoints/ConsumerAuthApi.md#consumerauthtokenendpoint",
    ]
    assert api_page_path("ConsumerAuthApi") == "endpoints/ConsumerAuthApi.md"
    assert operation_anchor("consumerAuthTokenEndpoint") == "consumerauthtokenendpoint"


def test_api_page_sections_in_upstream_order(api_doc: ApiDoc) -> None:
    page = render_api_page(api_doc, BASE_URL)
    positions = [
        page.index(marker)
        for marker in (
            "# ConsumerAuthApi { #consumerauthapi }\n",
            "All URIs are relative to <code>https://apse1.api.affinidi.io/iam</code>.",
            "| Method | HTTP request | Description |",
            "## consumerAuthTokenEndpoint { #consumerauthtokenendpoint }",
            "> TypeScript: <code>",
            "> Python: <code>",
            "The Consumer OAuth 2.0 Token Endpoint</strong>",
            "### Example",
            '=== "TypeScript"',
            '=== "Python"',
            "### Parameters",
            "### Return type",
            "### Authorization",
            "### HTTP request headers",
            "### HTTP response details",
            "[[Back to top]](#consumerauthapi)",
            "[[Back to API list]](../index.md#documentation-for-api-endpoints)",
            "[[Back to Model list]](../index.md#documentation-for-models)",
            "[[Back to README]](../index.md)",
        )
    ]
    assert positions == sorted(positions)


def test_api_page_tables_link_the_request_and_response_models(api_doc: ApiDoc) -> None:
    soup = _html(render_api_page(api_doc, BASE_URL))
    tables = soup.select("table")
    assert len(tables) == 3
    methods, parameters, responses = tables
    assert [a["href"] for a in methods.select("a")] == ["#consumerauthtokenendpoint"]
    [parameter] = parameters.select("tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in parameter.select("td")]
    assert cells[:2] == ["consumerAuthTokenEndpointInput", "ConsumerAuthTokenEndpointInput"]
    assert cells[2].startswith("The request body of the consumer OAuth 2.0 token endpoint")
    assert parameter.select_one("a")["href"] == "../models/ConsumerAuthTokenEndpointInput.md"  # type: ignore[index]
    returned = soup.find(id="return-type") or soup.find("h3", string="Return type")
    assert returned is not None
    link = returned.find_next("a")
    assert link is not None and link["href"] == "../models/ConsumerAuthTokenEndpointOutput.md"
    rows = responses.select("tbody tr")
    declared = CONSUMER_AUTH_TOKEN_ENDPOINT.responses
    assert [row.select("td")[0].get_text() for row in rows] == [str(r.status) for r in declared]
    for row, response in zip(rows, declared, strict=True):
        description, headers = row.select("td")[1:]
        text = f"{response.name}: {response.description}".replace("`", "")
        assert description.get_text().startswith(text)
        assert [code.get_text() for code in headers.select("code")] == list(response.headers)
    assert rows[0].select_one("a")["href"] == "../models/ConsumerAuthTokenEndpointOutput.md"  # type: ignore[index]
    assert "No authorization required" in soup.get_text()
    headers_list = [li.get_text() for li in soup.select("ul > li")]
    assert headers_list == ["Content-Type: application/json", "Accept: application/json"]


def test_api_page_python_example_is_the_tested_file_verbatim(api_doc: ApiDoc) -> None:
    page = render_api_page(api_doc, BASE_URL)
    example = page.split("### Example", 1)[1].split("### Parameters", 1)[0]
    python = example.split('=== "Python"', 1)[1]
    code = textwrap.dedent(python.strip("\n").split("\n", 1)[1].rsplit("\n", 1)[0])
    assert code.removeprefix("```python\n").rstrip("\n") == (
        (EXAMPLES_DIR / "consumer_auth_token_endpoint.py").read_text(encoding="utf-8").rstrip()
    )


def test_api_page_signatures(api_doc: ApiDoc) -> None:
    page = render_api_page(api_doc, BASE_URL)
    signatures = page.split("## consumerAuthTokenEndpoint", 1)[1].split("<div", 1)[0]
    typescript = (
        "consumerAuthTokenEndpoint(consumerAuthTokenEndpointInput: ConsumerAuthTokenEndpointInput,"
        " options?: RawAxiosRequestConfig): Promise<AxiosResponse<ConsumerAuthTokenEndpointOutput>>"
    )
    python = (
        "consumer_auth_token_endpoint(request: ConsumerAuthTokenEndpointInput, "
        "base_url: str | None = None) -> ConsumerAuthTokenEndpointOutput"
    )
    quote = _html(signatures).select_one("blockquote")
    assert quote is not None
    assert [code.get_text() for code in quote.select("code")] == [typescript, python]
    assert quote.get_text().strip().startswith("TypeScript: ")
    assert quote.select_one("br") is not None and "\nPython: " in quote.get_text()
    assert "```" not in signatures  # not a code block: no example checker runs it
    # The Python signature is that of the function the page's example defines.
    shown = ast.parse(f"def {python}: ...").body[0]
    [defined] = [
        node
        for node in ast.parse(api_doc.operations[0].python_example).body
        if isinstance(node, ast.FunctionDef) and node.name == "consumer_auth_token_endpoint"
    ]
    assert isinstance(shown, ast.FunctionDef)
    assert ast.dump(shown.args) == ast.dump(defined.args)
    assert ast.dump(shown.returns) == ast.dump(defined.returns)  # type: ignore[arg-type]


def test_api_page_typescript_example_calls_the_upstream_client(api_doc: ApiDoc) -> None:
    page = render_api_page(api_doc, BASE_URL)
    example = page.split("### Example", 1)[1].split('=== "Python"', 1)[0]
    assert "} from '@affinidi-tdk/iam-client'" in example
    assert "new ConsumerAuthApi(new Configuration())" in example
    assert ".consumerAuthTokenEndpoint(consumerAuthTokenEndpointInput)" in example
    assert "const consumerAuthTokenEndpointInput: ConsumerAuthTokenEndpointInput = {" in example
    assert 'grant_type: "client_credentials",' in example
    # Only what a client-credentials request needs; and no credential is logged.
    assert "refresh_token:" not in example and "code:" not in example
    assert "data.access_token" not in example and "data.id_token" not in example
    assert "console.log(data.expires_in, data.scope, data.token_type)" in example
    assert " as " not in example


def test_model_pages_link_back_to_the_endpoints_using_them(
    api_doc: ApiDoc, model_docs: list[ModelDoc]
) -> None:
    usages = model_usages([api_doc])
    roles = {
        "ConsumerAuthTokenEndpointInput": "request body",
        "ConsumerAuthTokenEndpointOutput": "response body",
    }
    for doc in model_docs:
        page = render_model_page(doc, usages[doc.name])
        line = (
            "Used by: [ConsumerAuthApi.consumerAuthTokenEndpoint]"
            "(../endpoints/ConsumerAuthApi.md#consumerauthtokenendpoint) "
            f"({roles[doc.name]})."
        )
        assert page.index('<div class="model-summary">') < page.index(line)
        assert page.index(line) < page.index("## Properties")
    assert "Used by" not in render_model_page(model_docs[0])


def test_source_text_on_the_api_page_is_escaped(model_docs: list[ModelDoc]) -> None:
    hostile = dataclasses.replace(
        CONSUMER_AUTH_TOKEN_ENDPOINT,
        summary="Pipes | and <script>alert(1)</script>",
        description="<img src=x onerror=alert(1)> [x](javascript:alert(1))",
        responses=(
            dataclasses.replace(CONSUMER_AUTH_TOKEN_ENDPOINT.responses[0], name="<b>OK</b> | ok"),
        ),
    )
    api = dataclasses.replace(CONSUMER_AUTH_API, operations=(hostile,))
    soup = _html(render_api_page(describe_api(api, model_docs, EXAMPLES_DIR), BASE_URL))
    assert soup.find("script") is None and soup.find("img") is None and soup.find("b") is None
    assert all(a.get("href") != "javascript:alert(1)" for a in soup.select("a"))
    methods, _, responses = soup.select("table")
    [row] = methods.select("tbody tr")
    assert row.select("td")[2].get_text() == "Pipes | and <script>alert(1)</script>"
    [row] = responses.select("tbody tr")
    assert len(row.select("td")) == 3
    assert row.select("td")[1].get_text().startswith("<b>OK</b> | ok: ")


def test_endpoint_without_a_python_example_names_the_file(
    model_docs: list[ModelDoc], tmp_path: Path
) -> None:
    with pytest.raises(DocsError, match=r"ConsumerAuthApi\.consumerAuthTokenEndpoint has no Py"):
        describe_api(CONSUMER_AUTH_API, model_docs, tmp_path)
    (tmp_path / "consumer_auth_token_endpoint.py").write_text("def other() -> None: ...\n")
    with pytest.raises(DocsError, match=r"defines no function consumer_auth_token_endpoint\(\)"):
        describe_api(CONSUMER_AUTH_API, model_docs, tmp_path)


def test_endpoint_using_a_model_without_a_page_is_refused(model_docs: list[ModelDoc]) -> None:
    only_output = [doc for doc in model_docs if doc.name == "ConsumerAuthTokenEndpointOutput"]
    with pytest.raises(DocsError, match="uses ConsumerAuthTokenEndpointInput, which has no page"):
        describe_api(CONSUMER_AUTH_API, only_output, EXAMPLES_DIR)


def test_python_signature_keeps_every_kind_of_parameter(
    model_docs: list[ModelDoc], tmp_path: Path
) -> None:
    (tmp_path / "consumer_auth_token_endpoint.py").write_text(
        "def consumer_auth_token_endpoint(a, /, b: int = 1, *args: str, c, d: dict[str, int]"
        " = {}, **kw: object) -> None:\n    pass\n"
    )
    [doc] = describe_api(CONSUMER_AUTH_API, model_docs, tmp_path).operations
    assert doc.python_parameters == (
        "a",
        "/",
        "b: int = 1",
        "*args: str",
        "c",
        "d: dict[str, int] = {}",
        "**kw: object",
    )
    assert doc.python_returns == "None"

"""The endpoint declarations against the pinned `@affinidi-tdk/iam-client` package.

From `dist/api.d.ts` (the `*Api` classes, read by the TypeScript compiler): the class names,
their method names and order, each method's parameters (names, order, optionality, types) and
its return type. From the README's "Documentation for API Endpoints": each operation's class,
method, HTTP method, path and summary, in upstream's order. From `docs/<Class>.md`: each
operation's authorization, request headers and documented response statuses with their names
and response headers. From upstream's Python client (`affinidi-tdk-iam-client`, the only one
that names them): the body model of each status, and the Python method names; a body it does
not name (the errors of an operation that returns nothing) comes from upstream's 1.43.0
OpenAPI document and says so (`Response.body_source`). Where a declaration deliberately
differs, its `UpstreamDifference` says so (with upstream's text) and the page shows it; nothing
else may differ.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import iam_client_models
from iam_client_docs import typescript
from iam_client_docs.describe import describe_types
from iam_client_docs.describe_api import describe_api, typescript_signature
from iam_client_docs.descriptions import DifferenceDoc, ModelDoc
from iam_client_docs.markup import api_page_path
from iam_client_docs.render_api import render_api_page
from iam_client_models import endpoints
from iam_client_models.endpoints import API_CLASSES, OPERATIONS, ApiClass, Body, Operation
from tests.conftest import Build
from tests.upstream_dts import Method, Package, documented_models, spelling
from tests.upstream_python import parameter_rules, response_types, upstream_python_client

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = ROOT / "src" / "iam_client_docs" / "examples"


def upstream_signature(method: Method) -> str:
    """The method as one line, `AxiosResponse` without its `import()` and default argument."""
    parameters = ", ".join(
        f"{p.name}{'?' if p.optional else ''}: {p.written}" for p in method.parameters
    )
    returns = re.sub(
        r"import\('axios'\)\.AxiosResponse<(.*), any>",
        r"AxiosResponse<\1>",
        spelling(method.returns),
    )
    return f"{method.name}({parameters}): {returns}"


def api_of(operation: Operation) -> ApiClass:
    return next(api for api in API_CLASSES if operation in api.operations)


def declared(operation: Operation, upstream_text: str) -> bool:
    return any(d.upstream == upstream_text for d in operation.differences)


# ---------------------------------------------------------------------------------------------
# The classes of dist/api.d.ts


def test_the_api_classes_are_upstreams(upstream: Package) -> None:
    theirs = [
        c.name
        for c in upstream.classes.values()
        if c.heritage == "extends BaseAPI" and c.name.endswith("Api")
    ]
    assert [api.name for api in API_CLASSES] == theirs


@pytest.mark.parametrize("api", API_CLASSES, ids=lambda api: api.name)
def test_each_class_has_upstreams_methods_in_order(api: ApiClass, upstream: Package) -> None:
    theirs = [method.name for method in upstream.api_class(api.name).methods]
    assert [operation.name for operation in api.operations] == theirs


def _method(upstream: Package, operation: Operation) -> Method:
    methods = upstream.api_class(api_of(operation).name).methods
    return next(m for m in methods if m.name == operation.name)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.name)
def test_each_signature_is_upstreams(operation: Operation, upstream: Package) -> None:
    theirs = upstream_signature(_method(upstream, operation))
    ours = typescript_signature(operation)
    if ours != theirs and not declared(operation, theirs):
        pytest.fail(
            f"{operation.name}:\n  upstream: {theirs}\n  ours:     {ours}\n(a deliberate "
            "difference is declared with UpstreamDifference(upstream=<upstream's line>, ...))",
            pytrace=False,
        )


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.name)
def test_enumeration_parameters_have_upstreams_values(
    operation: Operation, upstream: Package
) -> None:
    written = {p.name: p.type for p in _method(upstream, operation).parameters}
    for parameter in operation.parameters:
        values = parameter.enum_values
        theirs = upstream.resolved_type(written[parameter.name])
        if values is None:
            assert theirs == spelling(written[parameter.name]), f"{parameter.name}: {theirs}"
        else:
            name = typescript.parameter_enum_name(operation.name, parameter.name)
            assert spelling(written[parameter.name]) == name
            assert theirs == " | ".join(f"'{value}'" for value in values)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.name)
def test_declared_differences_still_differ(operation: Operation, upstream: Package) -> None:
    theirs = upstream_signature(_method(upstream, operation))
    row = next(row for row in readme_rows(upstream) if row.method == operation.name)
    ours = f"{operation.method} {operation.path}"
    for difference in operation.differences:
        assert difference.upstream in (theirs, row.line), (
            f"{operation.name}: the declared difference quotes no upstream text: "
            f"{difference.upstream!r}"
        )
        if difference.upstream == theirs:
            assert typescript_signature(operation) != theirs, f"{operation.name}: drop it"
        else:
            assert ours != f"{row.http} {row.path}", f"{operation.name}: drop it"


# ---------------------------------------------------------------------------------------------
# README.md: "Documentation for API Endpoints"


@dataclasses.dataclass(frozen=True)
class Row:
    api: str
    method: str
    anchor: str
    http: str
    path: str
    summary: str
    line: str


_ROW = re.compile(
    r"\|\s*_(?P<api>\w+)_\s*\|\s*\[\*\*(?P<method>\w+)\*\*\]\(docs/(?P=api)\.md#(?P<anchor>\w+)\)"
    r"\s*\|\s*\*\*(?P<http>[A-Z]+)\*\*\s+(?P<path>\S+)\s*\|(?:\s*(?P<summary>[^|]*?)\s*\|)?\s*$"
)


def readme_rows(upstream: Package) -> list[Row]:
    text = (upstream.root / "README.md").read_text(encoding="utf-8")
    section = text.split("### Documentation for API Endpoints", 1)[1].split("\n### ", 1)[0]
    rows = []
    for line in section.splitlines():
        match = _ROW.match(line.strip())
        if match:
            rows.append(
                Row(
                    match["api"],
                    match["method"],
                    match["anchor"],
                    match["http"],
                    match["path"],
                    match["summary"] or "",
                    line.strip(),
                )
            )
    return rows


def test_the_readme_lists_every_operation_in_our_order(upstream: Package) -> None:
    rows = readme_rows(upstream)
    theirs = [(r.api, r.method, r.http, r.path) for r in rows]
    ours = [(api.name, op.name, op.method, op.path) for api in API_CLASSES for op in api.operations]
    for row, mine, operation in zip(theirs, ours, OPERATIONS, strict=True):
        readme = next(r for r in rows if r.method == row[1])
        if row != mine and not declared(operation, readme.line):
            pytest.fail(f"README row {row} differs from the declaration {mine}", pytrace=False)
    assert [r.anchor for r in rows] == [typescript.operation_anchor(op.name) for op in OPERATIONS]


def test_upstream_summaries_are_ours(upstream: Package) -> None:
    by_name = {op.name: op for op in OPERATIONS}
    for row in readme_rows(upstream):
        if row.summary:
            assert by_name[row.method].summary == row.summary, row.method


# ---------------------------------------------------------------------------------------------
# docs/<Class>.md: authorization, request headers, responses


@dataclasses.dataclass(frozen=True)
class DocSection:
    authorization: tuple[str, ...]
    content_type: str
    accept: str
    responses: tuple[tuple[int, str], ...]
    response_headers: tuple[tuple[str, ...], ...]
    """The "Response headers" column of each response, in order: the header names."""


def doc_section(upstream: Package, api: str, method: str) -> DocSection:
    text = (upstream.root / "docs" / f"{api}.md").read_text(encoding="utf-8")
    section = text.split(f"# **{method}**", 1)[1].split("\n# **", 1)[0]
    authorization = section.split("### Authorization", 1)[1].split("###", 1)[0]
    schemes = tuple(re.findall(r"\[(\w+)\]\(\.\./README\.md#\1\)", authorization))
    headers = dict(re.findall(r"- \*\*([\w-]+)\*\*: (.+)", section))
    table = (
        section.split("### HTTP response details", 1)[1] if "### HTTP response" in section else ""
    )
    rows = re.findall(r"\|\s*\*\*(\d{3})\*\*\s*\|\s*([^|]+?)\s*\|\s*([^|]*?)\s*\|", table)
    responses = tuple((int(status), name.strip()) for status, name, _ in rows)
    # A cell lists `* Name - <br>` per header (Prettier writes some `*` as `_`), or is `-`.
    response_headers = tuple(tuple(re.findall(r"([A-Za-z][\w-]*) -", cell)) for *_, cell in rows)
    return DocSection(
        schemes, headers["Content-Type"], headers["Accept"], responses, response_headers
    )


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.name)
def test_authorization_headers_and_responses_are_upstreams(
    operation: Operation, upstream: Package
) -> None:
    theirs = doc_section(upstream, api_of(operation).name, operation.name)
    assert tuple(s.name for s in operation.authorization) == theirs.authorization
    headers = dict(operation.request_headers)
    assert headers.get("Content-Type", "Not defined") == theirs.content_type
    assert headers.get("Accept", "Not defined") == theirs.accept
    assert tuple((r.status, r.name) for r in operation.responses) == theirs.responses
    assert tuple(r.headers for r in operation.responses) == theirs.response_headers
    if operation.proxy:
        assert theirs.responses == ()


def test_the_schemes_are_upstreams_in_order(upstream: Package) -> None:
    text = (upstream.root / "README.md").read_text(encoding="utf-8")
    section = text.split("## Documentation For Authorization", 1)[1]
    anchors = re.findall(r'<a id="(\w+)"></a>\s*### (\w+)', section)
    assert [a for a, heading in anchors if a == heading] == [
        s.name for s in endpoints.SECURITY_SCHEMES
    ]
    for scheme in endpoints.SECURITY_SCHEMES:
        block = section.split(f"### {scheme.name}", 1)[1].split("###", 1)[0]
        assert "**Type**: API key" in block
        assert f"**API key parameter name**: {scheme.header}" in block
        assert "**Location**: HTTP header" in block


# ---------------------------------------------------------------------------------------------
# affinidi-tdk-iam-client 1.63.0 (PyPI) api/*_api.py: method names, `_response_types_map`


@pytest.fixture(scope="module")
def python_bodies() -> dict[str, dict[str, dict[int, str]]]:
    return response_types(upstream_python_client())


def test_the_python_methods_are_upstreams(
    python_bodies: dict[str, dict[str, dict[int, str]]],
) -> None:
    theirs = [(api, method) for api, methods in python_bodies.items() for method in methods]
    ours = [(api.name, op.python_name) for api in API_CLASSES for op in api.operations]
    assert sorted(ours) == sorted(theirs)


def _body_name(body: object) -> str | None:
    """A body as upstream's Python client names it: the model, `object`, or nothing."""
    if isinstance(body, Body):
        return "object" if body is Body.JSON_OBJECT else None  # EMPTY, NOT_DECLARED: none
    return getattr(body, "__name__", None)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.name)
def test_each_status_has_the_body_upstreams_python_client_names(
    operation: Operation, python_bodies: dict[str, dict[str, dict[int, str]]]
) -> None:
    theirs = python_bodies[api_of(operation).name][operation.python_name]
    ours = {r.status: _body_name(r.body) for r in operation.responses if r.body_source == "client"}
    assert {status: name for status, name in ours.items() if name is not None} == theirs
    # A body taken from upstream's 1.43.0 document is one the Python client names none for.
    assert not {r.status for r in operation.responses if r.body_source == "document"} & set(theirs)


# A constraint of a parameter that upstream's Python client does not carry, and where it comes
# from: upstream's OpenAPI document of release 1.43.0 (`tokenId`: `format: uuid`, in each of its
# four operations), which nothing of 1.48.0 contradicts.
FROM_THE_1_43_DOCUMENT = {"tokenId": {"format": "uuid"}}
_KEYWORDS = (
    *("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"),
    *("minLength", "maxLength", "pattern", "format"),
)


@pytest.mark.parametrize(
    "operation", [op for op in OPERATIONS if op.parameters], ids=lambda op: op.name
)
def test_each_parameters_constraints_are_upstreams(operation: Operation) -> None:
    theirs = parameter_rules(upstream_python_client())[operation.python_name]
    body = [operation.body.python_name] if operation.body is not None else []
    assert list(theirs) == [*(p.python_name for p in operation.parameters), *body]
    for parameter in operation.parameters:
        schema = parameter.adapter.json_schema()
        ours = {keyword: schema[keyword] for keyword in _KEYWORDS if keyword in schema}
        expected = {
            **theirs[parameter.python_name],
            **FROM_THE_1_43_DOCUMENT.get(parameter.name, {}),
        }
        assert ours == expected, f"{operation.name}({parameter.name})"


def test_the_readme_counts_the_pinned_packages_models_and_operations(upstream: Package) -> None:
    # The one place the counts are written: our README, for readers; here held to the pin.
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    claim = re.search(
        r"the (\d+) models and (\d+) operations of the npm package `@affinidi-tdk/iam-client` "
        r"(\S+)\)",
        text,
    )
    assert claim is not None, "README.md no longer says how many models and operations"
    version = json.loads((upstream.root / "package.json").read_text(encoding="utf-8"))["version"]
    theirs = (len(documented_models(upstream)), len(readme_rows(upstream)), version)
    assert (int(claim[1]), int(claim[2]), claim[3]) == theirs


# ---------------------------------------------------------------------------------------------
# The pages show upstream's signatures, and each declared difference


def test_each_page_shows_the_signature_upstream_declares(
    upstream: Package, site_build: Build
) -> None:
    for api in API_CLASSES:
        html = site_build.page(api_page_path(api.name).removesuffix(".md") + "/")
        for operation in api.operations:
            heading = html.select_one(f"h2#{typescript.operation_anchor(operation.name)}")
            assert heading is not None, operation.name
            quote = heading.find_next("blockquote")
            assert quote is not None
            shown = quote.select_one("code")
            assert shown is not None
            theirs = upstream_signature(_method(upstream, operation))
            if shown.get_text() != theirs:
                assert declared(operation, theirs), operation.name
                note = heading.find_next("div", class_="admonition")
                assert note is not None and theirs in note.get_text()


def test_each_page_shows_the_response_headers_and_bodies_upstream_declares(
    upstream: Package, site_build: Build
) -> None:
    """The responses table of each operation: upstream's header names (`-` for none), the
    declared body's link, and, where the body comes from the 1.43.0 document, a note saying so."""
    for api in API_CLASSES:
        html = site_build.page(api_page_path(api.name).removesuffix(".md") + "/")
        for operation in api.operations:
            if operation.proxy:
                continue
            theirs = doc_section(upstream, api.name, operation.name)
            heading = html.select_one(f"h2#{typescript.operation_anchor(operation.name)}")
            assert heading is not None
            # The ids of the h3 headings repeat with a suffix: `http-response-details_2`.
            details = heading.find_next(
                "h3", id=lambda id_: bool(id_) and id_.startswith("http-response-details")
            )
            table = details.find_next("table") if details is not None else None
            assert table is not None, operation.name
            rows = table.select("tbody tr")
            assert len(rows) == len(operation.responses), operation.name
            for row, response, headers in zip(
                rows, operation.responses, theirs.response_headers, strict=True
            ):
                status, description, shown = row.select("td")
                assert status.get_text(strip=True) == str(response.status)
                names = tuple(code.get_text() for code in shown.select("code"))
                assert names == headers, (operation.name, response.status)
                assert names or shown.get_text(strip=True) == "-"
                links = [a.get_text() for a in description.select("a")]
                assert links == ([response.model.__name__] if response.model else [])
                noted = "OpenAPI document of release 1.43.0" in description.get_text()
                assert noted == (response.body_source == "document"), operation.name


def test_a_declared_difference_is_shown_on_the_page() -> None:
    models = [page for page in describe_types(iam_client_models) if isinstance(page, ModelDoc)]
    api = describe_api(endpoints.TOKENS_API, models, EXAMPLES_DIR)
    difference = DifferenceDoc("listToken(limit?: number): X", "A *reason*.")
    changed = dataclasses.replace(
        api,
        operations=(dataclasses.replace(api.operations[0], differences=(difference,)),),
    )
    page = BeautifulSoup(render_api_page(changed, endpoints.BASE_URL), "html.parser")
    titles = [p for p in page.select("p.admonition-title") if "upstream declares" in p.get_text()]
    assert [title.get_text() for title in titles] == [
        "Differs from upstream: upstream declares listToken(limit?: number): X"
    ]
    box = titles[0].parent
    assert box is not None
    assert [em.get_text() for em in box.find_all("em")] == ["reason"]


# ---------------------------------------------------------------------------------------------
# The reading, on declarations written here


SOURCE = """
export declare class SampleApi extends BaseAPI {
    protected basePath: string;
    /**
     * Gets a thing.
     * @param {string} id
     */
    getThing(id: string, kind: SampleKindEnum, limit?: number,
        options?: RawAxiosRequestConfig): Promise<import("axios").AxiosResponse<Thing, any>>;
    remove(options?: RawAxiosRequestConfig): Promise<import("axios").AxiosResponse<void, any>>;
    private hidden(): void;
}
"""


def test_the_reader_gets_a_class_methods_parameters_and_returns(
    read_dts: Callable[[str], Package],
) -> None:
    parsed = read_dts(SOURCE).classes["SampleApi"]
    assert parsed.heritage == "extends BaseAPI"
    get, remove = parsed.methods
    assert upstream_signature(get) == (
        "getThing(id: string, kind: SampleKindEnum, limit?: number, "
        "options?: RawAxiosRequestConfig): Promise<AxiosResponse<Thing>>"
    )
    assert upstream_signature(remove) == (
        "remove(options?: RawAxiosRequestConfig): Promise<AxiosResponse<void>>"
    )


def test_the_parameter_reader_reads_conint_and_constr(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "sample_api.py").write_text(
        """
class SampleApi:
    def list_things(
        self,
        limit : Annotated[Optional[conint(strict=True, le=100, ge=1)], Field()] = None,
        key : constr(strict=True, max_length=3000, regex=r"^a") = None,
        thing_id : StrictStr = None,
        **kwargs,
    ):
        pass

    def list_things_with_http_info(self, other : StrictStr, **kwargs):
        pass

    def _private(self, hidden : conint(ge=0)):
        pass
""",
        encoding="utf-8",
    )
    assert parameter_rules(tmp_path) == {
        "list_things": {
            "limit": {"maximum": 100, "minimum": 1},
            "key": {"maxLength": 3000, "pattern": "^a"},
            "thing_id": {},
        }
    }

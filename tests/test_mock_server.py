"""The stand-in server: it answers every declared operation as its declaration says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from pydantic import BaseModel

from iam_client_models import (
    ActionForbiddenError,
    ConsumerAuthTokenEndpointOutput,
    InvalidDIDError,
    InvalidParameterError,
    NotFoundError,
    PrincipalCannotBeDeletedError,
    UnauthorizedError,
    UnexpectedError,
    UserList,
)
from iam_client_models import endpoints as e
from iam_client_models.endpoints import CORS_HEADERS, JSON, Body, Operation
from iam_client_models.errors import parse_error
from tests.mock_iam_server import (
    DID_DOCUMENT,
    FAILING_CLIENT_ID,
    MOCK_STATUS_HEADER,
    UNKNOWN_CLIENT_ID,
    Answer,
    MockIamServer,
    Request,
    answer,
    client_assertion,
    example,
)

TOKEN = "mock-token"
OPERATIONS = e.OPERATIONS
SECURED = [op for op in OPERATIONS if op.authorization]


@pytest.fixture
def server(mock_iam_server: MockIamServer) -> MockIamServer:
    return mock_iam_server


@pytest.fixture(scope="module")
def http(mock_iam_server: MockIamServer) -> Iterator[httpx.Client]:
    """One client for the module's requests (a client per request costs an SSL context)."""
    with httpx.Client(base_url=mock_iam_server.base_url, timeout=10) as client:
        yield client


def body_of(op: Operation) -> Any:
    """A valid body of `op`, from its model's example; for the token endpoint, one it accepts."""
    if op.request_model is None:
        return None
    body = example(op.request_model)
    if op is e.CONSUMER_AUTH_TOKEN_ENDPOINT:
        body = {**body, "client_assertion": client_assertion()}
    return body


def call(
    http: httpx.Client,
    op: Operation,
    *,
    path: dict[str, str] | None = None,
    query: dict[str, Any] | None = None,
    body: Any = ...,
    headers: dict[str, str] | None = None,
    authorization: str | None = TOKEN,
    content: bytes | None = None,
) -> httpx.Response:
    """Send `op` as the examples do: every parameter from its example unless given."""
    values = {p.name: str(p.example) for p in op.path_parameters} | (path or {})
    params = {p.name: p.example for p in op.query_parameters} | (query or {})
    sent = dict(op.request_headers)
    if op.authorization and authorization is not None:
        sent["authorization"] = authorization
    sent |= headers or {}
    if content is None:
        chosen = body_of(op) if body is ... else body
        content = b"" if chosen is None else json.dumps(chosen).encode()
    return http.request(
        op.method,
        op.url_path(values),
        params={name: value for name, value in params.items() if value is not None},
        content=content,
        headers=sent,
        timeout=10,
    )


def error_of(response: httpx.Response) -> BaseModel:
    assert response.headers["content-type"] == JSON
    return parse_error(response.status_code, response.content)


def details(response: httpx.Response) -> list[dict[str, str]]:
    found: list[dict[str, str]] = response.json()["details"]
    return found


# ---------------------------------------------------------------------------------------------
# Routing, and the successful answer of every operation.


def test_it_listens_on_loopback_only(server: MockIamServer) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    assert server.base_url.endswith("/iam")
    assert not server.base_url.startswith("http://127.0.0.1:0/")


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_each_operation_answers_its_success(
    server: MockIamServer, http: httpx.Client, op: Operation
) -> None:
    response = call(http, op)
    recorded = server.requests[-1]
    sent_path = "/iam" + op.url_path({p.name: str(p.example) for p in op.path_parameters})
    assert (recorded.method, recorded.path.split("?")[0]) == (op.method, sent_path)
    success = op.success
    # The headers the declaration lists for the response, and no CORS header it does not list.
    declared = success.headers if success is not None else ()
    assert [name for name in CORS_HEADERS if name in response.headers] == list(declared)
    assert all(response.headers[name] for name in declared)
    if success is None:  # a proxy: no response is declared
        assert response.status_code == 204 and response.content == b""
        return
    assert response.status_code == success.status
    if success.body is Body.EMPTY:
        assert response.content == b"" and "content-type" not in response.headers
    elif success.body is Body.JSON_OBJECT:
        assert response.json() == DID_DOCUMENT
    else:
        assert success.model is not None
        parsed = success.model.model_validate_json(response.content)
        if op is not e.CONSUMER_AUTH_TOKEN_ENDPOINT:
            assert response.json() == example(success.model)
        assert parsed is not None


def test_a_literal_segment_wins_over_a_placeholder(http: httpx.Client) -> None:
    # `GET /v1/projects/principals` is listPrincipalsOfProject, not getProject("principals").
    response = http.get("/v1/projects/principals", headers={"authorization": "t"})
    assert response.status_code == 200
    UserList.model_validate_json(response.content)


@pytest.mark.parametrize("rest", ["one", "a/b/c", "a%2Fb/c", "{proxy+}"])
@pytest.mark.parametrize("prefix", ["auth", "idp"])
def test_the_proxies_take_the_rest_of_the_path(
    server: MockIamServer, http: httpx.Client, prefix: str, rest: str
) -> None:
    for method in ("DELETE", "GET", "PATCH", "POST", "PUT"):
        response = http.request(method, f"/v1/{prefix}/{rest}")
        assert response.status_code == 204, (method, rest)
        assert unquote(server.requests[-1].path) == unquote(f"/iam/v1/{prefix}/{rest}")


def test_the_proxies_need_a_rest(http: httpx.Client) -> None:
    assert http.get("/v1/auth/").status_code == 404
    assert http.get("/v1/auth").status_code == 404


@pytest.mark.parametrize(
    "path", ["/v1/nothing", "/v1/tokens/a/b", "/v1/tokens/", "/.well-known/other.json"]
)
def test_an_unknown_path_is_404(http: httpx.Client, path: str) -> None:
    response = http.get(path, headers={"authorization": TOKEN})
    assert response.status_code == 404
    assert isinstance(error_of(response), NotFoundError)


def test_a_path_outside_the_base_url_is_404(server: MockIamServer, http: httpx.Client) -> None:
    outside = server.base_url.removesuffix("/iam") + e.CONSUMER_AUTH_TOKEN_ENDPOINT.path
    response = http.post(outside, json=body_of(e.CONSUMER_AUTH_TOKEN_ENDPOINT))
    assert response.status_code == 404
    error = error_of(response)
    assert isinstance(error, NotFoundError) and error.message == "Not found."


def test_a_method_the_path_does_not_have_is_405(http: httpx.Client) -> None:
    response = http.delete("/v1/projects", headers={"authorization": TOKEN})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST, OPTIONS"
    preflight = http.options(e.CONSUMER_AUTH_TOKEN_ENDPOINT.path)
    assert preflight.status_code == 204 and preflight.headers["allow"] == "POST, OPTIONS"
    assert preflight.headers["access-control-allow-origin"] == "*"


# ---------------------------------------------------------------------------------------------
# Authorization.


@pytest.mark.parametrize("op", SECURED, ids=lambda op: op.name)
@pytest.mark.parametrize("value", [None, ""], ids=["missing", "empty"])
def test_no_token_is_403_with_the_declared_body(
    http: httpx.Client, op: Operation, value: str | None
) -> None:
    response = call(http, op, authorization=value)
    assert response.status_code == 403
    declared = op.response(403)
    expected = declared.model if declared and declared.model else UnauthorizedError
    assert type(expected.model_validate_json(response.content)) is expected
    (detail,) = details(response)
    assert (detail["field"], detail["location"]) == ("authorization", "header")
    assert op.authorization[0].name in detail["issue"]


def test_the_declared_403_models(http: httpx.Client) -> None:
    assert isinstance(error_of(call(http, e.GET_TOKEN, authorization=None)), ActionForbiddenError)
    grant = call(http, e.GRANT_ACCESS_VFS, authorization=None)
    assert isinstance(error_of(grant), UnauthorizedError)
    # getPolicies declares no 403: the stand-in answers one with an UnauthorizedError anyway.
    assert e.GET_POLICIES.response(403) is None
    assert isinstance(error_of(call(http, e.GET_POLICIES, authorization=None)), UnauthorizedError)


def test_any_token_will_do_and_open_operations_need_none(
    server: MockIamServer, http: httpx.Client
) -> None:
    assert call(http, e.GET_TOKEN, authorization="x").status_code == 200
    assert call(http, e.GET_WELL_KNOWN_JWKS).status_code == 200
    assert "authorization" not in server.requests[-1].headers


# ---------------------------------------------------------------------------------------------
# Validation: a bad request gets the declared 400 body, naming the member.


def test_a_bad_body_member_is_named(http: httpx.Client) -> None:
    response = call(http, e.CREATE_PROJECT, body={"name": 5, "description": "d"})
    assert response.status_code == 400
    error = error_of(response)
    assert isinstance(error, InvalidParameterError)
    assert error.message == "Invalid parameter: name."
    (detail,) = details(response)
    assert detail == {
        "issue": "Input should be a valid string",
        "field": "name",
        "location": "body",
    }


def test_a_missing_a_nested_and_an_unknown_member_are_each_named(http: httpx.Client) -> None:
    body = body_of(e.CREATE_TOKEN)
    body["authenticationMethod"] = {**body["authenticationMethod"], "signingAlgorithm": "HS256"}
    del body["name"]
    body["nmae"] = "typo"
    response = call(http, e.CREATE_TOKEN, body=body)
    assert response.status_code == 400
    named = {(d["field"], d["location"]) for d in details(response)}
    assert named == {
        ("name", "body"),
        ("authenticationMethod.signingAlgorithm", "body"),
        ("nmae", "body"),
    }
    # As a careless server might, it echoes a string value it rejected.
    assert {"HS256", "typo"} <= {d.get("value") for d in details(response)}


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(b"{not json", JSON), (b"[]", JSON), (b"", JSON), (b'{"name": "p"}', "text/plain")],
    ids=["not-json", "not-an-object", "empty", "not-json-content-type"],
)
def test_a_body_that_is_no_json_object_is_400(
    http: httpx.Client, content: bytes, content_type: str
) -> None:
    response = call(http, e.CREATE_PROJECT, content=content, headers={"Content-Type": content_type})
    assert response.status_code == 400
    assert isinstance(error_of(response), InvalidParameterError)


@pytest.mark.parametrize(
    ("query", "field"),
    [({"limit": "many"}, "limit"), ({"limit": "1.5"}, "limit")],
)
def test_a_bad_query_parameter_is_named(
    http: httpx.Client, query: dict[str, str], field: str
) -> None:
    response = call(http, e.LIST_TOKEN, query=query)
    assert response.status_code == 400
    (detail,) = details(response)
    assert (detail["field"], detail["location"], detail["value"]) == (field, "query", query[field])


# Upstream's constraints (affinidi-tdk-iam-client 1.63.0 api/*_api.py; tokenId: the 1.43.0
# document's `format: uuid`), at each boundary. listProjectsOfToken declares no 400: the body is
# an InvalidParameterError anyway.
@pytest.mark.parametrize("op", [e.LIST_TOKEN, e.LIST_PROJECTS_OF_TOKEN], ids=lambda op: op.name)
@pytest.mark.parametrize(
    ("name", "value", "issue"),
    [
        ("limit", "0", "Input should be greater than or equal to 1"),
        ("limit", "1", None),
        ("limit", "100", None),
        ("limit", "101", "Input should be less than or equal to 100"),
        ("exclusiveStartKey", "k" * 3000, None),
        ("exclusiveStartKey", "k" * 3001, "String should have at most 3000 characters"),
    ],
    ids=["limit-0", "limit-1", "limit-100", "limit-101", "key-3000", "key-3001"],
)
def test_query_constraints_are_enforced(
    http: httpx.Client, op: Operation, name: str, value: str, issue: str | None
) -> None:
    response = call(http, op, query={name: value})
    if issue is None:
        assert response.status_code == 200
        return
    assert response.status_code == 400
    error = error_of(response)
    assert isinstance(error, InvalidParameterError)
    assert (error.http_status_code, error.message) == (400, f"Invalid parameter: {name}.")
    assert error.trace_id
    assert details(response) == [
        {"issue": issue, "field": name, "location": "query", "value": value}
    ]


@pytest.mark.parametrize("op", [e.DELETE_TOKEN, e.GET_TOKEN, e.UPDATE_TOKEN], ids=lambda o: o.name)
def test_a_token_id_that_is_no_uuid_is_400(http: httpx.Client, op: Operation) -> None:
    response = call(http, op, path={"tokenId": "not-a-uuid"})
    assert response.status_code == 400
    error = error_of(response)
    assert isinstance(error, InvalidParameterError)
    assert error.message == "Invalid parameter: tokenId."
    (detail,) = details(response)
    assert (detail["field"], detail["location"], detail["value"]) == (
        "tokenId",
        "path",
        "not-a-uuid",
    )
    assert detail["issue"].startswith("Input should be a UUID: 32 hexadecimal digits")
    upper = call(http, op, path={"tokenId": "3F1B9C2E-7D4A-4E8B-9A61-2C5D8E0F4B7A"})
    assert upper.status_code == op.responses[0].status


def test_an_enumeration_parameter_and_a_required_one(http: httpx.Client) -> None:
    bad = call(http, e.GET_POLICIES, query={"principalType": "robot"})
    assert bad.status_code == 400
    assert details(bad)[0]["field"] == "principalType"
    assert "'user' or 'token'" in details(bad)[0]["issue"]
    missing = call(http, e.GET_POLICIES, query={"principalType": None})
    assert missing.status_code == 400
    assert details(missing) == [
        {"issue": "is required", "field": "principalType", "location": "query"}
    ]


def test_the_declared_400_model_is_the_body(http: httpx.Client) -> None:
    # The token endpoint declares InvalidDIDError for its 400.
    body = {**body_of(e.CONSUMER_AUTH_TOKEN_ENDPOINT), "grant_type": "password"}
    response = call(http, e.CONSUMER_AUTH_TOKEN_ENDPOINT, body=body)
    assert response.status_code == 400
    assert isinstance(InvalidDIDError.model_validate_json(response.content), InvalidDIDError)
    assert details(response)[0]["field"] == "grant_type"


def test_without_a_declared_400_the_body_is_an_invalid_parameter_error(http: httpx.Client) -> None:
    assert e.GRANT_ACCESS_VFS.response(400) is None
    response = call(http, e.GRANT_ACCESS_VFS, body={"granteeDid": "did:key:z", "rights": ["x"]})
    assert response.status_code == 400
    assert isinstance(error_of(response), InvalidParameterError)
    assert details(response)[0]["field"] == "rights.0"


def test_authorization_is_checked_before_the_body(http: httpx.Client) -> None:
    response = call(http, e.CREATE_PROJECT, body={}, authorization=None)
    assert response.status_code == 403


# ---------------------------------------------------------------------------------------------
# Requested statuses.


def _declared_errors() -> list[Any]:
    return [
        pytest.param(op, response.status, id=f"{op.name}-{response.status}")
        for op in OPERATIONS
        for response in op.responses
    ]


@pytest.mark.parametrize(("op", "status"), _declared_errors())
def test_any_declared_status_on_request(http: httpx.Client, op: Operation, status: int) -> None:
    response = call(http, op, headers={MOCK_STATUS_HEADER: str(status)})
    assert response.status_code == status
    declared = op.response(status)
    assert declared is not None
    if declared.model is not None:
        parsed = declared.model.model_validate_json(response.content)
        shown = example(declared.model)
        assert {k: v for k, v in response.json().items() if k != "traceId"} == {
            k: v for k, v in shown.items() if k != "traceId"
        }
        assert parsed is not None
    elif declared.body is Body.EMPTY:
        assert response.content == b""
    elif declared.body is Body.JSON_OBJECT:
        assert isinstance(response.json(), dict)
    else:  # upstream names no model: the API's error model of the status
        assert type(error_of(response)).__name__ in {
            "InvalidParameterError",
            "ActionForbiddenError",
            "NotFoundError",
            "PrincipalCannotBeDeletedError",
            "UnexpectedError",
        }


def test_requested_statuses_of_some_operations(http: httpx.Client) -> None:
    missing = call(http, e.GET_TOKEN, headers={MOCK_STATUS_HEADER: "404"})
    assert isinstance(error_of(missing), NotFoundError)
    conflict = call(http, e.DELETE_PRINCIPAL_FROM_PROJECT, headers={MOCK_STATUS_HEADER: "409"})
    assert isinstance(error_of(conflict), PrincipalCannotBeDeletedError)
    failed = call(http, e.WHOAMI, headers={MOCK_STATUS_HEADER: "500"})
    assert isinstance(error_of(failed), UnexpectedError)
    proxied = http.get("/v1/idp/x", headers={MOCK_STATUS_HEADER: "502"})
    assert proxied.status_code == 502 and proxied.content == b""


@pytest.mark.parametrize("value", ["418", "404 please", "-1"])
def test_an_undeclared_status_on_request_is_400(http: httpx.Client, value: str) -> None:
    response = call(http, e.GET_WELL_KNOWN_JWKS, headers={MOCK_STATUS_HEADER: value})
    assert response.status_code == 400
    (detail,) = details(response)
    assert (detail["field"], detail["location"], detail["value"]) == (
        MOCK_STATUS_HEADER,
        "header",
        value,
    )
    assert "200, 500" in detail["issue"]


def test_error_bodies_have_fresh_trace_ids(http: httpx.Client) -> None:
    first, second = (call(http, e.WHOAMI, authorization=None) for _ in range(2))
    assert first.json()["traceId"] != second.json()["traceId"]


# ---------------------------------------------------------------------------------------------
# The token endpoint's client assertion.


def _token_request(assertion: str) -> dict[str, Any]:
    return {**body_of(e.CONSUMER_AUTH_TOKEN_ENDPOINT), "client_assertion": assertion}


def test_a_known_client_gets_tokens(http: httpx.Client) -> None:
    response = call(http, e.CONSUMER_AUTH_TOKEN_ENDPOINT, body=_token_request(client_assertion()))
    assert response.status_code == 200
    tokens = ConsumerAuthTokenEndpointOutput.model_validate_json(response.content)
    assert isinstance(tokens.id_token, str) and tokens.id_token.count(".") == 2
    assert tokens.token_type == "bearer" and tokens.expires_in == 3599
    claims = tokens.access_token.split(".")[1] if tokens.access_token else ""
    assert claims


@pytest.mark.parametrize(
    ("assertion", "status", "model"),
    [
        ("not-a-jwt", 403, UnauthorizedError),
        (client_assertion(UNKNOWN_CLIENT_ID), 403, UnauthorizedError),
        (client_assertion(FAILING_CLIENT_ID), 500, UnexpectedError),
    ],
    ids=["not-a-jwt", "unknown-client", "failing-client"],
)
def test_the_client_assertion_is_checked(
    http: httpx.Client, assertion: str, status: int, model: type[BaseModel]
) -> None:
    response = call(http, e.CONSUMER_AUTH_TOKEN_ENDPOINT, body=_token_request(assertion))
    assert response.status_code == status
    assert type(model.model_validate_json(response.content)) is model


def test_the_assertion_checks_can_be_left_out() -> None:
    with (
        MockIamServer(extra={}) as plain,
        httpx.Client(base_url=plain.base_url, timeout=10) as plain_http,
    ):
        response = call(plain_http, e.CONSUMER_AUTH_TOKEN_ENDPOINT, body=_token_request("x"))
    assert response.status_code == 200
    assert response.json() == example(ConsumerAuthTokenEndpointOutput)


# ---------------------------------------------------------------------------------------------
# `answer`, without HTTP.


def test_answer_is_a_function_of_the_request() -> None:
    token = "/iam/v1/tokens/3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"
    request = Request("GET", token, {"authorization": TOKEN})
    assert answer(request) == Answer(200, example(e.GET_TOKEN.response_model or BaseModel))
    assert answer(Request("HEAD", "/iam/.well-known/did.json", {})).status == 200
    assert answer(Request("GET", token, {})).status == 403
    # A blank token is no token (an HTTP client would refuse to send one).
    assert answer(Request("GET", token, {"authorization": "  "})).status == 403


def test_only_the_declared_responses_carry_the_cors_headers() -> None:
    token_request = Request("POST", "/iam/v1/consumer/oauth2/token", {}, b"{}")
    refused = answer(token_request)  # the consumer token endpoint: its 400 lists them
    assert refused.status == 400
    assert [name for name, _ in refused.headers] == list(CORS_HEADERS)
    removed = Request("DELETE", "/iam/v1/authz/vfs/access/did:key:z", {"authorization": TOKEN})
    assert answer(removed) == Answer(204)  # AuthzApi's 204 lists none
    failed = answer(
        Request("DELETE", removed.target, {**removed.headers, MOCK_STATUS_HEADER: "500"})
    )
    assert [name for name, _ in failed.headers] == list(CORS_HEADERS)
    assert answer(Request("GET", "/iam/v1/tokens", {"authorization": TOKEN})).headers == ()
    preflight = answer(Request("OPTIONS", "/iam/v1/tokens", {}))
    assert [name for name, _ in preflight.headers] == [*CORS_HEADERS, "Allow"]

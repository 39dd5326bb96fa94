"""The API pages' Python examples, called over real HTTP against the local stand-in server.

Every operation's example function is called with concrete arguments; what arrives at the
server is compared with the operation's declaration, and what comes back with its declared
response. Each declared error status is asked for too (the stand-in's `x-mock-status`), and
must raise `ApiError` with the body parsed and no credential in the message.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from pydantic import BaseModel

import iam_client_models
from iam_client_docs.describe import DocsError, describe_model, describe_types
from iam_client_docs.describe_api import credential_variable, describe_api, example_module
from iam_client_docs.descriptions import ModelDoc
from iam_client_docs.examples import iam_http
from iam_client_docs.examples.consumer_auth_api import consumer_auth_token_endpoint
from iam_client_docs.render_api import _python_script
from iam_client_models import ConsumerAuthTokenEndpointInput, ConsumerAuthTokenEndpointOutput
from iam_client_models.endpoints import (
    API_CLASSES,
    BASE_URL,
    CONSUMER_AUTH_TOKEN_ENDPOINT,
    GET_TOKEN,
    OPERATIONS,
    TOKENS_API,
    WELL_KNOWN_API,
    WHOAMI,
    Body,
    Operation,
    Response,
)
from tests.mock_iam_server import (
    CLIENT_ID,
    FAILING_CLIENT_ID,
    MOCK_STATUS_HEADER,
    PATH,
    UNKNOWN_CLIENT_ID,
    MockIamServer,
    client_assertion,
)

PACKAGE = "iam_client_models"
EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "src" / "iam_client_docs" / "examples"
TOKEN = "stand-in-token-value-0f9e8d7c"


def _example(model: type[BaseModel]) -> dict[str, Any]:
    return describe_model(model, PACKAGE).example


@pytest.fixture
def stand_in(mock_iam_server: MockIamServer, monkeypatch: pytest.MonkeyPatch) -> MockIamServer:
    monkeypatch.setenv("IAM_API_BASE_URL", mock_iam_server.base_url)
    return mock_iam_server


# ---------------------------------------------------------------------------------------------
# Calling each operation's example function with concrete arguments.


def example_function(operation: Operation) -> Callable[..., Any]:
    api = next(api for api in API_CLASSES if operation in api.operations)
    module = importlib.import_module(f"iam_client_docs.examples.{example_module(api.name)}")
    function: Callable[..., Any] = getattr(module, operation.python_name)
    return function


def call(operation: Operation, token: str = TOKEN) -> tuple[Any, BaseModel | None]:
    """Call the example with every parameter's example and the body model's example."""
    arguments: list[Any] = [p.example for p in operation.parameters]
    body = None
    if operation.body is not None:
        body = operation.body.model.model_validate(_example(operation.body.model))
        arguments.append(body)
    keywords = {"authorization": token} if operation.authorization else {}
    return example_function(operation)(*arguments, **keywords), body


def test_every_operation_has_an_example_function_with_its_parameters() -> None:
    for operation in OPERATIONS:
        signature = inspect.signature(example_function(operation))
        names = [p.python_name for p in operation.parameters]
        names += [operation.body.python_name] if operation.body is not None else []
        names += ["authorization"] if operation.authorization else []
        assert list(signature.parameters) == names, operation.name
        for parameter in operation.parameters:
            default = signature.parameters[parameter.python_name].default
            assert (default is inspect.Parameter.empty) == parameter.required, parameter.name


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.name)
def test_each_example_sends_what_is_declared_and_returns_the_declared_type(
    operation: Operation, stand_in: MockIamServer
) -> None:
    before = len(stand_in.requests)
    result, body = call(operation)

    (sent,) = stand_in.requests[before:]
    assert sent.method == operation.method
    values = {p.name: str(p.example) for p in operation.path_parameters}
    target = urlsplit(sent.path)
    assert target.path == "/iam" + operation.url_path(values)
    assert dict(parse_qsl(target.query)) == {
        p.name: str(p.example) for p in operation.query_parameters
    }
    for name, value in operation.request_headers:
        assert sent.headers[name.lower()] == value
    if operation.authorization:
        assert sent.headers[operation.authorization[0].header] == TOKEN
    else:
        assert "authorization" not in sent.headers
    if body is None:
        assert sent.body == b""
    else:
        assert json.loads(sent.body) == body.model_dump(mode="json")

    success = operation.success
    if operation.proxy:
        assert isinstance(result, httpx.Response) and result.is_success
    elif success is not None and success.model is not None:
        assert isinstance(result, success.model)
        if operation is not CONSUMER_AUTH_TOKEN_ENDPOINT:  # which issues tokens of its own
            assert result.model_dump(mode="json") == _example(success.model)
    elif success is not None and success.body is Body.JSON_OBJECT:
        assert isinstance(result, dict) and str(result["id"]).startswith("did:")
    else:
        assert result is None


ERRORS = [
    pytest.param(operation, response, id=f"{operation.name}-{response.status}")
    for operation in OPERATIONS
    for response in operation.errors
]


@pytest.mark.parametrize(("operation", "response"), ERRORS)
def test_each_declared_error_raises_api_error_with_the_body_parsed(
    operation: Operation,
    response: Response,
    stand_in: MockIamServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = httpx.request

    def asking_for_the_status(*args: Any, **kwargs: Any) -> httpx.Response:
        kwargs["headers"] = {**kwargs["headers"], MOCK_STATUS_HEADER: str(response.status)}
        return original(*args, **kwargs)

    monkeypatch.setattr(httpx, "request", asking_for_the_status)
    with pytest.raises(iam_http.ApiError) as caught:
        call(operation)
    error = caught.value
    assert error.status_code == response.status
    message = str(error)
    assert f"{operation.method} {stand_in.base_url}" in message
    assert f"HTTP {response.status} {response.name}: " in message
    expected = response.model
    if expected is not None:
        assert isinstance(error.error, expected)
        assert f": {expected.__name__}: " in message
    else:  # not declared upstream: parsed as the API's error model of the status, if any
        assert error.error is None or error.error.http_status_code == response.status  # type: ignore[attr-defined]
    assert error.trace_id is None or f"(traceId {error.trace_id})" in message
    assert TOKEN not in message


def test_an_undeclared_status_is_still_reported(stand_in: MockIamServer) -> None:
    with pytest.raises(iam_http.ApiError) as caught:
        iam_http.send(
            CONSUMER_AUTH_TOKEN_ENDPOINT,
            body=_token_request(),
            base_url=stand_in.base_url + "/elsewhere",
        )
    assert caught.value.status_code == 404
    assert "HTTP 404: NotFoundError: " in str(caught.value)


def test_a_missing_token_or_a_wrong_body_is_refused_before_sending(
    stand_in: MockIamServer,
) -> None:
    before = len(stand_in.requests)
    with pytest.raises(TypeError, match="getToken needs a token of UserTokenAuth"):
        iam_http.send(GET_TOKEN, path={"tokenId": "x"})
    with pytest.raises(TypeError, match="takes no request body"):
        iam_http.send(WHOAMI, body=_token_request(), authorization=TOKEN)
    with pytest.raises(TypeError, match="needs no authorization"):
        iam_http.send(CONSUMER_AUTH_TOKEN_ENDPOINT, body=_token_request(), authorization=TOKEN)
    assert len(stand_in.requests) == before


# ---------------------------------------------------------------------------------------------
# The helper's own rules.


def test_credentials_come_from_the_environment_variables_named_after_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert credential_variable("UserTokenAuth") == "IAM_USER_TOKEN"
    assert credential_variable("ProjectTokenAuth") == "IAM_PROJECT_TOKEN"
    assert credential_variable("ConsumerTokenAuth") == "IAM_CONSUMER_TOKEN"
    assert credential_variable("client_assertion") == "IAM_CLIENT_ASSERTION"
    assert credential_variable("InvalidDIDToken") == "IAM_INVALID_DID_TOKEN"
    with pytest.raises(DocsError, match="'_': no environment variable"):
        credential_variable("_")
    monkeypatch.setenv("IAM_PROJECT_TOKEN", "abc")
    assert iam_http.credential("IAM_PROJECT_TOKEN") == "abc"
    monkeypatch.delenv("IAM_USER_TOKEN", raising=False)
    with pytest.raises(SystemExit, match="Set IAM_USER_TOKEN to the credential"):
        iam_http.credential("IAM_USER_TOKEN")


def _token_request(assertion: str | None = None) -> ConsumerAuthTokenEndpointInput:
    return ConsumerAuthTokenEndpointInput(
        grant_type="client_credentials",
        client_assertion_type="urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion=assertion or client_assertion(),
    )


def test_without_iam_api_base_url_the_call_goes_to_the_real_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("IAM_API_BASE_URL", raising=False)
    seen: list[str] = []

    def gateway_error(method: str, url: str, **kwargs: Any) -> httpx.Response:
        seen.append(url)
        page = b"<html>Bad gateway " + kwargs["content"].encode() + b"</html>"
        return httpx.Response(
            502,
            content=page,
            headers={"content-type": "text/html"},
            request=httpx.Request(method, url),
        )

    monkeypatch.setattr(httpx, "request", gateway_error)
    request = _token_request()
    with pytest.raises(iam_http.ApiError) as caught:
        consumer_auth_token_endpoint(request)
    assert seen == [BASE_URL + CONSUMER_AUTH_TOKEN_ENDPOINT.path]
    # A body that is not JSON is described, not quoted: it may echo the request.
    assert "HTTP 502: " in str(caught.value) and "bytes of text/html" in str(caught.value)
    assert caught.value.error is None and caught.value.trace_id is None
    assert request.client_assertion not in str(caught.value)


def test_credentials_echoed_anywhere_in_an_error_body_are_hidden(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    request = _token_request().model_copy(
        update={"code": "ory_ac_secret-code", "refresh_token": "ory_rt_secret-refresh"}
    )
    echoed = f"{request.client_assertion} {request.code} {request.refresh_token}"

    def echoing_server(method: str, url: str, **kwargs: Any) -> httpx.Response:
        body = {
            "name": f"InvalidParameterError {echoed}",
            "message": f"Invalid parameter: {echoed}.",
            "httpStatusCode": 400,
            "traceId": "trace-1",
            "details": [{"issue": echoed, "field": echoed, "value": echoed}],
        }
        return httpx.Response(400, json=body, request=httpx.Request(method, url))

    monkeypatch.setattr(httpx, "request", echoing_server)
    with pytest.raises(iam_http.ApiError) as caught:
        iam_http.send(CONSUMER_AUTH_TOKEN_ENDPOINT, body=request, base_url="http://127.0.0.1:9")
    message = str(caught.value)
    assert "HTTP 400 BadRequestError: InvalidParameterError" in message
    assert "[hidden]" in message and "(traceId trace-1)" in message
    for secret in (request.client_assertion, request.code, request.refresh_token):
        assert secret is not None and secret not in message


# ---------------------------------------------------------------------------------------------
# The consumer token endpoint against the stand-in that checks token requests.


def test_the_token_endpoint_returns_the_parsed_tokens(stand_in: MockIamServer) -> None:
    request = _token_request(client_assertion(CLIENT_ID))
    token = consumer_auth_token_endpoint(request)
    assert isinstance(token, ConsumerAuthTokenEndpointOutput)
    assert token.token_type == "bearer" and token.expires_in == 3599 and token.scope == "openid"
    assert token.access_token is not None and token.access_token.count(".") == 2
    sent = stand_in.requests[-1]
    assert (sent.method, sent.path) == ("POST", PATH)
    assert json.loads(sent.body) == request.model_dump(exclude_none=True)
    # Printed output leaves the token values out.
    assert str(token) == "expires_in=3599 scope='openid' token_type='bearer'"


@pytest.mark.parametrize(
    ("assertion", "status"),
    [
        pytest.param("not-a-jwt-but-still-a-secret-value", 403, id="not-a-jwt"),
        pytest.param(client_assertion(UNKNOWN_CLIENT_ID), 403, id="unknown-client"),
        pytest.param(client_assertion(FAILING_CLIENT_ID), 500, id="failing"),
    ],
)
def test_the_token_endpoint_errors_are_parsed_without_credentials(
    stand_in: MockIamServer, assertion: str, status: int
) -> None:
    with pytest.raises(iam_http.ApiError) as caught:
        consumer_auth_token_endpoint(_token_request(assertion))
    error = caught.value
    declared = CONSUMER_AUTH_TOKEN_ENDPOINT.response(status)
    assert declared is not None and declared.model is not None
    assert error.status_code == status
    assert isinstance(error.error, declared.model)
    assert f"HTTP {status} {declared.name}: {declared.model.__name__}: " in str(error)
    assert assertion not in str(error) and assertion not in repr(error)


def _examples_copy(tmp_path: Path) -> Path:
    """A copy of the example modules, as the package `iam_client_docs.examples`, to edit."""
    examples = tmp_path / "iam_client_docs" / "examples"
    shutil.copytree(EXAMPLES_DIR, examples, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "iam_client_docs" / "__init__.py").write_text("", encoding="utf-8")
    return examples


def test_the_body_model_is_imported_by_its_exact_name(tmp_path: Path) -> None:
    """An example that imports only a longer name (`CreateTokenInputs`) still gets the body
    model's own import: imports are names, not text searched for a substring."""
    examples = _examples_copy(tmp_path)
    module = examples / "tokens_api.py"
    source = module.read_text(encoding="utf-8")
    source = source.replace(
        "create_token_input: CreateTokenInput,", "create_token_input: CreateTokenInputs,"
    ).replace(
        "from iam_client_models import (\n",
        "from iam_client_models import (\n    CreateTokenInputs,\n",
    )
    module.write_text(source, encoding="utf-8")
    models = [page for page in describe_types(iam_client_models) if isinstance(page, ModelDoc)]
    api = describe_api(TOKENS_API, models, examples)
    (doc,) = [op for op in api.operations if op.name == "createToken"]
    imported = {
        (node.module, alias.name)
        for node in ast.walk(ast.parse(_python_script(doc)))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert ("iam_client_models", "CreateTokenInputs") in imported
    assert ("iam_client_models", "CreateTokenInput") in imported


def test_an_aliased_import_in_an_example_is_an_error_naming_it(tmp_path: Path) -> None:
    examples = _examples_copy(tmp_path)
    module = examples / "well_known_api.py"
    source = module.read_text(encoding="utf-8").replace(
        "from typing import Any", "import typing as t"
    )
    module.write_text(source, encoding="utf-8")
    models = [page for page in describe_types(iam_client_models) if isinstance(page, ModelDoc)]
    with pytest.raises(DocsError, match=r"well_known_api\.py, line \d+: `import typing as t`"):
        describe_api(WELL_KNOWN_API, models, examples)

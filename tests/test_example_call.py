"""The endpoint page's Python example, run over real HTTP against a local stand-in server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import httpx
import pytest

from iam_client_docs.examples import consumer_auth_token_endpoint as example
from iam_client_models import ConsumerAuthTokenEndpointInput, ConsumerAuthTokenEndpointOutput
from iam_client_models.endpoints import BASE_URL, CONSUMER_AUTH_TOKEN_ENDPOINT
from tests.mock_iam_server import (
    CLIENT_ID,
    FAILING_CLIENT_ID,
    PATH,
    UNKNOWN_CLIENT_ID,
    MockIamServer,
    client_assertion,
)

NOT_A_JWT = "not-a-jwt-but-still-a-secret-value"
ERRORS = [
    pytest.param(NOT_A_JWT, 400, "InvalidParameterError", id="400"),
    pytest.param(client_assertion(UNKNOWN_CLIENT_ID), 403, "ActionForbiddenError", id="403"),
    pytest.param(client_assertion(FAILING_CLIENT_ID), 500, "UnexpectedError", id="500"),
]
DECLARED = {response.status: response.name for response in CONSUMER_AUTH_TOKEN_ENDPOINT.responses}


@pytest.fixture
def server(mock_iam_server: MockIamServer) -> MockIamServer:
    return mock_iam_server


@pytest.fixture
def base_url(server: MockIamServer, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("IAM_API_BASE_URL", server.base_url)
    return server.base_url


def token_request(assertion: str) -> ConsumerAuthTokenEndpointInput:
    return ConsumerAuthTokenEndpointInput(
        grant_type="client_credentials",
        client_assertion_type="urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion=assertion,
    )


def test_server_listens_on_loopback_only(server: MockIamServer) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    assert not server.base_url.startswith("http://127.0.0.1:0/")


def test_200_returns_the_parsed_token_response(base_url: str, server: MockIamServer) -> None:
    request = token_request(client_assertion(CLIENT_ID))
    token = example.consumer_auth_token_endpoint(request)
    assert isinstance(token, ConsumerAuthTokenEndpointOutput)
    assert token.token_type == "bearer" and token.expires_in == 3599 and token.scope == "openid"
    assert token.id_token is not None and token.id_token.count(".") == 2
    assert token.access_token is not None and token.access_token.count(".") == 2

    sent = server.requests[-1]
    assert (sent.method, sent.path) == (CONSUMER_AUTH_TOKEN_ENDPOINT.method, PATH)
    for name, value in CONSUMER_AUTH_TOKEN_ENDPOINT.request_headers:
        assert sent.headers[name.lower()] == value
    assert json.loads(sent.body) == request.model_dump(exclude_none=True)


def test_explicit_base_url_wins_over_the_environment(
    server: MockIamServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IAM_API_BASE_URL", "http://127.0.0.1:9/nowhere")
    token = example.consumer_auth_token_endpoint(
        token_request(client_assertion()), base_url=server.base_url + "/"
    )
    assert token.token_type == "bearer"
    assert server.requests[-1].path == PATH


@pytest.mark.parametrize(("assertion", "status", "error_name"), ERRORS)
def test_error_statuses_raise_a_clear_error_without_credentials(
    base_url: str, assertion: str, status: int, error_name: str
) -> None:
    with pytest.raises(example.TokenRequestError) as caught:
        example.consumer_auth_token_endpoint(token_request(assertion))
    error = caught.value
    message = str(error)
    assert error.status_code == status
    assert f"HTTP {status} {DECLARED[status]}: {error_name}: " in message
    assert f"POST {base_url}{CONSUMER_AUTH_TOKEN_ENDPOINT.path}" in message
    assert error.trace_id is not None and f"(traceId {error.trace_id})" in message
    # The stand-in echoes a bad assertion in its error details, as a careless server might.
    assert assertion not in message and assertion not in repr(error)


def test_400_names_the_offending_member(base_url: str) -> None:
    with pytest.raises(example.TokenRequestError) as caught:
        example.consumer_auth_token_endpoint(token_request(NOT_A_JWT))
    assert "Invalid parameter: client_assertion." in str(caught.value)
    assert "[client_assertion: not a JWT]" in str(caught.value)


def test_an_undeclared_status_is_still_reported(server: MockIamServer) -> None:
    wrong_base = server.base_url.removesuffix("/iam")
    with pytest.raises(example.TokenRequestError) as caught:
        example.consumer_auth_token_endpoint(token_request(client_assertion()), base_url=wrong_base)
    assert caught.value.status_code == 404
    assert "HTTP 404: NotFoundError: Not found." in str(caught.value)


def test_a_body_that_is_not_json_is_described_not_quoted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IAM_API_BASE_URL", raising=False)
    seen: list[str] = []

    def gateway_error(method: str, url: str, **kwargs: Any) -> httpx.Response:
        seen.append(url)
        page = b"<html>Bad gateway " + kwargs["content"].encode() + b"</html>"
        request = httpx.Request(method, url)
        return httpx.Response(
            502, content=page, headers={"content-type": "text/html"}, request=request
        )

    monkeypatch.setattr(httpx, "request", gateway_error)
    assertion = client_assertion()
    with pytest.raises(example.TokenRequestError) as caught:
        example.consumer_auth_token_endpoint(token_request(assertion))
    # Without IAM_API_BASE_URL the call goes to the real server.
    assert seen == [BASE_URL + CONSUMER_AUTH_TOKEN_ENDPOINT.path]
    assert "HTTP 502: " in str(caught.value) and "bytes of text/html" in str(caught.value)
    assert assertion not in str(caught.value)


def run_script(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the example file as a reader would: `python consumer_auth_token_endpoint.py`."""
    assert example.__file__ is not None
    return subprocess.run(
        [sys.executable, example.__file__],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_script_prints_the_token_response_without_token_values(server: MockIamServer) -> None:
    result = run_script(
        {"IAM_API_BASE_URL": server.base_url, "IAM_CLIENT_ASSERTION": client_assertion()}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "expires_in=3599 scope='openid' token_type='bearer'"


@pytest.mark.parametrize(("assertion", "status", "error_name"), ERRORS)
def test_script_reports_error_statuses_and_exits_1(
    server: MockIamServer, assertion: str, status: int, error_name: str
) -> None:
    result = run_script({"IAM_API_BASE_URL": server.base_url, "IAM_CLIENT_ASSERTION": assertion})
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"HTTP {status} {DECLARED[status]}: {error_name}: " in result.stderr
    assert assertion not in result.stderr


def test_script_without_an_assertion_says_what_to_set() -> None:
    env = {key: value for key, value in os.environ.items() if key != "IAM_CLIENT_ASSERTION"}
    result = subprocess.run(
        [sys.executable, str(example.__file__)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "IAM_CLIENT_ASSERTION" in result.stderr


def test_credentials_echoed_anywhere_in_an_error_body_are_hidden(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    request = token_request(client_assertion()).model_copy(
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
    with pytest.raises(example.TokenRequestError) as caught:
        example.consumer_auth_token_endpoint(request, base_url="http://127.0.0.1:9")
    message = str(caught.value)
    assert "HTTP 400 BadRequestError: InvalidParameterError" in message
    assert "[hidden]" in message and "(traceId trace-1)" in message
    for secret in (request.client_assertion, request.code, request.refresh_token):
        assert secret is not None and secret not in message

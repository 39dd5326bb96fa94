"""The endpoint declaration users import: its values, its checks, its import footprint."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap

import pytest

from iam_client_models import ConsumerAuthTokenEndpointInput, ConsumerAuthTokenEndpointOutput
from iam_client_models.endpoints import (
    API_CLASSES,
    BASE_URL,
    CONSUMER_AUTH_API,
    CONSUMER_AUTH_TOKEN_ENDPOINT,
    CORS_HEADERS,
    ApiClass,
    Operation,
    Response,
)

OK = Response(200, "OK", "Fine.", ConsumerAuthTokenEndpointOutput)


def operation(**changes: object) -> Operation:
    return dataclasses.replace(CONSUMER_AUTH_TOKEN_ENDPOINT, **changes)  # type: ignore[arg-type]


def test_consumer_auth_api_declares_the_token_endpoint() -> None:
    assert API_CLASSES == (CONSUMER_AUTH_API,)
    assert CONSUMER_AUTH_API.name == "ConsumerAuthApi"
    assert CONSUMER_AUTH_API.operations == (CONSUMER_AUTH_TOKEN_ENDPOINT,)
    endpoint = CONSUMER_AUTH_TOKEN_ENDPOINT
    assert (endpoint.name, endpoint.python_name) == (
        "consumerAuthTokenEndpoint",
        "consumer_auth_token_endpoint",
    )
    assert (endpoint.method, endpoint.path) == ("POST", "/v1/consumer/oauth2/token")
    assert endpoint.summary == "The Consumer OAuth 2.0 Token Endpoint"
    assert endpoint.request_model is ConsumerAuthTokenEndpointInput
    assert endpoint.response_model is ConsumerAuthTokenEndpointOutput
    assert endpoint.request_parameter == "consumerAuthTokenEndpointInput"
    assert endpoint.authorization == ()
    assert dict(endpoint.request_headers) == {
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    assert BASE_URL == "https://apse1.api.affinidi.io/iam"


def test_responses_are_the_upstream_ones_with_cors_headers() -> None:
    responses = CONSUMER_AUTH_TOKEN_ENDPOINT.responses
    assert [(r.status, r.name) for r in responses] == [
        (200, "Consumer Token OK Response"),
        (400, "BadRequestError"),
        (403, "ForbiddenError"),
        (500, "UnexpectedError"),
    ]
    assert [r.model for r in responses] == [ConsumerAuthTokenEndpointOutput, None, None, None]
    for response in responses:
        assert response.headers == CORS_HEADERS
        assert response.description.strip(), response.status
    assert CORS_HEADERS == (
        "Access-Control-Allow-Origin",
        "Access-Control-Allow-Methods",
        "Access-Control-Allow-Headers",
    )


def test_declarations_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CONSUMER_AUTH_TOKEN_ENDPOINT.path = "/elsewhere"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "consumer-auth"}, "name 'consumer-auth' is not an identifier"),
        ({"python_name": "1st"}, "python_name '1st' is not an identifier"),
        ({"path": "v1/token"}, "path 'v1/token' must start with '/'"),
        ({"responses": (OK, OK)}, "a response status is declared twice"),
        ({"responses": (Response(400, "Bad", "No."), OK)}, "the first response must be"),
        ({"responses": (Response(200, "OK", "Fine."),)}, "the successful response needs a model"),
        ({"responses": ()}, "the first response must be the successful one"),
    ],
)
def test_a_wrong_operation_is_refused_with_a_message_naming_it(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=r"operation '[^']+': ") as caught:
        operation(**changes)
    assert message in str(caught.value)


def test_a_wrong_response_or_api_class_is_refused() -> None:
    with pytest.raises(ValueError, match="999 is not an HTTP status code"):
        Response(999, "Odd", "Odd.")
    with pytest.raises(ValueError, match="'Consumer Auth': the name is not an identifier"):
        ApiClass("Consumer Auth", (CONSUMER_AUTH_TOKEN_ENDPOINT,))
    with pytest.raises(ValueError, match="operations must be unique"):
        ApiClass("Twice", (CONSUMER_AUTH_TOKEN_ENDPOINT, CONSUMER_AUTH_TOKEN_ENDPOINT))


def test_importing_the_declaration_loads_no_docs_or_http_code() -> None:
    script = textwrap.dedent(
        """
        import sys
        import iam_client_models.endpoints
        heavy = ("httpx", "markdown", "mkdocs", "iam_client_docs", "bs4", "pytest")
        print(sorted(name for name in sys.modules if name.split(".")[0] in heavy))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"

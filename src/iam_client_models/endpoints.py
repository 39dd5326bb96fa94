"""The HTTP endpoints the models belong to, declared once.

Plain frozen data: clients can read the method, path, headers and models from here, and the
reference site renders its endpoint pages from it. Importing it costs no more than the models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from iam_client_models.consumer_auth import (
    ConsumerAuthTokenEndpointInput,
    ConsumerAuthTokenEndpointOutput,
)

__all__ = [
    "API_CLASSES",
    "BASE_URL",
    "CONSUMER_AUTH_API",
    "CONSUMER_AUTH_TOKEN_ENDPOINT",
    "CORS_HEADERS",
    "JSON_HEADERS",
    "ApiClass",
    "HttpMethod",
    "Operation",
    "Response",
]

BASE_URL = "https://apse1.api.affinidi.io/iam"
"""The server every path below is relative to."""

CORS_HEADERS = (
    "Access-Control-Allow-Origin",
    "Access-Control-Allow-Methods",
    "Access-Control-Allow-Headers",
)
"""The headers each response of the API carries, so browsers may call it from other origins."""

JSON_HEADERS = (("Content-Type", "application/json"), ("Accept", "application/json"))
"""The request headers of an operation that sends and receives JSON."""

HttpMethod = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Response:
    """One documented response status of an operation."""

    status: int
    """The HTTP status code."""
    name: str
    """Upstream's name of the response, such as `BadRequestError`."""
    description: str
    """What the response means to the caller, in Markdown."""
    model: type[BaseModel] | None = None
    """The model of the response body, where this package has one."""
    headers: tuple[str, ...] = CORS_HEADERS
    """The names of the headers the response carries."""

    def __post_init__(self) -> None:
        if not 100 <= self.status <= 599:
            raise ValueError(f"response {self.name!r}: {self.status} is not an HTTP status code")


@dataclass(frozen=True)
class Operation:
    """One HTTP operation: what to send where, and what comes back."""

    name: str
    """The method name in the upstream TypeScript client, such as `consumerAuthTokenEndpoint`."""
    python_name: str
    """The same name in Python style, such as `consumer_auth_token_endpoint`."""
    method: HttpMethod
    path: str
    """The path, relative to `BASE_URL`."""
    summary: str
    """One line, as the upstream API list shows it."""
    description: str
    """What the operation does, in Markdown."""
    request_model: type[BaseModel]
    """The model of the JSON request body."""
    responses: tuple[Response, ...]
    """Every documented response, the successful one first."""
    request_headers: tuple[tuple[str, str], ...] = JSON_HEADERS
    """The headers a request sends, as (name, value) pairs."""
    authorization: tuple[str, ...] = ()
    """The names of the authorization schemes the operation needs; none if empty."""

    def __post_init__(self) -> None:
        where = f"operation {self.name!r}"
        for label, value in (("name", self.name), ("python_name", self.python_name)):
            if not _IDENTIFIER.match(value):
                raise ValueError(f"{where}: {label} {value!r} is not an identifier")
        if not self.path.startswith("/"):
            raise ValueError(f"{where}: path {self.path!r} must start with '/'")
        statuses = [response.status for response in self.responses]
        if len(set(statuses)) != len(statuses):
            raise ValueError(f"{where}: a response status is declared twice: {statuses}")
        if not self.responses or not 200 <= self.responses[0].status <= 299:
            raise ValueError(f"{where}: the first response must be the successful one")
        if self.responses[0].model is None:
            raise ValueError(f"{where}: the successful response needs a model")

    @property
    def response_model(self) -> type[BaseModel]:
        """The model of the successful response's body."""
        model = self.responses[0].model
        assert model is not None  # checked on creation
        return model

    @property
    def request_parameter(self) -> str:
        """The request body's parameter name in the upstream client: the model name, camelCase."""
        name = self.request_model.__name__
        return name[:1].lower() + name[1:]


@dataclass(frozen=True)
class ApiClass:
    """A group of operations: one class of the upstream client, one page of the reference."""

    name: str
    """The class name in the upstream TypeScript client, such as `ConsumerAuthApi`."""
    operations: tuple[Operation, ...]

    def __post_init__(self) -> None:
        if not _IDENTIFIER.match(self.name):
            raise ValueError(f"API class {self.name!r}: the name is not an identifier")
        names = [operation.name for operation in self.operations]
        if not names or len(set(names)) != len(names):
            raise ValueError(f"API class {self.name!r}: operations must be unique and present")


CONSUMER_AUTH_TOKEN_ENDPOINT = Operation(
    name="consumerAuthTokenEndpoint",
    python_name="consumer_auth_token_endpoint",
    method="POST",
    path="/v1/consumer/oauth2/token",
    summary="The Consumer OAuth 2.0 Token Endpoint",
    description=(
        "Issues tokens to a client that proves who it is with a client assertion: a short-lived "
        "JWT signed with the client's private key ([RFC 7523]"
        "(https://www.rfc-editor.org/rfc/rfc7523)). With the `client_credentials` grant the "
        "access token is for the client itself. Error responses are JSON objects with the "
        "members `name`, `message`, `httpStatusCode` and `traceId`, and sometimes `details`."
    ),
    request_model=ConsumerAuthTokenEndpointInput,
    responses=(
        Response(
            status=200,
            name="Consumer Token OK Response",
            description="The server issued the tokens.",
            model=ConsumerAuthTokenEndpointOutput,
        ),
        Response(
            status=400,
            name="BadRequestError",
            description=(
                "The request is malformed: the body is not JSON, a required member is missing, "
                "or a value is not allowed."
            ),
        ),
        Response(
            status=403,
            name="ForbiddenError",
            description=(
                "The server refused the request: it did not accept the client assertion, or "
                "the client may not use this grant."
            ),
        ),
        Response(
            status=500,
            name="UnexpectedError",
            description=(
                "The server failed to handle the request. The `traceId` in the body identifies "
                "the failure to Affinidi support."
            ),
        ),
    ),
)
"""`POST /v1/consumer/oauth2/token`: exchange a client assertion for tokens."""

CONSUMER_AUTH_API = ApiClass(name="ConsumerAuthApi", operations=(CONSUMER_AUTH_TOKEN_ENDPOINT,))
"""The consumer authentication API: the token endpoint."""

API_CLASSES = (CONSUMER_AUTH_API,)
"""Every API class, in the order the reference lists them."""

"""The HTTP operations of the IAM API, declared once: the one place an operation is declared.

Plain frozen data, read from code: the method, the path, the path and query parameters, the
JSON request body, every documented response with its body, and the authorization scheme each
operation needs. The reference site renders its API pages from it, the tests' stand-in server
answers from it, and the OpenAPI document is generated from it. Each declaration checks itself
when it is created, and hands itself to its API class (`ApiClass.add`), which keeps no other list
of them. Importing this module costs no more than the models it names.

Names and order are those of `@affinidi-tdk/iam-client` 1.48.0 (its API classes, their methods
and parameters, and the response statuses and headers its documentation lists); the parity tests
hold them to the pinned package. The parameters' constraints are those of upstream's Python
client at the same release (PyPI `affinidi-tdk-iam-client` 1.63.0); where the 1.48.0 clients
are silent, a fact of upstream's OpenAPI document of release 1.43.0 is used, and says so.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import AfterValidator, BaseModel, Field, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from iam_client_models.authz import (
    GrantAccessInput,
    GrantAccessOutput,
    UpdateAccessInput,
    UpdateAccessOutput,
)
from iam_client_models.consumer_auth import (
    ConsumerAuthTokenEndpointInput,
    ConsumerAuthTokenEndpointOutput,
)
from iam_client_models.errors import (
    ActionForbiddenError,
    InvalidDIDError,
    InvalidParameterError,
    NotFoundError,
    PrincipalCannotBeDeletedError,
    PrincipalDoesNotBelongToProjectError,
    UnauthorizedError,
    UnexpectedError,
)
from iam_client_models.keys import JsonWebKeySetDto
from iam_client_models.policies import PolicyDto
from iam_client_models.projects import (
    AddUserToProjectInput,
    CreateProjectInput,
    ProjectDto,
    ProjectList,
    ProjectWithPolicyList,
    UpdateProjectInput,
    UserList,
)
from iam_client_models.sts import (
    CreateProjectScopedTokenInput,
    CreateProjectScopedTokenOutput,
    WhoamiDto,
)
from iam_client_models.tokens import CreateTokenInput, TokenDto, TokenList, UpdateTokenInput

BASE_URL = "https://apse1.api.affinidi.io/iam"
"""The server every path below is relative to."""

JSON = "application/json"
"""The media type of every request and response body the API declares."""

CORS_HEADERS = (
    "Access-Control-Allow-Origin",
    "Access-Control-Allow-Methods",
    "Access-Control-Allow-Headers",
)
"""The CORS headers: upstream lists them for the responses of `ConsumerAuthApi` and of `AuthzApi`
(but its 204), and for no other response."""

HttpMethod = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
ParameterLocation = Literal["path", "query"]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SNAKE = re.compile(r"^[a-z_][a-z0-9_]*$")
# `{name}` in a path; `{name+}` (upstream's `{proxy+}`) may span several path segments.
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}")


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


# ---------------------------------------------------------------------------------------------
# Authorization


@dataclass(frozen=True)
class SecurityScheme:
    """An authorization scheme: a credential sent in a request header (an OpenAPI API key).

    All four schemes of the API send their token in the same header, `authorization`; they
    differ in which token the operation accepts.
    """

    name: str
    """Upstream's name, which is also the anchor upstream links it by: `ProjectTokenAuth`."""
    summary: str
    """What the credential is, in one sentence of Markdown."""
    obtain: str
    """How to get the credential, in Markdown."""
    header: str = "authorization"
    """The request header that carries it."""
    kind: Literal["apiKey"] = "apiKey"
    """The OpenAPI security scheme type."""
    location: Literal["header"] = "header"
    """Where the credential goes: an HTTP header."""

    def __post_init__(self) -> None:
        if not _IDENTIFIER.match(self.name):
            raise ValueError(f"security scheme {self.name!r}: the name is not an identifier")
        if not self.summary.strip() or not self.obtain.strip():
            raise ValueError(f"security scheme {self.name!r}: say what it is and how to get it")

    @property
    def send(self) -> str:
        """How a request sends the credential, in Markdown."""
        return (
            f"Send the token as the value of the `{self.header}` request header, unchanged. "
            "The upstream client does this for you: it sends the value that "
            "`Configuration.apiKey` gives (a string, or a function returning one)."
        )


HERITAGE_TOKEN_AUTH = SecurityScheme(
    name="HeritageTokenAuth",
    summary="A scheme upstream declares without saying what its token is.",
    obtain="No operation of this API version uses it, and upstream does not say.",
)
"""Declared upstream; used by no operation of 1.48.0."""

USER_TOKEN_AUTH = SecurityScheme(
    name="UserTokenAuth",
    # @affinidi-tdk/iam-client 1.48.0 README.md, "Documentation For Authorization": the name,
    # the type and the header, nothing more.
    summary="A token upstream names a user token; upstream does not say more of what it is.",
    # The same README, "Obtaining auth token".
    obtain=(
        "Upstream's README shows the way for every API class: create a personal access token "
        "with the Affinidi CLI (`affinidi login`, then `affinidi token create-token`) and "
        "give its details to `AuthProvider` of `@affinidi-tdk/auth-provider`, whose "
        "`fetchProjectScopedToken` is then the `apiKey` of the client's `Configuration`."
    ),
)
"""The scheme of the project operations of ProjectsApi, of StsApi and of TokensApi."""

PROJECT_TOKEN_AUTH = SecurityScheme(
    name="ProjectTokenAuth",
    summary="A project-scoped token: an access token of a principal within one project.",
    obtain=(
        "`StsApi.createProjectScopedToken` returns one (with a `UserTokenAuth` token); "
        "`AuthProvider.fetchProjectScopedToken()` of `@affinidi-tdk/auth-provider` gets one "
        "from a personal access token."
    ),
)
"""A token scoped to one project: for the project's principals and their policies."""

CONSUMER_TOKEN_AUTH = SecurityScheme(
    name="ConsumerTokenAuth",
    # @affinidi-tdk/iam-client 1.48.0 README.md: the name, the type and the header only.
    summary="A token upstream names a consumer token; upstream does not say what it is.",
    obtain=(
        "Upstream does not say. `ConsumerAuthApi.consumerAuthTokenEndpoint` issues access "
        "tokens, but upstream does not say that they are this scheme's."
    ),
)
"""The scheme of the AuthzApi operations."""

SECURITY_SCHEMES = (HERITAGE_TOKEN_AUTH, USER_TOKEN_AUTH, PROJECT_TOKEN_AUTH, CONSUMER_TOKEN_AUTH)
"""Every authorization scheme the API declares, in upstream's order."""


# ---------------------------------------------------------------------------------------------
# Parameters and bodies

_SCALARS = (str, int)


def _literal_values(annotation: object) -> tuple[Any, ...] | None:
    return get_args(annotation) if get_origin(annotation) is Literal else None


@functools.cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


# RFC 9562, section 4: the 8-4-4-4-12 hexadecimal form, case-insensitive on input; JSON Schema's
# `uuid` format (draft 2020-12 validation, section 7.3.5) means the same.
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _uuid(value: str) -> str:
    if not _UUID.fullmatch(value):
        raise PydanticCustomError(
            "uuid_format",
            "Input should be a UUID: 32 hexadecimal digits in groups of 8-4-4-4-12",
        )
    return value


Limit = Annotated[int, Field(ge=1, le=100)]
"""The page size of a list operation: 1 to 100.

affinidi-tdk-iam-client 1.63.0 `api/projects_api.py` and `api/tokens_api.py`:
`conint(strict=True, le=100, ge=1)`; upstream's OpenAPI document 1.43.0 says the same
(`minimum: 1`, `maximum: 100`)."""

StartKey = Annotated[str, Field(max_length=3000)]
"""Where a list operation's page starts: at most 3000 characters.

affinidi-tdk-iam-client 1.63.0 `api/projects_api.py` and `api/tokens_api.py`:
`constr(strict=True, max_length=3000)`."""

UuidString = Annotated[str, AfterValidator(_uuid), Field(json_schema_extra={"format": "uuid"})]
"""A UUID, as a string (RFC 9562, section 4).

Upstream's OpenAPI document 1.43.0 gives `tokenId` `format: uuid`; the 1.48.0 clients do not
contradict it (TypeScript and Python type it a string; upstream's Java client docs,
`clients/java/iam.client/docs/TokensApi.md`, type it `UUID`)."""


@dataclass(frozen=True)
class Parameter:
    """A path or query parameter of an operation."""

    name: str
    """The name on the wire and in the upstream client: `principalType`."""
    location: ParameterLocation
    annotation: Any
    """The type as a Python annotation: `str`, `int`, or a `Literal` of strings (an enumeration
    upstream names after the operation and the parameter, `GetPoliciesPrincipalTypeEnum`),
    with upstream's constraints as `Annotated` metadata (`Limit`, `StartKey`, `UuidString`).
    pydantic checks a value with it, and gives the parameter's JSON Schema."""
    required: bool
    description: str
    """What the parameter is, in Markdown."""
    example: str | int
    """A realistic value, used by the examples, the stand-in server and the OpenAPI document."""
    default: str | int | None = None
    """The value the server uses when an optional parameter is left out, as upstream documents
    it; `None` where upstream documents none."""
    python_name_override: str | None = None
    """The name in Python style where it is not the snake case of `name` (upstream's Python
    client's name always is); `None`: it is."""

    def __post_init__(self) -> None:
        where = f"parameter {self.name!r}"
        if not _IDENTIFIER.match(self.name):
            raise ValueError(f"{where}: the name is not an identifier")
        if not _SNAKE.match(self.python_name):
            raise ValueError(f"{where}: python_name {self.python_name!r} is not snake_case")
        if self.location == "path" and not self.required:
            raise ValueError(f"{where}: a path parameter is always required")
        if self.required and self.default is not None:
            raise ValueError(f"{where}: a required parameter has no default")
        values = self.enum_values
        if values is not None:
            if not values or not all(isinstance(value, str) for value in values):
                raise ValueError(f"{where}: a Literal of strings is expected")
        elif self.base_type not in _SCALARS:
            raise ValueError(
                f"{where}: the type must be str, int or a Literal of strings, "
                f"not {self.base_type!r}"
            )
        for label, value in (("example", self.example), ("default", self.default)):
            if value is not None and (problem := self.problem(value)) is not None:
                raise ValueError(f"{where}: the {label} {value!r} is refused: {problem}")

    @property
    def python_name(self) -> str:
        """The name in Python style: `principal_type`."""
        return self.python_name_override or _snake(self.name)

    @property
    def base_type(self) -> Any:
        """The annotation without its constraints: `str`, `int` or the `Literal`."""
        if get_origin(self.annotation) is Annotated:
            return get_args(self.annotation)[0]
        return self.annotation

    @property
    def enum_values(self) -> tuple[str, ...] | None:
        """The allowed values of an enumeration parameter, in order; `None` for others."""
        return _literal_values(self.base_type)

    @property
    def adapter(self) -> TypeAdapter[Any]:
        """The pydantic adapter of `annotation`: it checks a value and gives the JSON Schema."""
        return _adapter(self.annotation)

    def problem(self, value: object) -> str | None:
        """Why `value`, a Python value, is not one of the parameter's; `None` if it is."""
        base = self.base_type
        if self.enum_values is None and (isinstance(value, bool) or not isinstance(value, base)):
            return f"not a {base.__name__}"
        try:
            self.adapter.validate_python(value, strict=True)
        except ValidationError as error:
            return str(error.errors(include_url=False)[0]["msg"])
        return None

    def accepts(self, value: object) -> bool:
        """Whether `value` is of the parameter's type and meets its constraints."""
        return self.problem(value) is None


@dataclass(frozen=True)
class RequestBody:
    """The JSON body of a request."""

    model: type[BaseModel]
    description: str
    """Upstream's description of the body parameter (its own words: `CreateProject`)."""
    required: bool = True

    def __post_init__(self) -> None:
        if not (isinstance(self.model, type) and issubclass(self.model, BaseModel)):
            raise ValueError(f"request body: {self.model!r} is not a model")

    @property
    def parameter(self) -> str:
        """The body's parameter name in the upstream client: the model name, camelCase."""
        return _camel(self.model.__name__)

    @property
    def python_name(self) -> str:
        """The same name in Python style: `create_project_input`."""
        return _snake(self.model.__name__)


class Body(enum.Enum):
    """A response body that is no model of this package."""

    EMPTY = "no body"
    """The response has no body (HTTP 204; upstream's return type `void`)."""
    JSON_OBJECT = "a JSON object"
    """Any JSON object: upstream's type `object` (the DID document of `getWellKnownDid`)."""
    NOT_DECLARED = "not declared upstream"
    """No upstream source names a body for this status: neither the 1.48.0 clients nor
    upstream's OpenAPI document of release 1.43.0."""


BodySource = Literal["client", "document"]
"""Where a response's `body` comes from.

- `client`: upstream's 1.48.0 clients: the model the Python client's `_response_types_map`
  names for the status (PyPI `affinidi-tdk-iam-client` 1.63.0, `api/*_api.py`), or the return
  type both clients give the successful response (`void`, `object`).
- `document`: upstream's OpenAPI document of release 1.43.0, where the 1.48.0 clients name no
  body: their generator leaves out the error bodies of an operation that returns nothing (its
  `_response_types_map` is empty), while the statuses and their names are unchanged.
"""


@dataclass(frozen=True)
class Response:
    """One documented response status of an operation."""

    status: int
    """The HTTP status code."""
    name: str
    """Upstream's name (description) of the response: `BadRequestError`, `Ok`."""
    description: str
    """What the response means to the caller, in Markdown."""
    body: type[BaseModel] | Body
    """The model of the body, as `body_source` names it; or what else it is."""
    body_source: BodySource = "client"
    """Where `body` comes from (see `BodySource`)."""
    headers: tuple[str, ...] = ()
    """The names of the headers upstream lists for the response (its documentation's "Response
    headers" column); none where it lists none."""

    def __post_init__(self) -> None:
        where = f"response {self.status} {self.name!r}"
        if not 100 <= self.status <= 599:
            raise ValueError(f"response {self.name!r}: {self.status} is not an HTTP status code")
        if not isinstance(self.body, Body) and not (
            isinstance(self.body, type) and issubclass(self.body, BaseModel)
        ):
            raise ValueError(f"{where}: the body {self.body!r} is not a model or a Body")
        if (self.status == 204) != (self.body is Body.EMPTY):
            raise ValueError(f"{where}: a 204 response, and only one, has Body.EMPTY")
        if not self.description.strip():
            raise ValueError(f"{where}: say what it means to the caller")
        if self.body_source == "document" and self.model is None:
            raise ValueError(f"{where}: only a body model is taken from the 1.43.0 document")

    @property
    def model(self) -> type[BaseModel] | None:
        """The body's model, where it has one."""
        return None if isinstance(self.body, Body) else self.body

    @property
    def success(self) -> bool:
        return 200 <= self.status <= 299


@dataclass(frozen=True)
class UpstreamDifference:
    """Where an operation deliberately differs from the upstream client, and why.

    `upstream` is upstream's text of what differs, exactly as the parity tests read it (the
    method's signature, or the README row); the page shows it with `reason`.
    """

    upstream: str
    reason: str
    """Markdown."""


# ---------------------------------------------------------------------------------------------
# Operations


@dataclass(frozen=True)
class Operation:
    """One HTTP operation: what to send where, and what comes back."""

    name: str
    """The method name in the upstream TypeScript client: `consumerAuthTokenEndpoint`."""
    method: HttpMethod
    path: str
    """The path relative to `BASE_URL`, as upstream writes it: `{name}` is a path parameter,
    `{name+}` one that may span several segments."""
    summary: str
    """One line: upstream's summary where it has one, else ours."""
    description: str
    """What the operation does, in Markdown."""
    parameters: tuple[Parameter, ...] = ()
    """The path and query parameters, in the upstream method's order."""
    body: RequestBody | None = None
    """The JSON request body; upstream's method takes it after the parameters."""
    responses: tuple[Response, ...] = ()
    """Every documented response, the successful one first; none for a proxy."""
    authorization: tuple[SecurityScheme, ...] = ()
    """The scheme the operation needs (any one of them); none if empty."""
    proxy: bool = False
    """A pass-through proxy: upstream declares neither a body nor a response; the request goes
    on to another service, whose answer comes back as it is."""
    differences: tuple[UpstreamDifference, ...] = ()
    """Where the declaration deliberately differs from upstream."""
    python_name_override: str | None = None
    """The name in Python style where it is not the snake case of `name`; `None`: it is."""

    def __post_init__(self) -> None:
        where = f"operation {self.name!r}"
        for label, value in (("name", self.name), ("python_name", self.python_name)):
            if not _IDENTIFIER.match(value):
                raise ValueError(f"{where}: {label} {value!r} is not an identifier")
        if not self.path.startswith("/"):
            raise ValueError(f"{where}: path {self.path!r} must start with '/'")
        names = [p.name for p in self.parameters]
        python_names = [p.python_name for p in self.parameters]
        if self.body is not None:
            python_names.append(self.body.python_name)
        for label, found in (("parameter", names), ("Python parameter", python_names)):
            if len(set(found)) != len(found):
                raise ValueError(f"{where}: a {label} name is declared twice: {found}")
        placeholders = [match.group(1) for match in _PLACEHOLDER.finditer(self.path)]
        if len(set(placeholders)) != len(placeholders):
            raise ValueError(f"{where}: the path {self.path!r} names a parameter twice")
        in_path = {p.name for p in self.parameters if p.location == "path"}
        if missing := sorted(set(placeholders) - in_path):
            raise ValueError(f"{where}: the path holds {missing}, declared as no path parameter")
        if extra := sorted(in_path - set(placeholders)):
            raise ValueError(f"{where}: the path {self.path!r} does not hold {extra}")
        if "{" in _PLACEHOLDER.sub("", self.path) or "}" in _PLACEHOLDER.sub("", self.path):
            raise ValueError(f"{where}: the path {self.path!r} has a malformed placeholder")
        statuses = [response.status for response in self.responses]
        if len(set(statuses)) != len(statuses):
            raise ValueError(f"{where}: a response status is declared twice: {statuses}")
        if self.proxy:
            if self.body is not None or self.responses:
                raise ValueError(f"{where}: a proxy declares no body and no response")
        elif not self.responses or not self.responses[0].success:
            raise ValueError(f"{where}: the first response must be the successful one")
        elif any(response.success for response in self.responses[1:]):
            raise ValueError(f"{where}: one successful response, first; found {statuses}")
        elif self.responses[0].body is Body.NOT_DECLARED:
            raise ValueError(f"{where}: the successful response needs a model or a Body")
        for scheme in self.authorization:
            if scheme not in SECURITY_SCHEMES:
                raise ValueError(
                    f"{where}: the security scheme {scheme.name!r} is not declared in "
                    "SECURITY_SCHEMES"
                )
        if len(set(self.authorization)) != len(self.authorization):
            raise ValueError(f"{where}: a security scheme is named twice")

    # What the declaration implies, read from code.

    @property
    def python_name(self) -> str:
        """The same name in Python style (upstream's Python client's): `whoami`,
        `consumer_auth_token_endpoint`."""
        return self.python_name_override or _snake(self.name)

    @property
    def success(self) -> Response | None:
        """The successful response; `None` for a proxy."""
        return self.responses[0] if self.responses else None

    @property
    def request_model(self) -> type[BaseModel] | None:
        """The model of the JSON request body, if the operation takes one."""
        return self.body.model if self.body is not None else None

    @property
    def response_model(self) -> type[BaseModel] | None:
        """The model of the successful response's body, if it has one."""
        return self.success.model if self.success is not None else None

    @property
    def request_parameter(self) -> str | None:
        """The request body's parameter name in the upstream client."""
        return self.body.parameter if self.body is not None else None

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    @property
    def query_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "query")

    @property
    def greedy_parameters(self) -> frozenset[str]:
        """Path parameters written `{name+}`: their value may span several path segments."""
        return frozenset(m.group(1) for m in _PLACEHOLDER.finditer(self.path) if m.group(2))

    @property
    def template(self) -> str:
        """The path with plain `{name}` placeholders (as OpenAPI writes them)."""
        return _PLACEHOLDER.sub(r"{\1}", self.path)

    @property
    def request_headers(self) -> tuple[tuple[str, str], ...]:
        """The content headers a request sends, as upstream's documentation lists them.

        `Content-Type` where there is a body; `Accept` unless the operation is a proxy. The
        credential's header is the scheme's (`authorization`).
        """
        headers = [("Content-Type", JSON)] if self.body is not None else []
        return tuple(headers + ([] if self.proxy else [("Accept", JSON)]))

    @property
    def errors(self) -> tuple[Response, ...]:
        """The documented error responses."""
        return tuple(response for response in self.responses if not response.success)

    def response(self, status: int) -> Response | None:
        """The declared response of `status`, if there is one."""
        return next((r for r in self.responses if r.status == status), None)

    def url_path(self, values: Mapping[str, str]) -> str:
        """The path with each path parameter's value (by wire name) percent-encoded.

        A greedy parameter (`{proxy+}`) keeps its `/`; any other value is one segment.
        """
        from urllib.parse import quote  # only when a request is made

        greedy = self.greedy_parameters

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            return quote(str(values[name]), safe="/" if name in greedy else "")

        return _PLACEHOLDER.sub(value, self.path)


@dataclass(frozen=True)
class ApiClass:
    """A group of operations: one class of the upstream client, one page of the reference.

    Declared before its operations, each of which adds itself (`add`) where it is declared: the
    class keeps no second list of them to edit.
    """

    name: str
    """The class name in the upstream TypeScript client: `ConsumerAuthApi`."""
    description: str = ""
    """What the operations are for, in Markdown."""
    _added: list[Operation] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not _IDENTIFIER.match(self.name):
            raise ValueError(f"API class {self.name!r}: the name is not an identifier")

    def add(self, operation: Operation) -> Operation:
        """Make `operation` one of the class's, and return it: `X = STS_API.add(Operation(...))`."""
        if any(added.name == operation.name for added in self._added):
            raise ValueError(f"API class {self.name!r}: {operation.name!r} is added twice")
        self._added.append(operation)
        return operation

    @property
    def operations(self) -> tuple[Operation, ...]:
        """In upstream's order: alphabetical by method name (the parity tests hold it to the
        pinned package), whatever the order of the declarations."""
        return tuple(sorted(self._added, key=lambda operation: operation.name))


# ---------------------------------------------------------------------------------------------
# The responses, each meaning written once. A status's meaning says only what upstream says of
# it: its name, its body model and that model's message (`iam_client_models.errors`).


def _ok(name: str, body: type[BaseModel] | Body, description: str) -> Response:
    return Response(200, name, description, body)


def _no_content(name: str, description: str) -> Response:
    return Response(204, name, description, Body.EMPTY)


def _bad_request(body: type[BaseModel]) -> Response:
    return Response(
        400,
        "BadRequestError",
        "The request is not valid. Upstream's message for it is the template "
        "`Invalid parameter: ${param}.`",
        body,
    )


def _forbidden(body: type[BaseModel]) -> Response:
    if body is UnauthorizedError:
        meaning = (
            "The server refused the request. Upstream's message for it is `Unauthorized`; "
            "upstream does not say when it is sent."
        )
    elif body is ActionForbiddenError:
        # Its message: "Principal can not execute action on given resource".
        meaning = "The credential is valid, but its principal may not do this to this resource."
    elif body is PrincipalDoesNotBelongToProjectError:
        # Its message: "Principal does not belong to the given project"; only the token request
        # (createProjectScopedToken) declares it.
        meaning = "The principal is not a member of the project it asked a token for."
    else:
        raise ValueError(f"403: no meaning is written for {body.__name__}")
    return Response(403, "ForbiddenError", meaning, body)


def _not_found(body: type[BaseModel]) -> Response:
    return Response(
        404,
        "NotFoundError",
        "Not found. Upstream's message for it is the template `Not found: ${param}.`",
        body,
    )


def _conflict(body: type[BaseModel]) -> Response:
    return Response(
        409,
        "ConflictError",
        # PrincipalCannotBeDeletedError's message: "Cannot delete own record from the project
        # with the same principalId".
        "The change conflicts with the project's state: a principal cannot remove itself "
        "from the project.",
        body,
    )


def _unexpected(body: type[BaseModel]) -> Response:
    return Response(
        500,
        "UnexpectedError",
        "The server failed to handle the request. Upstream's message for it is "
        "`Unexpected Error Occurred.`",
        body,
    )


def _from_document(*responses: Response) -> tuple[Response, ...]:
    """The responses with their body taken from upstream's 1.43.0 OpenAPI document: for the
    error statuses of an operation that returns nothing, whose 1.48.0 clients name no body."""
    return tuple(replace(r, body_source="document") for r in responses)


def _with_cors(*responses: Response) -> tuple[Response, ...]:
    """The responses with the CORS headers, where upstream's documentation lists them."""
    return tuple(replace(r, headers=CORS_HEADERS) for r in responses)


# ---------------------------------------------------------------------------------------------
# Parameters shared by several operations.


def _limit() -> Parameter:
    return Parameter(
        name="limit",
        location="query",
        annotation=Limit,
        required=False,
        description="Maximum number of records to fetch in a list",
        example=20,
        default=100,
    )


def _exclusive_start_key() -> Parameter:
    return Parameter(
        name="exclusiveStartKey",
        location="query",
        annotation=StartKey,
        required=False,
        description=(
            "The base64url encoded key of the first item that this operation will evaluate (it "
            "is not returned). Use the value that was returned in the previous operation."
        ),
        example="eyJpZCI6IjZjMmU5YTQxLThmM2ItNGQ3ZS1hNWMwLTFiOWQ0ZTdmMmEzNiJ9",
    )


def _path_parameter(name: str, description: str, example: str, annotation: Any = str) -> Parameter:
    return Parameter(
        name=name,
        location="path",
        annotation=annotation,
        required=True,
        description=description,
        example=example,
    )


_PrincipalType = Literal["user", "token"]


def _principal_type(description: str) -> Parameter:
    return Parameter(
        name="principalType",
        location="query",
        annotation=_PrincipalType,
        required=True,
        description=description,
        example="token",
    )


_PRINCIPAL_ID = "3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"
_PROJECT_ID = "6c2e9a41-8f3b-4d7e-a5c0-1b9d4e7f2a36"
_GRANTEE_DID = "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH"


def _grantee_did(what: str) -> Parameter:
    description = f"The DID of the grantee whose access is {what}."
    return _path_parameter("granteeDid", description, _GRANTEE_DID)


def _token_id() -> Parameter:
    return _path_parameter("tokenId", "The ID of the token.", _PRINCIPAL_ID, UuidString)


def _project_id() -> Parameter:
    return _path_parameter("projectId", "The ID of the project.", _PROJECT_ID)


def _principal_id(description: str = "The ID of the principal: a user or a token.") -> Parameter:
    return _path_parameter("principalId", description, _PRINCIPAL_ID)


def _page(what: str) -> str:
    return (
        f"Returns one page of {what}. Pass `limit` for the page size; when the response has a "
        "`lastEvaluatedKey`, pass it as `exclusiveStartKey` to get the next page."
    )


# ---------------------------------------------------------------------------------------------
# AuthzApi

AUTHZ_API = ApiClass(
    name="AuthzApi",
    description=(
        "Grants of access to the virtual file system: a grantee, a DID, is given rights "
        "(`vfs-read`, `vfs-write`)."
    ),
)
"""Access grants to the virtual file system."""

DELETE_ACCESS_VFS = AUTHZ_API.add(
    Operation(
        name="deleteAccessVfs",
        method="DELETE",
        path="/v1/authz/vfs/access/{granteeDid}",
        summary="delete access of granteeDid",
        description="Removes the access of a grantee, a DID, to the virtual file system.",
        parameters=(_grantee_did("removed"),),
        # @affinidi-tdk/iam-client 1.48.0 docs/AuthzApi.md: the CORS headers on the 403 and the 500,
        # none on the 204.
        responses=(
            _no_content("Ok", "The grantee's access is removed."),
            *_with_cors(
                *_from_document(_forbidden(UnauthorizedError), _unexpected(UnexpectedError))
            ),
        ),
        authorization=(CONSUMER_TOKEN_AUTH,),
    )
)

GRANT_ACCESS_VFS = AUTHZ_API.add(
    Operation(
        name="grantAccessVfs",
        method="POST",
        path="/v1/authz/vfs/access",
        summary="Grant access to the virtual file system",
        description="Grants access rights to a subject for the virtual file system",
        body=RequestBody(GrantAccessInput, "Grant access to virtual file system"),
        responses=_with_cors(
            _ok(
                "Successfully granted access to Service",
                GrantAccessOutput,
                "The body's `success` says whether the access was granted.",
            ),
            _forbidden(UnauthorizedError),
            _unexpected(UnexpectedError),
        ),
        authorization=(CONSUMER_TOKEN_AUTH,),
    )
)

UPDATE_ACCESS_VFS = AUTHZ_API.add(
    Operation(
        name="updateAccessVfs",
        method="PUT",
        path="/v1/authz/vfs/access/{granteeDid}",
        summary="Update access of granteeDid",
        description=(
            "Updates the access of a grantee, a DID, to the virtual file system with the rights "
            "the request gives. Upstream does not say whether they replace the rights granted "
            "before or are added to them."
        ),
        parameters=(_grantee_did("updated"),),
        body=RequestBody(UpdateAccessInput, "update access to virtual file system"),
        responses=_with_cors(
            _ok(
                "Successfully updated access to Service",
                UpdateAccessOutput,
                "The body's `success` says whether the access was updated.",
            ),
            _forbidden(UnauthorizedError),
            _unexpected(UnexpectedError),
        ),
        authorization=(CONSUMER_TOKEN_AUTH,),
    )
)

# ---------------------------------------------------------------------------------------------
# ConsumerAuthApi

CONSUMER_AUTH_API = ApiClass(
    name="ConsumerAuthApi",
    description="The consumer OAuth 2.0 token endpoint.",
)
"""The consumer authentication API: the token endpoint."""

CONSUMER_AUTH_TOKEN_ENDPOINT = CONSUMER_AUTH_API.add(
    Operation(
        name="consumerAuthTokenEndpoint",
        method="POST",
        path="/v1/consumer/oauth2/token",
        summary="The Consumer OAuth 2.0 Token Endpoint",
        # The request model's `client_assertion_type` and `grant_type` are upstream's enumerations
        # (@affinidi-tdk/iam-client 1.48.0 api.ts, ConsumerAuthTokenEndpointInput*Enum).
        description=(
            "Issues tokens to a client that sends a JWT as its client assertion "
            "(`client_assertion`). With the assertion type "
            "`urn:ietf:params:oauth:client-assertion-type:jwt-bearer` the JWT authenticates the "
            "client ([RFC 7523](https://www.rfc-editor.org/rfc/rfc7523), section 2.2); with the "
            "`client_credentials` grant the client asks for an access token for itself "
            "([RFC 6749](https://www.rfc-editor.org/rfc/rfc6749), section 4.4). Error responses "
            "are JSON objects with the members `name`, `message`, `httpStatusCode` and `traceId`, "
            "and sometimes `details`."
        ),
        body=RequestBody(ConsumerAuthTokenEndpointInput, "ConsumerAuthTokenEndpoint"),
        # @affinidi-tdk/iam-client 1.48.0 docs/ConsumerAuthApi.md: the CORS headers on all four.
        responses=_with_cors(
            _ok(
                "Consumer Token OK Response",
                ConsumerAuthTokenEndpointOutput,
                "The server issued the tokens.",
            ),
            Response(
                400,
                "BadRequestError",
                "The request is not valid. The body upstream names for it is an "
                "`InvalidDIDError`: a DID could not be resolved to a valid public key (its "
                "message: `Unable to resolve DID method. Invalid public key`). Upstream does not "
                "say which DID, or what else gets a 400.",
                InvalidDIDError,
            ),
            Response(
                403,
                "ForbiddenError",
                "The server refused the request. The body upstream names for it is an "
                "`UnauthorizedError` (its message: `Unauthorized`); upstream does not say when "
                "it is sent.",
                UnauthorizedError,
            ),
            _unexpected(UnexpectedError),
        ),
    )
)
"""`POST /v1/consumer/oauth2/token`: exchange a client assertion for tokens."""

# ---------------------------------------------------------------------------------------------
# DefaultApi: the pass-through proxies.

DEFAULT_API = ApiClass(
    name="DefaultApi",
    description=(
        "Pass-through proxies for `/v1/auth/*` and `/v1/idp/*`, in the five HTTP methods "
        "upstream declares for each: DELETE, GET, PATCH, POST and PUT. Upstream declares no "
        "body and no response for them, and its clients send every call to the literal path "
        "`/v1/auth/{proxy+}` or `/v1/idp/{proxy+}`: the operations say why."
    ),
)
"""The pass-through proxies of `/v1/auth/{proxy+}` and `/v1/idp/{proxy+}`."""


def _proxy(prefix: str, method: HttpMethod) -> Operation:
    title = method[:1] + method[1:].lower()
    return Operation(
        name=f"v1{prefix.title()}Proxy{title}",
        method=method,
        path=f"/v1/{prefix}/{{proxy+}}",
        summary=f"Pass a {method} request on to the service below `/v1/{prefix}/`",
        description=(
            f"A pass-through proxy: the request, below `/v1/{prefix}/`, goes on to another "
            "service, and that service's answer comes back as it is. Upstream declares no "
            "request body, no response and no authorization for it: what it accepts and "
            "returns is the other service's, and this reference does not describe it.\n\n"
            # @affinidi-tdk/iam-client 1.48.0 api.ts (DefaultApiAxiosParamCreator):
            # `/v1/auth/{proxy+}`.replace(`{${"proxy"}}`, ...), which finds nothing to replace;
            # affinidi-tdk-iam-client 1.63.0 api/default_api.py: `_path_params['proxy']` with
            # the path '/v1/auth/{proxy+}', and api_client.py replaces `{proxy}` only.
            "Upstream's clients never put the `proxy` value into the path: both replace "
            "`{proxy}` in a path that holds `{proxy+}`, which finds nothing, so every call goes "
            f"to the path `/v1/{prefix}/{{proxy+}}` itself, whatever the value (the TypeScript "
            f"client sends `/v1/{prefix}/%7Bproxy+%7D`). The Python example on this page sends "
            f"the path you give: `/v1/{prefix}/` and then the value, its `/` kept."
        ),
        parameters=(
            Parameter(
                name="proxy",
                location="path",
                annotation=str,
                required=True,
                description=(
                    f"The rest of the path, after `/v1/{prefix}/`. Upstream writes the "
                    "placeholder `{proxy+}`: it may span several segments. Upstream's clients "
                    "do not send it (see above)."
                ),
                example="path/of/the/target",
            ),
        ),
        proxy=True,
    )


_METHODS: tuple[HttpMethod, ...] = ("DELETE", "GET", "PATCH", "POST", "PUT")
for _prefix in ("auth", "idp"):
    for _method in _METHODS:
        DEFAULT_API.add(_proxy(_prefix, _method))

# ---------------------------------------------------------------------------------------------
# PoliciesApi

POLICIES_API = ApiClass(
    name="PoliciesApi",
    description="The access policies of a project's principals.",
)
"""The policies of the principals of a project."""

GET_POLICIES = POLICIES_API.add(
    Operation(
        name="getPolicies",
        method="GET",
        path="/v1/policies/principals/{principalId}",
        summary="Get the policy of a principal in the project",
        description=(
            "Returns the access policy that a principal, a user or a token, has in the project of "
            "the project-scoped token."
        ),
        parameters=(_principal_id(), _principal_type("The kind of principal: a user or a token.")),
        responses=(
            _ok("Ok", PolicyDto, "The principal's policy."),
            _bad_request(InvalidParameterError),
            _not_found(NotFoundError),
            _unexpected(UnexpectedError),
        ),
        authorization=(PROJECT_TOKEN_AUTH,),
    )
)

UPDATE_POLICIES = POLICIES_API.add(
    Operation(
        name="updatePolicies",
        method="PUT",
        path="/v1/policies/principals/{principalId}",
        summary="Update the policy of a principal in the project",
        description=(
            "Updates the access policy that a principal, a user or a token, has in the project "
            "of the project-scoped token, and returns a policy. Upstream does not say whether the "
            "request's policy replaces the one before, or whether the policy returned is as stored."
        ),
        parameters=(_principal_id(), _principal_type("The kind of principal: a user or a token.")),
        body=RequestBody(PolicyDto, "UpdatePolicies"),
        responses=(
            _ok("OK", PolicyDto, "The principal's policy."),
            _bad_request(InvalidParameterError),
            _unexpected(UnexpectedError),
        ),
        authorization=(PROJECT_TOKEN_AUTH,),
    )
)

# ---------------------------------------------------------------------------------------------
# ProjectsApi

PROJECTS_API = ApiClass(
    name="ProjectsApi",
    description="Projects, and the principals (users and tokens) that belong to them.",
)
"""Projects and their principals."""

ADD_PRINCIPAL_TO_PROJECT = PROJECTS_API.add(
    Operation(
        name="addPrincipalToProject",
        method="POST",
        path="/v1/projects/principals",
        summary="Add a principal to the project",
        description=(
            "Adds a principal, a user or a token, to the project of the project-scoped token."
        ),
        body=RequestBody(AddUserToProjectInput, "AddPrincipalToProject"),
        responses=(
            _no_content("NoContent", "The principal is a member of the project."),
            *_from_document(
                _bad_request(InvalidParameterError),
                _forbidden(ActionForbiddenError),
                _unexpected(UnexpectedError),
            ),
        ),
        authorization=(PROJECT_TOKEN_AUTH,),
    )
)

CREATE_PROJECT = PROJECTS_API.add(
    Operation(
        name="createProject",
        method="POST",
        path="/v1/projects",
        summary="Create a project",
        description="Creates a project and returns it.",
        body=RequestBody(CreateProjectInput, "CreateProject"),
        responses=(
            _ok("OK", ProjectDto, "The project, created."),
            _bad_request(InvalidParameterError),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

DELETE_PRINCIPAL_FROM_PROJECT = PROJECTS_API.add(
    Operation(
        name="deletePrincipalFromProject",
        method="DELETE",
        path="/v1/projects/principals/{principalId}",
        summary="Remove a principal from the project",
        description=(
            "Removes a principal, a user or a token, from the project of the project-scoped token. "
            "A principal cannot remove itself."
        ),
        parameters=(
            _principal_id("id of principal"),
            _principal_type("type of principal"),
        ),
        responses=(
            _no_content("Ok", "The principal is no longer a member of the project."),
            *_from_document(
                _bad_request(InvalidParameterError),
                _forbidden(ActionForbiddenError),
                _not_found(NotFoundError),
                _conflict(PrincipalCannotBeDeletedError),
                _unexpected(UnexpectedError),
            ),
        ),
        authorization=(PROJECT_TOKEN_AUTH,),
    )
)

GET_PROJECT = PROJECTS_API.add(
    Operation(
        name="getProject",
        method="GET",
        path="/v1/projects/{projectId}",
        summary="Get a project",
        description="Returns a project by its ID.",
        parameters=(_project_id(),),
        responses=(
            _ok("Ok", ProjectDto, "The project."),
            _bad_request(InvalidParameterError),
            _not_found(NotFoundError),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

LIST_PRINCIPALS_OF_PROJECT = PROJECTS_API.add(
    Operation(
        name="listPrincipalsOfProject",
        method="GET",
        path="/v1/projects/principals",
        summary="List the principals of the project",
        description=_page("the principals of the project of the project-scoped token"),
        parameters=(_limit(), _exclusive_start_key()),
        responses=(
            _ok("Ok", UserList, "One page of the project's principals."),
            _bad_request(InvalidParameterError),
            _forbidden(ActionForbiddenError),
            _unexpected(UnexpectedError),
        ),
        authorization=(PROJECT_TOKEN_AUTH,),
    )
)

LIST_PROJECT = PROJECTS_API.add(
    Operation(
        name="listProject",
        method="GET",
        path="/v1/projects",
        summary="List projects",
        description=_page("projects") + " Upstream does not say which projects it lists.",
        parameters=(_limit(), _exclusive_start_key()),
        responses=(
            _ok("Ok", ProjectList, "One page of projects."),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

UPDATE_PROJECT = PROJECTS_API.add(
    Operation(
        name="updateProject",
        method="PATCH",
        path="/v1/projects/{projectId}",
        summary="Change a project",
        description=(
            "Changes the members of a project that the request names, and returns the project."
        ),
        parameters=(_project_id(),),
        body=RequestBody(UpdateProjectInput, "UpdateProject"),
        responses=(
            _ok("OK", ProjectDto, "The project, changed."),
            _bad_request(InvalidParameterError),
            _forbidden(ActionForbiddenError),
            _not_found(NotFoundError),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

# ---------------------------------------------------------------------------------------------
# StsApi

STS_API = ApiClass(
    name="StsApi",
    description="The security token service: project-scoped tokens, and who the caller is.",
)
"""The security token service."""

CREATE_PROJECT_SCOPED_TOKEN = STS_API.add(
    Operation(
        name="createProjectScopedToken",
        method="POST",
        path="/v1/sts/create-project-scoped-token",
        summary="Get a project-scoped token",
        description=(
            "Exchanges the caller's access token for a project-scoped token of one of its "
            "projects: the credential of the `ProjectTokenAuth` operations."
        ),
        body=RequestBody(CreateProjectScopedTokenInput, "CreateProjectScopedToken"),
        responses=(
            _ok(
                "Created Project Scoped Tokens",
                CreateProjectScopedTokenOutput,
                "The project-scoped token.",
            ),
            _bad_request(InvalidParameterError),
            _forbidden(PrincipalDoesNotBelongToProjectError),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

WHOAMI = STS_API.add(
    Operation(
        name="whoami",
        method="GET",
        path="/v1/sts/whoami",
        summary="Identify the caller",
        description="Returns the principal that the request's credential identifies.",
        responses=(
            _ok("User info", WhoamiDto, "The caller's principal."),
            _forbidden(ActionForbiddenError),
            _not_found(NotFoundError),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

# ---------------------------------------------------------------------------------------------
# TokensApi

TOKENS_API = ApiClass(
    name="TokensApi",
    description=(
        "Tokens (personal access tokens): principals that authenticate with their own key pair."
    ),
)
"""Personal access tokens."""

CREATE_TOKEN = TOKENS_API.add(
    Operation(
        name="createToken",
        method="POST",
        path="/v1/tokens",
        summary="Create a token",
        description=(
            "Creates a token (a personal access token), which authenticates with the public key "
            "the request gives, and returns it."
        ),
        body=RequestBody(CreateTokenInput, "CreateToken"),
        responses=(
            _ok("Created Token", TokenDto, "The token, created."),
            _bad_request(InvalidParameterError),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

DELETE_TOKEN = TOKENS_API.add(
    Operation(
        name="deleteToken",
        method="DELETE",
        path="/v1/tokens/{tokenId}",
        summary="Delete a token",
        description="Deletes a token.",
        parameters=(_token_id(),),
        responses=(
            _no_content("Token Deleted", "The token is deleted."),
            *_from_document(
                _forbidden(ActionForbiddenError),
                _not_found(NotFoundError),
                _unexpected(UnexpectedError),
            ),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

GET_TOKEN = TOKENS_API.add(
    Operation(
        name="getToken",
        method="GET",
        path="/v1/tokens/{tokenId}",
        summary="Get a token",
        description="Returns a token by its ID.",
        parameters=(_token_id(),),
        responses=(
            _ok("Token", TokenDto, "The token."),
            _forbidden(ActionForbiddenError),
            _not_found(NotFoundError),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

LIST_PROJECTS_OF_TOKEN = TOKENS_API.add(
    Operation(
        name="listProjectsOfToken",
        method="GET",
        path="/v1/tokens/{tokenId}/projects",
        summary="List the projects of a token",
        description=_page("the projects a token belongs to, each with the token's policy in it"),
        parameters=(_token_id(), _limit(), _exclusive_start_key()),
        responses=(
            _ok("Ok", ProjectWithPolicyList, "One page of the token's projects."),
            _forbidden(ActionForbiddenError),
            _not_found(NotFoundError),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

LIST_TOKEN = TOKENS_API.add(
    Operation(
        name="listToken",
        method="GET",
        path="/v1/tokens",
        summary="List tokens",
        description=_page("tokens") + " Upstream does not say which tokens it lists.",
        parameters=(_limit(), _exclusive_start_key()),
        responses=(
            _ok("List of Tokens", TokenList, "One page of tokens."),
            _bad_request(InvalidParameterError),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

UPDATE_TOKEN = TOKENS_API.add(
    Operation(
        name="updateToken",
        method="PATCH",
        path="/v1/tokens/{tokenId}",
        summary="Change a token",
        description=(
            "Changes a token's name or how it authenticates, as the request names, and returns "
            "the token."
        ),
        parameters=(_token_id(),),
        body=RequestBody(UpdateTokenInput, "UpdateToken"),
        responses=(
            _ok("Updated Token", TokenDto, "The token, changed."),
            _forbidden(ActionForbiddenError),
            _not_found(NotFoundError),
            _unexpected(UnexpectedError),
        ),
        authorization=(USER_TOKEN_AUTH,),
    )
)

# ---------------------------------------------------------------------------------------------
# WellKnownApi

WELL_KNOWN_API = ApiClass(
    name="WellKnownApi",
    description="The service's `.well-known` documents: a DID document and a JSON Web Key Set.",
)
"""The `.well-known` documents."""

GET_WELL_KNOWN_DID = WELL_KNOWN_API.add(
    Operation(
        name="getWellKnownDid",
        method="GET",
        path="/.well-known/did.json",
        summary="Get the service's DID document",
        description=(
            "Returns the service's DID document. Upstream types it `object`: any JSON object; "
            "this package has no model of it, and upstream does not say which DID it describes."
        ),
        responses=(
            _ok("GetWellKnownDidOK", Body.JSON_OBJECT, "The DID document, a JSON object."),
            _unexpected(UnexpectedError),
        ),
    )
)

GET_WELL_KNOWN_JWKS = WELL_KNOWN_API.add(
    Operation(
        name="getWellKnownJwks",
        method="GET",
        path="/.well-known/jwks.json",
        summary="Get the service's public keys",
        # Upstream's only words on it are its 200 response's name.
        description=(
            "Returns a JSON Web Key Set ([RFC 7517](https://www.rfc-editor.org/rfc/rfc7517), "
            "section 5): in upstream's words, the JWK used by the services. Upstream does not say "
            "what the services use them for."
        ),
        responses=(
            _ok(
                "List of JWK used by the services as JWKS",
                JsonWebKeySetDto,
                "The JSON Web Key Set.",
            ),
            _unexpected(UnexpectedError),
        ),
    )
)

API_CLASSES = (
    AUTHZ_API,
    CONSUMER_AUTH_API,
    DEFAULT_API,
    POLICIES_API,
    PROJECTS_API,
    STS_API,
    TOKENS_API,
    WELL_KNOWN_API,
)
"""Every API class, in the order upstream's README lists them."""

OPERATIONS: tuple[Operation, ...] = tuple(op for api in API_CLASSES for op in api.operations)
"""Every operation, in upstream's order (the README's "Documentation for API Endpoints")."""

_BY_NAME = {op.name: op for op in OPERATIONS}
if len(_BY_NAME) != len(OPERATIONS):  # pragma: no cover - a declaration error
    raise ValueError("an operation name is declared in two API classes")
if _empty := [api.name for api in API_CLASSES if not api.operations]:  # pragma: no cover
    raise ValueError(f"API classes with no operation: {_empty}")


def operation(name: str) -> Operation:
    """The operation of an upstream method name: `operation("getToken")`."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no operation {name!r}; the operations are {sorted(_BY_NAME)}") from None

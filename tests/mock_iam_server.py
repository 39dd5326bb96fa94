"""A stand-in for the IAM API on 127.0.0.1, built from the endpoint declarations alone.

Nothing here is written per operation: the server reads `iam_client_models.endpoints` and
answers every declared operation the same way, in this order:

1. Routing. The path below the base URL's `/iam` is matched against each declared path,
   segment by segment: `{name}` takes one segment, `{name+}` (the DefaultApi proxies'
   `{proxy+}`) the rest of the path. A literal segment beats a placeholder
   (`/v1/projects/principals` is not `getProject`). No path: 404 with a `NotFoundError` body;
   a path without the method: 405 with an `Allow` header (`OPTIONS`, a CORS preflight: 204
   with it). `HEAD` is answered as `GET`, without the body.
2. `x-mock-status: <status>`, if sent, must be a status the operation declares (any status for
   a proxy, which declares none); another value is a 400 that names the header.
3. Authorization. An operation with an authorization scheme needs a non-empty header of the
   scheme (`authorization`); without one it gets 403 with the declared 403 body, or, where it
   declares no 403 (`getPolicies`, ...), a 403 with an `UnauthorizedError` body anyway.
4. Validation, with the models: each path and query parameter against its annotation, with
   upstream's constraints (`limit` 1 to 100, `exclusiveStartKey` at most 3000 characters,
   `tokenId` a UUID), the body (JSON, `Content-Type: application/json`) with the request
   model. A bad request gets 400 with the declared 400 body: the model's example, with
   `details` naming each member or parameter that is wrong and the rule it breaks (`field`,
   `issue`, `location`, and `value` where a string was sent: as a careless server might, it
   echoes the value, so clients must not print it); an `InvalidParameterError`'s message is
   upstream's template filled in, `Invalid parameter: limit.`. Where the operation declares
   no 400 (`whoami`, `grantAccessVfs`, `getToken`, ...), or declares one with no model, the
   400 has an `InvalidParameterError` body anyway.
5. The answer: the status `x-mock-status` asked for, else the successful one, with the body
   the declaration names: the model's example (as the model pages show it,
   `describe_model(Model).example`), a JSON object (a DID document) for `Body.JSON_OBJECT`,
   nothing for a 204. An error status with no declared model gets the API's error model of
   that status (`iam_client_models.errors`). A proxy, which declares no response, answers
   204 with no body.

An answer carries the headers its declared response lists (the CORS headers, on the responses
of ConsumerAuthApi and AuthzApi but the 204) and no others; a CORS preflight (`OPTIONS`),
which no operation declares, gets the CORS headers. Every error body has a fresh `traceId`.

One operation carries its own credential in the body rather than in a header: the consumer
token endpoint's client assertion. `consumer_token_answer` checks it, as the `authorization`
check does for the others, and is installed by default: an assertion that is not a JWT, or
whose `sub` is not `CLIENT_ID`, gets the declared 403; `FAILING_CLIENT_ID` gets the declared
500; `CLIENT_ID` gets tokens for that client. Signatures are not verified.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import BaseModel, ValidationError

from iam_client_docs.describe import describe_model
from iam_client_models import endpoints
from iam_client_models.endpoints import BASE_URL, JSON, Body, Operation, Response
from iam_client_models.errors import ERROR_MODELS

__all__ = [
    "AUDIENCE",
    "BASE_PATH",
    "CLIENT_ID",
    "DID_DOCUMENT",
    "FAILING_CLIENT_ID",
    "MOCK_STATUS_HEADER",
    "PATH",
    "UNKNOWN_CLIENT_ID",
    "Answer",
    "MockIamServer",
    "RecordedRequest",
    "Request",
    "answer",
    "client_assertion",
    "consumer_token_answer",
    "example",
]

BASE_PATH = urlsplit(BASE_URL).path.rstrip("/")
"""The base URL's path, `/iam`: every operation's path is below it."""
MOCK_STATUS_HEADER = "x-mock-status"
"""The request header that asks for one of the operation's declared statuses."""
PATH = BASE_PATH + endpoints.CONSUMER_AUTH_TOKEN_ENDPOINT.path
"""The consumer token endpoint's path on the server."""
AUDIENCE = BASE_URL + endpoints.CONSUMER_AUTH_TOKEN_ENDPOINT.path
"""The token endpoint's URL: the `aud` claim of a client assertion (RFC 7523, section 3)."""
CLIENT_ID = "3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"
UNKNOWN_CLIENT_ID = "0d6c1f3a-5b2e-4c7d-8e9f-a1b2c3d4e5f6"
FAILING_CLIENT_ID = "9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b"

DID_DOCUMENT: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
    "id": "did:web:apse1.api.affinidi.io:iam",
    "verificationMethod": [
        {
            "id": "did:web:apse1.api.affinidi.io:iam#key-1",
            "type": "JsonWebKey2020",
            "controller": "did:web:apse1.api.affinidi.io:iam",
            "publicKeyJwk": {
                "kty": "EC",
                "crv": "P-256",
                "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
            },
        }
    ],
    "assertionMethod": ["did:web:apse1.api.affinidi.io:iam#key-1"],
}
"""The body of a `Body.JSON_OBJECT` response (`getWellKnownDid`): a DID document."""

# Which error model speaks for a status where the declaration names none. Several share 400
# and 403; these are the general ones.
_PREFERRED_ERRORS = ("InvalidParameterError", "ActionForbiddenError")
_SIGNATURE = "c2lnbmF0dXJlLW5vdC12ZXJpZmllZC1ieS10aGUtbW9jaw"


# ---------------------------------------------------------------------------------------------
# Requests and answers, as plain data: `answer` is a pure function of the request.


@dataclass(frozen=True)
class Request:
    """One HTTP request, as the handler received it."""

    method: str
    target: str
    """The request target: the path (percent-encoded, as sent) and the query string."""
    headers: Mapping[str, str]
    """Header names lower-cased."""
    body: bytes = b""


@dataclass(frozen=True)
class Answer:
    """The status, the JSON body (`None`: no body) and any extra headers of a response."""

    status: int
    body: Any = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Call:
    """A request routed to its operation and validated: what an operation's answer reads."""

    operation: Operation
    request: Request
    path: dict[str, str]
    """The path parameters' values, by wire name, decoded."""
    query: dict[str, Any]
    """The declared query parameters that were sent, validated, by wire name."""
    body: BaseModel | None
    """The request body, validated with the request model."""


OperationAnswer = Callable[[Call], Answer | None]
"""Extra checks of one operation, after validation: an answer, or `None` to answer as usual."""


@functools.cache
def _example_json(model: type[BaseModel]) -> str:
    return json.dumps(describe_model(model, "iam_client_models").example)


def example(model: type[BaseModel]) -> dict[str, Any]:
    """A model's example in JSON form, as its reference page shows it (a fresh copy)."""
    found: dict[str, Any] = json.loads(_example_json(model))
    return found


def _status_of(model: type[BaseModel]) -> int:
    return int(model.model_fields["http_status_code"].annotation.__args__[0])  # type: ignore[union-attr]


def _error_model(status: int, name: str | None = None) -> type[BaseModel]:
    """The API's error model of `status` (the one called `name`, if given)."""
    models = [model for model in ERROR_MODELS if _status_of(model) == status]
    if name is not None:
        models = [model for model in models if model.__name__ == name] or models
    elif len(models) > 1:
        models = [model for model in models if model.__name__ in _PREFERRED_ERRORS] or models
    if not models:
        return _error_model(500)
    return models[0]


def _trace_id() -> str:
    raw = uuid.uuid4().hex
    return f"1-{raw[:8]}-{raw[8:]}"


def _error_body(
    model: type[BaseModel],
    *,
    message: str | None = None,
    details: Sequence[Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """An error body: the model's example with a fresh `traceId`, its own message and details.

    Without `details`, the example's details (about some other request) are left out.
    """
    body = {key: value for key, value in example(model).items() if key != "details"}
    body["traceId"] = _trace_id()
    if message is not None:
        body["message"] = message
    if details:
        body["details"] = [dict(detail) for detail in details]
    return body


def _declared_error(
    operation: Operation,
    status: int,
    *,
    fallback: str | None = None,
    message: str | None = None,
    details: Sequence[Mapping[str, str]] | None = None,
) -> Answer:
    """`status` with the operation's declared body, or the API's error model of the status."""
    declared = operation.response(status)
    model = declared.model if declared is not None else None
    if model is None:
        model = _error_model(status, fallback)
    if model.__name__ == "InvalidParameterError" and details and message is None:
        # Upstream's message template, `Invalid parameter: ${param}.`
        message = f"Invalid parameter: {details[0]['field']}."
    return Answer(status, _error_body(model, message=message, details=details))


def _declared_answer(operation: Operation, response: Response) -> Answer:
    """The answer of a declared response, with the body its declaration names."""
    if response.model is not None:
        body = example(response.model)
        if not response.success and "traceId" in body:
            body = {**body, "traceId": _trace_id()}
        return Answer(response.status, body)
    if response.body is Body.JSON_OBJECT:
        return Answer(response.status, DID_DOCUMENT)
    if response.body is Body.EMPTY:
        return Answer(response.status)
    return _declared_error(operation, response.status)


# Routing.


def _segments(path: str) -> list[str]:
    return path.split("/")[1:]


def _match(operation: Operation, raw: list[str]) -> dict[str, str] | None:
    """The path parameters, if the raw (percent-encoded) segments are the operation's path."""
    pattern = _segments(operation.path)
    values: dict[str, str] = {}
    for index, part in enumerate(pattern):
        if part.startswith("{") and part.endswith("+}"):
            rest = raw[index:]
            if not rest or not all(rest):
                return None
            values[part[1:-2]] = unquote("/".join(rest))
            return values
        if index >= len(raw):
            return None
        if part.startswith("{") and part.endswith("}"):
            if not raw[index]:
                return None
            values[part[1:-1]] = unquote(raw[index])
        elif unquote(raw[index]) != part:
            return None
    return values if len(raw) == len(pattern) else None


def _literals(operation: Operation) -> int:
    return sum(not part.startswith("{") for part in _segments(operation.path))


def route(
    operations: Sequence[Operation], method: str, path: str
) -> tuple[Operation, dict[str, str]] | list[str]:
    """The operation of `method` and `path` (below `BASE_PATH`) and its path parameters, or
    the methods the path allows (none: the path is no operation's)."""
    raw = _segments(path)
    matches = [(op, values) for op in operations if (values := _match(op, raw)) is not None]
    same = [(op, values) for op, values in matches if op.method == method]
    if same:
        return max(same, key=lambda found: _literals(found[0]))
    return sorted({op.method for op, _ in matches})


# Validation.


def _field(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "body"


def _detail(field: str, issue: str, location: str, value: object = None) -> dict[str, str]:
    detail = {"issue": issue, "field": field, "location": location}
    if isinstance(value, str):
        detail["value"] = value
    return detail


def _check_parameters(
    operation: Operation, path: Mapping[str, str], query: Mapping[str, list[str]]
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    values: dict[str, Any] = {}
    problems: list[dict[str, str]] = []
    for parameter in operation.parameters:
        sent = path.get(parameter.name) if parameter.location == "path" else None
        if parameter.location == "query" and parameter.name in query:
            sent = query[parameter.name][-1]
        if sent is None:
            if parameter.required:
                problems.append(_detail(parameter.name, "is required", parameter.location))
            continue
        try:
            # Lax: a query or path value is text (`"20"`); the constraints are checked too.
            values[parameter.name] = parameter.adapter.validate_python(sent)
        except ValidationError as error:
            issue = error.errors(include_url=False)[0]["msg"]
            problems.append(_detail(parameter.name, issue, parameter.location, sent))
    return values, problems


def _check_body(operation: Operation, request: Request) -> tuple[BaseModel | None, list[Any]]:
    model = operation.request_model
    if model is None:
        return None, []
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != JSON:
        issue = f"must be {JSON}"
        return None, [_detail("Content-Type", issue, "header", media_type or None)]
    try:
        return model.model_validate_json(request.body), []
    except ValidationError as error:
        problems = [
            _detail(_field(found["loc"]), found["msg"], "body", found.get("input"))
            for found in error.errors(include_url=False)
        ]
        return None, problems


def _requested_status(operation: Operation, request: Request) -> int | Answer | None:
    sent = request.headers.get(MOCK_STATUS_HEADER)
    if sent is None:
        return None
    declared = [response.status for response in operation.responses]
    if sent.strip().isdigit() and (
        int(sent) in declared or (operation.proxy and 200 <= int(sent) <= 599)
    ):
        return int(sent)
    issue = f"must be a status {operation.name} declares: {', '.join(map(str, declared))}"
    detail = _detail(MOCK_STATUS_HEADER, issue, "header", sent)
    return _declared_error(operation, 400, details=[detail])


def answer(
    request: Request,
    operations: Sequence[Operation] = endpoints.OPERATIONS,
    extra: Mapping[str, OperationAnswer] | None = None,
) -> Answer:
    """What the stand-in answers to `request` (the steps are in the module docstring).

    `extra` maps an operation name to its extra checks (`consumer_token_answer`).
    """
    operation, reply = _answer(request, operations, extra)
    names: tuple[str, ...]
    if operation is None:  # no operation: a CORS preflight gets the CORS headers, else none
        names = endpoints.CORS_HEADERS if request.method == "OPTIONS" else ()
    else:
        declared = operation.response(reply.status)
        names = declared.headers if declared is not None else ()
    if not names:
        return reply
    values = _cors(operations)
    return replace(reply, headers=(*((name, values[name]) for name in names), *reply.headers))


def _answer(
    request: Request,
    operations: Sequence[Operation],
    extra: Mapping[str, OperationAnswer] | None,
) -> tuple[Operation | None, Answer]:
    """The operation the request is routed to, if any, and the answer without its headers."""
    split = urlsplit(request.target)
    below = split.path.removeprefix(BASE_PATH) if split.path.startswith(BASE_PATH + "/") else ""
    method = "GET" if request.method == "HEAD" else request.method
    found = route(operations, method, below) if below else []
    if isinstance(found, list):
        if found:
            allow = (("Allow", ", ".join([*found, "OPTIONS"])),)
            return None, Answer(204 if method == "OPTIONS" else 405, None, allow)
        detail = _detail("path", "no operation has this path", "path", split.path)
        missing = _error_body(_error_model(404), message="Not found.", details=[detail])
        return None, Answer(404, missing)
    operation, path = found
    requested = _requested_status(operation, request)
    if isinstance(requested, Answer):
        return operation, requested
    if operation.authorization:
        header = operation.authorization[0].header
        if not request.headers.get(header, "").strip():
            scheme = " or ".join(scheme.name for scheme in operation.authorization)
            detail = _detail(header, f"a token of {scheme} is required", "header")
            refused = _declared_error(
                operation, 403, fallback="UnauthorizedError", details=[detail]
            )
            return operation, refused
    query, problems = _check_parameters(operation, path, parse_qs(split.query, True))
    body, body_problems = _check_body(operation, request)
    if problems or body_problems:
        return operation, _declared_error(operation, 400, details=[*problems, *body_problems])
    if requested is not None:
        response = operation.response(requested)
        return operation, _declared_answer(operation, response) if response else Answer(requested)
    checks = (extra or {}).get(operation.name)
    if checks is not None and (special := checks(Call(operation, request, path, query, body))):
        return operation, special
    if operation.success is None:  # a proxy
        return operation, Answer(204)
    return operation, _declared_answer(operation, operation.success)


# ---------------------------------------------------------------------------------------------
# The consumer token endpoint's credential: the client assertion in its body.


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _jwt(claims: dict[str, Any]) -> str:
    return f"{_b64({'alg': 'RS256', 'typ': 'JWT', 'kid': 'mock'})}.{_b64(claims)}.{_SIGNATURE}"


def client_assertion(client_id: str = CLIENT_ID, audience: str = AUDIENCE) -> str:
    """A JWT-shaped client assertion for `client_id` (RFC 7523 claims; signature not real)."""
    return _jwt(
        {
            "iss": client_id,
            "sub": client_id,
            "aud": audience,
            "iat": 1767225600,
            "exp": 1767225900,
            "jti": str(uuid.uuid4()),
        }
    )


def _claims(assertion: str) -> dict[str, Any] | None:
    parts = assertion.split(".")
    if len(parts) != 3 or not all(parts):
        return None
    try:
        payload = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(payload)
    except (binascii.Error, ValueError):
        return None
    return claims if isinstance(claims, dict) else None


def consumer_token_answer(call: Call) -> Answer | None:
    """Check the client assertion of a token request; issue tokens to `CLIENT_ID`."""
    assertion = getattr(call.body, "client_assertion", None)
    claims = _claims(assertion) if isinstance(assertion, str) else None
    if claims is None:
        detail = _detail("client_assertion", "not a JWT", "body", assertion)
        return _declared_error(call.operation, 403, details=[detail])
    subject = claims.get("sub")
    if subject == FAILING_CLIENT_ID:
        return _declared_error(call.operation, 500)
    if subject != CLIENT_ID or claims.get("iss") != subject:
        detail = _detail("client_assertion", "not an assertion of a known client", "body")
        return _declared_error(call.operation, 403, details=[detail])
    issuer = BASE_URL
    times = {"iat": 1767225600, "exp": 1767229200}
    tokens = {
        "access_token": _jwt({"iss": issuer, "sub": subject, "scp": ["openid"], **times}),
        "expires_in": 3599,
        "id_token": _jwt({"iss": issuer, "sub": subject, "aud": [subject], **times}),
        "scope": "openid",
        "token_type": "bearer",
    }
    return Answer(200, tokens)


EXTRA_CHECKS: dict[str, OperationAnswer] = {
    endpoints.CONSUMER_AUTH_TOKEN_ENDPOINT.name: consumer_token_answer
}
"""The extra checks the server makes by default: the token endpoint's client assertion."""


# ---------------------------------------------------------------------------------------------
# The HTTP server.


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received."""

    method: str
    path: str
    """The request target as sent: the path and the query string."""
    headers: dict[str, str]
    """Header names lower-cased."""
    body: bytes


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean: no access log on stderr."""

    def _handle(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.send_error(400, "Content-Length is not a number")
            return
        body = self.rfile.read(length) if length > 0 else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.record(RecordedRequest(self.command, self.path, headers, body))
        request = Request(self.command, self.path, headers, body)
        self._send(answer(request, self.server.operations, self.server.extra))

    # http.server's names for the method handlers.
    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle  # noqa: N815
    do_HEAD = do_OPTIONS = do_TRACE = _handle  # noqa: N815

    def _send(self, reply: Answer) -> None:
        data = b"" if reply.body is None else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        if reply.body is not None:
            self.send_header("Content-Type", JSON)
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def _cors(operations: Sequence[Operation]) -> dict[str, str]:
    """The stand-in's value of each CORS header (upstream's values are not in its clients)."""
    methods = sorted({op.method for op in operations} | {"OPTIONS"})
    values = {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": ",".join(methods),
        "Access-Control-Allow-Headers": "Content-Type,Authorization",
    }
    return {name: values.get(name, "") for name in endpoints.CORS_HEADERS}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, operations: Sequence[Operation], extra: Mapping[str, OperationAnswer]
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.operations = tuple(operations)
        self.extra = dict(extra)
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)


@dataclass
class MockIamServer:
    """The stand-in server, running in a thread while the `with` block lasts.

    `base_url` replaces `https://apse1.api.affinidi.io/iam`; `requests` lists what arrived.
    `operations` are the operations it serves (all of them by default), `extra` the extra
    checks of some (`EXTRA_CHECKS` by default; `{}` for none).
    """

    operations: Sequence[Operation] = endpoints.OPERATIONS
    extra: Mapping[str, OperationAnswer] = field(default_factory=lambda: dict(EXTRA_CHECKS))

    def __post_init__(self) -> None:
        self._server = _Server(self.operations, self.extra)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{BASE_PATH}"

    @property
    def requests(self) -> list[RecordedRequest]:
        return list(self._server.requests)

    def __enter__(self) -> MockIamServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

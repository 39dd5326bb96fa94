"""A stand-in for the IAM consumer token endpoint on 127.0.0.1, for calls over real HTTP.

It answers as the real endpoint does: a token response (with a JWT `id_token`) for a known
client, and error bodies of the upstream shape (`name`, `message`, `httpStatusCode`, `traceId`,
`details`) otherwise. The status follows from the request, so one server serves every case:

- 400 `InvalidParameterError`: not JSON, a required member missing or not a string, a
  `grant_type` or `client_assertion_type` that is not allowed, or an assertion that is not a JWT;
- 403 `ActionForbiddenError`: an assertion whose `sub` is not a known client;
- 500 `UnexpectedError`: an assertion whose `sub` is `FAILING_CLIENT_ID`;
- 200 otherwise (`sub` is `CLIENT_ID`).

Assertion signatures are not verified. Checks are written out here rather than taken from the
models under test, so a wrong model cannot make the server agree with it.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

__all__ = [
    "CLIENT_ID",
    "FAILING_CLIENT_ID",
    "PATH",
    "UNKNOWN_CLIENT_ID",
    "MockIamServer",
    "RecordedRequest",
    "client_assertion",
]

PATH = "/iam/v1/consumer/oauth2/token"
"""The endpoint's path on the server: the base URL's `/iam` plus the operation path."""
AUDIENCE = "https://apse1.api.affinidi.io/iam/v1/consumer/oauth2/token"
"""The token endpoint's URL: the `aud` claim of a client assertion (RFC 7523, section 3)."""
CLIENT_ID = "3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"
UNKNOWN_CLIENT_ID = "0d6c1f3a-5b2e-4c7d-8e9f-a1b2c3d4e5f6"
FAILING_CLIENT_ID = "9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b"

GRANT_TYPES = ("client_credentials", "affinidi_delegation")
ASSERTION_TYPES = (
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    "urn:ietf:params:oauth:delegation-assertion-type:jwt-bearer",
)
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "OPTIONS,POST",
    "Access-Control-Allow-Headers": "Content-Type,Authorization",
}
_SIGNATURE = "c2lnbmF0dXJlLW5vdC12ZXJpZmllZC1ieS10aGUtbW9jaw"


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


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    """Header names lower-cased."""
    body: bytes


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean: no access log on stderr."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.record(RecordedRequest("POST", self.path, headers, body))
        if self.path != PATH:
            self._error(404, "NotFoundError", "Not found.", [])
            return
        status, payload = self._answer(headers, body)
        self._send(status, payload)

    def _answer(self, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        if headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return self._invalid("body", "Content-Type must be application/json")
        try:
            request = json.loads(body)
        except ValueError:
            return self._invalid("body", "the body is not JSON")
        if not isinstance(request, dict):
            return self._invalid("body", "the body is not a JSON object")
        for member in ("grant_type", "client_assertion_type", "client_assertion"):
            if not isinstance(request.get(member), str):
                return self._invalid(member, "a string is required")
        if request["grant_type"] not in GRANT_TYPES:
            return self._invalid("grant_type", "must be one of " + ", ".join(GRANT_TYPES))
        if request["client_assertion_type"] not in ASSERTION_TYPES:
            return self._invalid("client_assertion_type", "unknown assertion type")
        claims = _claims(request["client_assertion"])
        if claims is None:
            # As a careless server might, echo the value: clients must not print it.
            return self._invalid("client_assertion", "not a JWT", request["client_assertion"])
        subject = claims.get("sub")
        if subject == FAILING_CLIENT_ID:
            return 500, self._body(500, "UnexpectedError", "Unexpected Error Occurred.", [])
        if subject != CLIENT_ID or claims.get("iss") != subject:
            message = "Principal can not execute action on given resource"
            return 403, self._body(403, "ActionForbiddenError", message, [])
        return 200, self._tokens(subject)

    def _invalid(
        self, field: str, issue: str, value: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        detail = {"issue": issue, "field": field, "location": "body"}
        if value is not None:
            detail["value"] = value
        return 400, self._body(
            400, "InvalidParameterError", f"Invalid parameter: {field}.", [detail]
        )

    @staticmethod
    def _body(status: int, name: str, message: str, details: list[Any]) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": name,
            "message": message,
            "httpStatusCode": status,
            "traceId": str(uuid.uuid4()),
        }
        if details:
            body["details"] = details
        return body

    @staticmethod
    def _tokens(client_id: str) -> dict[str, Any]:
        issuer = "https://apse1.api.affinidi.io/iam"
        times = {"iat": 1767225600, "exp": 1767229200}
        return {
            "access_token": _jwt({"iss": issuer, "sub": client_id, "scp": ["openid"], **times}),
            "expires_in": 3599,
            "id_token": _jwt({"iss": issuer, "sub": client_id, "aud": [client_id], **times}),
            "scope": "openid",
            "token_type": "bearer",
        }

    def _error(self, status: int, name: str, message: str, details: list[Any]) -> None:
        self._send(status, self._body(status, name, message, details))

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in CORS.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)


class MockIamServer:
    """The stand-in server, running in a thread while the `with` block lasts.

    `base_url` replaces `https://apse1.api.affinidi.io/iam`; `requests` lists what arrived.
    """

    def __init__(self) -> None:
        self._server = _Server()
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/iam"

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

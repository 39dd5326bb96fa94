"""Send one operation of the IAM API with httpx: the helper every Python example shares.

Each example function (one module per API class, one function per operation) builds its
request from the operation's declaration in `iam_client_models.endpoints` and hands it to
`send`, which

- sends it to `IAM_API_BASE_URL` if that is set (tests point it at a local server), else to
  https://apse1.api.affinidi.io/iam, with the operation's headers and its credential;
- returns the response of a successful status;
- raises `ApiError` for any other: the error body parsed with the model the operation declares
  for that status (or, where upstream declares none, the API's error model of the status), and
  a message that is safe to log: it holds no credential of the request.

The helper is in this repository (`src/iam_client_docs/examples/iam_http.py`), not in the
`iam-client-models` wheel: copy it into your project.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError

from iam_client_models.endpoints import BASE_URL, Operation
from iam_client_models.errors import parse_error

__all__ = ["ApiError", "credential", "send"]


def credential(variable: str) -> str:
    """A credential from the environment variable `variable` (the page of each operation names
    it: `IAM_USER_TOKEN`, say); exit with a message naming the variable where it is not set."""
    value = os.environ.get(variable)
    if not value:
        raise SystemExit(f"Set {variable} to the credential the example sends.")
    return value


class ApiError(Exception):
    """The API answered with an error status.

    `error` is the parsed error body where it is one of the API's error models, else `None`.
    The message names the request, the status and the error the body describes; it leaves out
    the `value` members of the error details and every credential of the request.
    """

    def __init__(self, operation: Operation, response: httpx.Response, secrets: list[str]):
        declared = operation.response(response.status_code)
        status = f"{response.status_code} {declared.name if declared else ''}".strip()
        try:
            body = response.json()
        except ValueError:
            body = None
        self.status_code = response.status_code
        self.error = _error_model(declared.model if declared else None, response)
        self.trace_id: str | None = None
        if isinstance(body, dict):
            error = f"{body.get('name')}: {body.get('message')}"
            for detail in body.get("details") or []:
                if isinstance(detail, dict):
                    error += f" [{detail.get('field', 'request')}: {detail.get('issue')}]"
            trace_id = body.get("traceId")
            self.trace_id = trace_id if isinstance(trace_id, str) else None
            error += f" (traceId {self.trace_id})"
        else:
            kind = response.headers.get("content-type", "no content type")
            error = f"{len(response.content)} bytes of {kind}"
        for secret in secrets:
            error = error.replace(secret, "[hidden]")
        super().__init__(f"{operation.method} {response.url} failed: HTTP {status}: {error}")


def _error_model(declared: type[BaseModel] | None, response: httpx.Response) -> BaseModel | None:
    """The body as the declared model, else as the API's error model of its status."""
    if declared is not None:
        try:
            return declared.model_validate_json(response.content)
        except ValidationError:
            pass
    try:
        return parse_error(response.status_code, response.content)
    except (ValidationError, ValueError):
        return None


def _secrets(body: BaseModel | None, authorization: str | None) -> list[str]:
    """The credentials a request holds: its token, and the body's `repr=False` members."""
    found = [authorization] if authorization else []
    if body is not None:
        for name, info in type(body).model_fields.items():
            value = getattr(body, name)
            if not info.repr and isinstance(value, str) and value:
                found.append(value)
    return found


def send(
    operation: Operation,
    *,
    path: Mapping[str, str] | None = None,
    query: Mapping[str, Any] | None = None,
    body: BaseModel | None = None,
    authorization: str | None = None,
    base_url: str | None = None,
) -> httpx.Response:
    """Send `operation`; return the response of a successful status, or raise `ApiError`.

    `path` and `query` are the parameters by their wire names (a `None` query value is left
    out); `body` is the JSON request body; `authorization` the token of the operation's scheme.
    """
    if (body is None) != (operation.body is None):
        raise TypeError(f"{operation.name} takes {'a' if operation.body else 'no'} request body")
    headers = dict(operation.request_headers)
    if operation.authorization:
        if not authorization:
            raise TypeError(f"{operation.name} needs a token of {operation.authorization[0].name}")
        headers[operation.authorization[0].header] = authorization
    elif authorization:
        raise TypeError(f"{operation.name} needs no authorization")
    base_url = base_url or os.environ.get("IAM_API_BASE_URL", BASE_URL)
    response = httpx.request(
        operation.method,
        base_url.rstrip("/") + operation.url_path(path or {}),
        params={name: value for name, value in (query or {}).items() if value is not None},
        content=body.model_dump_json() if body is not None else None,
        headers=headers,
        timeout=30,
    )
    if not response.is_success:
        raise ApiError(operation, response, _secrets(body, authorization))
    return response

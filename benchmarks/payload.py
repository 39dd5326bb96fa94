"""A realistic token endpoint response, built deterministically.

An Ory Hydra-style answer to an `openid offline` request: an RS256 JWT access token of exactly
800 characters, an ES256 JWT ID token, an `ory_rt_` refresh token, scope, token type and
lifetime, as compact JSON (about 1.2 KB).
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

__all__ = ["ACCESS_TOKEN_LENGTH", "token_response", "token_response_json"]

ACCESS_TOKEN_LENGTH = 800
_ISSUER = "https://apse1.api.affinidi.io/iam"
_CLIENT_ID = "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6"
_IAT = 1767225600


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64json(value: dict[str, Any]) -> str:
    return _b64(json.dumps(value, separators=(",", ":")).encode())


def _signature(label: str, size: int) -> str:
    # Deterministic bytes of a real signature's size: RS256 256 bytes, ES256 64 bytes.
    digest = b""
    counter = 0
    while len(digest) < size:
        digest += hashlib.sha256(f"{label}{counter}".encode()).digest()
        counter += 1
    return _b64(digest[:size])


def _access_token() -> str:
    header = _b64json({"alg": "RS256", "kid": "public:8c1f0e2a-5b7d-4e93", "typ": "JWT"})
    signature = _signature("access", 256)
    # Pad the `ext` claim until the token is exactly the target length; base64url lengths
    # skip every 4k+1, so the pad grows until one fits.
    for pad in range(200):
        claims = {
            "aud": [],
            "client_id": _CLIENT_ID,
            "exp": _IAT + 3600,
            "ext": {"project_id": "p" + "0" * pad},
            "iat": _IAT,
            "iss": _ISSUER,
            "jti": "8f14e45f-ceea-467f-a8dc-0b3a7e5f4c21",
            "scp": ["openid", "offline"],
            "sub": "user-7c9e6679",
        }
        token = f"{header}.{_b64json(claims)}.{signature}"
        if len(token) == ACCESS_TOKEN_LENGTH:
            return token
    raise AssertionError("no claim padding gives an access token of the target length")


def _id_token() -> str:
    header = _b64json({"alg": "ES256"})
    claims = {
        "aud": _CLIENT_ID,
        "exp": _IAT + 3600,
        "iat": _IAT,
        "iss": _ISSUER,
        "sub": "user-7c9e6679",
    }
    return f"{header}.{_b64json(claims)}.{_signature('id', 64)}"


def token_response(*, id_token: bool = True) -> dict[str, Any]:
    """The response as a dict, in the member order Hydra sends; without `id_token` if asked."""
    response: dict[str, Any] = {"access_token": _access_token(), "expires_in": 3600}
    if id_token:
        response["id_token"] = _id_token()
    response["refresh_token"] = "ory_rt_" + _signature("refresh", 32) + "." + _signature("r", 32)
    response["scope"] = "openid offline"
    response["token_type"] = "bearer"
    return response


def token_response_json(*, id_token: bool = True) -> str:
    """The response as the compact JSON text a server sends."""
    return json.dumps(token_response(id_token=id_token), separators=(",", ":"))

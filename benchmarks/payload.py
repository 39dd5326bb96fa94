"""Realistic bodies of the IAM API, built deterministically (no network, the same bytes every run):
the token endpoint's response as Ory Hydra sends it for an `openid offline` request, a page of
projects, a page of tokens with their public keys inline as a JWKS, and an error body."""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
from typing import Any

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
        claims = {"aud": [], "client_id": _CLIENT_ID, "exp": _IAT + 3600}
        claims |= {"ext": {"project_id": "p" + "0" * pad}, "iat": _IAT, "iss": _ISSUER}
        claims |= {"jti": "8f14e45f-ceea-467f-a8dc-0b3a7e5f4c21", "scp": ["openid", "offline"]}
        claims["sub"] = "user-7c9e6679"
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


# --- List and error bodies of the IAM API ---------------------------------------------------
# Deterministic: every value comes from a counter through SHA-256, so every run times the same
# bytes. Members are in the order the models declare them, so a dump gives the same text back.

# fmt: off
_ADJECTIVES = ("Customer", "Partner", "Internal", "Regional", "Mobile", "Retail", "Staff", "Pilot",
               "Payments", "Loyalty")
_NOUNS = ("onboarding", "wallet", "verification", "login", "rewards", "checkout", "portal",
          "identity hub", "consent")
# fmt: on
_DESCRIPTIONS = (
    "Verifies new customers' identity documents at sign-up.",
    "Issues employee credentials to the staff wallet and checks them at the door.",
    "Lets partners request access tokens for the shared booking API.",
    "Age checks at checkout, with consent kept for audit.",
)


def _digest(label: str, index: int) -> bytes:
    return hashlib.sha256(f"{label}:{index}".encode()).digest()


def _uuid(label: str, index: int) -> str:
    """A version 4 UUID, derived from `label` and `index`."""
    value = bytearray(_digest(label, index)[:16])
    value[6] = (value[6] & 0x0F) | 0x40
    value[8] = (value[8] & 0x3F) | 0x80
    text = value.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _timestamp(seconds: int) -> str:
    """An ISO 8601 UTC time with milliseconds, as the API sends: `2025-11-03T09:41:27.512Z`."""
    moment = datetime.datetime.fromtimestamp(seconds / 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{seconds % 1000:03d}Z"


_EPOCH_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z


def _page_key(member: str, value: str) -> str:
    """A `lastEvaluatedKey`: base64url of the JSON key of the last item, as DynamoDB pages."""
    return _b64json({member: value})


def project(index: int) -> dict[str, Any]:
    """One project as the API sends it; every fifth has no description."""
    digest = _digest("project", index)
    created = _EPOCH_MS + int.from_bytes(digest[:4], "big") % (300 * 86_400_000)
    body: dict[str, Any] = {
        "id": _uuid("project", index),
        "name": f"{_ADJECTIVES[digest[4] % len(_ADJECTIVES)]} {_NOUNS[digest[5] % len(_NOUNS)]}"
        f" {index + 1}",
        "ownerId": _uuid("user", digest[6] % 40),
    }
    if index % 5:
        body["description"] = _DESCRIPTIONS[digest[7] % len(_DESCRIPTIONS)]
    body["identityVerificationEnabled"] = bool(digest[8] % 2)
    body["createdAt"] = _timestamp(created)
    body["updatedAt"] = _timestamp(created + int.from_bytes(digest[9:12], "big") * 10)
    return body


def project_list(count: int) -> dict[str, Any]:
    """A page of `count` projects, with the key of the next page."""
    projects = [project(index) for index in range(count)]
    key = _page_key("projectId", projects[-1]["id"]) if projects else None
    return {"projects": projects, **({"lastEvaluatedKey": key} if key else {})}


def _key(index: int, rsa: bool) -> dict[str, Any]:
    """A public signing key as a JWK: RSA 2048 for RS256 or P-256 for ES256."""
    if rsa:
        key = {"kty": "RSA", "n": _signature(f"modulus{index}", 256), "e": "AQAB", "alg": "RS256"}
    else:
        key = {"kty": "EC", "x": _signature(f"x{index}", 32), "y": _signature(f"y{index}", 32)}
        key |= {"crv": "P-256", "alg": "ES256"}
    return {"kid": _uuid("key", index), **key, "use": "sig"}


def token(index: int) -> dict[str, Any]:
    """One token with its public keys inline as a JWKS: RSA or P-256, every third rotating two."""
    token_id = _uuid("token", index)
    rsa = index % 2 == 0
    keys = [_key(2 * index, rsa)] + ([_key(2 * index + 1, rsa)] if index % 3 == 0 else [])
    return {
        "id": token_id,
        "ari": f"ari:iam:::token/{token_id}",
        "ownerAri": f"ari:iam:::user/{_uuid('user', index % 40)}",
        "name": f"{_NOUNS[index % len(_NOUNS)].replace(' ', '-')}-service-{index + 1:03d}",
        "authenticationMethod": {
            "type": "PRIVATE_KEY",
            "signingAlgorithm": "RS256" if rsa else "ES256",
            "publicKeyInfo": {"jwks": {"keys": keys}},
        },
        "scopes": ["openid", "offline_access"],
    }


def token_list(count: int) -> dict[str, Any]:
    """A page of `count` tokens, with the key of the next page."""
    tokens = [token(index) for index in range(count)]
    key = _page_key("id", tokens[-1]["id"]) if tokens else None
    return {"tokens": tokens, **({"lastEvaluatedKey": key} if key else {})}


INVALID_PARAMETER_TEMPLATE = "Invalid parameter: ${param}."
"""The one message upstream's `InvalidParameterError` accepts: the server's template itself."""


_DETAILS = [
    ("must be a number from 1 to 100", "limit", "500", "query"),
    ("must be a key returned as lastEvaluatedKey by the previous page", "exclusiveStartKey",
     "not-a-key", "query"),
    ("must not be empty", "name", None, "body"),
]  # fmt: skip


def error_body(*, message: str = "Invalid parameter: limit.") -> dict[str, Any]:
    """An `InvalidParameterError` body (HTTP 400) with three entries in `details`."""
    details = [
        {"issue": issue, "field": field, **({"value": value} if value else {}), "location": where}
        for issue, field, value, where in _DETAILS
    ]
    trace = "1-6762a7f0-3c7d9b2e5f4a1c8d0e6b7a93"
    body = {"name": "InvalidParameterError", "message": message, "httpStatusCode": 400}
    return {**body, "traceId": trace, "details": details}


def compact(value: Any) -> str:
    """`value` as the compact JSON text a server sends."""
    return json.dumps(value, separators=(",", ":"))


def project_list_of_size(size: int) -> str:
    """A project list of at least `size` bytes of JSON, and as few projects as that takes."""
    sample = len(compact(project_list(1000))) / 1000
    count = max(1, int(size / sample))
    text = compact(project_list(count))
    while len(text) < size:
        count += max(1, int((size - len(text)) / sample) + 1)
        text = compact(project_list(count))
    return text

"""The same shapes as msgspec Structs: the native ceiling for decode and encode, a reference point.

Each member is named as on the wire; members left out decode to their default and, with
`omit_defaults`, are left out again on encode, so every Struct dumps the text it read. msgspec
cannot tell two untagged Structs apart in a union, so the public key info is one Struct with
both of its members optional.
"""

# Each attribute is named as its wire member, camelCase.
# ruff: noqa: N815

from __future__ import annotations

from typing import Literal

import msgspec

__all__ = ["ErrorStruct", "ProjectListStruct", "TokenListStruct", "TokenStruct"]


class TokenStruct(msgspec.Struct, omit_defaults=True):
    access_token: str | None = None
    expires_in: int | None = None
    id_token: str | None = None
    refresh_token: str | None = None
    scope: str | None = None
    token_type: str | None = None


class ProjectStruct(msgspec.Struct, omit_defaults=True):
    id: str
    name: str
    ownerId: str | None = None
    description: str | None = None
    identityVerificationEnabled: bool | None = None
    createdAt: str | None = None
    updatedAt: str | None = None


class ProjectListStruct(msgspec.Struct, omit_defaults=True):
    projects: list[ProjectStruct]
    lastEvaluatedKey: str | None = None


class KeyStruct(msgspec.Struct, omit_defaults=True, kw_only=True):
    kid: str
    kty: str
    n: str | None = None
    e: str | None = None
    x: str | None = None
    y: str | None = None
    crv: str | None = None
    alg: str
    use: str


class KeySetStruct(msgspec.Struct, omit_defaults=True):
    keys: list[KeyStruct]


class PublicKeyInfoStruct(msgspec.Struct, omit_defaults=True):
    jwks: KeySetStruct | None = None
    jwksUri: str | None = None


class AuthenticationMethodStruct(msgspec.Struct, omit_defaults=True):
    type: Literal["PRIVATE_KEY"]
    signingAlgorithm: Literal["RS256", "RS512", "ES256", "ES512"]
    publicKeyInfo: PublicKeyInfoStruct


class TokenDtoStruct(msgspec.Struct, omit_defaults=True):
    id: str
    ari: str
    ownerAri: str
    name: str
    authenticationMethod: AuthenticationMethodStruct
    scopes: list[str]


class TokenListStruct(msgspec.Struct, omit_defaults=True):
    tokens: list[TokenDtoStruct]
    lastEvaluatedKey: str | None = None


class DetailStruct(msgspec.Struct, omit_defaults=True):
    issue: str
    field: str | None = None
    value: str | None = None
    location: str | None = None


class ErrorStruct(msgspec.Struct, omit_defaults=True):
    name: Literal["InvalidParameterError"]
    message: str
    httpStatusCode: Literal[400]
    traceId: str
    details: list[DetailStruct] | None = None

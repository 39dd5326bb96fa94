"""Bare pydantic models of the shapes of our list and error models: the same fields and types,
each attribute named as its wire member (camelCase), no config, docstrings, aliases or
discriminator."""

# Each attribute is named as its wire member, camelCase.
# ruff: noqa: N815

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class BareProjectDto(BaseModel):
    id: str
    name: str
    ownerId: str | None = None
    description: str | None = None
    identityVerificationEnabled: bool | None = None
    createdAt: str | None = None
    updatedAt: str | None = None


class BareProjectList(BaseModel):
    projects: list[BareProjectDto]
    lastEvaluatedKey: str | None = None


class BareJsonWebKey(BaseModel):
    kid: str
    kty: str
    n: str | None = None
    e: str | None = None
    x: str | None = None
    y: str | None = None
    crv: str | None = None
    alg: str
    use: str


class BareJsonWebKeySet(BaseModel):
    keys: list[BareJsonWebKey]


class BareInlineKeys(BaseModel):
    jwks: BareJsonWebKeySet


class BareKeysByUrl(BaseModel):
    jwksUri: str


class BareAuthenticationMethod(BaseModel):
    type: Literal["PRIVATE_KEY"]
    signingAlgorithm: Literal["RS256", "RS512", "ES256", "ES512"]
    publicKeyInfo: BareInlineKeys | BareKeysByUrl


class BareTokenDto(BaseModel):
    id: str
    ari: str
    ownerAri: str
    name: str
    authenticationMethod: BareAuthenticationMethod
    scopes: list[str]


class BareTokenList(BaseModel):
    tokens: list[BareTokenDto]
    lastEvaluatedKey: str | None = None


class BareErrorDetail(BaseModel):
    issue: str
    field: str | None = None
    value: str | None = None
    location: str | None = None


class BareInvalidParameterError(BaseModel):
    name: Literal["InvalidParameterError"]
    message: str
    httpStatusCode: Literal[400]
    traceId: str
    details: list[BareErrorDetail] | None = None

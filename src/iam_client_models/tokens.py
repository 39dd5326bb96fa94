"""Tokens (personal access tokens), the public keys they authenticate with, and their requests.

A token authenticates with a JWT signed by its own private key (the `private_key_jwt` client
authentication method of OpenID Connect Core 1.0, section 9, and RFC 7523). The server checks
the signature with the token's public keys, given inline as a JSON Web Key Set or as its URL.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union, cast

from pydantic import (
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, InitErrorDetails, core_schema
from typing_extensions import TypeAliasType

from iam_client_models._base import RequestModel, ResponseModel
from iam_client_models._types import Pattern, Unchecked
from iam_client_models.keys import JsonWebKeySetDto


def _reject_member(model: ResponseModel, member: str, python_name: str) -> None:
    """The model must not also hold the other alternative's member (read by name only)."""
    extra = model.__pydantic_extra__ or {}
    if member in extra or python_name in extra:
        raise ValueError(f"{member} belongs to the other alternative")


# affinidi-tdk-iam-client 1.63.0 models/create_token_input.py and update_token_input.py:
# `re.match(r".{3,}", value)`. `re.match` anchors at the start only, so the rule is: the first
# three characters are not line feeds (any text after them is free); the JSON Schema `pattern`
# says the same with `^`.
TokenName = Annotated[
    str,
    Pattern(r"^.{3,}", "at least 3 characters, the first 3 of them not line feeds"),
]
"""A token name as upstream's request validators take it."""


def _check_keys(method: Any) -> Any:
    """A request's key set must hold a key: `JsonWebKeySetDto` keeps an empty one in a response.

    affinidi-tdk-iam-client 1.63.0 models/json_web_key_set_dto.py: `conlist(JsonWebKeyDto,
    min_items=1)`; the same `minItems: 1` in upstream's OpenAPI document of 1.43.0.
    """
    info = getattr(method, "public_key_info", None)
    jwks = getattr(info, "jwks", None)
    if jwks is not None and not jwks.keys:
        context = {"field_type": "List", "min_length": 1, "actual_length": 0}
        raise ValidationError.from_exception_data(
            "JsonWebKeySetDto",
            [
                InitErrorDetails(
                    type="too_short",
                    loc=("publicKeyInfo", "jwks", "keys"),
                    input=jwks.keys,
                    ctx=context,
                )
            ],
        )
    return method


class TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf(ResponseModel):
    """A token's public keys given inline, as a JSON Web Key Set."""

    jwks: JsonWebKeySetDto
    """The token's public keys, as a JSON Web Key Set (RFC 7517, section 5)."""

    @model_validator(mode="after")
    def _without_jwks_uri(self) -> TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf:
        _reject_member(self, "jwksUri", "jwks_uri")
        return self


class TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1(ResponseModel):
    """A token's public keys given as the URL of a JSON Web Key Set."""

    # Upstream's OpenAPI document of 1.43.0: `format: url` (a format JSON Schema does not
    # define); the 1.48.0 clients type it a plain string, so nothing checks it.
    jwks_uri: Annotated[str, Unchecked("format", "url")] = Field(
        examples=["https://app.example.com/.well-known/jwks.json"]
    )
    """The URL of the JSON Web Key Set document that holds the token's public keys, as the `jwks_uri` client metadata of RFC 7591, section 2."""  # noqa: E501

    @model_validator(mode="after")
    def _without_jwks(self) -> TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1:
        _reject_member(self, "jwks", "jwks")
        return self


class _ExactlyOne:
    """A union whose alternatives exclude each other, tried in order inside pydantic-core.

    Each alternative rejects the other's member, so at most one fits; trying them in order
    (rather than pydantic's "smart" mode, or a discriminator function, which turns the body into
    Python objects first) keeps parsing native, and a body that fits none gets one error at the
    field (see the Performance page). The JSON Schema says `oneOf`, as the alternatives exclude
    each other.
    """

    def __init__(self, error_type: str, message: str) -> None:
        self.error_type = error_type
        self.message = message

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        if schema["type"] != "union":
            raise TypeError(f"_ExactlyOne applies to a union, not {schema['type']}")
        union = cast(core_schema.UnionSchema, schema)
        union["mode"] = "left_to_right"
        union["custom_error_type"] = self.error_type
        union["custom_error_message"] = self.message
        return union

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        if "anyOf" in json_schema:
            json_schema["oneOf"] = json_schema.pop("anyOf")
        return json_schema


TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo = TypeAliasType(
    "TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo",
    Annotated[
        Union[  # noqa: UP007
            TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf,
            TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1,
        ],
        _ExactlyOne(
            "public_key_info_type",
            "Input should be an object with exactly one of the members jwks (a JWKS) "
            "or jwksUri (its URL)",
        ),
    ],
)
# "Exactly one": upstream's OpenAPI document of 1.43.0, `TokenPrivateKeyAuthenticationMethodDto_
# publicKeyInfo: oneOf` of two schemas that each require their member. RFC 7591 section 2 says
# only that the two MUST NOT both be present.
"""A token's public keys, given either inline as a JSON Web Key Set (`jwks`) or as the URL of one (`jwksUri`): exactly one of the two."""  # noqa: E501


class TokenPrivateKeyAuthenticationMethodDto(ResponseModel):
    """How a token authenticates: with a JWT signed by its private key (`private_key_jwt`).

    The token signs its client assertion (RFC 7523) with its private key, using
    `signingAlgorithm`; the server verifies the signature with the public keys of
    `publicKeyInfo`. Only the public keys are sent to the server.
    """

    type: Literal["PRIVATE_KEY"] = Field(examples=["PRIVATE_KEY"])
    """The authentication method. `PRIVATE_KEY`, the only value, is a JWT signed with the token's private key."""  # noqa: E501

    signing_algorithm: Literal["RS256", "RS512", "ES256", "ES512"] = Field(examples=["RS256"])
    """The JWS algorithm (RFC 7518, section 3.1) the token signs with: `RS256` or `RS512` (RSASSA-PKCS1-v1_5 with SHA-256 or SHA-512), `ES256` (ECDSA with P-256 and SHA-256) or `ES512` (ECDSA with P-521 and SHA-512)."""  # noqa: E501

    public_key_info: TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo
    """The public keys that verify the token's signatures: inline as a JSON Web Key Set (`jwks`) or as its URL (`jwksUri`)."""  # noqa: E501


class UpdateTokenPrivateKeyAuthenticationMethodDto(RequestModel):
    """A change to how a token authenticates with a JWT signed by its private key.

    The members are those of `TokenPrivateKeyAuthenticationMethodDto`, each of them optional.
    """

    type: Literal["PRIVATE_KEY"] | None = Field(default=None, examples=["PRIVATE_KEY"])
    """The authentication method. `PRIVATE_KEY`, the only value, is a JWT signed with the token's private key."""  # noqa: E501

    signing_algorithm: Literal["RS256", "RS512", "ES256", "ES512"] | None = Field(
        default=None, examples=["RS256"]
    )
    """The JWS algorithm (RFC 7518, section 3.1) the token is to sign with: `RS256` or `RS512` (RSASSA-PKCS1-v1_5 with SHA-256 or SHA-512), `ES256` (ECDSA with P-256 and SHA-256) or `ES512` (ECDSA with P-521 and SHA-512)."""  # noqa: E501

    public_key_info: TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo | None = None
    """The public keys that are to verify the token's signatures: inline as a JSON Web Key Set (`jwks`) or as its URL (`jwksUri`)."""  # noqa: E501


class TokenDto(ResponseModel):
    """A token (personal access token): a principal that authenticates with its own key pair."""

    # Upstream's OpenAPI document of 1.43.0: `format: uuid` (the Java client of 1.48.0 types it
    # `UUID`). Kept when it is not one: the page says so.
    id: Annotated[str, Unchecked("format", "uuid")] = Field(
        examples=["3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"]
    )
    """Token Id"""

    # The shape of upstream's example in its OpenAPI document of 1.43.0:
    # `token/c5817ea6-8367-4458-9131-54cd2c5b9b48`.
    ari: str = Field(examples=["token/3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"])
    """Token ARI"""

    owner_ari: str = Field(examples=["ari:iam:::user/7c9e6679-7425-40de-944b-e07fc1f90ae7"])
    """The Token owner's ARI"""

    name: str = Field(examples=["ci-pipeline-token"])
    """Owner defined Token display name"""

    authentication_method: TokenPrivateKeyAuthenticationMethodDto
    """How the token authenticates, with the public keys that verify its signatures."""

    # Illustrative: upstream's example is the placeholder `scopes`.
    scopes: list[str] = Field(examples=[["openid", "offline_access"]])
    """Scopes that will be assigned to the Token on authentication"""


class TokenList(ResponseModel):
    """One page of a list of tokens."""

    tokens: list[TokenDto]
    """The tokens of this page."""

    last_evaluated_key: str | None = Field(
        default=None,
        examples=["eyJpZCI6IjNmMWI5YzJlLTdkNGEtNGU4Yi05YTYxLTJjNWQ4ZTBmNGI3YSJ9"],
    )
    """An opaque key for the next page: pass it as the `exclusiveStartKey` parameter of the next list request, unchanged."""  # noqa: E501


class CreateTokenInput(RequestModel):
    """The request body that creates a token."""

    name: TokenName = Field(examples=["ci-pipeline-token"])
    """The token's display name, chosen by its owner."""

    authentication_method: TokenPrivateKeyAuthenticationMethodDto
    """How the token is to authenticate, with the public keys that verify its signatures."""

    @field_validator("authentication_method")
    @classmethod
    def _with_a_key(cls, method: Any) -> Any:
        return _check_keys(method)

    description: str | None = Field(
        default=None, examples=["Deploys the wallet service from the CI pipeline"]
    )
    """A description of the token, in words for a person."""


class UpdateTokenInput(RequestModel):
    """The request body that changes a token's display name or how it authenticates."""

    name: TokenName | None = Field(default=None, examples=["ci-pipeline-token"])
    """The token's new display name."""

    authentication_method: UpdateTokenPrivateKeyAuthenticationMethodDto | None = None
    """The change to how the token authenticates, such as new public keys."""

    @field_validator("authentication_method")
    @classmethod
    def _with_a_key(cls, method: Any) -> Any:
        return _check_keys(method)

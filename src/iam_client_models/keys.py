"""Public keys as JSON Web Keys (RFC 7517), one at a time or as a set.

The members are those of RFC 7517 section 4 and, for RSA and elliptic-curve keys, RFC 7518
section 6. Only public key members are declared: none of them is a secret.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from iam_client_models._base import ResponseModel
from iam_client_models._types import Unchecked, UpstreamDeviation

_KID = "3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"
_RSA_N = (
    "wEUBfPrAM1e519ZgAwVflnb9pEaMPxONWRfPLyypXRpZzu6_BiRzmF9DMAJcGse6EISYxzeugEbYs0SyHS0Y"
    "thUjy2gGmhAKVP2MCXx_U0ymVASXJWjWbLLjEVQ3H6ddLX5YIcWVxEYTZtSPM85A91VdEGt89KDq-eWvyOQa"
    "xC6U2gnh5xMHBr7LaFvwnYuM-2OfWnVM18pWd0La8SehJIH3oPgYi6xE0wsxxA13JDC42J0nJxM5CUlWzFII"
    "KE6krVhILaPM8_BjL4bNWmbgtIiA8TeZ78HZYQzXaNLyLrxpiy4dT69NBcKd5Lm8jvk5OpyBQh7ugfXbm9O1"
    "QaZ69Q"
)
"""An RSA-2048 public modulus, base64url."""
_EC_X = "fQq666g9fwvtiX7novodeBV_jn_LEb0tQVzq0QpvUP4"
_EC_Y = "KtDxEpCTMAKVk_1q6d3ovquDz3D7oQ5kQdAd2YOlocA"


_KEYS_REASON = (
    "Upstream's Python client refuses a key set without keys wherever it reads one "
    "(`conlist(JsonWebKeyDto, min_items=1)`). This model publishes the rule (`minItems: 1`), "
    "and the two request models that send a key set, `CreateTokenInput` and "
    "`UpdateTokenInput`, enforce it; a response with an empty set is kept, so that one odd "
    "token does not fail a whole list."
)


class JsonWebKeyDto(ResponseModel):
    """A public key as a JSON Web Key (JWK, RFC 7517).

    An RSA key (`kty` `RSA`) carries `n` and `e`; an elliptic-curve key (`kty` `EC`) carries
    `crv`, `x` and `y` (RFC 7518, section 6). These are public values, shown in printed output.
    """

    # A key is RSA or elliptic-curve, never both: the model's examples are whole keys of each
    # kind, from the same values as the fields' examples.
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"kid": _KID, "kty": "RSA", "n": _RSA_N, "e": "AQAB", "alg": "RS256", "use": "sig"},
                {
                    "kid": "8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d",
                    "kty": "EC",
                    "x": _EC_X,
                    "y": _EC_Y,
                    "crv": "P-256",
                    "alg": "ES256",
                    "use": "sig",
                },
            ]
        }
    )

    kid: str = Field(examples=[_KID])
    """The key ID, which tells this key apart from the other keys of a set: a JWT's `kid` header names the key that verifies its signature (RFC 7517, section 4.5)."""  # noqa: E501

    kty: str = Field(examples=["RSA"])
    """The key type, the family of cryptographic algorithms the key belongs to, such as `RSA` or `EC` (RFC 7517, section 4.1; RFC 7518, section 6.1)."""  # noqa: E501

    n: str | None = Field(
        default=None,
        examples=[_RSA_N],
    )
    """The modulus of an RSA public key, as the base64url encoding of its unsigned big-endian bytes (RFC 7518, section 6.3.1.1)."""  # noqa: E501

    e: str | None = Field(default=None, examples=["AQAB"])
    """The exponent of an RSA public key, as the base64url encoding of its unsigned big-endian bytes; `AQAB` is 65537 (RFC 7518, section 6.3.1.2)."""  # noqa: E501

    x: str | None = Field(default=None, examples=[_EC_X])
    """The x coordinate of an elliptic-curve public key's point, base64url-encoded (RFC 7518, section 6.2.1.2)."""  # noqa: E501

    y: str | None = Field(default=None, examples=[_EC_Y])
    """The y coordinate of an elliptic-curve public key's point, base64url-encoded (RFC 7518, section 6.2.1.3)."""  # noqa: E501

    crv: str | None = Field(default=None, examples=["P-256"])
    """The curve of an elliptic-curve key, such as `P-256` or `P-521` (RFC 7518, section 6.2.1.1)."""  # noqa: E501

    alg: str = Field(examples=["RS256"])
    """The algorithm the key is meant for, such as `RS256` or `ES256` (RFC 7517, section 4.4; RFC 7518, section 3.1)."""  # noqa: E501

    use: str = Field(examples=["sig"])
    """What the public key is for: `sig` to verify signatures, `enc` to encrypt (RFC 7517, section 4.2)."""  # noqa: E501


class JsonWebKeySetDto(ResponseModel):
    """A set of public keys as a JSON Web Key Set (JWKS, RFC 7517, section 5)."""

    # affinidi-tdk-iam-client 1.63.0 models/json_web_key_set_dto.py: `conlist(JsonWebKeyDto,
    # min_items=1)`; upstream's OpenAPI document of 1.43.0: `minItems: 1`. Published, and
    # enforced by the two request models that send a key set (tokens.py `_check_keys`); a
    # response with an empty set is kept, so that one odd token does not fail a whole list.
    keys: Annotated[
        list[JsonWebKeyDto],
        Unchecked("minItems", 1, checked_by=("CreateTokenInput", "UpdateTokenInput")),
        UpstreamDeviation(reason=_KEYS_REASON),
    ]
    """The keys of the set (RFC 7517, section 5.1)."""

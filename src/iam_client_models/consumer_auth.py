"""The consumer OAuth 2.0 token endpoint's request and response bodies.

These two keep the OAuth members' snake_case wire names (RFC 6749), unlike the rest of the API.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from iam_client_models._base import RequestModel, ResponseModel
from iam_client_models._types import Seconds, UpstreamDeviation

_ID_TOKEN_REASON = (
    "Upstream declares `id_token` as `number`, a type inherited from an old Ory Hydra schema "
    "(`IDToken int`). An ID token is a JSON Web Token, which OpenID Connect servers send as a "
    "string ([OpenID Connect Core 1.0, section 3.1.3.3]"
    "(https://openid.net/specs/openid-connect-core-1_0.html#TokenResponse)); Ory fixed the "
    "type in Hydra PR #3625. Upstream's Python client (`StrictInt`) rejects every response "
    "that carries an ID token, so this model types it `str`."
)


_REFRESH_TOKEN_REASON = (
    'Upstream\'s text tells the reader to add the scope "offline" to the access token request, '
    "but upstream's request body of 1.48.0, `ConsumerAuthTokenEndpointInput`, has no `scope` "
    "member (its 1.43.0 document allowed any member there, `additionalProperties: true`; "
    "1.48.0 dropped that), and so neither has this package's request model. The description "
    "leaves the advice out."
)

_SECONDS_REASON = (
    "Upstream declares a `number` (its Python client: any integer). This model takes a whole "
    "number of seconds from 0 to 86399999999999, as a JSON integer or as a string of digits "
    '(`"3600"`): a fraction or a negative number is no lifetime, a larger one does not fit '
    "`timedelta(seconds=...)`, and some OAuth servers send the number as a string. A string "
    "is dumped as an integer."
)


class ConsumerAuthTokenEndpointOutput(ResponseModel):
    """The response of the consumer OAuth 2.0 token endpoint (`POST /v1/consumer/oauth2/token`).

    Members the server adds beyond these fields are accepted and kept, so parsing a response and
    dumping it again loses nothing (RFC 6749 section 5.1 asks a client to ignore a member it
    does not recognise; keeping it is this package's choice). Token values are bearer
    credentials: they are left out of `repr()` and of validation error messages.
    """

    # OAuth's member names are the Python names: no camelCase aliases.
    model_config = ConfigDict(alias_generator=None)

    access_token: str | None = Field(
        default=None,
        repr=False,
        examples=[
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImExYjJjMyIsInR5cCI6IkpXVCJ9.eyJhdWQiOltdLCJjbGllbnRfaWQiO"
            "iJkNGU1ZjZhNyIsImV4cCI6MTc2NzIyOTIwMCwiaWF0IjoxNzY3MjI1NjAwLCJpc3MiOiJodHRwczovL2Fwc2U"
            "xLmFwaS5hZmZpbmlkaS5pby9pYW0iLCJqdGkiOiI4ZjE0ZTQ1ZiIsInNjcCI6WyJvcGVuaWQiLCJvZmZsaW5lI"
            "l0sInN1YiI6ImQ0ZTVmNmE3In0.dVAf6dLUfpyauNrX5sWzogT-bMoOhZYodR69ENgPZUiMswGMQ7okGZqR6jg"
            "waIeO_7zsQX6fj-njGjhmbvFv-ghMkNwWOLxL8W9eaLQw3AYVAOzstgu8F7kyZ8tW5VEBoZ0U6wMQWiDYX3uXw"
            "_4MXUQYhoWqqhv6-QIHglRyPVE3Ba0cgZ6wr9vsSy4rSlPqksEf7MnAE3jNndpKdDwgjeQMZ7-qbMp7GUQQuXS"
            "KIH7HSs-Yg7Q2jf6kHx-I8w5SSLM0jmjoFQH8c_UcCMXnYxijqZEy2TwbaDhhhqyz11BGq8C5BrsWxqCZq88le"
            "oO4EzIr6AbGBIckIl38uJglhA"
        ],
    )
    """The access token issued by the authorization server."""

    # Upstream's OpenAPI document of 1.43.0: `format: int64`, which every `Seconds` value fits.
    expires_in: Annotated[Seconds | None, UpstreamDeviation(reason=_SECONDS_REASON)] = Field(
        default=None, examples=[3600], json_schema_extra={"format": "int64"}
    )
    """The lifetime in seconds of the access token. For example, the value "3600" denotes that the access token will expire in one hour from the time the response was generated."""  # noqa: E501

    id_token: Annotated[
        str | None,
        UpstreamDeviation(
            typescript_type="number",
            description="To retrieve a refresh token request the id_token scope.",
            reason=_ID_TOKEN_REASON,
        ),
    ] = Field(
        default=None,
        repr=False,
        examples=[
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImExYjJjMyIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsiZDRlNWY2YTciXSwiY"
            "XV0aF90aW1lIjoxNzY3MjI1NTkwLCJleHAiOjE3NjcyMjkyMDAsImlhdCI6MTc2NzIyNTYwMCwiaXNzIjoiaHR"
            "0cHM6Ly9hcHNlMS5hcGkuYWZmaW5pZGkuaW8vaWFtIiwic3ViIjoidXNlci03YzllNjY3OSJ9.pcd8yivMlKum"
            "C8QDscJlAXMTaDovtNWPu2smB_QtGQ7zQ29QsvfxYTrRQtvOHSSAHZ2qq8Reyy25CSUaIUyYQLRZr92zoJYh7i"
            "m3izlo5WbX-wAB2WOV1UAw63A7AzepBLsTweo_9h8ovIK5IbnjB64TBArMfZq3afiB7le9EKkyD3gT7M66ea63"
            "G1ugtjbC5VpxYYjOMKNWQt2fwYNpfj8f76YpIzg2QdrsMo_gglm6zRMY-3EHMKFmcp0ppkkUIPXcgaPGFTXbJ_"
            "HYCKosR26PK3yhParprJ31LnMOyBcw_XpiQpoA2J0RoqC7_8GscjEtZ-5EX8YviBMktsH8Hg"
        ],
    )
    """The OpenID Connect ID token: a JSON Web Token (a string) about the authentication of a user (OpenID Connect Core 1.0, section 2). Upstream does not say when the server returns one."""  # noqa: E501

    refresh_token: Annotated[
        str | None,
        UpstreamDeviation(
            description=(
                "The refresh token, which can be used to obtain new access tokens. To "
                'retrieve it add the scope "offline" to your access token request.'
            ),
            reason=_REFRESH_TOKEN_REASON,
        ),
    ] = Field(
        default=None,
        repr=False,
        examples=[
            "ory_rt_Qm9uZ0hmWjN4cVlrTDJ2Uk1wN3RBOGNXZXNEeTRnSGo.k3N8vLq2XwZ5rTy7UpA1sDf6GhJ9"
        ],
    )
    """The refresh token, which can be used to obtain new access tokens. Upstream does not say when the server returns one."""  # noqa: E501

    scope: str | None = Field(default=None, examples=["openid offline"])
    """The scope of the access token"""

    token_type: str | None = Field(default=None, examples=["bearer"])
    """The type of the token issued"""


class ConsumerAuthTokenEndpointInput(RequestModel):
    """The request body of the consumer OAuth 2.0 token endpoint (`POST /v1/consumer/oauth2/token`).

    The client proves who it is with a JWT, the client assertion, signed or with a MAC (RFC 7523,
    sections 2.2 and 3), instead of a client secret. A member this model does not know is an
    error that names it, so a misspelt name cannot go unnoticed. The assertion, code and refresh
    token are credentials: they are left out of `repr()` and of validation error messages.
    """

    model_config = ConfigDict(alias_generator=None)

    grant_type: Literal["client_credentials", "affinidi_delegation"] = Field(
        examples=["client_credentials", "affinidi_delegation"]
    )
    """How the client obtains the token. With `client_credentials` (RFC 6749, section 4.4) the client asks for a token for itself, on its own authority, and authenticates with `client_assertion`. `affinidi_delegation` is the other value upstream allows; upstream does not say what it does. (It is not an RFC 6749 extension grant type: section 4.5 names those with an absolute URI.)"""  # noqa: E501

    client_assertion_type: Literal[
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "urn:ietf:params:oauth:delegation-assertion-type:jwt-bearer",
    ] = Field(
        examples=[
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "urn:ietf:params:oauth:delegation-assertion-type:jwt-bearer",
        ]
    )
    """The format of `client_assertion`. `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` says that it is a JWT with which the client authenticates itself (RFC 7523, section 2.2). `urn:ietf:params:oauth:delegation-assertion-type:jwt-bearer` is the other value upstream allows; upstream does not say what the JWT then holds."""  # noqa: E501

    client_assertion: str = Field(
        repr=False,
        examples=[
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImExYjJjMyIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2Fwc2UxL"
            "mFwaS5hZmZpbmlkaS5pby9pYW0vdjEvY29uc3VtZXIvb2F1dGgyL3Rva2VuIiwiZXhwIjoxNzY3MjI1OTAwLCJ"
            "pYXQiOjE3NjcyMjU2MDAsImlzcyI6IjNmMWI5YzJlLTdkNGEtNGU4Yi05YTYxLTJjNWQ4ZTBmNGI3YSIsImp0a"
            "SI6IjVjMGU2YTFkLTJiN2YtNGYzZS04ZDljLTFhMmIzYzRkNWU2ZiIsInN1YiI6IjNmMWI5YzJlLTdkNGEtNGU"
            "4Yi05YTYxLTJjNWQ4ZTBmNGI3YSJ9.a0e8Xs88jHKzV7kmqSfW3JnBmB2aTT5RiahFPWn7OwY588aS5Vl6orh5"
            "1RRCunmQtFHYyKNuTN3mXlC-wNNycra0LOrOulZfMODxHn84vku_JEOIxEhS3R8CngXTfruR2ze4fOgSCR-nbt"
            "NsxoRI6ozBpsEyTONtQED_gROWLkXy6B9v17UKsl9G67_m6oY8CIkUSwAKYvmyOCEQClfMAXKlvP22skMJ8C8F"
            "8p30eq6qkchjwe9ivi2Fs9-WIUqfIGMhYw_al1poIa2k_4Hyi-Ecx-t3M1VWp-OZoqJVigkRwt5-XJfXWQZ0O0"
            "AzRpNHHYU_BD3MmM5HMJtoPt1WoQ"
        ],
    )
    """The client's proof of identity: a JWT (RFC 7523). RFC 7523 section 3 says what such a JWT holds: `iss` (its issuer), `sub` (for client authentication, the client ID), `aud` (the authorization server; the token endpoint's URL may be used), `exp` (when it stops being accepted) and, optionally, `jti` (an ID against replay); it is signed or has a MAC. Upstream does not say which claims this server checks. Whoever holds a valid assertion can get tokens, so treat it like a password."""  # noqa: E501

    code: str | None = Field(
        default=None,
        repr=False,
        examples=["ory_ac_Xk3vQ9mTz2LrW8yBn5cHd1JfGp7sAe4U.Yq6tNw0ZbRiOuKlVx3MgCh"],
    )
    """An authorization code. Upstream declares the member but does not say what it does with the two grant types it allows; in RFC 6749 a code is sent with the `authorization_code` grant (section 4.1.3), which this endpoint does not accept."""  # noqa: E501

    refresh_token: str | None = Field(
        default=None,
        repr=False,
        examples=[
            "ory_rt_Qm9uZ0hmWjN4cVlrTDJ2Uk1wN3RBOGNXZXNEeTRnSGo.k3N8vLq2XwZ5rTy7UpA1sDf6GhJ9"
        ],
    )
    """A refresh token. Upstream declares the member but does not say what it does with the two grant types it allows; in RFC 6749 a refresh token is sent with the `refresh_token` grant (section 6), which this endpoint does not accept."""  # noqa: E501

    redirect_uri: str | None = Field(
        default=None, examples=["https://app.example.com/oauth2/callback"]
    )
    """A redirection URI. Upstream declares the member but does not say what it does with the two grant types it allows; in RFC 6749 it is sent with the `authorization_code` grant (section 4.1.3), which this endpoint does not accept."""  # noqa: E501

    client_id: str | None = Field(default=None, examples=["3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"])
    """The client identifier. It may be left out: the client assertion's `sub` claim identifies the client (RFC 7523, section 3), and when it is sent it must identify the same client (RFC 7521, section 4.2)."""  # noqa: E501

"""The consumer OAuth 2.0 token endpoint's request and response bodies.

These two keep the OAuth members' snake_case wire names (RFC 6749), unlike the rest of the API.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from iam_client_models._base import RequestModel, ResponseModel
from iam_client_models._types import Seconds, UpstreamDeviation

__all__ = ["ConsumerAuthTokenEndpointInput", "ConsumerAuthTokenEndpointOutput"]

_ID_TOKEN_REASON = (
    "Upstream declares `id_token` as `number`, a type inherited from an old Ory Hydra schema "
    "(`IDToken int`). An ID token is a JSON Web Token, which OpenID Connect servers send as a "
    "string ([OpenID Connect Core 1.0, section 3.1.3.3]"
    "(https://openid.net/specs/openid-connect-core-1_0.html#TokenResponse)); Ory fixed the "
    "type in Hydra PR #3625. A client typed `number` rejects every response that carries an "
    "ID token, so this model types it `str`."
)


class ConsumerAuthTokenEndpointOutput(ResponseModel):
    """The response of the consumer OAuth 2.0 token endpoint (`POST /v1/consumer/oauth2/token`).

    Members the server adds beyond these fields are accepted and kept, as RFC 6749 section 5.1
    requires of clients, so parsing a response and dumping it again loses nothing. Token values
    are bearer credentials: they are left out of `repr()` and of validation error messages.
    """

    # OAuth's member names are the Python names: no camelCase aliases.
    model_config = ConfigDict(alias_generator=None)

    access_token: str | None = Field(
        default=None,
        repr=False,
        examples=[
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImExYjJjMyIsInR5cCI6IkpXVCJ9.eyJhdWQiOltdLCJjbGllbnRfaWQi"
            "OiJkNGU1ZjZhNyIsImV4cCI6MTc2NzIyOTIwMCwiaWF0IjoxNzY3MjI1NjAwLCJpc3MiOiJodHRwczovL2F"
            "wc2UxLmFwaS5hZmZpbmlkaS5pby9pYW0iLCJqdGkiOiI4ZjE0ZTQ1ZiIsInNjcCI6WyJvcGVuaWQiLCJvZm"
            "ZsaW5lIl0sInN1YiI6ImQ0ZTVmNmE3In0.O7Eu2jwpjbXeJVl_VNkk8uF-eKJq2JU-2CGO5oLwu76QIeLzAJ"
            "0VLJEb8fJexoOpAnFBZnZ6-9jlvQ-wEk7Lig"
        ],
    )
    """The access token issued by the authorization server."""

    expires_in: Seconds | None = Field(default=None, examples=[3600])
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
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImExYjJjMyIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsiZDRlNWY2YTciXSwi"
            "YXV0aF90aW1lIjoxNzY3MjI1NTkwLCJleHAiOjE3NjcyMjkyMDAsImlhdCI6MTc2NzIyNTYwMCwiaXNzIjoia"
            "HR0cHM6Ly9hcHNlMS5hcGkuYWZmaW5pZGkuaW8vaWFtIiwic3ViIjoidXNlci03YzllNjY3OSJ9.O7Eu2jwpj"
            "bXeJVl_VNkk8uF-eKJq2JU-2CGO5oLwu76QIeLzAJ0VLJEb8fJexoOpAnFBZnZ6-9jlvQ-wEk7Lig"
        ],
    )
    """The OpenID Connect ID token: a signed JSON Web Token (a string) that identifies the authenticated user. The server returns it when the access token request asked for the `openid` scope."""  # noqa: E501

    refresh_token: str | None = Field(
        default=None,
        repr=False,
        examples=[
            "ory_rt_Qm9uZ0hmWjN4cVlrTDJ2Uk1wN3RBOGNXZXNEeTRnSGo.k3N8vLq2XwZ5rTy7UpA1sDf6GhJ9"
        ],
    )
    """The refresh token, which can be used to obtain new access tokens. To retrieve it add the scope "offline" to your access token request."""  # noqa: E501

    scope: str | None = Field(default=None, examples=["openid offline"])
    """The scope of the access token"""

    token_type: str | None = Field(default=None, examples=["bearer"])
    """The type of the token issued"""


class ConsumerAuthTokenEndpointInput(RequestModel):
    """The request body of the consumer OAuth 2.0 token endpoint (`POST /v1/consumer/oauth2/token`).

    The client proves who it is with a signed JWT, the client assertion (RFC 7523), instead of a
    client secret. A member this model does not know is an error that names it, so a misspelt
    name cannot go unnoticed. The assertion, code and refresh token are credentials: they are
    left out of `repr()` and of validation error messages.
    """

    model_config = ConfigDict(alias_generator=None)

    grant_type: Literal["client_credentials", "affinidi_delegation"] = Field(
        examples=["client_credentials", "affinidi_delegation"]
    )
    """How the client obtains the token. With `client_credentials` (RFC 6749, section 4.4) the client asks for a token for itself, on its own authority, and authenticates with `client_assertion`. `affinidi_delegation` is an extension grant type that Affinidi defines, as RFC 6749 section 4.5 allows."""  # noqa: E501

    client_assertion_type: Literal[
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "urn:ietf:params:oauth:delegation-assertion-type:jwt-bearer",
    ] = Field(
        examples=[
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "urn:ietf:params:oauth:delegation-assertion-type:jwt-bearer",
        ]
    )
    """The format of `client_assertion`. `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` says that it is a JWT with which the client authenticates itself (RFC 7523, section 2.2). `urn:ietf:params:oauth:delegation-assertion-type:jwt-bearer` is an Affinidi-specific value for a JWT that carries a delegation."""  # noqa: E501

    client_assertion: str = Field(
        repr=False,
        examples=[
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImExYjJjMyIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2Fwc2Ux"
            "LmFwaS5hZmZpbmlkaS5pby9pYW0vdjEvY29uc3VtZXIvb2F1dGgyL3Rva2VuIiwiZXhwIjoxNzY3MjI1OTAw"
            "LCJpYXQiOjE3NjcyMjU2MDAsImlzcyI6IjNmMWI5YzJlLTdkNGEtNGU4Yi05YTYxLTJjNWQ4ZTBmNGI3YSIs"
            "Imp0aSI6IjVjMGU2YTFkLTJiN2YtNGYzZS04ZDljLTFhMmIzYzRkNWU2ZiIsInN1YiI6IjNmMWI5YzJlLTdk"
            "NGEtNGU4Yi05YTYxLTJjNWQ4ZTBmNGI3YSJ9.O7Eu2jwpjbXeJVl_VNkk8uF-eKJq2JU-2CGO5oLwu76QIeLz"
            "AJ0VLJEb8fJexoOpAnFBZnZ6-9jlvQ-wEk7Lig"
        ],
    )
    """The client's proof of identity: one JWT, signed with the client's private key (RFC 7523, section 3). Its `iss` and `sub` claims are the client ID, `aud` names the token endpoint, and `exp` limits how long it is accepted; `jti` lets the server refuse a replayed assertion. Whoever holds a valid assertion can get tokens, so treat it like a password."""  # noqa: E501

    code: str | None = Field(
        default=None,
        repr=False,
        examples=["ory_ac_Xk3vQ9mTz2LrW8yBn5cHd1JfGp7sAe4U.Yq6tNw0ZbRiOuKlVx3MgCh"],
    )
    """The authorization code the client received from the authorization endpoint, when the request exchanges a code for tokens (RFC 6749, section 4.1.3). The code is short-lived and works once. Not used by the `client_credentials` grant."""  # noqa: E501

    refresh_token: str | None = Field(
        default=None,
        repr=False,
        examples=[
            "ory_rt_Qm9uZ0hmWjN4cVlrTDJ2Uk1wN3RBOGNXZXNEeTRnSGo.k3N8vLq2XwZ5rTy7UpA1sDf6GhJ9"
        ],
    )
    """A refresh token issued earlier to this client, when the request asks for a new access token without involving the user again (RFC 6749, section 6). Not used by the `client_credentials` grant."""  # noqa: E501

    redirect_uri: str | None = Field(
        default=None, examples=["https://app.example.com/oauth2/callback"]
    )
    """The redirection URI of the authorization request that produced `code`. When that request included one, the token request must repeat it exactly (RFC 6749, section 4.1.3)."""  # noqa: E501

    client_id: str | None = Field(default=None, examples=["3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"])
    """The client identifier. It may be left out: the `sub` claim of the client assertion already identifies the client, and when it is sent it must name that same client (RFC 7523, sections 2.2 and 3)."""  # noqa: E501

"""The response model of the consumer OAuth 2.0 token endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from iam_client_models._types import Seconds, UpstreamDeviation

__all__ = ["ConsumerAuthTokenEndpointOutput"]

_ID_TOKEN_REASON = (
    "Upstream declares `id_token` as `number`, a type inherited from an old Ory Hydra schema "
    "(`IDToken int`). An ID token is a JSON Web Token, which OpenID Connect servers send as a "
    "string ([OpenID Connect Core 1.0, section 3.1.3.3]"
    "(https://openid.net/specs/openid-connect-core-1_0.html#TokenResponse)); Ory fixed the "
    "type in Hydra PR #3625. A client typed `number` rejects every response that carries an "
    "ID token, so this model types it `str`."
)


class _Hidden:
    """Stands for a value that printed output leaves out."""

    def __repr__(self) -> str:
        return "<hidden>"


_HIDDEN = _Hidden()


class ConsumerAuthTokenEndpointOutput(BaseModel):
    """The response of the consumer OAuth 2.0 token endpoint (`POST /v1/consumer/oauth2/token`).

    Members the server adds beyond these fields are accepted and kept, as RFC 6749 section 5.1
    requires of clients, so parsing a response and dumping it again loses nothing. Token values
    are bearer credentials: they are left out of `repr()` and of validation error messages.
    """

    model_config = ConfigDict(
        extra="allow",
        use_attribute_docstrings=True,
        hide_input_in_errors=True,
    )

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

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # A server may add a credential this model does not know of (OpenID Connect's
        # `device_secret`, say): printed output names unknown members but never shows their values.
        extra = getattr(self, "__pydantic_extra__", None) or {}
        for name, value in super().__repr_args__():
            yield name, _HIDDEN if name in extra else value

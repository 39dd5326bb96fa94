"""The security token service: project-scoped tokens, and who the caller is."""

from __future__ import annotations

from pydantic import Field

from iam_client_models._base import RequestModel, ResponseModel
from iam_client_models._types import Seconds

__all__ = ["CreateProjectScopedTokenInput", "CreateProjectScopedTokenOutput", "WhoamiDto"]


class CreateProjectScopedTokenInput(RequestModel):
    """The project that a project-scoped token is requested for."""

    project_id: str = Field(examples=["6c2e9a41-8f3b-4d7e-a5c0-1b9d4e7f2a36"])
    """The ID of the project the token is to be scoped to."""


class CreateProjectScopedTokenOutput(ResponseModel):
    """A project-scoped access token, with its lifetime and scope.

    The token is a bearer credential: it is left out of `repr()` and of validation error
    messages.
    """

    access_token: str = Field(
        repr=False,
        examples=[
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImExYjJjMyIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsiNmMyZTlhNDEtOGYzY"
            "i00ZDdlLWE1YzAtMWI5ZDRlN2YyYTM2Il0sImV4cCI6MTc2MjE2NjQ4NywiaWF0IjoxNzYyMTYyODg3LCJpc3M"
            "iOiJodHRwczovL2Fwc2UxLmFwaS5hZmZpbmlkaS5pby9pYW0iLCJqdGkiOiIwYjdkNWUzYS05YzFmLTRhMjgtO"
            "GU2ZC0zZjJiMWM5YTdlNTQiLCJwcm9qZWN0X2lkIjoiNmMyZTlhNDEtOGYzYi00ZDdlLWE1YzAtMWI5ZDRlN2Y"
            "yYTM2Iiwic3ViIjoiN2M5ZTY2NzktNzQyNS00MGRlLTk0NGItZTA3ZmMxZjkwYWU3In0.pU3KGCUwux1tEyze1"
            "iN7LtkeP3IfyxlxF0SU1kk8nVw0YL4xIB5p_tqg7ui5mX9cfCmZ_a_lkyU81lSvTfrXFA"
        ],
    )
    """The project-scoped access token. It is a bearer credential: whoever holds it can act in the project as the principal it was issued to until it expires, so treat it like a password."""  # noqa: E501

    expires_in: Seconds = Field(examples=[3600])
    """The lifetime of the access token in seconds, from when it was issued."""

    scope: str = Field(examples=["openid"])
    """The scope of the access token."""


class WhoamiDto(ResponseModel):
    """The principal that the request's credentials identify: who the caller is."""

    principal_id: str = Field(examples=["7c9e6679-7425-40de-944b-e07fc1f90ae7"])
    """The ID of the calling principal."""

    principal_type: str = Field(examples=["user"])
    """The kind of the calling principal, such as `user` or `token`."""

"""Secure token exchange (upstream's description of its `sts` API): project-scoped tokens, and who
the caller is."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from iam_client_models._base import RequestModel, ResponseModel
from iam_client_models._types import Seconds, UpstreamDeviation

# Declared rather than made strict: with no evidence of what the server sends, the one lifetime
# type of the package (`Seconds`) keeps every caller safe from `timedelta` overflow, and a
# string of digits, which some servers send for OAuth's `expires_in`, is not refused.
_SECONDS_REASON = (
    "Upstream declares `expiresIn` a `number` (its Python client: any integer). This model "
    "takes a whole number of seconds from 0 to 86399999999999, as a JSON integer or as a "
    'string of digits (`"3600"`), the same type as OAuth\'s `expires_in`: a fraction or a '
    "negative number is no lifetime, a larger one does not fit `timedelta(seconds=...)`. A "
    "string is dumped as an integer."
)


class CreateProjectScopedTokenInput(RequestModel):
    """The project that a project-scoped token is requested for."""

    project_id: str = Field(examples=["6c2e9a41-8f3b-4d7e-a5c0-1b9d4e7f2a36"])
    """The ID of the project the token is to be scoped to."""


class CreateProjectScopedTokenOutput(ResponseModel):
    """A project-scoped access token, with its lifetime and scope.

    The token is a credential: it is left out of `repr()` and of validation error messages.
    """

    access_token: str = Field(
        repr=False,
        examples=[
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImExYjJjMyIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsiNmMyZTlhNDEtOGYzY"
            "i00ZDdlLWE1YzAtMWI5ZDRlN2YyYTM2Il0sImV4cCI6MTc2MjE2NjQ4NywiaWF0IjoxNzYyMTYyODg3LCJpc3M"
            "iOiJodHRwczovL2Fwc2UxLmFwaS5hZmZpbmlkaS5pby9pYW0iLCJqdGkiOiIwYjdkNWUzYS05YzFmLTRhMjgtO"
            "GU2ZC0zZjJiMWM5YTdlNTQiLCJwcm9qZWN0X2lkIjoiNmMyZTlhNDEtOGYzYi00ZDdlLWE1YzAtMWI5ZDRlN2Y"
            "yYTM2Iiwic3ViIjoiN2M5ZTY2NzktNzQyNS00MGRlLTk0NGItZTA3ZmMxZjkwYWU3In0.nYIEzeGhpmF43EzX3"
            "6MlyJY4pwDysl-18NKaIkUKuE9qa-14HFH721IhgUVfLaEQtEGS9nzWti2VqcvWmBCqvIz70HCvm-_CzWezlIO"
            "6oedhdJVCPf4FMQ_3lYtQzFeq2_imh6w4XJdXF9NJBYTOhiX6OwOLI2hooQKHIhCJ_viHwZ58kPehXmSO2-xHK"
            "x85HakOlvSUUc92eySq0sRb-bWe95awrVqb0cNY754C5rLVVVykAmTvV7kBxaGQbT_k8sSULa2MtSioLKtTZzW"
            "Zermj79TNkpV2QlHys3aN51xG9lo9dA1jWRgcMdEdpQ94VoscQk-NVnCNy_N_Nvu43A"
        ],
    )
    """The project-scoped access token. It is a credential: treat it like a password."""

    expires_in: Annotated[Seconds, UpstreamDeviation(reason=_SECONDS_REASON)] = Field(
        examples=[3600]
    )
    """The lifetime of the access token. Upstream gives no unit; this model reads it as seconds, the unit of OAuth's `expires_in` (RFC 6749, section 5.1)."""  # noqa: E501

    scope: str = Field(examples=["openid"])
    """The scope of the access token."""


class WhoamiDto(ResponseModel):
    """The principal that the request's credentials identify: who the caller is."""

    principal_id: str = Field(examples=["7c9e6679-7425-40de-944b-e07fc1f90ae7"])
    """The ID of the calling principal."""

    principal_type: str = Field(examples=["user"])
    """The kind of the calling principal. Upstream declares no set of values here; the principal types it names elsewhere are `user` and `token` (`GetPoliciesPrincipalTypeEnum`)."""  # noqa: E501

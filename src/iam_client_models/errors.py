"""The error bodies of the IAM API: one shape, eight errors, and `parse_error` to tell them apart.

The eight error bodies upstream declares share their members. Each error model fixes its own
`name` and `httpStatusCode`; the shape and its documentation are written once, in `ErrorModel`.
(Upstream's OpenAPI document of 1.43.0 also lets the API gateway answer some requests with its
own bodies, whose shape upstream does not declare.)
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Generic, Literal, TypeVar, Union

from pydantic import ConfigDict, Discriminator, Field, Tag, TypeAdapter

from iam_client_models._base import ResponseModel
from iam_client_models._types import UpstreamDeviation


class UnexpectedErrorDetailsInner(ResponseModel):
    """One problem the server found in a request, in the `details` of an error body."""

    issue: str = Field(examples=["must be a number from 1 to 100"])
    """What is wrong, in words for a person."""

    field: str | None = Field(default=None, examples=["limit"])
    """The name of the member or parameter that is wrong."""

    value: str | None = Field(default=None, repr=False, examples=["500"])
    """The value the server rejected. It is what the client sent, which may be a credential, so printed output leaves it out."""  # noqa: E501

    location: str | None = Field(default=None, examples=["query"])
    """Where in the request the wrong member or parameter is."""


NameT = TypeVar("NameT", bound=str)
MessageT = TypeVar("MessageT", bound=str)
StatusT = TypeVar("StatusT", bound=int)


def _message(enum_name: str, upstream: str) -> UpstreamDeviation:
    """Why one error's `message` is a string, where upstream declares a one-value enum."""
    return UpstreamDeviation(
        typescript_type=enum_name,
        reason=(
            # Two paragraphs: the second is the same for every error, and the Differences page
            # says it once.
            f"Upstream declares `message` as an enumeration of one value, `{upstream}`.\n\n"
            "Upstream's own values include templates (`Not found: ${param}.`) that the "
            "server fills in, so a real message need not equal the declared one, and a "
            "client typed with the enumeration would reject a valid error body for its "
            "wording. This model types it `str`: compare `name`, not the message."
        ),
    )


class ErrorModel(ResponseModel, Generic[NameT, MessageT, StatusT]):
    """The shape every error body of the API shares; each error fixes `name` and the status."""

    name: NameT
    """The kind of error: the name of its model. It identifies the error; the message does not."""

    message: MessageT
    """What went wrong, in words for a person. The wording is not fixed: compare `name` instead."""

    http_status_code: StatusT
    """The HTTP status code of the response that carries this body."""

    # The example has the shape of an AWS X-Ray trace ID (upstream's OpenAPI document of 1.43.0
    # puts the API behind Amazon API Gateway); upstream's own example is the word `traceId`.
    trace_id: str = Field(examples=["1-6762a7f0-3c7d9b2e5f4a1c8d0e6b7a93"])
    """The server's identifier of this failed request."""

    details: list[UnexpectedErrorDetailsInner] | None = None
    """The problems the server found in the request, one entry each, where it names them."""


class ActionForbiddenError(
    ErrorModel[
        Literal["ActionForbiddenError"],
        Annotated[
            str,
            _message(
                "ActionForbiddenErrorMessageEnum",
                "Principal can not execute action on given resource",
            ),
            Field(examples=["Principal can not execute action on given resource"]),
        ],
        Literal[403],
    ]
):
    """The caller is authenticated but may not perform this action on this resource (HTTP 403)."""


class InvalidDIDError(
    ErrorModel[
        Literal["InvalidDIDError"],
        Annotated[
            str,
            _message(
                "InvalidDIDErrorMessageEnum", "Unable to resolve DID method. Invalid public key"
            ),
            Field(examples=["Unable to resolve DID method. Invalid public key"]),
        ],
        Literal[400],
    ]
):
    """A DID in the request could not be resolved to a valid public key (HTTP 400)."""


class InvalidParameterError(
    ErrorModel[
        Literal["InvalidParameterError"],
        Annotated[
            str,
            _message("InvalidParameterErrorMessageEnum", "Invalid parameter: ${param}."),
            Field(examples=["Invalid parameter: limit."]),
        ],
        Literal[400],
    ]
):
    """A parameter or body member of the request is not valid (HTTP 400)."""


class NotFoundError(
    ErrorModel[
        Literal["NotFoundError"],
        Annotated[
            str,
            _message("NotFoundErrorMessageEnum", "Not found: ${param}."),
            Field(examples=["Not found: token 3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a."]),
        ],
        Literal[404],
    ]
):
    """The resource the request names was not found (HTTP 404)."""


class PrincipalCannotBeDeletedError(
    ErrorModel[
        Literal["PrincipalCannotBeDeletedError"],
        Annotated[
            str,
            _message(
                "PrincipalCannotBeDeletedErrorMessageEnum",
                "Cannot delete own record from the project with the same principalId",
            ),
            Field(examples=["Cannot delete own record from the project with the same principalId"]),
        ],
        Literal[409],
    ]
):
    """A principal tried to remove itself from a project (HTTP 409)."""


class PrincipalDoesNotBelongToProjectError(
    ErrorModel[
        Literal["PrincipalDoesNotBelongToProjectError"],
        Annotated[
            str,
            _message(
                "PrincipalDoesNotBelongToProjectErrorMessageEnum",
                "Principal does not belong to the given project",
            ),
            Field(examples=["Principal does not belong to the given project"]),
        ],
        Literal[403],
    ]
):
    """The caller is not a member of the project it asked a token for (HTTP 403)."""


class UnauthorizedError(
    ErrorModel[
        Literal["UnauthorizedError"],
        Annotated[
            str,
            _message("UnauthorizedErrorMessageEnum", "Unauthorized"),
            Field(examples=["Unauthorized"]),
        ],
        Literal[403],
    ]
):
    """The request was not authorized (HTTP 403). Upstream's message says only "Unauthorized"."""


class UnexpectedError(
    ErrorModel[
        Literal["UnexpectedError"],
        Annotated[
            str,
            _message("UnexpectedErrorMessageEnum", "Unexpected Error Occurred."),
            Field(examples=["Unexpected Error Occurred."]),
        ],
        Literal[500],
    ]
):
    """The server failed to handle the request (HTTP 500); `traceId` identifies the failure."""


ERROR_MODELS: tuple[type[ErrorModel[Any, Any, Any]], ...] = (
    ActionForbiddenError,
    InvalidDIDError,
    InvalidParameterError,
    NotFoundError,
    PrincipalCannotBeDeletedError,
    PrincipalDoesNotBelongToProjectError,
    UnauthorizedError,
    UnexpectedError,
)
"""Every error model, in upstream's order."""


def _status(model: type[ErrorModel[Any, Any, Any]]) -> int:
    (status,) = model.model_fields["http_status_code"].annotation.__args__  # type: ignore[union-attr]
    return int(status)


@functools.cache
def _adapter(status: int) -> TypeAdapter[Any]:
    models = [model for model in ERROR_MODELS if _status(model) == status]
    if not models:
        raise ValueError(
            f"no error model is declared for HTTP {status}; the API's error statuses are "
            f"{sorted({_status(model) for model in ERROR_MODELS})}"
        )
    if len(models) == 1:
        return TypeAdapter(models[0])
    choices = tuple(Annotated[model, Tag(model.__name__)] for model in models)
    # The union's own errors would otherwise show the body, which may hold a credential.
    return TypeAdapter(
        Annotated[Union[choices], Discriminator("name")],  # type: ignore[arg-type]  # noqa: UP007
        config=ConfigDict(hide_input_in_errors=True),
    )


def parse_error(status: int, body: str | bytes | bytearray) -> ErrorModel[Any, Any, Any]:
    """The error model of an error response, from its HTTP status and its JSON body.

    Several errors share a status (three are 403), so the body's `name` picks the model among
    those of `status`. A body that is not one of them raises `pydantic.ValidationError`, naming
    what is wrong; a status with no error model raises `ValueError`.
    """
    error: ErrorModel[Any, Any, Any] = _adapter(status).validate_json(body)
    return error

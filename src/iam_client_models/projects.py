"""Projects, their principals, and the pages of lists of them.

A list is returned a page at a time. Passing a page's `lastEvaluatedKey` as the
`exclusiveStartKey` parameter of the same list operation fetches the next page (upstream's
parameter text: "Use the value that was returned in the previous operation"). Upstream does not
say what a page without one means.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StringConstraints

from iam_client_models._base import RequestModel, ResponseModel
from iam_client_models._types import Pattern, UpstreamDeviation
from iam_client_models.policies import PolicyDto

_IDENTITY_VERIFICATION = "flag indicates if identity verification is enabled for project"
_IDENTITY_VERIFICATION_REASON = (
    'Upstream\'s text is a lower-case fragment ("flag indicates if ..."); ours states the same '
    "fact as a sentence: `true` means that identity verification is enabled."
)


# affinidi-tdk-iam-client 1.63.0 models/create_project_input.py and update_project_input.py
# (the Python client of the 1.48.0 release): `constr(strict=True, max_length=100)` and this
# `re.match` pattern; the same in upstream's OpenAPI document of 1.43.0.
_PROJECT_NAME_PATTERN = r"^[a-zA-Z0-9][a-zA-Z0-9._ -]{0,98}[a-zA-Z0-9._-]$"
ProjectName = Annotated[
    str,
    StringConstraints(max_length=100),
    Pattern(
        _PROJECT_NAME_PATTERN,
        "2 to 100 characters: ASCII letters, digits, space, '.', '_' and '-', beginning with "
        "a letter or digit and not ending with a space",
    ),
]
"""A project name as upstream's request validators take it."""


_TIMESTAMP_REASON = (
    "Upstream's example, `2023-09-20T07:12:13`, has no UTC offset (`Z` or `+hh:mm`), so it "
    "names no single instant, and a reader could take it that the server sends local times. "
    "Our description keeps upstream's fact, an ISO 8601 date and time, without the example. "
    "This page's example, with fractions of a second and `Z`, is ours: upstream does not show "
    "what the server sends. The field is a `str` either way, so a dump gives back exactly what "
    "the server sent."
)


class ProjectDto(ResponseModel):
    """A project, with its owner, description and settings."""

    id: str = Field(examples=["6c2e9a41-8f3b-4d7e-a5c0-1b9d4e7f2a36"])
    """The ID of the project."""

    name: str = Field(examples=["Customer onboarding"])
    """The name of the project."""

    owner_id: str | None = Field(default=None, examples=["7c9e6679-7425-40de-944b-e07fc1f90ae7"])
    """The ID of the project's owner."""

    description: str | None = Field(
        default=None, examples=["Verifies new customers' identity documents at sign-up."]
    )
    """A description of the project, in words for a person."""

    # affinidi-tdk-iam-client 1.63.0 models/project_dto.py: `Field(default=False, ...)`. The
    # model keeps `None` as its default, so a dump gives back what the server sent; the page
    # says upstream's default.
    identity_verification_enabled: Annotated[
        StrictBool | None,
        UpstreamDeviation(description=_IDENTITY_VERIFICATION, reason=_IDENTITY_VERIFICATION_REASON),
    ] = Field(default=None, examples=[True], json_schema_extra={"x-upstream-default": False})
    """Whether identity verification is enabled for the project."""

    created_at: Annotated[
        str | None,
        UpstreamDeviation(
            description="creation date and time in ISO-8601 format, e.g. 2023-09-20T07:12:13",
            reason=_TIMESTAMP_REASON,
        ),
    ] = Field(default=None, examples=["2025-11-03T09:41:27.512Z"])  # ours: see the reason
    """When the project was created, as an ISO 8601 date and time."""

    updated_at: Annotated[
        str | None,
        UpstreamDeviation(
            description="last update date and time in ISO-8601 format, e.g. 2023-09-20T07:12:13",
            reason=_TIMESTAMP_REASON,
        ),
    ] = Field(default=None, examples=["2025-11-04T14:05:52.087Z"])  # ours: see the reason
    """When the project was last updated, as an ISO 8601 date and time."""


class ProjectList(ResponseModel):
    """One page of a list of projects."""

    projects: list[ProjectDto]
    """The projects on this page."""

    last_evaluated_key: str | None = Field(
        default=None,
        examples=["eyJwcm9qZWN0SWQiOiI2YzJlOWE0MS04ZjNiLTRkN2UtYTVjMC0xYjlkNGU3ZjJhMzYifQ"],
    )
    """An opaque key that marks where this page ends: pass it as the `exclusiveStartKey` parameter of the same list operation to fetch the next page."""  # noqa: E501


class ProjectWithPolicyDto(ResponseModel):
    """A project, with the policy that a principal has in it."""

    id: str = Field(examples=["6c2e9a41-8f3b-4d7e-a5c0-1b9d4e7f2a36"])
    """The ID of the project."""

    name: str = Field(examples=["Customer onboarding"])
    """The name of the project."""

    policy: PolicyDto
    """The principal's policy in this project."""


class ProjectWithPolicyList(ResponseModel):
    """One page of a list of projects, each with a principal's policy in it."""

    projects: list[ProjectWithPolicyDto]
    """The projects on this page, each with the principal's policy in it."""

    last_evaluated_key: str | None = Field(
        default=None,
        examples=["eyJwcm9qZWN0SWQiOiI2YzJlOWE0MS04ZjNiLTRkN2UtYTVjMC0xYjlkNGU3ZjJhMzYifQ"],
    )
    """An opaque key that marks where this page ends: pass it as the `exclusiveStartKey` parameter of the same list operation to fetch the next page."""  # noqa: E501


class CreateProjectInput(RequestModel):
    """The name and description of a project to create."""

    name: ProjectName = Field(examples=["Customer onboarding"])
    """The name of the new project."""

    description: str | None = Field(
        default=None, examples=["Verifies new customers' identity documents at sign-up."]
    )
    """A description of the new project, in words for a person."""


class UpdateProjectInput(RequestModel):
    """The changes to make to a project."""

    name: ProjectName | None = Field(default=None, examples=["Customer onboarding EU"])
    """The new name of the project."""

    description: str | None = Field(
        default=None, examples=["Verifies EU customers' identity documents at sign-up."]
    )
    """The new description of the project."""

    identity_verification_enabled: Annotated[
        StrictBool | None,
        UpstreamDeviation(description=_IDENTITY_VERIFICATION, reason=_IDENTITY_VERIFICATION_REASON),
    ] = Field(default=None, examples=[True])
    """Whether identity verification is to be enabled for the project."""


class AddUserToProjectInput(RequestModel):
    """A principal (a user or a token) to add to a project."""

    principal_id: str = Field(examples=["3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"])
    """The ID of the principal to add: a user's ID or a token's ID."""

    principal_type: str = Field(examples=["token"])
    """The kind of principal that `principalId` names: `user` or `token`."""


class UserDto(ResponseModel):
    """One principal of a project, by its ID."""

    principal_id: str = Field(examples=["7c9e6679-7425-40de-944b-e07fc1f90ae7"])
    """The ID of the principal."""


class UserList(ResponseModel):
    """One page of a list of the principals of a project."""

    records: list[UserDto]
    """The principals on this page."""

    last_evaluated_key: str | None = Field(
        default=None,
        examples=[
            "eyJwcm9qZWN0SWQiOiI2YzJlOWE0MS04ZjNiLTRkN2UtYTVjMC0xYjlkNGU3ZjJhMzYiLCJwcmluY2lwYWxJZC"
            "I6IjdjOWU2Njc5LTc0MjUtNDBkZS05NDRiLWUwN2ZjMWY5MGFlNyJ9"
        ],
    )
    """An opaque key that marks where this page ends: pass it as the `exclusiveStartKey` parameter of the same list operation to fetch the next page."""  # noqa: E501

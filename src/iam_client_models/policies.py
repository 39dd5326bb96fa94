"""Access policies: what a principal (a user or a token) may do in a project.

A policy is a list of statements in the style of an IAM policy: each names principals, actions
and resources, and an effect.
"""

from __future__ import annotations

from pydantic import Field

from iam_client_models._base import ResponseModel


class PolicyStatementDto(ResponseModel):
    """One statement of a policy: its effect on the actions it names, for principals and resources."""  # noqa: E501

    action: list[str] = Field(examples=[["*"]])
    """The actions the statement applies to."""

    effect: str = Field(examples=["Allow"])
    """The effect of the statement on the actions it names, such as `Allow`."""

    # A bare principal ID, as Affinidi's guide "Grant Access to Team Members" shows the default
    # policy (`"principal": ["<USER_SUB_ID>"]`); upstream's OpenAPI example is a placeholder.
    principal: list[str] = Field(examples=[["7c9e6679-7425-40de-944b-e07fc1f90ae7"]])
    """The principals the statement applies to."""

    resource: list[str] = Field(examples=[["*"]])
    """The resources the statement's actions apply to. Upstream shows only placeholders, and does not say how a resource is named; the example, `*`, is illustrative."""  # noqa: E501


class PolicyDto(ResponseModel):
    """The access policy of one principal in a project: a versioned list of statements."""

    name: str | None = Field(default=None, examples=["Deployment pipeline"])
    """The name of the policy."""

    description: str | None = Field(
        default=None, examples=["Lets the deployment pipeline's token manage the project."]
    )
    """A description of the policy, in words for a person."""

    principal_id: str | None = Field(
        default=None, examples=["3f1b9c2e-7d4a-4e8b-9a61-2c5d8e0f4b7a"]
    )
    """The ID of the principal (a user or a token) whose policy this is."""

    project_id: str | None = Field(default=None, examples=["6c2e9a41-8f3b-4d7e-a5c0-1b9d4e7f2a36"])
    """The ID of the project the policy belongs to."""

    # The example is the version of the default policy in Affinidi's guide "Grant Access to Team
    # Members".
    version: str = Field(examples=["2022-12-15"])
    """The version of the policy. Upstream does not say what it versions."""

    statement: list[PolicyStatementDto]
    """The statements of the policy."""

"""PoliciesApi with httpx: one function per operation, each sent by the shared `iam_http.send`."""

from __future__ import annotations

from typing import Literal

from iam_client_docs.examples.iam_http import send
from iam_client_models import PolicyDto
from iam_client_models.endpoints import GET_POLICIES, UPDATE_POLICIES


def get_policies(
    principal_id: str, principal_type: Literal["user", "token"], *, authorization: str
) -> PolicyDto:
    """Get the policy a principal has in the project of the project-scoped token."""
    response = send(
        GET_POLICIES,
        path={"principalId": principal_id},
        query={"principalType": principal_type},
        authorization=authorization,
    )
    return PolicyDto.model_validate_json(response.content)


def update_policies(
    principal_id: str,
    principal_type: Literal["user", "token"],
    policy_dto: PolicyDto,
    *,
    authorization: str,
) -> PolicyDto:
    """Replace the policy a principal has in the project; return the policy as stored."""
    response = send(
        UPDATE_POLICIES,
        path={"principalId": principal_id},
        query={"principalType": principal_type},
        body=policy_dto,
        authorization=authorization,
    )
    return PolicyDto.model_validate_json(response.content)

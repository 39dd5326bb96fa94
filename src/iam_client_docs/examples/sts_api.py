"""StsApi with httpx: one function per operation, each sent by the shared `iam_http.send`."""

from __future__ import annotations

from iam_client_docs.examples.iam_http import send
from iam_client_models import (
    CreateProjectScopedTokenInput,
    CreateProjectScopedTokenOutput,
    WhoamiDto,
)
from iam_client_models.endpoints import CREATE_PROJECT_SCOPED_TOKEN, WHOAMI


def create_project_scoped_token(
    create_project_scoped_token_input: CreateProjectScopedTokenInput, *, authorization: str
) -> CreateProjectScopedTokenOutput:
    """Exchange the caller's access token for a token scoped to one of its projects."""
    response = send(
        CREATE_PROJECT_SCOPED_TOKEN,
        body=create_project_scoped_token_input,
        authorization=authorization,
    )
    return CreateProjectScopedTokenOutput.model_validate_json(response.content)


def whoami(*, authorization: str) -> WhoamiDto:
    """Get the principal that the credential identifies."""
    response = send(WHOAMI, authorization=authorization)
    return WhoamiDto.model_validate_json(response.content)

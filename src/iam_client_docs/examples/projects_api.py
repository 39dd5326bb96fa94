"""ProjectsApi with httpx: one function per operation, each sent by the shared `iam_http.send`."""

from __future__ import annotations

from typing import Literal

from iam_client_docs.examples.iam_http import send
from iam_client_models import (
    AddUserToProjectInput,
    CreateProjectInput,
    ProjectDto,
    ProjectList,
    UpdateProjectInput,
    UserList,
)
from iam_client_models.endpoints import (
    ADD_PRINCIPAL_TO_PROJECT,
    CREATE_PROJECT,
    DELETE_PRINCIPAL_FROM_PROJECT,
    GET_PROJECT,
    LIST_PRINCIPALS_OF_PROJECT,
    LIST_PROJECT,
    UPDATE_PROJECT,
)


def add_principal_to_project(
    add_user_to_project_input: AddUserToProjectInput, *, authorization: str
) -> None:
    """Add a principal, a user or a token, to the project of the project-scoped token."""
    send(ADD_PRINCIPAL_TO_PROJECT, body=add_user_to_project_input, authorization=authorization)


def create_project(create_project_input: CreateProjectInput, *, authorization: str) -> ProjectDto:
    """Create a project."""
    response = send(CREATE_PROJECT, body=create_project_input, authorization=authorization)
    return ProjectDto.model_validate_json(response.content)


def delete_principal_from_project(
    principal_id: str, principal_type: Literal["user", "token"], *, authorization: str
) -> None:
    """Remove a principal from the project of the project-scoped token."""
    send(
        DELETE_PRINCIPAL_FROM_PROJECT,
        path={"principalId": principal_id},
        query={"principalType": principal_type},
        authorization=authorization,
    )


def get_project(project_id: str, *, authorization: str) -> ProjectDto:
    """Get a project by its ID."""
    response = send(GET_PROJECT, path={"projectId": project_id}, authorization=authorization)
    return ProjectDto.model_validate_json(response.content)


def list_principals_of_project(
    limit: int | None = None, exclusive_start_key: str | None = None, *, authorization: str
) -> UserList:
    """Get one page of the principals of the project of the project-scoped token."""
    query = {"limit": limit, "exclusiveStartKey": exclusive_start_key}
    response = send(LIST_PRINCIPALS_OF_PROJECT, query=query, authorization=authorization)
    return UserList.model_validate_json(response.content)


def list_project(
    limit: int | None = None, exclusive_start_key: str | None = None, *, authorization: str
) -> ProjectList:
    """Get one page of the list of projects."""
    query = {"limit": limit, "exclusiveStartKey": exclusive_start_key}
    response = send(LIST_PROJECT, query=query, authorization=authorization)
    return ProjectList.model_validate_json(response.content)


def update_project(
    project_id: str, update_project_input: UpdateProjectInput, *, authorization: str
) -> ProjectDto:
    """Change the members of a project that the input names."""
    response = send(
        UPDATE_PROJECT,
        path={"projectId": project_id},
        body=update_project_input,
        authorization=authorization,
    )
    return ProjectDto.model_validate_json(response.content)

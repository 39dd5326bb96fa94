"""TokensApi with httpx: one function per operation, each sent by the shared `iam_http.send`."""

from __future__ import annotations

from iam_client_docs.examples.iam_http import send
from iam_client_models import (
    CreateTokenInput,
    ProjectWithPolicyList,
    TokenDto,
    TokenList,
    UpdateTokenInput,
)
from iam_client_models.endpoints import (
    CREATE_TOKEN,
    DELETE_TOKEN,
    GET_TOKEN,
    LIST_PROJECTS_OF_TOKEN,
    LIST_TOKEN,
    UPDATE_TOKEN,
)


def create_token(create_token_input: CreateTokenInput, *, authorization: str) -> TokenDto:
    """Create a token (a personal access token)."""
    response = send(CREATE_TOKEN, body=create_token_input, authorization=authorization)
    return TokenDto.model_validate_json(response.content)


def delete_token(token_id: str, *, authorization: str) -> None:
    """Delete a token by its ID."""
    send(DELETE_TOKEN, path={"tokenId": token_id}, authorization=authorization)


def get_token(token_id: str, *, authorization: str) -> TokenDto:
    """Get a token by its ID."""
    response = send(GET_TOKEN, path={"tokenId": token_id}, authorization=authorization)
    return TokenDto.model_validate_json(response.content)


def list_projects_of_token(
    token_id: str,
    limit: int | None = None,
    exclusive_start_key: str | None = None,
    *,
    authorization: str,
) -> ProjectWithPolicyList:
    """Get one page of the projects a token belongs to, each with the token's policy."""
    response = send(
        LIST_PROJECTS_OF_TOKEN,
        path={"tokenId": token_id},
        query={"limit": limit, "exclusiveStartKey": exclusive_start_key},
        authorization=authorization,
    )
    return ProjectWithPolicyList.model_validate_json(response.content)


def list_token(
    limit: int | None = None, exclusive_start_key: str | None = None, *, authorization: str
) -> TokenList:
    """Get one page of the list of tokens."""
    query = {"limit": limit, "exclusiveStartKey": exclusive_start_key}
    response = send(LIST_TOKEN, query=query, authorization=authorization)
    return TokenList.model_validate_json(response.content)


def update_token(
    token_id: str, update_token_input: UpdateTokenInput, *, authorization: str
) -> TokenDto:
    """Change a token's name or how it authenticates."""
    response = send(
        UPDATE_TOKEN,
        path={"tokenId": token_id},
        body=update_token_input,
        authorization=authorization,
    )
    return TokenDto.model_validate_json(response.content)

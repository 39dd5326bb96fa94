"""AuthzApi with httpx: one function per operation, each sent by the shared `iam_http.send`."""

from __future__ import annotations

from iam_client_docs.examples.iam_http import send
from iam_client_models import (
    GrantAccessInput,
    GrantAccessOutput,
    UpdateAccessInput,
    UpdateAccessOutput,
)
from iam_client_models.endpoints import DELETE_ACCESS_VFS, GRANT_ACCESS_VFS, UPDATE_ACCESS_VFS


def delete_access_vfs(grantee_did: str, *, authorization: str) -> None:
    """Remove a grantee's access to the consumer's virtual file system."""
    send(DELETE_ACCESS_VFS, path={"granteeDid": grantee_did}, authorization=authorization)


def grant_access_vfs(
    grant_access_input: GrantAccessInput, *, authorization: str
) -> GrantAccessOutput:
    """Grant a DID rights to the consumer's virtual file system."""
    response = send(GRANT_ACCESS_VFS, body=grant_access_input, authorization=authorization)
    return GrantAccessOutput.model_validate_json(response.content)


def update_access_vfs(
    grantee_did: str, update_access_input: UpdateAccessInput, *, authorization: str
) -> UpdateAccessOutput:
    """Replace a grantee's rights to the consumer's virtual file system."""
    response = send(
        UPDATE_ACCESS_VFS,
        path={"granteeDid": grantee_did},
        body=update_access_input,
        authorization=authorization,
    )
    return UpdateAccessOutput.model_validate_json(response.content)

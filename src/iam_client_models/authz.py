"""Access grants to the virtual file system: the rights, and the bodies that grant and change them.

A grant gives one grantee, named by its DID, a list of rights (`RightsEnum`).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field, StrictBool

from iam_client_models._base import RequestModel, ResponseModel
from iam_client_models._types import Unchecked


class RightsEnum(str, Enum):
    """A right to the virtual file system that an access grant gives its grantee.

    A member is a `str`, so it compares equal to its wire value: `RightsEnum.VFS_READ ==
    "vfs-read"`.
    """

    VFS_READ = "vfs-read"
    """The right to read from the virtual file system."""

    VFS_WRITE = "vfs-write"
    """The right to write to the virtual file system."""


class GrantAccessInput(RequestModel):
    """Who is granted access to the virtual file system, and with which rights."""

    grantee_did: str = Field(examples=["did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH"])
    """DID of the subject being granted access"""

    # affinidi-tdk-iam-client 1.63.0 models/grant_access_input.py: `conlist(RightsEnum,
    # min_items=1)`; upstream's OpenAPI document of 1.43.0: `minItems: 1`.
    rights: list[RightsEnum] = Field(min_length=1, examples=[["vfs-read", "vfs-write"]])
    """List of rights to grant to the subject"""


class GrantAccessOutput(ResponseModel):
    """The outcome of granting access to the virtual file system."""

    success: StrictBool = Field(examples=[True])
    """Whether the access was granted."""

    # Upstream's OpenAPI document of 1.43.0: `format: uuid` (the Java client of 1.48.0 types it
    # `UUID`). Kept when it is not one.
    grant_id: Annotated[str, Unchecked("format", "uuid")] | None = Field(
        default=None, examples=["5e8d2f14-3a7c-4b96-8f0e-c1d4a6b9e273"]
    )
    """Unique identifier for the access grant"""


class UpdateAccessInput(RequestModel):
    """The rights a grantee's access to the virtual file system is updated with."""

    # affinidi-tdk-iam-client 1.63.0 models/update_access_input.py: `conlist(RightsEnum,
    # min_items=1)`; upstream's OpenAPI document of 1.43.0: `minItems: 1`.
    rights: list[RightsEnum] = Field(min_length=1, examples=[["vfs-read"]])
    """List of rights to update access"""


class UpdateAccessOutput(ResponseModel):
    """The outcome of updating a grantee's access to the virtual file system."""

    success: StrictBool = Field(examples=[True])
    """Whether the access was updated."""

"""The baseline of the token response: its six fields as plain pydantic fields, nothing else
(the import benchmark copies this file alone into a temporary folder and imports it there)."""

from pydantic import BaseModel


class BareTokenResponse(BaseModel):
    access_token: str | None = None
    expires_in: int | None = None
    id_token: str | None = None
    refresh_token: str | None = None
    scope: str | None = None
    token_type: str | None = None

"""The baseline: the six response fields as plain pydantic fields, and nothing else.

No docstrings, examples, extra members, secret-hiding or `expires_in` string form: what a
user writing their own model in five minutes would have. The parse benchmark imports it; the
import benchmark copies this file alone into a temporary folder and imports it there.
"""

from pydantic import BaseModel


class BareTokenResponse(BaseModel):
    access_token: str | None = None
    expires_in: int | None = None
    id_token: str | None = None
    refresh_token: str | None = None
    scope: str | None = None
    token_type: str | None = None

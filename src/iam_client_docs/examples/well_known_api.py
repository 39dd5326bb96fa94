"""WellKnownApi with httpx: one function per operation, each sent by the shared `iam_http.send`."""

from __future__ import annotations

from typing import Any

from iam_client_docs.examples.iam_http import send
from iam_client_models import JsonWebKeySetDto
from iam_client_models.endpoints import GET_WELL_KNOWN_DID, GET_WELL_KNOWN_JWKS


def get_well_known_did() -> dict[str, Any]:
    """Get the service's DID document: a JSON object, which this package has no model of."""
    document = send(GET_WELL_KNOWN_DID).json()
    if not isinstance(document, dict):
        raise ValueError(f"the DID document is not a JSON object: {type(document).__name__}")
    return document


def get_well_known_jwks() -> JsonWebKeySetDto:
    """Get the public keys the service signs with."""
    return JsonWebKeySetDto.model_validate_json(send(GET_WELL_KNOWN_JWKS).content)

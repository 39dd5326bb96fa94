"""ConsumerAuthApi with httpx: one function per operation, sent by the shared `iam_http.send`."""

from __future__ import annotations

from iam_client_docs.examples.iam_http import send
from iam_client_models import ConsumerAuthTokenEndpointInput, ConsumerAuthTokenEndpointOutput
from iam_client_models.endpoints import CONSUMER_AUTH_TOKEN_ENDPOINT


def consumer_auth_token_endpoint(
    consumer_auth_token_endpoint_input: ConsumerAuthTokenEndpointInput,
) -> ConsumerAuthTokenEndpointOutput:
    """Exchange a client assertion for tokens. Printed output leaves the token values out."""
    response = send(CONSUMER_AUTH_TOKEN_ENDPOINT, body=consumer_auth_token_endpoint_input)
    return ConsumerAuthTokenEndpointOutput.model_validate_json(response.content)

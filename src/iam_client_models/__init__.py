"""Typed pydantic v2 models for the Affinidi IAM consumer OAuth 2.0 token endpoint."""

from iam_client_models.consumer_auth_token_endpoint_input import ConsumerAuthTokenEndpointInput
from iam_client_models.consumer_auth_token_endpoint_output import ConsumerAuthTokenEndpointOutput

__version__ = "0.1.0"

__all__ = ["ConsumerAuthTokenEndpointInput", "ConsumerAuthTokenEndpointOutput"]

"""Get tokens from the consumer token endpoint with httpx.

Run it with a client assertion, a JWT signed with your client's private key:

    IAM_CLIENT_ASSERTION=eyJhbGciOi... python consumer_auth_token_endpoint.py

IAM_API_BASE_URL, if set, replaces https://apse1.api.affinidi.io/iam (tests use a local server).
"""

from __future__ import annotations

import os
import sys

import httpx

from iam_client_models import ConsumerAuthTokenEndpointInput, ConsumerAuthTokenEndpointOutput
from iam_client_models.endpoints import BASE_URL
from iam_client_models.endpoints import CONSUMER_AUTH_TOKEN_ENDPOINT as ENDPOINT


class TokenRequestError(Exception):
    """The endpoint answered with an error status.

    The message names the status and the error the body describes. It leaves out the `value`
    members of the error details and any credential of the request, so it is safe to log.
    """

    def __init__(self, response: httpx.Response, secrets: list[str]) -> None:
        declared = {declared.status: declared.name for declared in ENDPOINT.responses}
        status = f"{response.status_code} {declared.get(response.status_code, '')}".strip()
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            error = f"{body.get('name')}: {body.get('message')}"
            for detail in body.get("details") or []:
                if isinstance(detail, dict):
                    error += f" [{detail.get('field', 'request')}: {detail.get('issue')}]"
            error += f" (traceId {body.get('traceId')})"
        else:
            kind = response.headers.get("content-type", "no content type")
            error = f"{len(response.content)} bytes of {kind}"
        for secret in secrets:
            error = error.replace(secret, "[hidden]")
        super().__init__(f"{ENDPOINT.method} {response.url} failed: HTTP {status}: {error}")
        self.status_code = response.status_code
        self.trace_id = body.get("traceId") if isinstance(body, dict) else None


def consumer_auth_token_endpoint(
    request: ConsumerAuthTokenEndpointInput, base_url: str | None = None
) -> ConsumerAuthTokenEndpointOutput:
    """Send the token request; return the tokens, or raise `TokenRequestError`."""
    base_url = base_url or os.environ.get("IAM_API_BASE_URL", BASE_URL)
    response = httpx.request(
        ENDPOINT.method,
        base_url.rstrip("/") + ENDPOINT.path,
        content=request.model_dump_json(exclude_none=True),
        headers=dict(ENDPOINT.request_headers),
        timeout=30,
    )
    if response.status_code != 200:
        secrets = [request.client_assertion, request.code or "", request.refresh_token or ""]
        raise TokenRequestError(response, [secret for secret in secrets if secret])
    return ConsumerAuthTokenEndpointOutput.model_validate_json(response.content)


def main() -> int:
    assertion = os.environ.get("IAM_CLIENT_ASSERTION")
    if not assertion:
        print("Set IAM_CLIENT_ASSERTION to your client assertion (a signed JWT).", file=sys.stderr)
        return 2
    request = ConsumerAuthTokenEndpointInput(
        grant_type="client_credentials",
        client_assertion_type="urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion=assertion,
    )
    try:
        token = consumer_auth_token_endpoint(request)
    except (TokenRequestError, httpx.HTTPError) as error:
        print(error, file=sys.stderr)
        return 1
    print(token)  # the token values are left out of the output
    # > expires_in=3599 scope='openid' token_type='bearer'
    # Call the APIs with: headers={"Authorization": f"Bearer {token.access_token}"}
    return 0


if __name__ == "__main__":
    sys.exit(main())

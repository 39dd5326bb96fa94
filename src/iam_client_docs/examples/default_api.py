"""DefaultApi with httpx: one function per operation, each sent by the shared `iam_http.send`.

These operations are pass-through proxies: upstream declares no body and no response, so each
function returns the `httpx.Response` of the service behind the proxy as it is.
"""

from __future__ import annotations

import httpx

from iam_client_docs.examples.iam_http import send
from iam_client_models.endpoints import operation


def v1_auth_proxy_delete(proxy: str) -> httpx.Response:
    """Pass a DELETE request on to the service below `/v1/auth/`."""
    return send(operation("v1AuthProxyDelete"), path={"proxy": proxy})


def v1_auth_proxy_get(proxy: str) -> httpx.Response:
    """Pass a GET request on to the service below `/v1/auth/`."""
    return send(operation("v1AuthProxyGet"), path={"proxy": proxy})


def v1_auth_proxy_patch(proxy: str) -> httpx.Response:
    """Pass a PATCH request on to the service below `/v1/auth/`."""
    return send(operation("v1AuthProxyPatch"), path={"proxy": proxy})


def v1_auth_proxy_post(proxy: str) -> httpx.Response:
    """Pass a POST request on to the service below `/v1/auth/`."""
    return send(operation("v1AuthProxyPost"), path={"proxy": proxy})


def v1_auth_proxy_put(proxy: str) -> httpx.Response:
    """Pass a PUT request on to the service below `/v1/auth/`."""
    return send(operation("v1AuthProxyPut"), path={"proxy": proxy})


def v1_idp_proxy_delete(proxy: str) -> httpx.Response:
    """Pass a DELETE request on to the service below `/v1/idp/`."""
    return send(operation("v1IdpProxyDelete"), path={"proxy": proxy})


def v1_idp_proxy_get(proxy: str) -> httpx.Response:
    """Pass a GET request on to the service below `/v1/idp/`."""
    return send(operation("v1IdpProxyGet"), path={"proxy": proxy})


def v1_idp_proxy_patch(proxy: str) -> httpx.Response:
    """Pass a PATCH request on to the service below `/v1/idp/`."""
    return send(operation("v1IdpProxyPatch"), path={"proxy": proxy})


def v1_idp_proxy_post(proxy: str) -> httpx.Response:
    """Pass a POST request on to the service below `/v1/idp/`."""
    return send(operation("v1IdpProxyPost"), path={"proxy": proxy})


def v1_idp_proxy_put(proxy: str) -> httpx.Response:
    """Pass a PUT request on to the service below `/v1/idp/`."""
    return send(operation("v1IdpProxyPut"), path={"proxy": proxy})

"""The API pages' curl commands, run with the real `curl` against the local stand-in server.

Each operation's command is taken from its built page, with the stand-in's base URL for the
real one and the credentials of `example_env` in the environment, as the Python examples get
them. The answer must be the documented success; what arrived must be what the operation
declares: its method, path, query, headers, token and the example body.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from iam_client_docs.describe import describe_model
from iam_client_docs.describe_api import credential_variable
from iam_client_docs.markup import api_page_path
from iam_client_models.endpoints import API_CLASSES, BASE_URL, OPERATIONS, Operation
from tests.conftest import Build
from tests.examples import CodeBlock, code_blocks
from tests.mock_iam_server import MockIamServer

PROXY_STATUS = 204
"""What the stand-in answers a proxy, which declares no response (mock_iam_server.py)."""


def _built(page: str) -> str:
    return page.removesuffix(".md") + "/index.html"


@pytest.fixture(scope="session")
def curl_commands(site_build: Build) -> dict[str, CodeBlock]:
    """Each operation's curl command, by operation name: the page's `bash` blocks, which
    are its operations' commands in order."""
    found: dict[str, CodeBlock] = {}
    for api in API_CLASSES:
        page = _built(api_page_path(api.name))
        blocks = [b for b in code_blocks(site_build.page(page), page) if b.language == "bash"]
        assert len(blocks) == len(api.operations), f"{page}: one curl command per operation"
        found |= {op.name: block for op, block in zip(api.operations, blocks, strict=True)}
    return found


@pytest.fixture(scope="session")
def curl() -> str:
    found = shutil.which("curl")
    if found is None:
        message = "curl is not on PATH: install it (Debian: apt-get install curl)"
        if os.environ.get("CI"):
            pytest.fail(f"{message} [CI is set: these checks must run]", pytrace=False)
        pytest.skip(message)
    return found


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.name)
def test_each_curl_command_gets_the_documented_success_with_what_is_declared(
    operation: Operation,
    curl_commands: dict[str, CodeBlock],
    curl: str,
    mock_iam_server: MockIamServer,
    example_env: dict[str, str],
    tmp_path: Path,
) -> None:
    block = curl_commands[operation.name]
    assert block.code.startswith("curl ") and block.code.count(BASE_URL) == 1, block.code
    command = block.code.replace(BASE_URL, mock_iam_server.base_url).replace(
        "curl ",
        f"{curl} --silent --show-error --output answer --write-out '%{{response_code}}' ",
        1,
    )
    before = len(mock_iam_server.requests)
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        env={**os.environ, **example_env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"{block.label}:\n{command}\n{result.stderr}"
    answer = (tmp_path / "answer").read_bytes() if (tmp_path / "answer").exists() else b""
    success = operation.success
    expected = PROXY_STATUS if success is None else success.status
    assert result.stdout == str(expected), f"{block.label}: HTTP {result.stdout}: {answer!r}"

    (sent,) = mock_iam_server.requests[before:]
    assert sent.method == operation.method
    target = urlsplit(sent.path)
    values = {p.name: str(p.example) for p in operation.path_parameters}
    assert target.path == "/iam" + operation.url_path(values)
    required = [p for p in operation.query_parameters if p.required]
    assert dict(parse_qsl(target.query)) == {p.name: str(p.example) for p in required}
    for name, value in operation.request_headers:
        assert sent.headers[name.lower()] == value
    if operation.authorization:
        scheme = operation.authorization[0]
        assert sent.headers[scheme.header] == example_env[credential_variable(scheme.name)]
    else:
        assert "authorization" not in sent.headers
    if operation.body is None:
        assert sent.body == b""
        return
    # The body is the example's, member by member, a credential from the environment.
    described = describe_model(operation.body.model, "iam_client_models")
    fields = {field.name: field for field in described.fields}
    members = json.loads(sent.body)
    assert members and set(members) <= set(fields)
    for name, value in members.items():
        wanted = example_env[credential_variable(name)] if fields[name].secret else None
        assert value == (wanted or fields[name].example), name
    assert all(name in members for name, field in fields.items() if field.required)

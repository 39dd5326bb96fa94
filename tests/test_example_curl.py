"""The API pages' curl commands, run with the real `curl` against the local stand-in server.

Each operation's command is taken from its built page, with the stand-in's base URL for the
real one and the credentials of `example_env` in the environment, as the Python examples get
them. The answer must be the documented success; what arrived must be what the operation
declares: its method, path, query, headers, token and the example body. The quoting is checked
apart, with values no example has, by the arguments and input the shell hands to `curl`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

import iam_client_models
from iam_client_docs.describe import describe_model, describe_types
from iam_client_docs.describe_api import credential_variable, describe_api
from iam_client_docs.descriptions import ModelDoc, OperationDoc
from iam_client_docs.markup import api_page_path
from iam_client_docs.render_api import _curl_command
from iam_client_models import endpoints
from iam_client_models.endpoints import API_CLASSES, BASE_URL, OPERATIONS, ApiClass, Operation
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


# ---------------------------------------------------------------------------------------------
# Shell quoting, on values no example has: the shell must hand curl every character as written.

HOSTILE = "it's \"$HOME\" `id` \\ $(id) \u00e9 '\\'' end"
EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "src" / "iam_client_docs" / "examples"


def _hostile(doc: OperationDoc) -> OperationDoc:
    """The operation with every non-secret body member's example, and the path, hostile."""
    assert doc.body is not None
    model = doc.body.model
    fields = tuple(
        field if field.secret else dataclasses.replace(field, example=HOSTILE)
        for field in model.fields
    )
    body = dataclasses.replace(doc.body, model=dataclasses.replace(model, fields=fields))
    return dataclasses.replace(doc, body=body, example_path=doc.example_path + "/'$x'")


def _as_curl_sees_it(command: str, env: dict[str, str]) -> tuple[list[str], str]:
    """The arguments and the standard input that `command` hands to `curl`."""
    stand_in = 'curl() { printf "%s\\0" "$@"; printf "\\1"; cat; }\n'
    result = subprocess.run(
        ["bash", "-c", stand_in + command],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    arguments, stdin = result.stdout.split("\1", 1)
    return arguments.split("\0")[:-1], stdin


@pytest.mark.parametrize(
    ("api", "name"),
    [
        pytest.param(endpoints.TOKENS_API, "updateToken", id="quoted-here-document"),
        pytest.param(
            endpoints.CONSUMER_AUTH_API, "consumerAuthTokenEndpoint", id="with-a-credential"
        ),
    ],
)
def test_the_command_hands_curl_every_character_as_written(api: ApiClass, name: str) -> None:
    models = [page for page in describe_types(iam_client_models) if isinstance(page, ModelDoc)]
    doc = next(op for op in describe_api(api, models, EXAMPLES_DIR).operations if op.name == name)
    doc = _hostile(doc)
    assert doc.body is not None
    env = {variable: "header.payload.signature" for _, variable in doc.body.credentials}
    if doc.credential is not None:
        env[doc.credential.variable] = "a token $(id) `id`"
    arguments, stdin = _as_curl_sees_it(_curl_command(doc, BASE_URL), env)
    assert arguments[:3] == ["--request", doc.method, BASE_URL + doc.example_path]
    if doc.credential is not None:
        assert f"{doc.credential.header}: a token $(id) `id`" in arguments
    assert arguments[-2:] == ["--data", "@-"]
    sent = json.loads(stdin)
    credentials = dict(doc.body.credentials)
    for key, value in sent.items():
        assert value == ("header.payload.signature" if key in credentials else HOSTILE), key

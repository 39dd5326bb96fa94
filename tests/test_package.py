"""The distributions `uv build` makes, and the wheel at work in bare virtual environments.

The wheel is installed on the oldest and on the newest CPython 3.10-3.13 on the machine.
"""

from __future__ import annotations

import email.parser
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from email.message import Message
from pathlib import Path, PurePosixPath
from typing import NamedTuple

import pytest

import iam_client_models
from tests.conftest import ROOT

UPSTREAM_URL = "https://www.npmjs.com/package/@affinidi-tdk/iam-client"
# pydantic and what pydantic itself needs: nothing else may come with the wheel.
RUNTIME_DISTRIBUTIONS = {
    "iam-client-models",
    "pydantic",
    "pydantic-core",
    "typing-extensions",
    "annotated-types",
    "typing-inspection",
}
RESPONSE = {
    "access_token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnQtMSJ9.c2lnbmF0dXJlLWFjY2Vzcw",
    "token_type": "bearer",
    "expires_in": "3600",
    "id_token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLWlk",
    "server_extra": {"kept": True},
}
# Runs inside the bare environment and reports what it finds there as JSON.
PROBE = """
import importlib.metadata
import importlib.resources
import importlib.util
import json
import platform
import sys

import iam_client_models
from iam_client_models import ConsumerAuthTokenEndpointOutput

token = ConsumerAuthTokenEndpointOutput.model_validate_json(sys.argv[1])
print(json.dumps({
    "python": platform.python_version(),
    "prefix": sys.prefix,
    "module": iam_client_models.__file__,
    "version": iam_client_models.__version__,
    "dump": token.model_dump(mode="json", exclude_none=True),
    "repr": repr(token),
    "py_typed": importlib.resources.files("iam_client_models").joinpath("py.typed").is_file(),
    "requires": importlib.metadata.requires("iam-client-models"),
    "installed": [dist.metadata["Name"] for dist in importlib.metadata.distributions()],
    "absent": [name for name in ("iam_client_docs", "mkdocs", "pytest")
               if importlib.util.find_spec(name) is not None],
}))
"""
# The CPython versions the wheel is tested on, the oldest and the newest of them found.
SUPPORTED = ((3, 10), (3, 11), (3, 12), (3, 13))
VERSION_PROBE = (
    "import platform, sys, sysconfig; print(sys.implementation.name, platform.python_version(),"
    " bool(sysconfig.get_config_var('Py_GIL_DISABLED')))"
)


@dataclass(frozen=True)
class Dists:
    sdist: Path
    wheel: Path


def normalize(name: str) -> str:
    """A distribution name in the form packaging tools compare (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(specs: list[str]) -> list[str]:
    """The distribution names in Requires-Dist entries such as `pydantic<3,>=2.7`."""
    return [normalize(re.split(r"[^A-Za-z0-9._-]", spec, maxsplit=1)[0]) for spec in specs]


def uv() -> str:
    # `uv run` names its own binary in UV; scripts/test also puts the pinned uv on PATH.
    found = os.environ.get("UV") or shutil.which("uv")
    assert found, "uv builds and installs the wheel: run the tests with scripts/test"
    return found


def run(*command: str | Path) -> None:
    result = subprocess.run(
        [str(part) for part in command],
        env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"},  # only the Pythons the machine has
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}{result.stderr}"


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """`uv build` of the checkout: the sdist, then the wheel built from that sdist."""
    out = tmp_path_factory.mktemp("dist")
    run(uv(), "build", "--out-dir", out, ROOT)
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Dists(sdist, wheel)


def wheel_metadata(wheel: Path) -> tuple[list[str], Message]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata,) = [name for name in names if name.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode("utf-8")
    return names, email.parser.Parser().parsestr(text)


def test_wheel_holds_the_models_package_and_nothing_else(dists: Dists) -> None:
    names, _ = wheel_metadata(dists.wheel)
    dist_info = f"iam_client_models-{iam_client_models.__version__}.dist-info/"
    packaged = {name for name in names if not name.startswith(dist_info)}
    source = ROOT / "src" / "iam_client_models"
    expected = {
        f"iam_client_models/{path.relative_to(source).as_posix()}"
        for path in source.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert "iam_client_models/py.typed" in expected
    assert packaged == expected
    with zipfile.ZipFile(dists.wheel) as archive:
        licence = archive.read(dist_info + "licenses/LICENSE")
    assert licence == (ROOT / "LICENSE").read_bytes()


def test_wheel_metadata_is_complete(dists: Dists) -> None:
    _, metadata = wheel_metadata(dists.wheel)
    assert metadata["Name"] == "iam-client-models"
    assert metadata["Version"] == iam_client_models.__version__
    assert dists.wheel.name == f"iam_client_models-{metadata['Version']}-py3-none-any.whl"
    assert "pydantic" in metadata["Summary"] and "IAM API" in metadata["Summary"]
    assert metadata["License-Expression"] == "Apache-2.0"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert metadata["Requires-Python"] == ">=3.10"
    classifiers = metadata.get_all("Classifier") or []
    assert {"Typing :: Typed", "Framework :: Pydantic :: 2"} <= set(classifiers)
    # PEP 639: the licence is named by the expression only, never also by a classifier.
    assert not [c for c in classifiers if c.startswith("License ::")]
    assert metadata.get_all("Project-URL") == [f"Upstream, {UPSTREAM_URL}"]
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert metadata.get_payload() == (ROOT / "README.md").read_text(encoding="utf-8")
    assert requirement_names(metadata.get_all("Requires-Dist") or []) == ["pydantic"]


def test_sdist_has_the_sources_and_no_local_state(dists: Dists) -> None:
    with tarfile.open(dists.sdist) as archive:
        members = [PurePosixPath(name) for name in archive.getnames()]
    top = f"iam_client_models-{iam_client_models.__version__}"
    assert all(member.parts[0] == top for member in members)
    files = {PurePosixPath(*member.parts[1:]).as_posix() for member in members}
    needed = {
        "pyproject.toml",
        "PKG-INFO",
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
        "uv.lock",
        "mkdocs.yml",
        "docs/index.md",
        "src/iam_client_models/__init__.py",
        "src/iam_client_models/py.typed",
        "src/iam_client_docs/mkdocs_hook.py",
        "tests/conftest.py",
    }
    assert needed <= files
    local = {".venv", ".tools", "site", "dist", ".git", "__pycache__", ".pytest_cache"}
    leaked = sorted(
        name
        for name in files
        # .venv-3.X: the environments scripts/test makes for the other Pythons
        if any(part in local or part.startswith(".venv-") for part in PurePosixPath(name).parts)
    )
    assert leaked == []
    assert not [name for name in files if name.endswith(".pyc")]


class Interpreter(NamedTuple):
    version: str  # as platform.python_version() says it: "3.10.13"
    path: Path


@functools.cache
def cpythons() -> dict[tuple[int, int], Interpreter]:
    """One working CPython per minor version 3.10-3.13 on this machine, as scripts/test finds them.

    The running one first; then pyenv's, by their own paths (its shims answer only for its global
    version); then those on PATH as python3.X. Free-threaded builds are left out.
    """
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    candidates = [Path(sys.executable)]
    for major, minor in SUPPORTED:
        candidates += sorted(pyenv.glob(f"versions/{major}.{minor}.*/bin/python{major}.{minor}"))
        on_path = shutil.which(f"python{major}.{minor}")
        candidates += [Path(on_path)] if on_path else []
    found: dict[tuple[int, int], Interpreter] = {}
    for candidate in candidates:
        try:
            result = subprocess.run(
                [str(candidate), "-I", "-c", VERSION_PROBE],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except OSError:
            continue
        words = result.stdout.split()
        if result.returncode != 0 or len(words) != 3 or words[::2] != ["cpython", "False"]:
            continue
        major, minor = (int(part) for part in words[1].split(".")[:2])
        if (major, minor) in SUPPORTED and (major, minor) not in found:
            found[major, minor] = Interpreter(words[1], candidate)
    return dict(sorted(found.items()))


@pytest.fixture(scope="module", params=["oldest", "newest"])
def bare_python(
    request: pytest.FixtureRequest, dists: Dists, tmp_path_factory: pytest.TempPathFactory
) -> Interpreter:
    """A fresh virtual environment on the oldest or the newest CPython found, with only the wheel
    and what it pulls in installed; its interpreter and the version it was made from."""
    found = list(cpythons().values())
    if len(found) < 2 and (request.param == "newest" or not found):
        names = ", ".join(f"{python.version} ({python.path})" for python in found) or "none"
        problem = (
            "the wheel is tested on the oldest and the newest CPython 3.10-3.13 found, and only "
            f"one was found: {names}. Install another (pyenv install 3.13, or Debian's python3.X)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{problem} [CI is set: the wheel must be tested on two]", pytrace=False)
        pytest.skip(problem)
    base = found[0] if request.param == "oldest" else found[-1]
    venv = tmp_path_factory.mktemp(f"bare-{base.version}") / "venv"
    run(uv(), "venv", "--quiet", "--python", base.path, venv)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(uv(), "pip", "install", "--quiet", "--python", python, dists.wheel)
    return Interpreter(base.version, python)


def test_wheel_installs_and_parses_a_token_response_in_a_bare_environment(
    bare_python: Interpreter,
) -> None:
    # -I: no PYTHONPATH, no user site, no current directory, so src/ cannot stand in.
    result = subprocess.run(
        [str(bare_python.path), "-I", "-c", PROBE, json.dumps(RESPONSE)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["python"] == bare_python.version
    assert Path(found["module"]).is_relative_to(found["prefix"])
    assert found["version"] == iam_client_models.__version__
    assert found["dump"] == {**RESPONSE, "expires_in": 3600}
    assert RESPONSE["access_token"] not in found["repr"]
    assert RESPONSE["id_token"] not in found["repr"]
    assert found["py_typed"] is True
    assert requirement_names(found["requires"]) == ["pydantic"]
    installed = {normalize(name) for name in found["installed"]}
    assert "iam-client-models" in installed
    assert installed <= RUNTIME_DISTRIBUTIONS, installed - RUNTIME_DISTRIBUTIONS
    assert found["absent"] == []

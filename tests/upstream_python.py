"""The source of upstream's Python client, `affinidi-tdk-iam-client` from PyPI, as text.

The version is pinned, with its hash, in `tests/upstream-python-client.txt`; scripts/test
downloads that wheel into `.tools/upstream-python/` when `WHEEL` is missing. Nothing here
imports it (it needs pydantic 1). `upstream_python_client()` unpacks the wheel once and returns
the folder of the package; `response_types()` reads each operation's `_response_types_map`.
Without the wheel a test skips, saying how to get it; with `CI` set it fails instead.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest

__all__ = [
    "UPSTREAM_PYTHON_VERSION",
    "WHEEL",
    "parameter_rules",
    "response_types",
    "upstream_python_client",
]

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "tests" / "upstream-python-client.txt"
"""The pin (version and hash) of the wheel, written only there: scripts/test downloads it with
`pip download --require-hashes -r` that file, and the lines below read it."""
_PIN = re.search(
    r"^affinidi-tdk-iam-client==(?P<version>\S+) --hash=sha256:(?P<sha256>[0-9a-f]{64})$",
    REQUIREMENTS.read_text(encoding="utf-8"),
    re.MULTILINE,
)
if _PIN is None:  # pragma: no cover - an edit of the requirements file
    raise ValueError(f"{REQUIREMENTS.name}: no line 'affinidi-tdk-iam-client==V --hash=sha256:H'")
UPSTREAM_PYTHON_VERSION = _PIN["version"]
WHEEL_SHA256 = _PIN["sha256"]
DOWNLOADS = ROOT / ".tools" / "upstream-python"
WHEEL = DOWNLOADS / f"affinidi_tdk_iam_client-{UPSTREAM_PYTHON_VERSION}-py3-none-any.whl"


@functools.cache
def upstream_python_client() -> Path:
    """The unpacked wheel's `affinidi_tdk_iam_client/`; skips (fails with CI set) without it."""
    problem = None
    if not WHEEL.is_file():
        problem = f"{WHEEL.relative_to(ROOT)} is missing"
    elif hashlib.sha256(WHEEL.read_bytes()).hexdigest() != WHEEL_SHA256:
        problem = f"{WHEEL.relative_to(ROOT)} is not the wheel PyPI serves (sha256 differs)"
    if problem is not None:
        problem += (
            ": scripts/test downloads it (or: pip download --no-deps "
            f"affinidi-tdk-iam-client=={UPSTREAM_PYTHON_VERSION} -d {DOWNLOADS.relative_to(ROOT)})"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{problem} [CI is set: these checks must run]", pytrace=False)
        pytest.skip(problem)
    unpacked = DOWNLOADS / WHEEL.name.removesuffix("-py3-none-any.whl")
    if not unpacked.is_dir():
        # Unpacked beside, then renamed: a run that stops half-way leaves no half a package.
        temporary = Path(tempfile.mkdtemp(dir=DOWNLOADS, prefix=".unpacking-"))
        with zipfile.ZipFile(WHEEL) as wheel:
            wheel.extractall(temporary)
        try:
            temporary.rename(unpacked)
        except OSError:  # another run unpacked it first
            shutil.rmtree(temporary)
    return unpacked / "affinidi_tdk_iam_client"


def response_types(client: Path) -> dict[str, dict[str, dict[int, str]]]:
    """API class -> Python method -> status -> the body type upstream names (`"object"` too).

    Read from `api/*_api.py`: each `<method>_with_http_info` assigns `_response_types_map`, a
    dict literal (empty where upstream names no body at all).
    """
    found: dict[str, dict[str, dict[int, str]]] = {}
    for path in sorted((client / "api").glob("*_api.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for klass in (node for node in tree.body if isinstance(node, ast.ClassDef)):
            methods = found.setdefault(klass.name, {})
            for function in klass.body:
                if not isinstance(function, ast.FunctionDef):
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.Assign) and [
                        getattr(t, "id", None) for t in node.targets
                    ] == ["_response_types_map"]:
                        name = function.name.removesuffix("_with_http_info")
                        mapping = ast.literal_eval(node.value)
                        methods[name] = {int(status): body for status, body in mapping.items()}
    return found


# pydantic 1's constrained types in a parameter's annotation, and the JSON Schema keyword each
# of their arguments means.
_KEYWORDS = {
    "conint": {
        "ge": "minimum",
        "le": "maximum",
        "gt": "exclusiveMinimum",
        "lt": "exclusiveMaximum",
    },
    "constr": {"min_length": "minLength", "max_length": "maxLength", "regex": "pattern"},
}


def parameter_rules(client: Path) -> dict[str, dict[str, dict[str, object]]]:
    """Python method -> parameter -> JSON Schema keyword -> value, from `api/*_api.py`.

    Each method's parameter annotations, as `conint(strict=True, le=100, ge=1)` and
    `constr(strict=True, max_length=3000)` write them; a parameter without one has `{}`.
    """
    found: dict[str, dict[str, dict[str, object]]] = {}
    for path in sorted((client / "api").glob("*_api.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for klass in (node for node in tree.body if isinstance(node, ast.ClassDef)):
            for function in klass.body:
                if not isinstance(function, ast.FunctionDef) or function.name.startswith("_"):
                    continue
                if function.name.endswith("_with_http_info"):  # the same parameters again
                    continue
                parameters = found.setdefault(function.name, {})
                for arg in function.args.args[1:]:
                    rules: dict[str, object] = {}
                    for node in ast.walk(arg.annotation) if arg.annotation else ():
                        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                            meaning = _KEYWORDS.get(node.func.id, {})
                            for keyword in node.keywords:
                                if keyword.arg in meaning:
                                    value = ast.literal_eval(keyword.value)
                                    rules[meaning[keyword.arg]] = value
                    parameters[arg.arg] = rules
    return found

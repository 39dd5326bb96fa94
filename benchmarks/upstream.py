"""The upstream client (`affinidi-tdk-iam-client`, pydantic 1) in its own virtual environment.

Made on first use in `benchmarks/.venv-upstream/` (gitignored) from the pinned
`upstream-requirements.txt` on our base interpreter, and again when either changes. A worker in
it (`python -m benchmarks.upstream`, standard library and the upstream package only) answers one
JSON line per request, so its samples interleave with ours: `check` parses each payload with its
model's `from_json` (`data` or `error`), `calibrate` and `sample` time a case, `parse:<label>`
(`from_json`) or `dump:<label>` (`to_json` of an instance parsed just before).
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.timing import calibrate, child_env, ns_per_op

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv-upstream"
REQUIREMENTS = HERE / "upstream-requirements.txt"
UPSTREAM_IMPORT = "import affinidi_tdk_iam_client"
"""What a user of the upstream client runs: its package `__init__` loads every model and API."""


def upstream_python() -> Path:
    """The upstream environment's interpreter, made (or remade) if needed."""
    python, stamp = VENV / "bin" / "python", VENV / "benchmark-stamp.txt"
    expected = f"{sys.version}\n{REQUIREMENTS.read_text(encoding='utf-8')}"
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == expected:
        return python
    shutil.rmtree(VENV, ignore_errors=True)
    print(f"making the upstream environment in {VENV} ...", flush=True)
    if uv := shutil.which("uv"):
        # uv resolves our virtual environment's interpreter to its base interpreter.
        subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(VENV)], check=True)
        install = [uv, "pip", "install", "--quiet", "--python", str(python)]
    else:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*install, "--requirement", str(REQUIREMENTS)], check=True)
    stamp.write_text(expected, encoding="utf-8")
    return python


def upstream_versions(python: Path) -> dict[str, str]:
    """Versions of the upstream client and of the pydantic it runs on."""
    code = (
        "import json, importlib.metadata as m, pydantic; "
        "print(json.dumps({'affinidi-tdk-iam-client': m.version('affinidi-tdk-iam-client'), "
        "'pydantic': pydantic.VERSION, 'compiled': str(pydantic.compiled)}))"
    )
    found = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    versions: dict[str, str] = json.loads(found.stdout)
    return versions


class UpstreamWorker:
    """A running worker process; one request and one answer at a time."""

    def __init__(self, python: Path) -> None:
        command = [str(python), "-m", "benchmarks.upstream"]
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=HERE.parent,
            env=child_env([HERE.parent]),
        )

    def request(self, **request: Any) -> Any:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"the upstream worker stopped (exit {self._process.wait()})")
        answer = json.loads(line)
        if isinstance(answer, dict) and list(answer) == ["error"]:
            raise RuntimeError(f"the upstream worker: {answer['error']}")
        return answer

    def __enter__(self) -> UpstreamWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)


def _worker() -> None:
    payloads: dict[str, tuple[Any, str]] = {}

    def timed(case: str) -> Callable[[], object]:
        kind, label = case.split(":", 1)
        model, text = payloads[label]
        if kind == "dump":
            to_json: Callable[[], object] = model.from_json(text).to_json
            return to_json
        return lambda: model.from_json(text)

    for line in sys.stdin:
        request = json.loads(line)
        answer: dict[str, Any] = {}
        if request["op"] == "check":
            for label, payload in request["payloads"].items():
                module, _, name = payload["model"].partition(":")
                package = importlib.import_module(f"affinidi_tdk_iam_client.models.{module}")
                model = getattr(package, name)
                payloads[label] = (model, payload["text"])
                try:
                    answer[label] = {"ok": True, "data": model.from_json(payload["text"]).to_dict()}
                except Exception as error:  # any failure to parse is the finding to report
                    answer[label] = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        elif request["op"] == "calibrate":
            answer = {"number": calibrate(timed(request["case"]), request["target"])}
        elif request["op"] == "sample":
            answer = {"ns": ns_per_op(timed(request["case"]), request["number"])}
        else:
            answer = {"error": f"unknown op {request['op']!r}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    _worker()

"""The upstream client (`affinidi-tdk-iam-client`, pydantic 1) in its own virtual environment.

The environment is made on first use in `benchmarks/.venv-upstream/` (gitignored) from the
pinned `upstream-requirements.txt`, on the same base interpreter as ours, and made again when
the pins or the interpreter change. A worker process in it (`upstream_worker.py`) parses and
times the upstream models and answers over a pipe, so its samples interleave with ours.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.timing import child_env

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = HERE / ".venv-upstream"
REQUIREMENTS = HERE / "upstream-requirements.txt"
UPSTREAM_IMPORT = "import affinidi_tdk_iam_client"
"""What a user of the upstream client runs: its package `__init__` loads every model and API."""


def _stamp() -> str:
    return f"{sys.version}\n{REQUIREMENTS.read_text(encoding='utf-8')}"


def upstream_python() -> Path:
    """The upstream environment's interpreter, made (or remade) if needed."""
    python = VENV / "bin" / "python"
    stamp = VENV / "benchmark-stamp.txt"
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == _stamp():
        return python
    shutil.rmtree(VENV, ignore_errors=True)
    print(f"making the upstream environment in {VENV.relative_to(ROOT)} ...", flush=True)
    uv = shutil.which("uv")
    if uv is not None:
        # uv resolves our virtual environment's interpreter to its base interpreter.
        subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(VENV)], check=True)
        install = [uv, "pip", "install", "--quiet", "--python", str(python)]
    else:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*install, "--requirement", str(REQUIREMENTS)], check=True)
    stamp.write_text(_stamp(), encoding="utf-8")
    return python


def upstream_versions(python: Path) -> dict[str, str]:
    """Versions of the upstream client and of the pydantic it runs on."""
    code = (
        "import json, importlib.metadata as m, pydantic; "
        "print(json.dumps({'affinidi-tdk-iam-client': m.version('affinidi-tdk-iam-client'), "
        "'pydantic': pydantic.VERSION, 'compiled': str(pydantic.compiled)}))"
    )
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    versions: dict[str, str] = json.loads(result.stdout)
    return versions


class UpstreamWorker:
    """A running `upstream_worker` process; one request and one answer at a time."""

    def __init__(self, python: Path) -> None:
        env = child_env([ROOT])
        self._process = subprocess.Popen(
            [str(python), "-m", "benchmarks.upstream_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )

    def request(self, **request: Any) -> Any:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"the upstream worker stopped (exit {self._process.wait()})")
        answer = json.loads(line)
        if isinstance(answer, dict) and "error" in answer and len(answer) == 1:
            raise RuntimeError(f"the upstream worker: {answer['error']}")
        return answer

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)

    def __enter__(self) -> UpstreamWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""Bytecode on disk, as after any installer, for every process the benchmark times.

With `PYTHONDONTWRITEBYTECODE=1` every process compiles every module it imports: an import then
costs about twice what a user pays. So the benchmark compiles every environment first
(`compile_paths`), runs timed processes without it (`timing.child_env`), and has a process of
each kind report the modules it did not read from a `.pyc` current before it started (`report`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

CHECK_ENV = "BENCHMARK_BYTECODE_CHECK"
"""Set to a POSIX time: `report` prints the modules not read from bytecode older than it."""
_REPORT = re.compile(r"^BENCHMARK-STALE (.*)$", re.MULTILINE)


def now() -> str:
    """The value of `CHECK_ENV` for a process started now: the time by the file system's clock
    (a new file's mtime), which can lag `time.time()` by a few milliseconds."""
    with tempfile.NamedTemporaryFile() as probe:
        return repr(os.stat(probe.name).st_mtime)


def compile_paths(python: str | os.PathLike[str], paths: Iterable[str | os.PathLike[str]]) -> None:
    """Write current `.pyc` files for every module under `paths` (skips the current ones)."""
    folders = [str(path) for path in paths if Path(path).exists()]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    command = [str(python), "-m", "compileall", "-q", *folders]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    # Exit 1: a file does not compile (a test fixture with a syntax error in a dependency, say);
    # that module is never imported, so only a missing interpreter is fatal.
    if folders and result.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def prepare(upstream_python: str | os.PathLike[str]) -> None:
    """Compile our environment, this repository's sources and the upstream environment."""
    root = Path(__file__).resolve().parent.parent
    for python, extra in (
        (sys.executable, [root / "benchmarks", root / "src"]),
        (upstream_python, []),
    ):
        # The folders `python` imports installed packages from; the standard library is left
        # out (its installer compiled it; the untimed first run of each process writes the rest).
        code = "import json, sys; b = sys.base_prefix; print(json.dumps([p for p in sys.path"
        code += " if p and not p.startswith(b)]))"
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        found = subprocess.run(
            [str(python), "-c", code], capture_output=True, text=True, check=True, env=env
        )
        compile_paths(python, [*json.loads(found.stdout), *extra])


def _stale(started: float) -> list[str]:
    """The modules of this process not read from bytecode that was current before `started`:
    loaded from a `.py` whose `.pyc` is missing, out of date, or written after `started`."""
    stale: list[str] = []
    for name, module in list(sys.modules.items()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or ""
        if spec is None or not spec.has_location or not origin.endswith(".py"):
            continue  # built-in and extension modules have no bytecode
        try:
            source = os.stat(origin)
            with open(spec.cached or "", "rb") as file:
                header = file.read(16)
            written = os.stat(spec.cached or "").st_mtime
        except OSError:
            stale.append(name)
            continue
        hashed = int.from_bytes(header[4:8], "little") != 0
        current = hashed or (
            int.from_bytes(header[8:12], "little") == int(source.st_mtime) & 0xFFFFFFFF
            and int.from_bytes(header[12:16], "little") == source.st_size & 0xFFFFFFFF
        )
        if not current or written >= started:
            stale.append(name)
    return sorted(stale)


def report() -> None:
    """At the end of a timed process: print the stale modules on stderr if `CHECK_ENV` is set."""
    if (started := os.environ.get(CHECK_ENV)) is not None:
        print(f"BENCHMARK-STALE {json.dumps(_stale(float(started)))}", file=sys.stderr)


def check(output: str, what: object) -> None:
    """Raise unless `output` holds a report of no stale module."""
    found = _REPORT.search(output)
    stale = json.loads(found[1]) if found else ["(no report)"]
    if stale:
        raise RuntimeError(f"{what} imported modules without current bytecode: {stale[:20]}")

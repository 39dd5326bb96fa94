"""Bytecode on disk, as after any installer, for every process the benchmark times.

An installer (pip, uv with `--compile-bytecode`, a Debian package) writes each module's `.pyc`
next to it, and every later import reads it. With `PYTHONDONTWRITEBYTECODE=1`, set on some
machines, nothing is written and every process compiles every module it imports from source,
the package's and pydantic's alike: an import then costs about twice what a user pays. So the
benchmark

- compiles every environment it runs (`compile_paths`: our virtual environment, the upstream
  one, the source folders and the temporary projects) before it times anything;
- runs every timed process without `PYTHONDONTWRITEBYTECODE` (`timing.child_env`);
- checks, in a process of each kind, that every module it imported was read from a `.pyc`
  that was on disk and current before the process started (`stale_modules`), and stops with
  the list of modules otherwise.

Standard library only: the upstream environment runs it too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

__all__ = [
    "CHECK_ENV",
    "check_code",
    "compile_paths",
    "prepare",
    "report_if_asked",
    "site_paths",
    "stale_modules",
]

CHECK_ENV = "BENCHMARK_BYTECODE_CHECK"
"""Set to a POSIX time: the process reports the modules not read from bytecode older than it."""


def compile_paths(python: str | os.PathLike[str], paths: Iterable[str | os.PathLike[str]]) -> None:
    """Write current `.pyc` files for every module under `paths`, with `python`'s compiler.

    `compileall` skips the files whose bytecode is already current, so a second run is quick.
    """
    folders = [str(path) for path in paths if Path(path).exists()]
    if not folders:
        return
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    # One process: when most files are current (every run but the first), a pool of workers
    # costs seconds to start and the check itself a fraction of one.
    command = [str(python), "-m", "compileall", "-q", *folders]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    # compileall exits 1 when a file does not compile (a test fixture with a syntax error in a
    # dependency, say): that module is never imported, so only a missing interpreter is fatal.
    if result.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def prepare(upstream_python: str | os.PathLike[str]) -> None:
    """Compile our environment, this repository's sources and the upstream environment."""
    root = Path(__file__).resolve().parent.parent
    compile_paths(sys.executable, [*site_paths(sys.executable), root / "benchmarks", root / "src"])
    compile_paths(upstream_python, site_paths(upstream_python))


def stale_modules(started: float) -> list[str]:
    """The modules of this process not read from bytecode that was current before `started`.

    A module counts when it was loaded from a `.py` file; a current `.pyc` records the
    source's modification time and size (or its hash) and was written before the process
    started, so it was read, not written, by this process.
    """
    stale: list[str] = []
    for name, module in list(sys.modules.items()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None)
        if spec is None or not getattr(spec, "has_location", False) or not origin:
            continue
        if not origin.endswith(".py"):
            continue  # extension modules and the like have no bytecode
        cached = spec.cached
        try:
            source = os.stat(origin)
            with open(cached, "rb") as file:
                header = file.read(16)
            written = os.stat(cached).st_mtime
        except (OSError, TypeError):
            stale.append(name)
            continue
        flags = int.from_bytes(header[4:8], "little")
        current = flags != 0 or (
            int.from_bytes(header[8:12], "little") == int(source.st_mtime) & 0xFFFFFFFF
            and int.from_bytes(header[12:16], "little") == source.st_size & 0xFFFFFFFF
        )
        if not current or written >= started:
            stale.append(name)
    return sorted(stale)


def check_code(statement: str) -> str:
    """`python -c` code: run `statement`, then print the modules it loaded without bytecode."""
    return (
        f"{statement}\n"
        "import json, os, sys\n"
        "from benchmarks.bytecode import stale_modules\n"
        f"print(json.dumps(stale_modules(float(os.environ[{CHECK_ENV!r}]))))\n"
    )


def report_if_asked() -> None:
    """At the end of a timed process: print the stale modules on stderr when `CHECK_ENV` is set."""
    started = os.environ.get(CHECK_ENV)
    if started is not None:
        print(f"BENCHMARK-STALE {json.dumps(stale_modules(float(started)))}", file=sys.stderr)


def site_paths(python: str | os.PathLike[str]) -> list[str]:
    """The folders `python` imports installed and editable packages from.

    The standard library is left out: an interpreter's installer has compiled it, and where it
    has not, the untimed first run of each process writes its bytecode (the check finds
    anything left).
    """
    code = (
        "import json, sys; "
        "print(json.dumps([p for p in sys.path if p and not p.startswith(sys.base_prefix)]))"
    )
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True, env=env
    )
    paths: Sequence[str] = json.loads(result.stdout)
    return [path for path in paths if Path(path).is_dir()]

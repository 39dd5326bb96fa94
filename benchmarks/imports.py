"""Cold import: a whole `python -c` process per sample, candidates interleaved."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import Sampler, Series, child_env, interleave, run_process
from benchmarks.upstream import UPSTREAM_IMPORT

__all__ = ["BARE_MODULE", "ImportResults", "import_commands", "run_imports"]

BARE_MODULE = "bare_token_model"
"""The name `bare_model.py` is imported under, alone in a temporary folder."""

PYTHON_ONLY = "python, no import"
PYDANTIC = "from pydantic import BaseModel"
BARE = "bare six-field model module"
OURS = "import iam_client_models"
UPSTREAM = "upstream model module"


def import_commands(upstream_python: Path) -> dict[str, list[str]]:
    """The command line of each candidate: one interpreter start and one import statement."""
    ours = sys.executable
    return {
        PYTHON_ONLY: [ours, "-c", "pass"],
        PYDANTIC: [ours, "-c", "from pydantic import BaseModel"],
        BARE: [ours, "-c", f"import {BARE_MODULE}"],
        OURS: [ours, "-c", "import iam_client_models"],
        UPSTREAM: [str(upstream_python), "-c", UPSTREAM_IMPORT],
    }


@dataclass
class ImportResults:
    cpu: dict[str, Series]
    """CPU milliseconds of the whole process, per candidate."""
    wall: dict[str, Series]
    """Wall milliseconds of the same runs."""


def run_imports(upstream_python: Path, workdir: Path, rounds: int) -> ImportResults:
    """Each candidate's process once per round; CPU and wall milliseconds."""
    shutil.copy(Path(__file__).with_name("bare_model.py"), workdir / f"{BARE_MODULE}.py")
    # The same environment for every candidate; the temporary folder holds only the bare model.
    env = child_env([workdir])
    commands = import_commands(upstream_python)
    wall = {name: Series(name) for name in commands}

    def sampler(name: str) -> Sampler:
        def sample() -> float:
            process = run_process(commands[name], cwd=workdir, env=env)
            if process.returncode != 0:
                raise RuntimeError(f"{commands[name]} failed:\n{process.output}")
            wall[name].samples.append(process.wall * 1e3)
            return process.cpu * 1e3

        return sample

    samplers = {name: sampler(name) for name in commands}
    for sample in samplers.values():
        sample()  # once untimed: compiles and caches the bytecode, so every run reads .pyc files
    for series in wall.values():
        series.samples.clear()
    return ImportResults(interleave(samplers, rounds), wall)

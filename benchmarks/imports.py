"""Cold import: a whole `python -c` process per sample, candidates interleaved.

Every process reads bytecode from disk, as after any installer: the environments are compiled
first, the processes run without `PYTHONDONTWRITEBYTECODE`, and before timing each candidate is
checked to import nothing from source (`benchmarks.bytecode`).
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bytecode import CHECK_ENV, check_code, compile_paths
from benchmarks.timing import Sampler, Series, child_env, interleave, run_process
from benchmarks.upstream import UPSTREAM_IMPORT

__all__ = [
    "BARE",
    "BARE_MODULE",
    "EVERY",
    "ONE",
    "UPSTREAM",
    "VARIANTS",
    "ImportResults",
    "import_commands",
    "run_imports",
    "variant_name",
    "write_variants",
]

BARE_MODULE = "bare_token_model"
"""The name `bare_model.py` is imported under, alone in a temporary folder."""

ROOT = Path(__file__).resolve().parent.parent

PYTHON_ONLY = "python, no import"
PYDANTIC = "from pydantic import BaseModel"
BARE = "bare six-field model module"
PACKAGE_ONLY = "import iam_client_models (loads no model)"
ONE = "from iam_client_models import ConsumerAuthTokenEndpointOutput"
EVERY = "from iam_client_models import * (every model)"
ONE_PARSE = "the same, then one model_validate_json"
UPSTREAM = "import affinidi_tdk_iam_client (upstream)"

VARIANTS = {
    "use_attribute_docstrings=False": (
        "        use_attribute_docstrings=True,\n",
        "        use_attribute_docstrings=False,\n",
    ),
    "defer_build=True": (
        "        use_attribute_docstrings=True,\n",
        "        use_attribute_docstrings=True,\n        defer_build=True,\n",
    ),
}
"""Copies of the package with one change to the shared config in `_base.py`: (old, new) text.

Not candidates of a target: a differential profile of the import, as `variants` is of parsing.
`use_attribute_docstrings` is where the field descriptions come from (pydantic reads each
class's source for them); `defer_build` leaves building each model's validator and serializer
to its first use.
"""

_STATEMENTS = {
    PYTHON_ONLY: "pass",
    PYDANTIC: "from pydantic import BaseModel",
    BARE: f"import {BARE_MODULE}",
    PACKAGE_ONLY: "import iam_client_models",
    ONE: "from iam_client_models import ConsumerAuthTokenEndpointOutput",
    EVERY: "from iam_client_models import *",
    ONE_PARSE: (
        "from iam_client_models import ConsumerAuthTokenEndpointOutput as M\n"
        'M.model_validate_json(\'{"access_token": "x", "expires_in": 3600}\')'
    ),
}
_VARIANT_BASES = {
    "use_attribute_docstrings=False": (ONE, EVERY),
    "defer_build=True": (ONE, ONE_PARSE, EVERY),
}


def variant_name(base: str, variant: str) -> str:
    """The candidate that imports as `base` does, from the package copy with `variant`."""
    return f"{base.split(' (')[0]}, package with {variant}"


def _statement(name: str) -> str:
    if name == UPSTREAM:
        return UPSTREAM_IMPORT
    for variant, bases in _VARIANT_BASES.items():
        for base in bases:
            if name == variant_name(base, variant):
                return _STATEMENTS[base]
    return _STATEMENTS[name]


def write_variants(workdir: Path) -> dict[str, Path]:
    """Each variant's copy of the package under `workdir`; the folder to put on the path."""
    source = ROOT / "src" / "iam_client_models"
    folders = {}
    for variant, (old, new) in VARIANTS.items():
        folder = workdir / "variants" / variant.split("=")[0]
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(source, folder / source.name, ignore=shutil.ignore_patterns("__pycache__"))
        base = folder / source.name / "_base.py"
        text = base.read_text(encoding="utf-8")
        if text.count(old) != 1:
            raise AssertionError(f"_base.py has no line {old.strip()!r} to change for {variant}")
        base.write_text(text.replace(old, new), encoding="utf-8")
        folders[variant] = folder
    return folders


def import_commands(upstream_python: Path) -> dict[str, list[str]]:
    """The command line of each candidate: one interpreter start and one import statement."""
    commands = {name: [sys.executable, "-c", _statement(name)] for name in _STATEMENTS}
    commands[UPSTREAM] = [str(upstream_python), "-c", UPSTREAM_IMPORT]
    for variant, bases in _VARIANT_BASES.items():
        for base in bases:
            commands[variant_name(base, variant)] = [sys.executable, "-c", _statement(base)]
    return commands


def _variant_of(name: str) -> str | None:
    return next((variant for variant in VARIANTS if name.endswith(f"package with {variant}")), None)


@dataclass
class ImportResults:
    cpu: dict[str, Series]
    """CPU milliseconds of the whole process, per candidate."""
    wall: dict[str, Series]
    """Wall milliseconds of the same runs."""
    modules: dict[str, int]
    """How many modules each candidate's process has loaded (from bytecode, all of them)."""


def check_bytecode(
    commands: dict[str, list[str]], workdir: Path, envs: dict[str, dict[str, str]]
) -> dict[str, int]:
    """Each candidate's module count; raises if any of its modules was not read from bytecode."""
    counts: dict[str, int] = {}
    for name, command in commands.items():
        python, env = command[0], envs[name]
        code = check_code(_statement(name) + "\nimport sys\n_count = len(sys.modules)")
        code += "print(_count)\n"
        check_env = {**env, CHECK_ENV: repr(time.time())}
        check_env["PYTHONPATH"] = f"{env.get('PYTHONPATH', '')}:{ROOT}".lstrip(":")
        process = run_process([python, "-c", code], cwd=workdir, env=check_env)
        lines = process.output.strip().splitlines()
        if process.returncode != 0 or len(lines) < 2:
            raise RuntimeError(f"the bytecode check of {name!r} failed:\n{process.output}")
        stale = json.loads(lines[-2])
        if stale:
            raise RuntimeError(
                f"{name!r} imports modules without current bytecode on disk: {stale[:20]}"
            )
        counts[name] = int(lines[-1])
    return counts


def run_imports(
    upstream_python: Path, workdir: Path, rounds: int, *, variants: bool = True
) -> ImportResults:
    """Each candidate's process once per round; CPU and wall milliseconds.

    Without `variants`, the package copies of `VARIANTS` are left out.
    """
    shutil.copy(Path(__file__).with_name("bare_model.py"), workdir / f"{BARE_MODULE}.py")
    folders = write_variants(workdir)
    # `bytecode.prepare` has compiled the environments; the copies here are new.
    compile_paths(sys.executable, [workdir])
    # The same environment for every candidate; the temporary folder holds only the bare model
    # (and the variants' folders, which only their candidates put on the path, first).
    env = child_env([workdir])
    commands = import_commands(upstream_python)
    if not variants:
        commands = {name: command for name, command in commands.items() if not _variant_of(name)}
    envs = {}
    for name in commands:
        variant = _variant_of(name)
        envs[name] = env if variant is None else child_env([folders[variant], workdir])
    wall = {name: Series(name) for name in commands}

    def sampler(name: str) -> Sampler:
        def sample() -> float:
            process = run_process(commands[name], cwd=workdir, env=envs[name])
            if process.returncode != 0:
                raise RuntimeError(f"{commands[name]} failed:\n{process.output}")
            wall[name].samples.append(process.wall * 1e3)
            return process.cpu * 1e3

        return sample

    samplers = {name: sampler(name) for name in commands}
    for sample in samplers.values():
        sample()  # once untimed: writes whatever bytecode compiling the environments left out
    modules = check_bytecode(commands, workdir, envs)
    for series in wall.values():
        series.samples.clear()
    return ImportResults(interleave(samplers, rounds), wall, modules)

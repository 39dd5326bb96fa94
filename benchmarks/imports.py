"""Cold import: a whole `python -c` process per sample, candidates interleaved, each checked
first to read every module from bytecode on disk (`benchmarks.bytecode`)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from benchmarks import bytecode
from benchmarks.timing import Sampler, Series, child_env, interleave, run_process
from benchmarks.upstream import UPSTREAM_IMPORT

BARE_MODULE = "bare_token_model"
"""The name `bare_model.py` is imported under, alone in a temporary folder."""

ROOT = Path(__file__).resolve().parent.parent

BARE = "bare six-field model module"
ONE = "from iam_client_models import ConsumerAuthTokenEndpointOutput"
EVERY = "from iam_client_models import * (every model)"
UPSTREAM = "import affinidi_tdk_iam_client (upstream)"

STATEMENTS = {
    ONE: "from iam_client_models import ConsumerAuthTokenEndpointOutput",
    "python, no import": "pass",
    "from pydantic import BaseModel": "from pydantic import BaseModel",
    BARE: f"import {BARE_MODULE}",
    "import iam_client_models (loads no model)": "import iam_client_models",
    EVERY: "from iam_client_models import *",
    UPSTREAM: UPSTREAM_IMPORT,
}
"""Each candidate's statement: one interpreter start and one import."""


def run_imports(upstream_python: Path, workdir: Path, rounds: int) -> dict[str, Series]:
    """Each candidate's process once per round: CPU milliseconds."""
    shutil.copy(Path(__file__).with_name("bare_model.py"), workdir / f"{BARE_MODULE}.py")
    bytecode.compile_paths(sys.executable, [workdir])  # `bytecode.prepare` compiled the rest
    # The same environment for every candidate; the temporary folder holds the bare model.
    env = child_env([workdir])
    commands = {name: [sys.executable, "-c", statement] for name, statement in STATEMENTS.items()}
    commands[UPSTREAM][0] = str(upstream_python)

    def sampler(name: str) -> Sampler:
        def sample() -> float:
            process = run_process(commands[name], cwd=workdir, env=env)
            if process.returncode != 0:
                raise RuntimeError(f"{commands[name]} failed:\n{process.output}")
            return process.cpu * 1e3

        return sample

    for name, command in commands.items():
        # Once untimed, writing what bytecode compiling the environments left out; then checked.
        run_process(command, cwd=workdir, env=env)
        statement = f"{command[-1]}\nfrom benchmarks.bytecode import report\nreport()"
        check_env = {**env, bytecode.CHECK_ENV: bytecode.now()}
        check_env["PYTHONPATH"] += f":{ROOT}"
        checked = run_process([*command[:-1], statement], cwd=workdir, env=check_env)
        bytecode.check(checked.output, name)
    return interleave({name: sampler(name) for name in commands}, rounds)

"""Interleaved timing: every candidate is sampled once per round, in a rotating order.

On a shared machine the load changes from second to second. Sampling all candidates in the
same round, and comparing them round by round, puts them under the same load, so their ratio
holds even when the absolute figures drift. Time is CPU time (user + system) of the process
that does the work, not wall time: while another program has the core, the clock runs on but
CPU time does not. Standard library only: the upstream worker, which runs in a pydantic 1
environment, times with the same code.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "Sampler",
    "Series",
    "calibrate",
    "child_env",
    "interleave",
    "ns_per_op",
    "paired_difference",
    "paired_ratio",
    "run_process",
]


def calibrate(function: Callable[[], object], target_seconds: float) -> int:
    """How many calls of `function` take about `target_seconds` (at least 1)."""
    timer = timeit.Timer(function, timer=time.process_time)
    number, elapsed = timer.autorange()
    per_call = elapsed / number
    return max(1, round(target_seconds / per_call))


def ns_per_op(function: Callable[[], object], number: int) -> float:
    """One timeit sample: CPU nanoseconds per call over `number` calls (garbage collector off)."""
    return timeit.Timer(function, timer=time.process_time).timeit(number) / number * 1e9


def child_env(pythonpath: Sequence[str | os.PathLike[str]] = ()) -> dict[str, str]:
    """The environment for a measured child process: ours, made like a user's.

    Bytecode caching is switched back on (`PYTHONDONTWRITEBYTECODE` makes every import compile
    from source: no user's import works like that), no virtual environment is forced, and
    `pythonpath` replaces PYTHONPATH.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(name, None)
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(str(path) for path in pythonpath)
    return env


@dataclass(frozen=True)
class Process:
    """One finished child process: its CPU time, its wall time (seconds) and its output."""

    cpu: float
    wall: float
    returncode: int
    output: str


def run_process(
    command: Sequence[str], *, cwd: str | os.PathLike[str], env: dict[str, str]
) -> Process:
    """Run `command` to the end; its CPU time comes from the kernel's accounting of children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        list(command),
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Process(cpu, wall, result.returncode, result.stdout)


@dataclass
class Series:
    """The samples of one candidate, one per round."""

    name: str
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


Sampler = Callable[[], float]
"""Takes one sample and returns its figure (nanoseconds per operation, or milliseconds)."""


def interleave(samplers: dict[str, Sampler], rounds: int) -> dict[str, Series]:
    """Sample every candidate once per round; round `r` starts at candidate `r` (rotation)."""
    names = list(samplers)
    series = {name: Series(name) for name in names}
    for round_index in range(rounds):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            series[name].samples.append(samplers[name]())
    return series


def paired_ratio(numerator: Series, denominator: Series) -> float:
    """The median over rounds of numerator / denominator, each pair from the same round."""
    return statistics.median(
        a / b for a, b in zip(numerator.samples, denominator.samples, strict=True)
    )


def paired_difference(minuend: Series, subtrahend: Series) -> float:
    """The median over rounds of minuend - subtrahend, each pair from the same round."""
    return statistics.median(
        a - b for a, b in zip(minuend.samples, subtrahend.samples, strict=True)
    )

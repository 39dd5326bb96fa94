"""Interleaved timing: every candidate is sampled once per round, in a shuffled order.

On a shared machine the load changes from second to second: comparing candidates round by
round puts both sides of a ratio under the same load. Time is CPU time (user + system) of the
process doing the work: while another program has the core, CPU time stands still. Standard
library only: the upstream worker times with the same code.
"""

from __future__ import annotations

import os
import random
import resource
import socket
import statistics
import subprocess
import time
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


def calibrate(function: Callable[[], object], target_seconds: float) -> int:
    """How many calls of `function` take about `target_seconds` (at least 1): a warm-up call,
    a timed call and a batch of the size that suggests (`timeit`'s autorange takes 0.2 s)."""
    function()
    start = time.perf_counter()
    function()
    once = time.perf_counter() - start
    if once >= target_seconds:
        return 1
    number = max(1, int(target_seconds / max(once, 1e-7)))
    start = time.perf_counter()
    for _ in range(number):
        function()
    per_call = (time.perf_counter() - start) / number
    return max(1, round(target_seconds / max(per_call, 1e-9)))


def ns_per_op(function: Callable[[], object], number: int) -> float:
    """One timeit sample: CPU nanoseconds per call over `number` calls (garbage collector off),
    after one untimed call (so the caches hold this candidate's data, not the one before's)."""
    function()
    return timeit.Timer(function, timer=time.process_time).timeit(number) / number * 1e9


def child_env(pythonpath: Sequence[str | os.PathLike[str]] = ()) -> dict[str, str]:
    """The environment for a measured child process, made like a user's: bytecode caching on
    (`PYTHONDONTWRITEBYTECODE` makes every import compile from source), no virtual environment
    forced, and `pythonpath` as PYTHONPATH."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(name, None)
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(str(path) for path in pythonpath)
    return env


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Process:
    """A finished child process: CPU and wall seconds, exit status, stdout and stderr."""

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
"""Takes one sample and returns its figure."""


def round_orders(names: Sequence[str], rounds: int, seed: int = 0) -> list[list[str]]:
    """The order of the candidates in each round, a fresh (seeded) shuffle each round: in a
    fixed or rotating order each candidate would always follow the same other, whose data
    would still be in the caches."""
    shuffler = random.Random(seed)
    return [shuffler.sample(list(names), len(names)) for _ in range(rounds)]


def interleave(samplers: dict[str, Sampler], rounds: int) -> dict[str, Series]:
    """Sample every candidate once per round, in the shuffled order of `round_orders`."""
    series = {name: Series(name) for name in samplers}
    for order in round_orders(list(samplers), rounds):
        for name in order:
            series[name].samples.append(samplers[name]())
    return series


def ratios(numerator: Series, denominator: Series) -> list[float]:
    """numerator / denominator round by round, each pair from the same round."""
    return [a / b for a, b in zip(numerator.samples, denominator.samples, strict=True)]


def differences(minuend: Series, subtrahend: Series) -> list[float]:
    """minuend - subtrahend round by round, each pair from the same round."""
    return [a - b for a, b in zip(minuend.samples, subtrahend.samples, strict=True)]


def paired_ratio(numerator: Series, denominator: Series) -> float:
    """The median over rounds of numerator / denominator, each pair from the same round."""
    return statistics.median(ratios(numerator, denominator))


BLOCKS = 5


def noise_band(values: Sequence[float], blocks: int = BLOCKS) -> tuple[float, float]:
    """The lowest and the highest median of `blocks` consecutive stretches of the rounds: each
    is a shorter run taken at another moment of this one, so their spread is how much the figure
    moves with the load. With fewer rounds than `blocks`, each round is a stretch."""
    count = min(blocks, len(values))
    size = len(values) / count
    medians = [
        statistics.median(values[round(index * size) : round((index + 1) * size)])
        for index in range(count)
    ]
    return min(medians), max(medians)

"""Peak memory of parsing a large ProjectList and holding the result, one process per sample.

`python -m benchmarks.memory CANDIDATE FILE MODE` parses FILE's bytes, keeps the result and
prints, in bytes above the figure just before the parse, the `peak` during it and what is `held`
after. MODE `tracemalloc` is Python's count of what its allocators hand out (not what
pydantic-core's Rust code allocates for itself); `rss` the kernel's count of resident memory
(VmRSS, and VmHWM reset before the parse): all of it, in pages, with what allocators keep.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from benchmarks.timing import Series


MEMORY_BYTES = 10_000_000
"""The size of the ProjectList the benchmark parses, in bytes of JSON."""
CANDIDATES = ("iam_client_models", "json.loads", "bare pydantic model", "upstream")
MODES = ("tracemalloc", "rss")


def _parser(candidate: str) -> Any:
    """The candidate's parse function of bytes (`upstream` needs the upstream environment)."""
    if candidate == "json.loads":
        return json.loads
    module, name = {
        "iam_client_models": ("iam_client_models", "ProjectList"),
        "bare pydantic model": ("benchmarks.bare_shapes", "BareProjectList"),
        "upstream": ("affinidi_tdk_iam_client.models.project_list", "ProjectList"),
    }[candidate]
    model = getattr(importlib.import_module(module), name)
    return model.from_json if candidate == "upstream" else model.model_validate_json


def _rss(field: str) -> int:
    """A `/proc/self/status` figure, in bytes."""
    text = Path("/proc/self/status").read_text(encoding="ascii")
    match = re.search(rf"^{field}:\s+(\d+) kB$", text, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"/proc/self/status has no {field}")
    return int(match[1]) * 1024


def main(argv: list[str]) -> None:
    candidate, path, mode = argv
    parse = _parser(candidate)
    data = Path(path).read_bytes()
    if mode == "tracemalloc":
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        result = parse(data)
        held, peak = tracemalloc.get_traced_memory()
    elif mode == "rss":
        before = _rss("VmRSS")
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")  # VmHWM := VmRSS
        result = parse(data)
        held, peak = _rss("VmRSS"), _rss("VmHWM")
    else:
        raise SystemExit(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
    projects = len(result["projects"] if isinstance(result, dict) else result.projects)
    figures = {"peak": peak - before, "held": held - before, "projects": projects}
    print(json.dumps(figures))


@dataclass
class MemoryResults:
    peak: dict[str, dict[str, Series]]
    """Mode -> candidate -> MB the parse and its result add at the peak."""
    held: dict[str, dict[str, Series]]
    """Mode -> candidate -> MB still held after the parse (the result)."""
    projects: int
    size: int
    """The payload's size in bytes."""


def run_memory(upstream_python: Path, workdir: Path, rounds: int) -> MemoryResults:
    """Each candidate's process once per round and mode, interleaved."""
    from benchmarks.payload import project_list_of_size
    from benchmarks.timing import Series, child_env, interleave, run_process

    text = project_list_of_size(MEMORY_BYTES)
    path = workdir / "projects-10mb.json"
    path.write_text(text, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    env = child_env([root])
    found: dict[str, int] = {}
    held = {mode: {name: Series(name) for name in CANDIDATES} for mode in MODES}

    def sampler(candidate: str, mode: str) -> Callable[[], float]:
        python = str(upstream_python) if candidate == "upstream" else sys.executable

        def sample() -> float:
            command = [python, "-m", "benchmarks.memory", candidate, str(path), mode]
            process = run_process(command, cwd=root, env=env)
            if process.returncode != 0:
                raise RuntimeError(f"{command} failed:\n{process.output}")
            answer = json.loads(process.output.strip().splitlines()[-1])
            found[candidate] = answer["projects"]
            held[mode][candidate].samples.append(answer["held"] / 1e6)
            return float(answer["peak"]) / 1e6

        return sample

    samplers = {f"{m}:{c}": sampler(c, m) for m in MODES for c in CANDIDATES}
    series = interleave(samplers, rounds)
    projects = set(found.values())
    if len(projects) != 1:
        raise AssertionError(f"the candidates read different numbers of projects: {found}")
    peak = {m: {c: series[f"{m}:{c}"] for c in CANDIDATES} for m in MODES}
    return MemoryResults(peak, held, projects.pop(), len(text.encode()))


if __name__ == "__main__":
    main(sys.argv[1:])

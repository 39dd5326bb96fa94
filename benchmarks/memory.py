"""Peak memory of parsing a large ProjectList and holding the result, one process per sample.

Run as `python -m benchmarks.memory CANDIDATE FILE MODE` (the upstream candidate in the upstream
environment): the process imports what the candidate needs, reads FILE's bytes, parses them and
keeps the result, and prints one JSON line of bytes above the figure noted just before the
parse: `peak` during the parse, `held` after it. MODE says whose count:

- `tracemalloc`: Python's own count of the memory its allocators hand out (every Python object
  the parse builds, and its Python temporaries); memory that pydantic-core's Rust code or a C
  library allocates for itself is not in it;
- `rss`: the kernel's count of the process's resident memory (`/proc/self/status`: VmRSS, and
  the high-water mark VmHWM, reset just before the parse): all of it, Rust's included, in whole
  pages, and memory the allocators keep after a free.

tracemalloc slows the parse and adds its own bookkeeping to the resident memory, so each mode
has its own processes. Standard library only at the top: the upstream environment runs it too.
`rss` is Linux only (`/proc`).
"""

from __future__ import annotations

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
"""The size of the ProjectList the benchmark parses: 10 MB of JSON."""

CANDIDATES = (
    "iam_client_models",
    "json.loads",
    "bare pydantic model",
    "upstream",
)
"""Each candidate's name, as `main` takes it; `upstream` needs the upstream environment."""
MODES = ("tracemalloc", "rss")


def _parser(candidate: str) -> tuple[Any, Any]:
    """The candidate's parse function of bytes, and its count of projects in the result."""
    if candidate == "iam_client_models":
        from iam_client_models import ProjectList

        return ProjectList.model_validate_json, lambda result: len(result.projects)
    if candidate == "json.loads":
        return json.loads, lambda result: len(result["projects"])
    if candidate == "bare pydantic model":
        from benchmarks.bare_shapes import BareProjectList

        return BareProjectList.model_validate_json, lambda result: len(result.projects)
    if candidate == "upstream":
        import importlib

        upstream = importlib.import_module("affinidi_tdk_iam_client.models.project_list")
        return upstream.ProjectList.from_json, lambda result: len(result.projects)
    raise SystemExit(f"unknown candidate {candidate!r}; one of {', '.join(CANDIDATES)}")


def _rss(field: str) -> int:
    """A `/proc/self/status` figure, in bytes."""
    text = Path("/proc/self/status").read_text(encoding="ascii")
    match = re.search(rf"^{field}:\s+(\d+) kB$", text, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"/proc/self/status has no {field}")
    return int(match[1]) * 1024


def main(argv: list[str]) -> None:
    candidate, path, mode = argv
    parse, count = _parser(candidate)
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
    figures = {"peak": peak - before, "held": held - before, "projects": count(result)}
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

"""Peak memory of parsing a large ProjectList and holding the result, one process per sample.

Run as `python -m benchmarks.memory CANDIDATE FILE` (the upstream candidate in the upstream
environment): the process imports what the candidate needs, reads FILE's bytes, notes its
resident memory, resets the kernel's high-water mark (`/proc/self/clear_refs`), parses the
bytes, keeps the result, and prints one JSON line: the peak resident memory above the noted
figure, in bytes, and the number of projects read. So the figure is what the parse and its
result add, whatever the candidate's imports cost; allocations made in Rust (pydantic-core) or
C count as much as Python's. Standard library only at the top: the upstream environment runs
it too. Linux only (`/proc`).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from benchmarks.timing import Series

__all__ = [
    "CANDIDATES",
    "MEMORY_BYTES",
    "MemoryResults",
    "layout_note",
    "main",
    "run_memory",
]

MEMORY_BYTES = 10_000_000
"""The size of the ProjectList the benchmark parses: 10 MB of JSON."""

CANDIDATES = (
    "iam_client_models",
    "json.loads",
    "bare pydantic model",
    "msgspec Struct",
    "upstream",
)
"""Each candidate's name, as `main` takes it; `upstream` needs the upstream environment."""


def _status(field: str) -> int:
    """A `/proc/self/status` figure, in bytes."""
    text = Path("/proc/self/status").read_text(encoding="ascii")
    match = re.search(rf"^{field}:\s+(\d+) kB$", text, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"/proc/self/status has no {field}")
    return int(match[1]) * 1024


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
    if candidate == "msgspec Struct":
        import msgspec

        from benchmarks.structs import ProjectListStruct

        return msgspec.json.Decoder(ProjectListStruct).decode, lambda r: len(r.projects)
    if candidate == "upstream":
        import importlib

        upstream = importlib.import_module("affinidi_tdk_iam_client.models.project_list")
        return upstream.ProjectList.from_json, lambda result: len(result.projects)
    raise SystemExit(f"unknown candidate {candidate!r}; one of {', '.join(CANDIDATES)}")


def main(argv: list[str]) -> None:
    candidate, path = argv
    parse, count = _parser(candidate)
    data = Path(path).read_bytes()
    before = _status("VmRSS")
    Path("/proc/self/clear_refs").write_text("5", encoding="ascii")  # resets VmHWM to VmRSS
    result = parse(data)
    peak = _status("VmHWM")
    print(json.dumps({"peak": peak - before, "projects": count(result), "bytes": len(data)}))
    del result


def layout_note() -> str:
    """What one project takes in memory, part by part: our instance beside json.loads' dict."""
    from benchmarks.bare_shapes import BareProjectList
    from benchmarks.payload import compact, project_list
    from iam_client_models import ProjectList

    text = compact(project_list(10))
    ours = ProjectList.model_validate_json(text).projects[1]
    bare = BareProjectList.model_validate_json(text).projects[1]
    plain = json.loads(text)["projects"][1]
    values = sum(sys.getsizeof(value) for value in plain.values() if not isinstance(value, bool))
    parts = {
        "the object": sys.getsizeof(ours),
        "__dict__": sys.getsizeof(ours.__dict__),
        "__pydantic_fields_set__": sys.getsizeof(ours.__pydantic_fields_set__),
        "__pydantic_extra__ (extra='allow')": sys.getsizeof(ours.__pydantic_extra__),
    }
    bare_total = sum(
        sys.getsizeof(part) for part in (bare, bare.__dict__, bare.__pydantic_fields_set__)
    )
    return (
        "memory layout of one project of 7 members (sys.getsizeof, bytes): ours "
        + " + ".join(f"{name} {size}" for name, size in parts.items())
        + f" = {sum(parts.values())}; the bare model {bare_total} (no extra dict); "
        f"json.loads' dict {sys.getsizeof(plain)}; the string values, shared by all, {values}"
    )


@dataclass
class MemoryResults:
    peak: dict[str, Series]
    """Peak memory the parse and its result add, in MB, per candidate."""
    projects: int
    size: int
    """The payload's size in bytes."""


def run_memory(upstream_python: Path, workdir: Path, rounds: int) -> MemoryResults:
    """Each candidate's process once per round, interleaved."""
    from benchmarks.payload import project_list_of_size
    from benchmarks.timing import child_env, interleave, run_process

    text = project_list_of_size(MEMORY_BYTES)
    path = workdir / "projects-10mb.json"
    path.write_text(text, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    env = child_env([root])
    found: dict[str, int] = {}

    def sampler(candidate: str) -> Callable[[], float]:
        python = str(upstream_python) if candidate == "upstream" else sys.executable

        def sample() -> float:
            command = [python, "-m", "benchmarks.memory", candidate, str(path)]
            process = run_process(command, cwd=root, env=env)
            if process.returncode != 0:
                raise RuntimeError(f"{command} failed:\n{process.output}")
            answer = json.loads(process.output.strip().splitlines()[-1])
            found[candidate] = answer["projects"]
            return float(answer["peak"]) / 1e6

        return sample

    series = interleave({candidate: sampler(candidate) for candidate in CANDIDATES}, rounds)
    projects = set(found.values())
    if len(projects) != 1:
        raise AssertionError(f"the candidates read different numbers of projects: {found}")
    return MemoryResults(series, projects.pop(), len(text.encode()))


if __name__ == "__main__":
    main(sys.argv[1:])

"""`mkdocs` itself, reporting the CPU and wall time of the site build as its last line.

Run as `python -m benchmarks.mkdocs_timed build --strict ...`: the same command line interface
and the same build; only `mkdocs.commands.build.build` is wrapped with two clocks, so the
figure covers what `mkdocs serve` repeats on every change (config, hook, pages, theme) and
leaves out the interpreter start and the imports that happen once. With
`bytecode.CHECK_ENV` set, each build also reports the modules the process has imported without
bytecode on disk (see `benchmarks.bytecode`).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from mkdocs.__main__ import cli
from mkdocs.commands import build as build_command

from benchmarks.bytecode import report

MARKER = "BENCHMARK-BUILD"


def main() -> None:
    original = build_command.build

    def timed(*args: Any, **kwargs: Any) -> None:
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            original(*args, **kwargs)
        finally:
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            print(f"{MARKER} cpu={cpu:.6f} wall={wall:.6f}", file=sys.stderr, flush=True)
            report()

    build_command.build = timed
    cli(sys.argv[1:], prog_name="mkdocs")


if __name__ == "__main__":
    main()

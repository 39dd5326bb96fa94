"""`mkdocs` itself, printing the CPU time of each site build (`MARKER cpu=...`) on stderr.

Run as `python -m benchmarks.mkdocs_timed build --strict ...`: the same command line and build;
only `mkdocs.commands.build.build` is wrapped with a CPU clock, so the figure covers what
`mkdocs serve` repeats on every change (config, hook, pages, theme), not the interpreter start
and the imports. With `bytecode.CHECK_ENV` set, each build also reports the modules imported
without bytecode on disk.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from mkdocs.__main__ import cli
from mkdocs.commands import build as build_command

from benchmarks.bytecode import report

MARKER = "BENCHMARK-BUILD"

if __name__ == "__main__":
    original = build_command.build

    def timed(*args: Any, **kwargs: Any) -> None:
        cpu = time.process_time()
        try:
            original(*args, **kwargs)
        finally:
            print(f"{MARKER} cpu={time.process_time() - cpu:.6f}", file=sys.stderr, flush=True)
            report()

    build_command.build = timed
    cli(sys.argv[1:], prog_name="mkdocs")

"""`mkdocs` with `mkdocs.commands.build.build` wrapped in a CPU clock: it prints `MARKER cpu=...`
on stderr per build (what `mkdocs serve` repeats on every change), and with `bytecode.CHECK_ENV`
set the modules imported without bytecode on disk."""

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

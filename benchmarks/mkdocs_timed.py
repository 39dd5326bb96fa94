"""`mkdocs` with `mkdocs.commands.build.build` wrapped in a CPU clock: it prints
`MARKER cpu=... convert=...` on stderr per build (what `mkdocs serve` repeats on every change):
the build's CPU seconds, and those of its Markdown conversions (`Page.render`: a page's
Markdown to HTML, mkdocstrings included). With `bytecode.CHECK_ENV` set it also prints the
modules imported without bytecode on disk."""

from __future__ import annotations

import re
import sys
import time
from typing import Any

from mkdocs.__main__ import cli
from mkdocs.commands import build as build_command
from mkdocs.structure.pages import Page

from benchmarks.bytecode import report

MARKER = "BENCHMARK-BUILD"
TIMES = re.compile(MARKER + r" cpu=([0-9.]+) convert=([0-9.]+)")
"""The line a build prints: its CPU seconds (group 1) and its conversions' (group 2)."""

if __name__ == "__main__":
    original, render = build_command.build, Page.render
    converting = [0.0]

    def timed(*args: Any, **kwargs: Any) -> None:
        cpu, converting[0] = time.process_time(), 0.0
        try:
            original(*args, **kwargs)
        finally:
            spent = time.process_time() - cpu
            print(f"{MARKER} cpu={spent:.6f} convert={converting[0]:.6f}", file=sys.stderr)
            sys.stderr.flush()
            report()

    def timed_render(page: Page, *args: Any, **kwargs: Any) -> None:
        cpu = time.process_time()
        try:
            render(page, *args, **kwargs)
        finally:
            converting[0] += time.process_time() - cpu

    build_command.build = timed
    Page.render = timed_render  # type: ignore[method-assign,assignment]
    cli(sys.argv[1:], prog_name="mkdocs")

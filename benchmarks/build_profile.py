"""Where a docs build spends its CPU time, phase by phase: an instrumented build.

Run as `python -m benchmarks.build_profile CONFIG [BUILDS]` in the project's folder (with the
project's `src` first on the path). It builds the site BUILDS times (2) in one process, as
`mkdocs serve` does (each build loads the config afresh, so plugins and the hook start again),
and prints one JSON line per build: the CPU seconds of each phase. A phase is timed by wrapping
the function that does it with a CPU clock (`time.process_time`), so unlike a tracing profiler
it adds nothing measurable to the build; phases nest, and a nested phase is part of its
parent's time.

The phases (see `PHASES`): the plugins' and the hook's events (`on_config` of the hook imports
and describes the models, `on_files` renders their pages), Markdown to HTML, inside it the
mkdocstrings `:::` blocks and, inside those, griffe's collection and Jinja's template
compilation; Pygments highlighting; each page's theme template with the search plugin's parse
of its HTML; and the rest (navigation, static files, sitemap, search index).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["PHASES", "run_profile", "table"]

_I1, _I2 = "\u00a0" * 2, "\u00a0" * 4  # indents that survive a Markdown table cell

PHASES = {
    "build": "whole build step",
    "event:config:hook": "hook on_config: import and describe the models",
    "event:config:mkdocstrings": "mkdocstrings on_config",
    "event:files:hook": "hook on_files: render the model and API pages' Markdown",
    "pages:markdown": "every page: Markdown to HTML",
    "mkdocstrings:blocks": _I1 + "of which mkdocstrings ::: blocks",
    "mkdocstrings:collect": _I2 + "of which griffe: load and collect",
    "mkdocstrings:jinja-compile": _I2 + "of which Jinja: compile mkdocstrings' templates",
    "mkdocstrings:pygments": _I2 + "of which Pygments: the signatures",
    "pygments:pages": _I1 + "of which Pygments: the pages' code blocks",
    "pages:html": "every page: theme template, search plugin",
    "event:page_context:search": _I1 + "of which search: parse the page's HTML",
    "jinja-compile:theme": _I1 + "of which Jinja: compile the theme's templates",
    "rest": "the rest: navigation, static files, sitemap, search index",
}
"""Each phase's key and what it is, in the order of the table (indented: part of the above)."""

_TOP = ("event:config:hook", "event:config:mkdocstrings", "event:files:hook")


class _Clock:
    """Inclusive CPU seconds per phase, and which phases are running."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.running: dict[str, int] = defaultdict(int)

    def wrap(self, key: Callable[[], str | None] | str, function: Callable[..., Any]) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            name = key() if callable(key) else key
            if name is None or self.running[name]:
                return function(*args, **kwargs)
            self.running[name] += 1
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.process_time() - start
                self.running[name] -= 1

        return timed


def _owner(method: Any) -> str:
    owner = getattr(method, "__self__", None)
    module = type(owner).__module__ if owner is not None else getattr(method, "__module__", "")
    if "mkdocstrings" in module:
        return "mkdocstrings"
    if "search" in module:
        return "search"
    if "hook" in module or "iam_client_docs" in module:
        return "hook"
    return module


def _instrument(clock: _Clock) -> None:
    """Wrap the functions of each phase, once per process."""
    import jinja2
    from mkdocs.commands import build as build_module
    from mkdocstrings._internal.extension import AutoDocProcessor
    from mkdocstrings_handlers.python._internal.handler import PythonHandler
    from pygments.formatters.html import HtmlFormatter  # type: ignore[import-untyped]

    build_module._populate_page = clock.wrap("pages:markdown", build_module._populate_page)
    build_module._build_page = clock.wrap("pages:html", build_module._build_page)
    AutoDocProcessor.run = clock.wrap(  # type: ignore[method-assign]
        "mkdocstrings:blocks", AutoDocProcessor.run
    )
    PythonHandler.collect = clock.wrap(  # type: ignore[method-assign]
        "mkdocstrings:collect", PythonHandler.collect
    )

    def inside(inner: str, outer: str) -> Callable[[], str]:
        return lambda: inner if clock.running["mkdocstrings:blocks"] else outer

    compile_key = inside("mkdocstrings:jinja-compile", "jinja-compile:theme")
    jinja2.Environment.compile = clock.wrap(  # type: ignore[method-assign]
        compile_key, jinja2.Environment.compile
    )
    highlight_key = inside("mkdocstrings:pygments", "pygments:pages")
    HtmlFormatter.format_unencoded = clock.wrap(highlight_key, HtmlFormatter.format_unencoded)


def _instrument_events(clock: _Clock, config: Any) -> None:
    """Wrap each plugin's and the hook's event methods of this build's config."""
    for event, methods in config.plugins.events.items():
        config.plugins.events[event] = [
            clock.wrap(f"event:{event}:{_owner(method)}", method) for method in methods
        ]


def profile(config_file: str, builds: int = 2) -> list[dict[str, float]]:
    """`builds` builds of `config_file` in this process; the phases of each."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    clock = _Clock()
    _instrument(clock)
    found = []
    with tempfile.TemporaryDirectory(prefix="iam-bench-profile-") as site:
        for _ in range(builds):
            clock.seconds.clear()
            config = load_config(config_file=config_file, site_dir=site)
            _instrument_events(clock, config)
            start = time.process_time()
            build(config)
            seconds = dict(clock.seconds)
            seconds["build"] = time.process_time() - start
            seconds["rest"] = seconds["build"] - sum(
                seconds.get(key, 0.0) for key in (*_TOP, "pages:markdown", "pages:html")
            )
            found.append(seconds)
    return found


def run_profile(workdir: Path) -> dict[str, list[tuple[str, float]]]:
    """The phases of the real site's generated and plain builds: a table's rows for each.

    The generated site is built twice in one process, as `mkdocs serve` rebuilds it.
    """
    from benchmarks import sites
    from benchmarks.timing import run_process

    projects = sites.Projects(
        workdir / "generated" / "mkdocs.yml",
        workdir / "plain" / "mkdocs.yml",
        workdir / "generated" / "mkdocs-static-api.yml",
    )
    if not (projects.generated.exists() and projects.plain.exists()):
        projects = sites.prepare_projects(workdir, None)
    tables: dict[str, list[tuple[str, float]]] = {}
    for config, kind in ((projects.generated, "generated"), (projects.plain, "plain")):
        builds_wanted = "2" if kind == "generated" else "1"
        command = [sys.executable, "-m", "benchmarks.build_profile", str(config), builds_wanted]
        process = run_process(command, cwd=config.parent, env=sites.env_for(config.parent))
        lines = [line for line in process.output.splitlines() if line.startswith("{")]
        if process.returncode != 0 or not lines:
            raise RuntimeError(f"the profiled build of {config} failed:\n{process.output}")
        builds = [json.loads(line) for line in lines]
        names = ["first build in its process", "the next build in the same process (as serve)"]
        for name, seconds in zip(names, builds, strict=False):
            title = f"Where the build step's CPU time goes: real site, {kind}, {name}"
            tables[title] = [
                (label, seconds[key]) for key, label in PHASES.items() if seconds.get(key)
            ]
    return tables


def table(title: str, rows: list[tuple[str, float]]) -> Any:
    """A report table: each phase's CPU seconds, and its share of the whole build step."""
    from benchmarks.report import Row, Table

    total = rows[0][1]
    return Table(
        title,
        "s",
        tuple(
            Row(label, seconds, None if index == 0 else seconds / total)
            for index, (label, seconds) in enumerate(rows)
        ),
        ("phase", "share of the build step"),
    )


if __name__ == "__main__":
    for seconds in profile(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2):
        print(json.dumps(seconds), flush=True)

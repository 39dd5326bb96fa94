"""`mkdocs serve`: from a docstring edited to its page rebuilt, beside a cold `mkdocs build`.

One `mkdocs serve --strict` (as `scripts/serve` runs it) of a copy of the real site runs the
whole benchmark. Each round a field docstring of `ConsumerAuthTokenEndpointOutput` gets a new
word: the figure is the wall time until MkDocs's file watcher starts the rebuild (it polls every
half second, then waits 0.1 s) plus the CPU time the serve process uses from the edit to the end
of the rebuild, and the page served then must carry the word. Beside it, a whole
`mkdocs build --strict` process (CPU time). A rebuild that follows on its own (a file written
during the first) is waited for and counted. The notes also give the CPU time of the Markdown
conversions, in the rebuild and in the cold build (`mkdocs_timed`).
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import sites
from benchmarks.mkdocs_timed import MARKER, TIMES
from benchmarks.timing import Series, free_port, interleave

EDIT = "mkdocs serve: docstring edited to page rebuilt"
COLD = "cold mkdocs build (whole process)"
_TIMEOUT = 300.0
_QUIET = 1.5
"""Seconds without a new rebuild after which the server counts as idle (three watcher polls)."""


@dataclass(frozen=True)
class Edit:
    """What a round edits: `text`, once in `file` (relative to the project of `config`), gets
    ` (editedN)` appended, and the page at URL path `page` must show it."""

    config: Path
    file: Path
    text: str
    page: str


@dataclass
class ServeResults:
    """Seconds per round of EDIT and COLD; the parts and wall times of the figures by name; and
    the rebuilds per edit (more than one when a rebuild itself changed a watched file)."""

    series: dict[str, Series]
    more: dict[str, Series] = field(default_factory=dict)
    rebuilds: list[int] = field(default_factory=list)

    def add(self, name: str, value: float) -> None:
        self.more.setdefault(name, Series(name)).samples.append(value)


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Server:
    """A running `mkdocs serve` whose log lines arrive, timestamped, on a queue."""

    def __init__(self, config: Path) -> None:
        self.port = free_port()
        command = [sys.executable, "-m", "benchmarks.mkdocs_timed", "serve", "--strict"]
        command += ["--dev-addr", f"127.0.0.1:{self.port}", "--config-file", str(config)]
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log: list[str] = []
        self.process = subprocess.Popen(
            command,
            cwd=config.parent,
            env=sites.env_for(config.parent),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
        self.lines.put((time.perf_counter(), ""))  # the end

    def _fail(self, what: str) -> RuntimeError:
        return RuntimeError(f"mkdocs serve {what}:\n" + "\n".join(self.log[-40:]))

    def next_line(self, timeout: float) -> tuple[float, str] | None:
        try:
            when, line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        if not line and self.process.poll() is not None:
            raise self._fail("stopped")
        self.log.append(line)
        if "WARNING" in line or "ERROR" in line:
            raise self._fail("warned")
        return when, line

    def wait_for(self, pattern: str) -> tuple[float, str]:
        deadline = time.perf_counter() + _TIMEOUT
        while (left := deadline - time.perf_counter()) > 0:
            found = self.next_line(left)
            if found is not None and pattern in found[1]:
                return found
        raise self._fail(f"printed no {pattern!r}")

    def page(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=30) as response:
            text: str = response.read().decode("utf-8")
            return text

    def settle(self) -> tuple[int, float]:
        """Wait until no rebuild follows for `_QUIET` s: the rebuilds that followed, their CPU."""
        rebuilds, cpu = 0, 0.0
        while (found := self.next_line(_QUIET)) is not None:
            if "Building documentation" in found[1]:
                match = TIMES.search(self.wait_for(MARKER)[1])
                rebuilds, cpu = rebuilds + 1, cpu + (float(match[1]) if match else 0.0)
        return rebuilds, cpu

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # the session start_new_session made
            self.process.wait(timeout=60)
        self._reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def run_serve(workdir: Path, rounds: int, target: Edit | None = None) -> ServeResults:
    """Edit and cold-build samples, interleaved, against one server.

    `target` None: a field docstring of `ConsumerAuthTokenEndpointOutput`, in a copy of the real
    site made under `workdir`.
    """
    if target is None:
        config = sites.prepare_generated(workdir / "serve", None)
        model = Path("src/iam_client_models/consumer_auth.py")
        target = Edit(
            config,
            model,
            '"""The type of the token issued',
            "models/ConsumerAuthTokenEndpointOutput/",
        )
    source = target.config.parent / target.file
    original = source.read_text(encoding="utf-8")
    if original.count(target.text) != 1:
        raise AssertionError(f"{target.file} must hold {target.text!r} once")
    server = _Server(target.config)
    found = ServeResults({})
    edits = iter(range(1, 10_000))

    def edit() -> float:
        word = f"edited{next(edits)}"
        cpu = _process_cpu(server.process.pid)
        start = time.perf_counter()
        source.write_text(original.replace(target.text, f"{target.text} ({word})"), "utf-8")
        began, _ = server.wait_for("Building documentation")
        ended, line = server.wait_for(MARKER)
        used = _process_cpu(server.process.pid) - cpu
        times = TIMES.search(line)
        if times is None:
            raise server._fail("printed no build times")
        if f"({word})" not in server.page(target.page):
            raise AssertionError(f"the rebuilt {target.page} does not show the edit")
        found.add("edit to page, wall", ended - start)
        found.add("watcher wait", began - start)
        found.add("rebuild CPU", used)
        found.add("rebuild: Markdown conversion CPU", float(times[2]))
        more, cpu = server.settle()
        found.rebuilds.append(1 + more)
        found.add("the rebuilds after the first, CPU", cpu)
        return began - start + used

    def cold() -> float:
        build = sites.build_site(target.config, workdir / "cold-site")
        found.add("cold build, wall", build.process_wall)
        found.add("cold build: Markdown conversion CPU", build.convert)
        # The cold build writes nothing under the watched folders: no rebuild may follow.
        if server.settle()[0]:
            raise RuntimeError("a cold build made mkdocs serve rebuild")
        return build.process_cpu

    try:
        server.wait_for(MARKER)
        server.wait_for("Serving on")
        server.settle()
        found.series = interleave({EDIT: edit, COLD: cold}, rounds)
    finally:
        server.close()
        source.write_text(original, encoding="utf-8")
    return found

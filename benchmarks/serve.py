"""`mkdocs serve`: from a docstring edited to its page rebuilt, beside a cold `mkdocs build`.

One `mkdocs serve --strict` (as `scripts/serve` runs it) of a copy of the real site stays up
for the whole benchmark. In each round

- *edit*: one field docstring of `ConsumerAuthTokenEndpointOutput` in the copy's `src/` gets a
  new word; the figure runs from the write to the end of the rebuild that shows it (MkDocs's
  build step returns, and the page it serves then carries the new word: checked over HTTP).
  It is the wait for MkDocs's file watcher to notice (wall time: the watcher polls every half
  second, then waits 0.1 s for more changes) plus the CPU time of the serve process from the
  start of that rebuild to its end;
- *cold build*: a whole `mkdocs build --strict` process of the same copy (CPU time).

A rebuild that follows on its own (a file written during the first, such as a module's new
`.pyc` under the watched `src/`) is waited for and counted, so it never overlaps the next
sample; the count is reported.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import sites
from benchmarks.mkdocs_timed import MARKER
from benchmarks.timing import Sampler, Series, interleave

__all__ = ["COLD", "EDIT", "Edit", "ServeResults", "run_serve"]

EDIT = "mkdocs serve: docstring edited to page rebuilt"
COLD = "cold mkdocs build (whole process)"
MODEL_FILE = Path("src/iam_client_models/consumer_auth.py")
PAGE = "models/ConsumerAuthTokenEndpointOutput/"
DOCSTRING = '"""The type of the token issued'
_BUILD = re.compile(MARKER + r" cpu=([0-9.]+) wall=([0-9.]+)")
_TIMEOUT = 300.0
_QUIET = 1.5
"""Seconds without a new rebuild after which the server counts as idle (three watcher polls)."""


@dataclass(frozen=True)
class Edit:
    """What a round edits: a line of `file`, under the project of `config`, and the page that
    shows it."""

    config: Path
    file: Path
    """Relative to the project's folder."""
    text: str
    """Text that occurs once in `file`; each edit appends ` (editedN)` to it."""
    page: str
    """The URL path of the page that shows the edited text."""


@dataclass
class ServeResults:
    series: dict[str, Series]
    """Seconds per round: EDIT (detection wait + rebuild CPU) and COLD (process CPU)."""
    latency: Series = field(default_factory=lambda: Series("edit to page, wall"))
    """Wall seconds from the edit to the rebuilt page."""
    detection: Series = field(default_factory=lambda: Series("edit to rebuild start, wall"))
    rebuild_cpu: Series = field(default_factory=lambda: Series("rebuild, CPU"))
    cold_wall: Series = field(default_factory=lambda: Series("cold build, wall"))
    cold_build_step: Series = field(default_factory=lambda: Series("cold build step, CPU"))
    rebuilds: list[int] = field(default_factory=list)
    """Rebuilds per edit: 1, or more when the first rebuild itself changed a watched file."""
    extra_rebuild_cpu: Series = field(default_factory=lambda: Series("follow-up rebuilds, CPU"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


class _Server:
    """A running `mkdocs serve` whose log lines arrive, timestamped, on a queue."""

    def __init__(self, config: Path) -> None:
        self.project = config.parent
        self.port = _free_port()
        command = [sys.executable, "-m", "benchmarks.mkdocs_timed", "serve", "--strict"]
        command += ["--dev-addr", f"127.0.0.1:{self.port}", "--config-file", str(config)]
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log: list[str] = []
        self.process = subprocess.Popen(
            command,
            cwd=self.project,
            env=sites.env_for(self.project),
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

    def next_line(self, timeout: float) -> tuple[float, str] | None:
        try:
            when, line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        if not line and self.process.poll() is not None:
            raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(self.log[-40:]))
        self.log.append(line)
        if "WARNING" in line or "ERROR" in line:
            raise RuntimeError("mkdocs serve warned:\n" + "\n".join(self.log[-40:]))
        return when, line

    def wait_for(self, pattern: str, timeout: float = _TIMEOUT) -> tuple[float, str]:
        deadline = time.perf_counter() + timeout
        while (left := deadline - time.perf_counter()) > 0:
            found = self.next_line(left)
            if found is not None and pattern in found[1]:
                return found
        raise RuntimeError(f"no {pattern!r} from mkdocs serve:\n" + "\n".join(self.log[-40:]))

    def page(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=30) as response:
            text: str = response.read().decode("utf-8")
            return text

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # the session start_new_session made
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        # The reader ends at the pipe's end; then the pipe is closed, not left to the collector.
        self._reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def run_serve(workdir: Path, rounds: int, edit_target: Edit | None = None) -> ServeResults:
    """Edit and cold-build samples, interleaved, against one server of a copy of the real site.

    `edit_target` None: a field docstring of `ConsumerAuthTokenEndpointOutput`, in a copy of
    the real site made under `workdir`.
    """
    if edit_target is None:
        config = sites.prepare_generated(workdir / "serve", None)
        edit_target = Edit(config, MODEL_FILE, DOCSTRING, PAGE)
    config = edit_target.config
    source = config.parent / edit_target.file
    original = source.read_text(encoding="utf-8")
    if original.count(edit_target.text) != 1:
        raise AssertionError(f"{edit_target.file} must hold {edit_target.text!r} once")
    server = _Server(config)
    results = ServeResults({})
    try:
        server.wait_for(MARKER)
        server.wait_for("Serving on")
        _settle(server, results, count=False)
        edits = iter(range(1, 10_000))

        def edit() -> float:
            word = f"edited{next(edits)}"
            text = original.replace(edit_target.text, f"{edit_target.text} ({word})")
            cpu = _process_cpu(server.process.pid)
            start = time.perf_counter()
            source.write_text(text, encoding="utf-8")
            began, _ = server.wait_for("Building documentation")
            ended, _ = server.wait_for(MARKER)
            used = _process_cpu(server.process.pid) - cpu
            if f"({word})" not in server.page(edit_target.page):
                raise AssertionError(f"the rebuilt {edit_target.page} does not show the edit")
            detection = began - start
            results.latency.samples.append(ended - start)
            results.detection.samples.append(detection)
            results.rebuild_cpu.samples.append(used)
            _settle(server, results)
            return detection + used

        def cold() -> float:
            build = sites.build_site(config, workdir / "cold-site", check_bytecode=False)
            results.cold_wall.samples.append(build.process_wall)
            results.cold_build_step.samples.append(build.cpu)
            # The cold build writes nothing under the watched folders: no rebuild may follow.
            if server.next_line(0.6) is not None and "Building documentation" in server.log[-1]:
                raise RuntimeError("a cold build made mkdocs serve rebuild")
            return build.process_cpu

        samplers: dict[str, Sampler] = {EDIT: edit, COLD: cold}
        results.series = interleave(samplers, rounds)
    finally:
        server.close()
        source.write_text(original, encoding="utf-8")
    return results


def _settle(server: _Server, results: ServeResults, *, count: bool = True) -> None:
    """Wait until no rebuild follows for `_QUIET` seconds; count the follow-up rebuilds."""
    rebuilds, cpu = 1, 0.0
    while True:
        found = server.next_line(_QUIET)
        if found is None:
            break
        if "Building documentation" in found[1]:
            _, line = server.wait_for(MARKER)
            match = _BUILD.search(line)
            rebuilds += 1
            cpu += float(match[1]) if match else 0.0
    if count:
        results.rebuilds.append(rebuilds)
        results.extra_rebuild_cpu.samples.append(cpu)

"""Run the benchmarks, print the tables and one verdict line per target, update the docs.

    scripts/bench               # every part; rewrites docs/performance/results.{json,txt}, chart
    scripts/bench --lighthouse  # the Lighthouse part alone (same as --only lighthouse)
    scripts/bench --only docs   # one part (repeatable); updates that part of the results
    scripts/bench --quick       # few rounds, for trying changes; writes nothing unless --write

A target's figure is the median of its per-round values; its noise band is the range of the
medians of five stretches of the rounds (`timing.noise_band`). Verdicts: PASS (the median meets
the target), NOISE (it misses by less than the band: not a failure), FAIL (the whole band
misses). The exit status is 1 when a target of the parts run fails.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import bytecode, imports, lighthouse, memory, parse, results, serve, sites
from benchmarks.payload import token_response
from benchmarks.report import Row, Table, Target, as_data, text_table
from benchmarks.timing import Series, differences, interleave, paired_ratio, ratios
from benchmarks.upstream import UpstreamWorker, upstream_python, upstream_versions

ROOT = Path(__file__).resolve().parent.parent

INTERPRETATION = """\
How to read the figures: `t / t(ours)` is a candidate's time divided by ours, so 3.00 means
ours takes a third of the time and 0.95 that ours takes about 5% longer. A parse target such
as ">= 1.2x json.loads" means t(json.loads) / t(our model_validate_json) >= 1.2."""


@dataclass(frozen=True)
class Settings:
    parse_rounds: int
    sample_seconds: float
    import_rounds: int
    memory_rounds: int
    docs_rounds: int
    serve_rounds: int
    lighthouse_rounds: int
    sizes: tuple[int, int] = (40, 400)
    """The two synthetic site sizes of the scaling target."""


# Short samples and many rounds: on a loaded machine a 2 ms sample is often not preempted at
# all, and the median keeps the undisturbed ones.
FULL = Settings(201, 0.002, 20, 3, 3, 3, 3)
QUICK = Settings(21, 0.001, 3, 1, 1, 1, 1)
PARTS = ("parse and dump", "peak memory", "cold import", "docs build", "mkdocs serve", "Lighthouse")
CHOICES = {"parse": PARTS[0], "memory": PARTS[1], "import": PARTS[2], "docs": PARTS[3]}
CHOICES |= {"serve": PARTS[4], "lighthouse": PARTS[5]}
ROUNDS: dict[str, Callable[[Settings], int]] = {
    PARTS[0]: lambda s: s.parse_rounds,
    PARTS[1]: lambda s: s.memory_rounds,
    PARTS[2]: lambda s: s.import_rounds,
    PARTS[3]: lambda s: s.docs_rounds,
    PARTS[4]: lambda s: s.serve_rounds,
    PARTS[5]: lambda s: s.lighthouse_rounds,
}
PACKAGES = ("pydantic", "pydantic-core", "mkdocs", "mkdocs-material", "mkdocstrings")


def _table(title: str, unit: str, series: dict[str, Series], ours: str) -> Table:
    rows = [Row(ours, series[ours].median, None)]
    rows += [
        Row(name, item.median, paired_ratio(item, series[ours]))
        for name, item in series.items()
        if name != ours
    ]
    return Table(title, unit, tuple(rows))


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _commit(project: Path = ROOT) -> str:
    def git(*args: str) -> str:
        found = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True)
        return found.stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (
        " (edited)" if git("status", "--porcelain") else ""
    )


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):  # not Linux
        pass
    info = {
        "CPU": f"{cpu}, {os.cpu_count()} cores (shared with other jobs: see the load averages)",
        "OS": platform.platform(),
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
    }
    for package in PACKAGES:
        info[package] = importlib.metadata.version(package)
    return info


def _redact(message: str) -> str:
    """Upstream's message with any token value from the payload cut out."""
    for value in token_response().values():
        if isinstance(value, str) and len(value) > 20:
            message = message.replace(value, "<token redacted>")
    return message


@dataclass
class Part:
    """What one part of the benchmark found."""

    tables: list[Table] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chart: list[int] = field(default_factory=list)
    """The indexes of the tables the chart shows."""
    grids: list[dict[str, Any]] = field(default_factory=list)
    """Tables of several figures per row (Lighthouse's scores), as data."""


def _speed(series: dict[str, Series], other: str) -> tuple[float, ...]:
    return tuple(ratios(series[other], series[parse.OURS]))


def _run_parse(settings: Settings, worker: UpstreamWorker) -> Part:
    found = parse.run_parse(worker, settings.parse_rounds, settings.sample_seconds)
    part = Part()
    for (operation, label), series in found.series.items():
        call = "model_validate_json" if operation == "parse" else "model_dump_json"
        table = _table(f"{operation.capitalize()}, {label} ({call})", "ns/op", series, parse.OURS)
        if label in (parse.TOKEN_WITHOUT_ID, parse.PROJECT_LIST, parse.TOKEN_LIST, parse.ERROR):
            part.chart.append(len(part.tables))
        part.tables.append(table)
    part.notes += [
        f"{parse.UPSTREAM} from_json rejects the payload {label}:\n{_redact(error)}"
        for label, error in found.upstream_errors.items()
    ]
    sizes = ", ".join(
        f"{label} {len(payload.text.encode()):,} bytes" for label, payload in parse.PAYLOADS.items()
    )
    part.notes.append(f"Payload sizes (compact JSON): {sizes}.")

    def target(operation: str, label: str, other: str, name: str, limit: float) -> Target:
        speed = _speed(found.series[operation, label], other)
        measure = f"t({name}) / t(ours), {label}"
        return Target(f"{operation} vs {name}", measure, speed, limit, at_least=True)

    part.targets.append(target("parse", parse.TOKEN_WITHOUT_ID, parse.UPSTREAM, "upstream", 5))
    for other, limit, name in ((parse.JSON, 1.2, "json.loads"), (parse.BARE, 0.95, "bare model")):
        for label in parse.TOKEN_PAYLOADS:
            part.targets.append(target("parse", label, other, name, limit))
    for operation in ("parse", "dump"):
        part.targets += [
            target(operation, x, parse.BARE, "bare model", 0.9) for x in parse.BODY_PAYLOADS
        ]
        part.targets += [
            target(operation, x, parse.UPSTREAM, "upstream", 5)
            for x in parse.UPSTREAM_BODY_PAYLOADS
        ]
    return part


def _mb(series: Series) -> str:
    return f"{series.median:.1f} MB"


def _run_memory(settings: Settings, python: Path, workdir: Path) -> Part:
    found = memory.run_memory(python, workdir, settings.memory_rounds)
    ours, bare, plain = memory.CANDIDATES[0], "bare pydantic model", "json.loads"
    what = f"parse a ProjectList of {found.projects:,} projects ({found.size / 1e6:.1f} MB)"
    traced, resident = found.peak["tracemalloc"], found.peak["rss"]
    part = Part(
        tables=[
            _table(f"Peak memory, Python's count (tracemalloc): {what}", "MB", traced, ours),
            _table(
                f"Peak memory, resident (the kernel's high-water mark): {what}",
                "MB",
                resident,
                ours,
            ),
        ],
        chart=[0],
    )
    part.targets.append(
        Target(
            "peak memory vs json.loads",
            "tracemalloc peak(ours) / peak(json.loads), ProjectList of 10 MB",
            tuple(ratios(traced[ours], traced[plain])),
            1.5,
            at_least=False,
        )
    )
    held = found.held
    part.notes += [
        f"Python's count: parsing and holding the list peaks at {_mb(traced[ours])} for ours, "
        f"{_mb(traced[bare])} for the bare pydantic model and {_mb(traced[plain])} for json.loads "
        f"({paired_ratio(traced[ours], traced[plain]):.2f} and "
        f"{paired_ratio(traced[bare], traced[plain]):.2f} times json.loads); held after the "
        f"parse: {_mb(held['tracemalloc'][ours])}, {_mb(held['tracemalloc'][bare])} and "
        f"{_mb(held['tracemalloc'][plain])}.",
        f"Resident memory: the high-water mark rises by {_mb(resident[ours])} for ours, "
        f"{_mb(resident[bare])} for the bare model and {_mb(resident[plain])} for json.loads "
        f"({paired_ratio(resident[ours], resident[plain]):.2f} and "
        f"{paired_ratio(resident[bare], resident[plain]):.2f} times json.loads); resident after "
        f"the parse: {_mb(held['rss'][ours])}, {_mb(held['rss'][bare])} and "
        f"{_mb(held['rss'][plain])}.",
        "Per project, Python's count of what is held after the parse: "
        + ", ".join(
            f"{name} {series.median * 1e6 / found.projects:,.0f} bytes"
            for name, series in held["tracemalloc"].items()
        )
        + ".",
    ]
    return part


def _run_imports(settings: Settings, python: Path, workdir: Path) -> Part:
    found = imports.run_imports(python, workdir, settings.import_rounds)
    cpu = found.cpu
    title = "Cold import, whole process (python -c): CPU time"
    part = Part(tables=[_table(title, "ms", cpu, imports.ONE)], chart=[0])
    part.targets += [
        Target(
            "import one model vs bare model module",
            f"CPU t({imports.ONE}) - t(bare six-field model module)",
            tuple(differences(cpu[imports.ONE], cpu[imports.BARE])),
            15,
            at_least=False,
            unit=" ms",
        ),
        Target(
            "import every model vs upstream",
            "CPU t(from iam_client_models import *) / t(import affinidi_tdk_iam_client)",
            tuple(ratios(cpu[imports.EVERY], cpu[imports.UPSTREAM])),
            0.7,
            at_least=False,
        ),
    ]
    part.notes.append(
        "Every import process above read each of its modules from a .pyc on disk that was "
        "current before it started (checked in one process of each)."
    )
    return part


GENERATED = "generated (hook + mkdocstrings)"
PLAIN = "plain Markdown, same pages"


def _run_sites(settings: Settings, workdir: Path) -> Part:
    sizes: list[int | None] = [None, *settings.sizes]
    labels = {size: "real site" if size is None else f"N = {size}" for size in sizes}
    samplers: dict[str, Callable[[], float]] = {}
    checked: set[str] = set()
    for size in sizes:
        projects = sites.prepare_projects(workdir / f"site-{size or 'real'}", size)
        for kind, config in ((GENERATED, projects.generated), (PLAIN, projects.plain)):
            key = f"{kind}, {labels[size]}"

            def sample(config: Path = config, key: str = key) -> float:
                # The first build of each is checked to have read every module from bytecode.
                first = key not in checked
                checked.add(key)
                return sites.build_site(config, workdir / "out", check_bytecode=first).cpu

            samplers[key] = sample
    series = interleave(samplers, settings.docs_rounds)
    part = Part()
    for size in sizes:
        label = labels[size]
        pages = "the real models" if size is None else f"the real models + {size} synthetic"
        generated, plain = series[f"{GENERATED}, {label}"], series[f"{PLAIN}, {label}"]
        part.chart.append(len(part.tables))
        part.tables.append(
            Table(
                f"Docs build, {label} ({pages}): CPU time of the build step",
                "s",
                (
                    Row(GENERATED, generated.median, None),
                    Row(PLAIN, plain.median, paired_ratio(plain, generated)),
                ),
            )
        )
        if size is None:
            part.targets.append(
                Target(
                    "docs build of the real site vs plain",
                    "CPU t(generated) / t(plain)",
                    tuple(ratios(generated, plain)),
                    1.5,
                    at_least=False,
                )
            )
        else:
            part.notes.append(
                f"{label}: CPU t(generated) / t(plain) = {paired_ratio(generated, plain):.2f}."
            )
    small, large = (f"N = {size}" for size in settings.sizes)
    part.targets.append(
        Target(
            "docs build scaling",
            f"CPU t({large}) / t({small}), generated",
            tuple(ratios(series[f"{GENERATED}, {large}"], series[f"{GENERATED}, {small}"])),
            8,
            at_least=False,
        )
    )
    plain_scaling = paired_ratio(series[f"{PLAIN}, {large}"], series[f"{PLAIN}, {small}"])
    part.notes.append(
        f"The plain site's scaling: CPU t({large}) / t({small}) = {plain_scaling:.2f}."
    )
    return part


def _run_serve(settings: Settings, workdir: Path) -> Part:
    found = serve.run_serve(workdir, settings.serve_rounds)
    edit, cold = found.series[serve.EDIT], found.series[serve.COLD]
    table = Table(
        "mkdocs serve, real site: a docstring edited to its page rebuilt, beside a cold build",
        "s",
        (
            Row(serve.EDIT, edit.median, None),
            Row(serve.COLD, cold.median, paired_ratio(cold, edit)),
        ),
    )
    part = Part(tables=[table], chart=[0])
    part.targets.append(
        Target(
            "mkdocs serve rebuild vs cold build",
            "t(edit to page rebuilt) / t(cold mkdocs build)",
            tuple(ratios(edit, cold)),
            0.5,
            at_least=False,
        )
    )
    more = {name: f"{series.median:.2f} s" for name, series in found.more.items()}
    part.notes += [
        f"An edit reaches its rebuilt page in {more['edit to page, wall']} of wall time; the "
        f"watcher's wait is {more['watcher wait']} of it, and the rebuild takes "
        f"{more['rebuild CPU']} of CPU. A cold build takes {more['cold build, wall']} of "
        f"wall time, its build step {more['cold build step, CPU']} of CPU.",
        f"Rebuilds per edit: {', '.join(map(str, found.rebuilds))}; the rebuilds after the "
        f"first cost {more['the rebuilds after the first, CPU']} of CPU per edit (median).",
    ]
    return part


def _score(values: Sequence[float]) -> str:
    return f"{statistics.median(values):g}"


def _run_lighthouse(settings: Settings, workdir: Path, project: Path) -> Part:
    found = lighthouse.run_lighthouse(workdir, settings.lighthouse_rounds, project)
    names = [*lighthouse.PAGES, lighthouse.PLAIN]
    header = ["page", *lighthouse.CATEGORIES.values(), "largest contentful paint (s)"]
    rows = [
        [
            name,
            *(_score(found.scores[name][key].samples) for key in lighthouse.CATEGORIES),
            f"{found.lcp[name].median:.1f}",
        ]
        for name in names
    ]
    rounds = settings.lighthouse_rounds
    title = f"Lighthouse (mobile emulation, default throttling): median of {rounds} runs"
    part = Part(grids=[{"title": title, "header": header, "rows": rows}])

    def lowest(key: str, minus: str | None = None) -> tuple[float, ...]:
        # Per round, the lowest page's score (or its lowest margin over the plain page).
        return tuple(
            min(
                found.scores[page][key].samples[index]
                - (found.scores[minus][key].samples[index] if minus else 0)
                for page in lighthouse.PAGES
            )
            for index in range(rounds)
        )

    for key in ("accessibility", "best-practices", "seo"):
        name = lighthouse.CATEGORIES[key]
        part.targets.append(
            Target(
                f"Lighthouse {name} 100",
                f"the lowest page's {name} score",
                lowest(key),
                100,
                at_least=True,
                unit="",
            )
        )
    part.targets += [
        Target(
            "Lighthouse performance 95",
            "the lowest page's performance score",
            lowest("performance"),
            95,
            at_least=True,
            unit="",
        ),
        Target(
            "Lighthouse performance vs plain Material",
            "the lowest page's performance score - the plain page's",
            lowest("performance", lighthouse.PLAIN),
            0,
            at_least=True,
            unit=" points",
        ),
    ]
    for name in names:
        missed = "; ".join(
            f"{lighthouse.CATEGORIES[key]}: {', '.join(ids)}"
            for key, ids in found.missed[name].items()
        )
        part.notes.append(f"{name}: audits below full marks in a run: {missed or 'none'}.")
    part.notes.append(
        f"Lighthouse's benchmark index of this machine's CPU (median over the runs): "
        f"{found.benchmark_index.median:.0f}; tool versions: "
        + ", ".join(f"{tool} {version}" for tool, version in lighthouse.versions().items())
        + "."
    )
    return part


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few rounds; write no results")
    parser.add_argument("--write", action="store_true", help="write the results after --quick")
    parser.add_argument("--only", choices=CHOICES, action="append", help="this part (repeatable)")
    parser.add_argument("--lighthouse", action="store_true", help="the Lighthouse part alone")
    parser.add_argument(
        "--project",
        type=Path,
        default=ROOT,
        help="Lighthouse: build the site of this checkout (a copy of another branch) instead",
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    chosen = [*(args.only or ()), *(["lighthouse"] if args.lighthouse else [])]
    run = [CHOICES[name] for name in chosen] if chosen else list(PARTS)
    info = machine()
    python = Path(sys.executable)
    if set(run) & set(PARTS[:3]):
        python = upstream_python()
        for name, version in upstream_versions(python).items():
            info[f"upstream env: {name}"] = version
    print(f"iam-client-models benchmarks ({'quick' if args.quick else 'full'} run)")
    print(INTERPRETATION + "\n")
    for key, value in info.items():
        print(f"  {key}: {value}")
    print()
    found: dict[str, Part] = {}
    runs: dict[str, dict[str, str]] = {}

    def run_part(title: str, make: Callable[[], Part]) -> None:
        if title not in run:
            return
        print(f"{title} ({_load()}) ...", flush=True)
        start, load = time.perf_counter(), _load()
        date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        try:
            part = make()
        except Exception as error:  # one broken part must not lose the others' figures
            traceback.print_exc()
            reason = f"{type(error).__name__}: {str(error).strip().splitlines()[-1][:300]}"
            failed = Target(title, f"not measured, the part failed ({reason})", (), 0, True)
            part = Part(targets=[failed], notes=[f"{title} failed:\n{traceback.format_exc()}"])
        seconds = time.perf_counter() - start
        runs[title] = {
            "date": date,
            "commit": _commit(args.project if title == PARTS[5] else ROOT),
            "rounds": f"{ROUNDS[title](settings)}" + (" (--quick)" if args.quick else ""),
            "load average at start": load,
            "load average at end": _load(),
            "minutes": f"{seconds / 60:.1f}",
        }
        found[title] = part
        for table in part.tables:
            print(text_table(table) + "\n")
        for grid in part.grids:
            print(
                grid["title"],
                *("  " + "  ".join(row) for row in [grid["header"], *grid["rows"]]),
                sep="\n",
            )
        for note in part.notes:
            print("  " + note.replace("\n", "\n    "))
        print(f"({title}: {seconds:.0f} s)\n", flush=True)

    with tempfile.TemporaryDirectory(prefix="iam-bench-") as temporary:
        workdir = Path(temporary)
        if set(run) & set(PARTS[:5]):
            print("compiling bytecode for every environment ...", flush=True)
            bytecode.prepare(python)
        if PARTS[0] in run:
            with UpstreamWorker(python) as worker:
                run_part(PARTS[0], lambda: _run_parse(settings, worker))
        run_part(PARTS[1], lambda: _run_memory(settings, python, workdir))
        run_part(PARTS[2], lambda: _run_imports(settings, python, workdir))
        run_part(PARTS[3], lambda: _run_sites(settings, workdir))
        run_part(PARTS[4], lambda: _run_serve(settings, workdir))
        run_part(PARTS[5], lambda: _run_lighthouse(settings, workdir, args.project))
    targets = [target for part in found.values() for target in part.targets]
    for target in targets:
        print(target.line())
    if args.write or not args.quick:
        data = results.load()
        data["machine"] = {**data["machine"], **info}
        for title, part in found.items():
            data["parts"][title] = {
                "run": runs[title],
                "targets": [as_data(target) for target in part.targets],
                "notes": part.notes,
                "tables": [as_data(table) for table in part.tables],
                "grids": part.grids,
                "chart": part.chart,
            }
        data["parts"] = {title: data["parts"][title] for title in PARTS if title in data["parts"]}
        results.save(data)
        written = (results.DATA, results.SNIPPET, results.CHART)
        print("\nwrote " + ", ".join(str(path.relative_to(ROOT)) for path in written))
    return 1 if any(target.verdict == "FAIL" for target in targets) else 0


if __name__ == "__main__":
    sys.exit(main())

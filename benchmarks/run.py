"""Run every benchmark, print the tables and one PASS/FAIL line per target, update the docs.

    scripts/bench            # the full run; rewrites docs/performance/{results.txt,chart.svg}
    scripts/bench --quick    # few rounds, for trying changes; writes nothing

The exit status is 1 when a target fails.

Every figure is a median over rounds; in each round every candidate runs once, in a rotating
order, and each ratio is the median of the per-round ratios, so load that comes and goes on a
shared machine hits both sides of a ratio alike.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import math
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import build_profile, bytecode, imports, memory, parse, serve, sites
from benchmarks.payload import token_response
from benchmarks.report import Row, Table, Target, markdown_table, svg_chart, text_table
from benchmarks.timing import Sampler, Series, interleave, paired_difference, paired_ratio
from benchmarks.upstream import UpstreamWorker, upstream_python, upstream_versions

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / sites.RESULTS_SNIPPET
CHART = ROOT / "docs" / "performance" / "chart.svg"
COMMAND = "scripts/bench"

INTERPRETATION = """\
How to read the figures: `t / t(ours)` is a candidate's time divided by ours, so 3.00 means
ours takes a third of the time (is 3x as fast) and 0.95 means ours is about 5% slower.
Parse targets are speed ratios in that sense: "parse >= 1.2x json.loads" means
t(json.loads) / t(our model_validate_json) >= 1.2, i.e. validating into our model must be at
least 1.2 times as fast as json.loads building a plain dict from the same text."""


@dataclass(frozen=True)
class Settings:
    parse_rounds: int
    sample_seconds: float
    variant_rounds: int
    import_rounds: int
    memory_rounds: int
    docs_rounds: int
    serve_rounds: int
    sizes: tuple[int, int] = (40, 400)
    """The two synthetic site sizes of the scaling target."""
    plain_at_sizes: bool = True
    """Also build the plain counterparts at both sizes (how MkDocs itself scales)."""
    profiles: bool = True
    """Also run the differential profiles and the phase profile of a build (the causes)."""


# Short samples and many rounds: on a loaded machine a 2 ms sample is often not preempted at
# all, and the median keeps the undisturbed ones.
FULL = Settings(
    parse_rounds=301,
    sample_seconds=0.002,
    variant_rounds=61,
    import_rounds=30,
    memory_rounds=5,
    docs_rounds=4,
    serve_rounds=4,
)
# --quick: the targets' measures only, in few rounds: no plain counterparts of the synthetic
# sites, no differential profiles.
QUICK = Settings(
    parse_rounds=21,
    sample_seconds=0.001,
    variant_rounds=21,
    import_rounds=3,
    memory_rounds=1,
    docs_rounds=1,
    serve_rounds=1,
    plain_at_sizes=False,
    profiles=False,
)
PACKAGES = (
    "pydantic",
    "pydantic-core",
    "msgspec",
    "mkdocs",
    "mkdocs-material",
    "mkdocstrings",
    "mkdocstrings-python",
    "griffelib",
    "griffe-pydantic",
)


def _table(title: str, unit: str, series: dict[str, Series], ours: str) -> Table:
    rows = [Row(ours, series[ours].median, None)]
    rows += [
        Row(name, item.median, paired_ratio(item, series[ours]))
        for name, item in series.items()
        if name != ours
    ]
    return Table(title, unit, tuple(rows))


def _cpuinfo(field: str) -> str | None:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                name, _, value = line.partition(":")
                if name.strip() == field:
                    return value.strip()
    except OSError:  # not Linux
        pass
    return None


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = _cpuinfo("model name") or platform.processor() or platform.machine()
    mhz = _cpuinfo("cpu MHz")
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    info = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": cpu + (f", {float(mhz):.0f} MHz" if mhz else ""),
        "cores": f"{os.cpu_count()} (this process may use {usable})",
        "load average at start (1, 5, 15 min)": _load(),
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
    chart: list[Table] = field(default_factory=list)


def _speed(series: dict[str, Series], other: str) -> float:
    return paired_ratio(series[other], series[parse.OURS])


def _run_parse(settings: Settings, worker: UpstreamWorker) -> Part:
    results = parse.run_parse(
        worker, settings.parse_rounds, settings.sample_seconds, with_variants=False
    )
    part = Part()
    for (operation, label), series in results.series.items():
        call = "model_validate_json" if operation == "parse" else "model_dump_json"
        table = _table(f"{operation.capitalize()}, {label} ({call})", "ns/op", series, parse.OURS)
        part.tables.append(table)
        if label in (parse.TOKEN_WITHOUT_ID, parse.PROJECT_LIST, parse.TOKEN_LIST, parse.ERROR):
            part.chart.append(table)
    part.notes += [
        f"{parse.UPSTREAM} from_json rejects the payload {label}:\n{_redact(error)}"
        for label, error in results.upstream_errors.items()
    ]
    sizes = ", ".join(
        f"{label} {len(payload.text.encode()):,} bytes" for label, payload in parse.PAYLOADS.items()
    )
    part.notes.append(f"payload sizes (compact JSON): {sizes}")
    token_parse = {label: results.series["parse", label] for label in parse.TOKEN_PAYLOADS}
    part.targets.append(
        Target(
            "parse token response vs upstream",
            f"t(upstream from_json) / t(ours), {parse.TOKEN_WITHOUT_ID}",
            _speed(token_parse[parse.TOKEN_WITHOUT_ID], parse.UPSTREAM),
            5,
            at_least=True,
        )
    )
    for other, limit, name in ((parse.JSON, 1.2, "json.loads"), (parse.BARE, 0.95, "bare model")):
        for label, series in token_parse.items():
            part.targets.append(
                Target(
                    f"parse token response vs {name}",
                    f"t({name}) / t(ours), {label}",
                    _speed(series, other),
                    limit,
                    at_least=True,
                )
            )
    for operation, call in (("parse", "from_json"), ("dump", "to_json")):
        for label in parse.BODY_PAYLOADS:
            part.targets.append(
                Target(
                    f"{operation} vs bare model",
                    f"t(bare model) / t(ours), {label}",
                    _speed(results.series[operation, label], parse.BARE),
                    0.9,
                    at_least=True,
                )
            )
        for label in parse.UPSTREAM_BODY_PAYLOADS:
            part.targets.append(
                Target(
                    f"{operation} vs upstream",
                    f"t(upstream {call}) / t(ours), {label}",
                    _speed(results.series[operation, label], parse.UPSTREAM),
                    5,
                    at_least=True,
                )
            )
    return part


def _run_variants(settings: Settings) -> Part:
    """The differential profile of our config (`benchmarks.variants`), for the page's causes."""
    found = parse.run_variants(settings.variant_rounds, settings.sample_seconds)
    part = Part()
    for (operation, label), series in found.items():
        call = "model_validate_json" if operation == "parse" else "model_dump_json"
        part.tables.append(
            _table(
                f"What our config costs: {operation}, {label} ({call}), replicas",
                "ns/op",
                series,
                parse.OURS,
            )
        )
        bare = series[parse.BARE]
        everything = series["replica, every item"]
        saved, alone, instead = [], [], []
        for name, item_series in series.items():
            if name.startswith("replica without "):
                share = 1 - paired_ratio(item_series, everything)
                saved.append(f"{name.removeprefix('replica without ')} {share:+.1%}")
            elif name.startswith("bare + "):
                cost = paired_ratio(item_series, bare) - 1
                alone.append(f"{name.removeprefix('bare + ')} {cost:+.1%}")
            elif name.startswith("replica with a "):
                speed = paired_ratio(bare, item_series)
                instead.append(f"{name.removeprefix('replica with a ')}: {speed:.2f}x")
        ours = paired_ratio(bare, series[parse.OURS])
        part.notes.append(
            f"{operation}, {label}: t(bare) / t(ours) = {ours:.2f}x, "
            f"t(bare) / t(replica with every item) = {paired_ratio(bare, everything):.2f}x. "
            f"Dropping one item from the replica saves: {', '.join(saved)}. One item alone on "
            f"the bare models costs: {', '.join(alone)}. t(bare) / t(replica) with an "
            f"alternative: {'; '.join(instead)}"
        )
    return part


def _run_memory(settings: Settings, python: Path, workdir: Path) -> Part:
    results = memory.run_memory(python, workdir, settings.memory_rounds)
    ours = memory.CANDIDATES[0]
    title = (
        f"Peak memory: parse a ProjectList of {results.projects:,} projects "
        f"({results.size / 1e6:.1f} MB) and hold the result"
    )
    table = _table(title, "MB", results.peak, ours)
    part = Part(tables=[table], chart=[table])
    part.targets.append(
        Target(
            "peak memory vs json.loads",
            "peak(ours) / peak(json.loads), ProjectList of 10 MB",
            paired_ratio(results.peak[ours], results.peak["json.loads"]),
            1.5,
            at_least=False,
        )
    )
    per_project = {
        name: series.median * 1e6 / results.projects for name, series in results.peak.items()
    }
    part.notes.append(
        "peak memory per project: "
        + ", ".join(f"{name} {value:,.0f} bytes" for name, value in per_project.items())
    )
    part.notes.append(memory.layout_note())
    return part


def _run_imports(settings: Settings, python: Path, workdir: Path) -> Part:
    results = imports.run_imports(
        python, workdir, settings.import_rounds, variants=settings.profiles
    )
    cpu, wall = results.cpu, results.wall
    cpu_table = _table("Cold import, whole process (python -c): CPU time", "ms", cpu, imports.ONE)
    part = Part(
        tables=[
            cpu_table,
            _table("Cold import, whole process (python -c): wall time", "ms", wall, imports.ONE),
        ],
        chart=[cpu_table],
    )
    part.targets += [
        Target(
            "import one model vs bare model module",
            f"CPU t({imports.ONE}) - t(bare six-field model module)",
            paired_difference(cpu[imports.ONE], cpu[imports.BARE]),
            15,
            at_least=False,
            unit=" ms",
        ),
        Target(
            "import every model vs upstream",
            "CPU t(from iam_client_models import *) / t(import affinidi_tdk_iam_client)",
            paired_ratio(cpu[imports.EVERY], cpu[imports.UPSTREAM]),
            0.7,
            at_least=False,
        ),
    ]
    part.notes.append(
        "bytecode: every import process above was checked to read each of its modules from a "
        ".pyc on disk that was current before it started; modules loaded: "
        + ", ".join(f"{name} {count}" for name, count in results.modules.items())
    )
    return part


GENERATED = "generated (hook + mkdocstrings)"
PLAIN = "plain Markdown, same pages"
STATIC_API = "generated, API section by the hook"
"""A variant, not a target: the hook writes the Python API section, mkdocstrings is off."""


def _run_sites(settings: Settings, workdir: Path) -> Part:
    sizes: list[int | None] = [None, *settings.sizes]
    labels = {size: "real site" if size is None else f"N = {size}" for size in sizes}
    kinds: dict[int | None, tuple[str, ...]] = {
        None: (GENERATED, PLAIN, STATIC_API) if settings.profiles else (GENERATED, PLAIN)
    }
    for count in settings.sizes:
        kinds[count] = (GENERATED, PLAIN) if settings.plain_at_sizes else (GENERATED,)
    samplers: dict[str, Sampler] = {}
    builds: dict[str, list[sites.Build]] = {}
    for size in sizes:
        projects = sites.prepare_projects(
            workdir / f"site-{size or 'real'}", size, plain=PLAIN in kinds[size]
        )
        configs = {
            GENERATED: projects.generated,
            PLAIN: projects.plain,
            STATIC_API: projects.static_api,
        }
        for kind in kinds[size]:
            key = f"{kind}, {labels[size]}"
            builds[key] = []

            def sample(config: Path = configs[kind], key: str = key) -> float:
                # The first build of each is checked to have read every module from bytecode.
                first = not builds[key]
                build = sites.build_site(config, workdir / "out", check_bytecode=first)
                builds[key].append(build)
                return build.cpu

            samplers[key] = sample
    series = interleave(samplers, settings.docs_rounds)
    part = Part()
    for size in sizes:
        label = labels[size]
        pages = "the real models" if size is None else f"the real models + {size} synthetic"
        by_kind = {kind: series[f"{kind}, {label}"] for kind in kinds[size]}
        generated = by_kind[GENERATED]
        table = Table(
            f"Docs build, {label} ({pages}): CPU time of the build step",
            "s",
            tuple(
                Row(kind, item.median, None if kind == GENERATED else paired_ratio(item, generated))
                for kind, item in by_kind.items()
            ),
        )
        part.tables.append(table)
        part.chart.append(table)
        if PLAIN not in by_kind:
            continue
        for figure, what in (
            ("wall", "build step, wall"),
            ("process_cpu", "whole process, CPU"),
            ("process_wall", "whole process, wall"),
        ):
            gen_other = Series("", [getattr(b, figure) for b in builds[f"{GENERATED}, {label}"]])
            plain_other = Series("", [getattr(b, figure) for b in builds[f"{PLAIN}, {label}"]])
            part.notes.append(
                f"{label}, {what}: generated {gen_other.median:.2f} s, plain "
                f"{plain_other.median:.2f} s, ratio {paired_ratio(gen_other, plain_other):.2f}"
            )
        ratio = paired_ratio(generated, by_kind[PLAIN])
        if STATIC_API in by_kind:
            static_ratio = paired_ratio(by_kind[STATIC_API], by_kind[PLAIN])
            part.notes.append(
                f"{label}: with the API section written by the hook instead of mkdocstrings, "
                f"generated / plain = {static_ratio:.2f}"
            )
        if size is None:
            part.targets.append(
                Target(
                    "docs build of the real site vs plain",
                    "CPU t(generated) / t(plain)",
                    ratio,
                    1.5,
                    at_least=False,
                )
            )
        else:
            part.notes.append(f"{label}: CPU t(generated) / t(plain) = {ratio:.2f}")
    small, large = settings.sizes
    for kind in (GENERATED, PLAIN):
        if f"{kind}, N = {large}" not in series:
            continue
        ratio = paired_ratio(series[f"{kind}, N = {large}"], series[f"{kind}, N = {small}"])
        if kind == GENERATED:
            part.targets.append(
                Target(
                    "docs build scaling",
                    f"CPU t(N = {large}) / t(N = {small}), generated",
                    ratio,
                    8,
                    at_least=False,
                )
            )
        else:
            part.notes.append(
                f"scaling of {kind}: CPU t(N = {large}) / t(N = {small}) = {ratio:.2f}"
            )
    return part


def _run_profile(workdir: Path) -> Part:
    """Where one build of the real site spends its CPU time (`benchmarks.build_profile`)."""
    found = build_profile.run_profile(workdir / "site-real")
    part = Part()
    for title, rows in found.items():
        part.tables.append(build_profile.table(title, rows))
    return part


def _run_serve(settings: Settings, workdir: Path) -> Part:
    results = serve.run_serve(workdir, settings.serve_rounds)
    edit, cold = results.series[serve.EDIT], results.series[serve.COLD]
    table = Table(
        "mkdocs serve, real site: a docstring edited to its page rebuilt, beside a cold build",
        "s",
        (
            Row(serve.EDIT, edit.median, None),
            Row(serve.COLD, cold.median, paired_ratio(cold, edit)),
        ),
    )
    part = Part(tables=[table], chart=[table])
    part.targets.append(
        Target(
            "mkdocs serve rebuild vs cold build",
            "t(edit to page rebuilt) / t(cold mkdocs build)",
            paired_ratio(edit, cold),
            0.5,
            at_least=False,
        )
    )
    part.notes += [
        f"mkdocs serve: edit to page rebuilt, wall {results.latency.median:.2f} s (of which "
        f"the watcher's wait {results.detection.median:.2f} s); the rebuild's CPU "
        f"{results.rebuild_cpu.median:.2f} s; a cold build: whole process wall "
        f"{results.cold_wall.median:.2f} s, its build step's CPU "
        f"{results.cold_build_step.median:.2f} s; "
        f"wall ratio {paired_ratio(results.latency, results.cold_wall):.2f}",
        f"mkdocs serve: rebuilds per edit {results.rebuilds}; the follow-up rebuilds cost "
        f"{results.extra_rebuild_cpu.median:.2f} s CPU per edit (median)",
    ]
    return part


def write_results(
    info: dict[str, str],
    tables: Sequence[Table],
    targets: Sequence[Target],
    notes: Sequence[str],
    chart_tables: Sequence[Table],
) -> None:
    """The Performance page's generated part: the snippet it includes, and the chart."""
    CHART.parent.mkdir(parents=True, exist_ok=True)
    CHART.write_text(svg_chart(chart_tables, "iam-client-models: time per task"), "utf-8")
    lines = [
        "<!-- Written by scripts/bench (benchmarks/run.py): do not edit by hand. -->",
        "",
        "### The run",
        "",
        "| what | value |",
        "| --- | --- |",
        *(f"| {key} | {value} |" for key, value in info.items()),
        "",
        f"Measured on one interpreter only, the default `python3`: {info['Python']}. Every",
        "timed process read its modules from bytecode on disk, as checked in the run",
        "(`PYTHONDONTWRITEBYTECODE`, where the shell sets it, is dropped for them).",
        "",
        "### Targets",
        "",
        *(f"- `{target.line()}`" for target in targets),
        "",
        "### Chart",
        "",
        f"![Medians of every benchmark, one panel each]({CHART.parent.name}/{CHART.name})",
        "",
        "### Tables",
        "",
    ]
    for table in tables:
        lines += [markdown_table(table), ""]
    lines += ["### Findings and notes", ""]
    for note in notes:
        first, _, rest = note.partition("\n")
        lines.append(f"- {first}")
        if rest:
            # A multi-line message (an error) is shown as it was printed.
            lines += ["", "    ```text", *(f"    {line}" for line in rest.splitlines()), "    ```"]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few rounds; write no results")
    parser.add_argument(
        "--write",
        action="store_true",
        help="write the Performance page's figures even after --quick (they say so)",
    )
    parser.add_argument(
        "--only",
        choices=("parse", "import", "docs", "serve"),
        action="append",
        help="run only this part (repeatable); writes no results",
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    parts = set(args.only or ("parse", "import", "docs", "serve"))
    info = machine()
    python = upstream_python()
    for name, version in upstream_versions(python).items():
        info[f"upstream env: {name}"] = version
    print(f"iam-client-models benchmarks ({'quick' if args.quick else 'full'} run)")
    print(INTERPRETATION)
    print()
    for key, value in info.items():
        print(f"  {key}: {value}")
    print()
    found: list[Part] = []

    def run_part(title: str, make: Callable[[], Part]) -> None:
        print(f"{title} ...", flush=True)
        start = time.perf_counter()
        try:
            part = make()
        except Exception as error:  # one broken part must not lose the others' figures
            traceback.print_exc()
            reason = f"{type(error).__name__}: {str(error).strip().splitlines()[-1][:300]}"
            failed = Target(title, f"not measured, the part failed ({reason})", math.nan, 0, True)
            part = Part(targets=[failed], notes=[f"{title} failed:\n{traceback.format_exc()}"])
        print(f"({title}: {time.perf_counter() - start:.0f} s)")
        found.append(part)
        _print_tables(part.tables)
        for note in part.notes:
            print("  " + note.replace("\n", "\n    "))
        print(flush=True)

    with tempfile.TemporaryDirectory(prefix="iam-bench-") as temporary:
        workdir = Path(temporary)
        print("compiling bytecode for every environment ...", flush=True)
        bytecode.prepare(python)
        if "parse" in parts:
            with UpstreamWorker(python) as worker:
                run_part("parse and dump", lambda: _run_parse(settings, worker))
            if settings.profiles:
                run_part("what each config item costs", lambda: _run_variants(settings))
            run_part("peak memory", lambda: _run_memory(settings, python, workdir))
        if "import" in parts:
            run_part("cold import", lambda: _run_imports(settings, python, workdir))
        if "docs" in parts:
            run_part("docs build (the longest part)", lambda: _run_sites(settings, workdir))
            if settings.profiles:
                run_part("where a docs build spends its time", lambda: _run_profile(workdir))
        if "serve" in parts:
            run_part("mkdocs serve", lambda: _run_serve(settings, workdir))
    tables = [table for part in found for table in part.tables]
    chart = [table for part in found for table in part.chart]
    targets = [target for part in found for target in part.targets]
    notes = [note for part in found for note in part.notes]
    info["load average at end (1, 5, 15 min)"] = _load()
    print(f"load average at end (1, 5, 15 min): {info['load average at end (1, 5, 15 min)']}\n")
    for target in targets:
        print(target.line())
    if args.only is None and (args.write or not args.quick):
        quick = " --quick`: few rounds, rough figures" if args.quick else "`"
        info["run"] = f"`{COMMAND}{quick}"
        write_results(info, tables, targets, notes, chart)
        print(f"\nwrote {RESULTS.relative_to(ROOT)} and {CHART.relative_to(ROOT)}")
    return 0 if all(target.passed for target in targets) else 1


def _print_tables(tables: Sequence[Table]) -> None:
    for table in tables:
        print(text_table(table))
        print()
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())

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
import os
import platform
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import imports, parse, sites
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
    import_rounds: int
    docs_rounds: int
    sizes: tuple[int, ...] = (40, 400)


# Short samples and many rounds: on a loaded machine a 2 ms sample is often not preempted at
# all, and the median keeps the undisturbed ones.
FULL = Settings(parse_rounds=301, sample_seconds=0.002, import_rounds=60, docs_rounds=5)
QUICK = Settings(parse_rounds=41, sample_seconds=0.001, import_rounds=5, docs_rounds=1)
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


def _run_parse(
    settings: Settings, worker: UpstreamWorker
) -> tuple[list[Table], list[Target], list[str]]:
    results = parse.run_parse(worker, settings.parse_rounds, settings.sample_seconds)
    tables = []
    for (operation, label), series in results.series.items():
        call = "model_validate_json" if operation == "parse" else "model_dump_json"
        tables.append(
            _table(f"{operation.capitalize()}, {label} ({call})", "ns/op", series, parse.OURS)
        )
    findings = [
        f"{parse.UPSTREAM} from_json rejects the payload {label}:\n{_redact(error)}"
        for label, error in results.upstream_errors.items()
    ]
    labels = list(parse.PAYLOADS)

    def speed(other: str, label: str) -> float:
        series = results.series["parse", label]
        return paired_ratio(series[other], series[parse.OURS])

    targets = [
        Target(
            "parse vs upstream",
            f"t(upstream from_json) / t(ours), {labels[1]}",
            speed(parse.UPSTREAM, labels[1]),
            5,
            at_least=True,
        )
    ]
    for other, limit, name in ((parse.JSON, 1.2, "json.loads"), (parse.BARE, 0.95, "bare model")):
        for label in labels:
            targets.append(
                Target(
                    f"parse vs {name}",
                    f"t({name}) / t(ours), {label}",
                    speed(other, label),
                    limit,
                    at_least=True,
                )
            )
    return tables, targets, findings


def _run_imports(
    settings: Settings, python: Path, workdir: Path
) -> tuple[list[Table], list[Target]]:
    results = imports.run_imports(python, workdir, settings.import_rounds)
    cpu, wall = results.cpu, results.wall
    tables = [
        _table("Cold import, whole process (python -c): CPU time", "ms", cpu, imports.OURS),
        _table("Cold import, whole process (python -c): wall time", "ms", wall, imports.OURS),
    ]
    targets = [
        Target(
            "import vs upstream",
            "CPU t(import iam_client_models) / t(upstream model module)",
            paired_ratio(cpu[imports.OURS], cpu[imports.UPSTREAM]),
            0.7,
            at_least=False,
        ),
        Target(
            "import vs bare model module",
            "CPU t(import iam_client_models) - t(bare six-field model module)",
            paired_difference(cpu[imports.OURS], cpu[imports.BARE]),
            15,
            at_least=False,
            unit=" ms",
        ),
    ]
    return tables, targets


GENERATED = "generated (hook + mkdocstrings)"
PLAIN = "plain Markdown, same pages"
STATIC_API = "generated, API section by the hook"
"""A variant, not a target: the hook writes the Python API section, mkdocstrings is off."""


def _run_sites(settings: Settings, workdir: Path) -> tuple[list[Table], list[Target], list[str]]:
    sizes: list[int | None] = [None, *settings.sizes]
    labels = {size: "real site" if size is None else f"N = {size}" for size in sizes}
    samplers: dict[str, Sampler] = {}
    builds: dict[str, list[sites.Build]] = {}
    for size in sizes:
        projects = sites.prepare_projects(workdir / f"site-{size or 'real'}", size)
        configs = (projects.generated, projects.plain, projects.static_api)
        for kind, config in zip((GENERATED, PLAIN, STATIC_API), configs, strict=True):
            key = f"{kind}, {labels[size]}"
            builds[key] = []

            def sample(config: Path = config, key: str = key) -> float:
                build = sites.build_site(config, workdir / "out")
                builds[key].append(build)
                return build.cpu

            samplers[key] = sample
    series = interleave(samplers, settings.docs_rounds)
    tables, targets, notes = [], [], []
    for size in sizes:
        label = labels[size]
        pages = "the real models" if size is None else f"the real models + {size} synthetic"
        by_kind = {kind: series[f"{kind}, {label}"] for kind in (GENERATED, PLAIN, STATIC_API)}
        generated = by_kind[GENERATED]
        tables.append(
            Table(
                f"Docs build, {label} ({pages}): CPU time of the build step",
                "s",
                tuple(
                    Row(
                        kind,
                        item.median,
                        None if kind == GENERATED else paired_ratio(item, generated),
                    )
                    for kind, item in by_kind.items()
                ),
            )
        )
        for figure, what in (
            ("wall", "build step, wall"),
            ("process_cpu", "whole process, CPU"),
            ("process_wall", "whole process, wall"),
        ):
            gen_other = Series("", [getattr(b, figure) for b in builds[f"{GENERATED}, {label}"]])
            plain_other = Series("", [getattr(b, figure) for b in builds[f"{PLAIN}, {label}"]])
            notes.append(
                f"{label}, {what}: generated {gen_other.median:.2f} s, plain "
                f"{plain_other.median:.2f} s, ratio {paired_ratio(gen_other, plain_other):.2f}"
            )
        static_ratio = paired_ratio(by_kind[STATIC_API], by_kind[PLAIN])
        notes.append(
            f"{label}: with the API section written by the hook instead of mkdocstrings, "
            f"generated / plain = {static_ratio:.2f}"
        )
        if size is not None:
            targets.append(
                Target(
                    f"docs build at {label}",
                    "CPU t(generated) / t(plain)",
                    paired_ratio(generated, by_kind[PLAIN]),
                    1.5,
                    at_least=False,
                )
            )
    small, large = settings.sizes[0], settings.sizes[-1]
    for kind in (GENERATED, PLAIN, STATIC_API):
        ratio = paired_ratio(series[f"{kind}, N = {large}"], series[f"{kind}, N = {small}"])
        if kind == GENERATED:
            targets.append(
                Target(
                    "docs build scaling",
                    f"CPU t(N = {large}) / t(N = {small}), generated",
                    ratio,
                    8,
                    at_least=False,
                )
            )
        else:
            notes.append(f"scaling of {kind}: CPU t(N = {large}) / t(N = {small}) = {ratio:.2f}")
    return tables, targets, notes


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
        choices=("parse", "import", "docs"),
        action="append",
        help="run only this part (repeatable); writes no results",
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    parts = set(args.only or ("parse", "import", "docs"))
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
    tables: list[Table] = []
    chart: list[Table] = []
    targets: list[Target] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="iam-bench-") as temporary:
        workdir = Path(temporary)
        if "parse" in parts:
            print("parse and dump ...", flush=True)
            with UpstreamWorker(python) as worker:
                part_tables, part_targets, findings = _run_parse(settings, worker)
            tables += part_tables
            chart += [table for table in part_tables if "without" in table.title]
            targets += part_targets
            notes += findings
            for finding in findings:
                print("FINDING", finding)
            _print_tables(part_tables)
        if "import" in parts:
            print("cold import ...", flush=True)
            part_tables, part_targets = _run_imports(settings, python, workdir)
            tables += part_tables
            chart.append(part_tables[0])
            targets += part_targets
            _print_tables(part_tables)
        if "docs" in parts:
            print("docs build (the longest part) ...", flush=True)
            part_tables, part_targets, part_notes = _run_sites(settings, workdir)
            tables += part_tables
            chart += part_tables
            targets += part_targets
            notes += part_notes
            _print_tables(part_tables)
            for note in part_notes:
                print("  " + note)
            print()
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

"""Run the benchmarks, print what each part found and one verdict per target, update the docs.

    scripts/bench               # every part; rewrites docs/performance/results.{json,txt}, chart
    scripts/bench --lighthouse  # the Lighthouse part alone (as --only lighthouse)
    scripts/bench --only docs   # one part (repeatable); rewrites that part of the results
    scripts/bench --quick       # few rounds, for trying changes; writes nothing unless --write

Verdicts (`report.Target`): PASS, NOISE (a miss within the run's noise band) or FAIL; the exit
status is 1 when a target of the parts run fails.
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
from benchmarks.report import Grid, Target, as_data, grid, target_from
from benchmarks.timing import Series, differences, interleave, paired_ratio, ratios
from benchmarks.upstream import UpstreamWorker, upstream_python, upstream_versions

ROOT = Path(__file__).resolve().parent.parent
# Rounds per part. Many short parse samples: a 2 ms sample is often not preempted at all.
FULL = {"parse": 201, "memory": 3, "import": 20, "docs": 3, "serve": 3, "lighthouse": 3}
QUICK = {"parse": 21, "memory": 1, "import": 3, "docs": 1, "serve": 1, "lighthouse": 1}
SAMPLE_SECONDS = 0.002
SIZES = (40, 400)
"""The two synthetic site sizes of the scaling target."""
PACKAGES = ("pydantic", "pydantic-core", "mkdocs", "mkdocs-material", "mkdocstrings")
GENERATED = "generated (hook + mkdocstrings)"
PLAIN = "plain Markdown, same pages"


@dataclass
class Part:
    """What one part of the benchmark found."""

    tables: list[Grid] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chart: list[int] = field(default_factory=list)
    """The indexes of the tables the chart shows."""


def _table(title: str, unit: str, series: dict[str, Series], ours: str) -> Grid:
    medians = {ours: series[ours].median} | {name: s.median for name, s in series.items()}
    return grid(title, unit, medians, {n: paired_ratio(s, series[ours]) for n, s in series.items()})


def _redact(message: str) -> str:
    """Upstream's message with any token value from the payload cut out."""
    for value in token_response().values():
        if isinstance(value, str) and len(value) > 20:
            message = message.replace(value, "<token redacted>")
    return message


def _parse(rounds: int, python: Path, workdir: Path) -> Part:
    with UpstreamWorker(python) as worker:
        found = parse.run_parse(worker, rounds, SAMPLE_SECONDS)
    part = Part()
    for (operation, label), series in found.series.items():
        call = "model_validate_json" if operation == "parse" else "model_dump_json"
        if label in (parse.TOKEN_WITHOUT_ID, parse.PROJECT_LIST, parse.TOKEN_LIST, parse.ERROR):
            part.chart.append(len(part.tables))
        part.tables.append(
            _table(f"{operation.capitalize()}, {label} ({call})", "ns/op", series, parse.OURS)
        )
    part.notes += [
        f"{parse.UPSTREAM} from_json rejects the payload {label}:\n{_redact(error)}"
        for label, error in found.upstream_errors.items()
    ]
    sizes = [
        f"{label} {len(payload.text.encode()):,} bytes" for label, payload in parse.PAYLOADS.items()
    ]
    part.notes.append(f"Payload sizes (compact JSON): {', '.join(sizes)}.")

    def target(operation: str, label: str, other: str, name: str, limit: float) -> Target:
        series = found.series[operation, label]
        speed = ratios(series[other], series[parse.OURS])
        return Target(f"{operation} vs {name}", f"t({name}) / t(ours), {label}", speed, limit, True)

    part.targets.append(target("parse", parse.TOKEN_WITHOUT_ID, parse.UPSTREAM, "upstream", 5))
    for other, limit, name in ((parse.JSON, 1.2, "json.loads"), (parse.BARE, 0.95, "bare model")):
        part.targets += [
            target("parse", label, other, name, limit) for label in parse.TOKEN_PAYLOADS
        ]
    for operation in ("parse", "dump"):
        part.targets += [
            target(operation, x, parse.BARE, "bare model", 0.9) for x in parse.BODY_PAYLOADS
        ]
        part.targets += [
            target(operation, x, parse.UPSTREAM, "upstream", 5)
            for x in parse.UPSTREAM_BODY_PAYLOADS
        ]
    return part


def _memory(rounds: int, python: Path, workdir: Path) -> Part:
    found = memory.run_memory(python, workdir, rounds)
    ours, plain, bare = memory.CANDIDATES[:3]
    what = f"parse a ProjectList of {found.projects:,} projects ({found.size / 1e6:.1f} MB)"
    traced, resident = found.peak["tracemalloc"], found.peak["rss"]
    part = Part(chart=[0])
    part.tables.append(
        _table(f"Peak memory, Python's count (tracemalloc): {what}", "MB", traced, ours)
    )
    part.tables.append(
        _table(f"Peak memory, resident (high-water mark): {what}", "MB", resident, ours)
    )
    measure = "tracemalloc peak(ours) / peak(json.loads), ProjectList of 10 MB"
    part.targets.append(
        Target("peak memory vs json.loads", measure, ratios(traced[ours], traced[plain]), 1.5)
    )
    for mode, peak, count in (
        ("tracemalloc", traced, "Python's count"),
        ("rss", resident, "Resident memory"),
    ):
        held = {name: f"{series.median:.1f} MB" for name, series in found.held[mode].items()}
        tops = {name: f"{series.median:.1f} MB" for name, series in peak.items()}
        part.notes.append(
            f"{count}: the parse and its result peak at {tops[ours]} for ours, {tops[bare]} for "
            f"the bare pydantic model and {tops[plain]} for json.loads "
            f"({paired_ratio(peak[ours], peak[plain]):.2f} and "
            f"{paired_ratio(peak[bare], peak[plain]):.2f} times json.loads); held after the "
            f"parse: {held[ours]}, {held[bare]} and {held[plain]}."
        )
    return part


def _imports(rounds: int, python: Path, workdir: Path) -> Part:
    cpu = imports.run_imports(python, workdir, rounds)
    part = Part(
        chart=[0],
        tables=[_table("Cold import, whole process (python -c): CPU time", "ms", cpu, imports.ONE)],
    )
    one = f"CPU t({imports.ONE}) - t(bare six-field model module)"
    every = "CPU t(from iam_client_models import *) / t(import affinidi_tdk_iam_client)"
    extra = differences(cpu[imports.ONE], cpu[imports.BARE])
    part.targets.append(Target("import one model vs bare model module", one, extra, 15, unit=" ms"))
    speed = ratios(cpu[imports.EVERY], cpu[imports.UPSTREAM])
    part.targets.append(Target("import every model vs upstream", every, speed, 0.7))
    part.notes.append(
        "Every import process read its modules from bytecode (checked in one of each)."
    )
    return part


def _sites(rounds: int, python: Path, workdir: Path) -> Part:
    labels: dict[int | None, str] = {None: "real site"}
    labels |= {size: f"N = {size}" for size in SIZES}
    samplers: dict[str, Callable[[], float]] = {}
    checked: set[str] = set()
    for size, label in labels.items():
        configs = sites.prepare_projects(workdir / f"site-{size or 'real'}", size)
        for kind, config in zip((GENERATED, PLAIN), configs, strict=True):

            def sample(config: Path = config, key: str = f"{kind}, {label}") -> float:
                # The first build of each is checked to have read every module from bytecode.
                first = key not in checked
                checked.add(key)
                return sites.build_site(config, workdir / "out", check_bytecode=first).cpu

            samplers[f"{kind}, {label}"] = sample
    series = interleave(samplers, rounds)
    part = Part(chart=[0, 1, 2])
    for size, label in labels.items():
        pages = "the real models" if size is None else f"the real models + {size} synthetic"
        generated, plain = series[f"{GENERATED}, {label}"], series[f"{PLAIN}, {label}"]
        title = f"Docs build, {label} ({pages}): CPU time of the build step"
        part.tables.append(_table(title, "s", {GENERATED: generated, PLAIN: plain}, GENERATED))
        if size is None:
            measure = "CPU t(generated) / t(plain)"
            part.targets.append(
                Target(
                    "docs build of the real site vs plain", measure, ratios(generated, plain), 1.5
                )
            )
        else:
            part.notes.append(
                f"{label}: CPU t(generated) / t(plain) = {paired_ratio(generated, plain):.2f}."
            )
    small, large = labels[SIZES[0]], labels[SIZES[1]]
    scaling = {
        kind: ratios(series[f"{kind}, {large}"], series[f"{kind}, {small}"])
        for kind in (GENERATED, PLAIN)
    }
    measure = f"CPU t({large}) / t({small}), generated"
    part.targets.append(Target("docs build scaling", measure, scaling[GENERATED], 8))
    part.notes.append(
        f"Plain: CPU t({large}) / t({small}) = {statistics.median(scaling[PLAIN]):.2f}."
    )
    return part


def _serve(rounds: int, python: Path, workdir: Path) -> Part:
    found = serve.run_serve(workdir, rounds)
    edit, cold = found.series[serve.EDIT], found.series[serve.COLD]
    title = "mkdocs serve, real site: a docstring edited to its page rebuilt, beside a cold build"
    part = Part(chart=[0], tables=[_table(title, "s", found.series, serve.EDIT)])
    measure = "t(edit to page rebuilt) / t(cold mkdocs build)"
    part.targets.append(
        Target("mkdocs serve rebuild vs cold build", measure, ratios(edit, cold), 0.5)
    )
    more = {name: f"{series.median:.2f} s" for name, series in found.more.items()}
    part.notes += [
        f"An edit reaches its rebuilt page in {more['edit to page, wall']} of wall time; the "
        f"watcher's wait is {more['watcher wait']} of it, and the rebuild takes "
        f"{more['rebuild CPU']} of CPU; a cold build {more['cold build, wall']} of wall time.",
        f"Converting the pages' Markdown (mkdocstrings included) takes "
        f"{more['rebuild: Markdown conversion CPU']} of the rebuild's CPU (the pages it converts "
        f"again: `iam_client_docs.serve_cache`) and {more['cold build: Markdown conversion CPU']} "
        "of a cold build's (every page).",
        f"Rebuilds per edit: {', '.join(map(str, found.rebuilds))}; the rebuilds after the "
        f"first cost {more['the rebuilds after the first, CPU']} of CPU per edit (median).",
    ]
    return part


# The measures a note on a page behind the plain one gives (lighthouse.METRICS).
PAGE_COST = ("elements", "main-thread work (s)")


def _lighthouse(rounds: int, project: Path, workdir: Path) -> Part:
    found = lighthouse.run_lighthouse(workdir, rounds, project)
    scores, pages, plain = found.scores, list(lighthouse.PAGES), lighthouse.PLAIN
    formats = dict.fromkeys(lighthouse.METRICS, "{:.0f}")
    formats |= {"largest contentful paint (s)": "{:.1f}", "main-thread work (s)": "{:.1f}"}
    rows = [
        [
            name,
            *(f"{scores[name][key].median:g}" for key in lighthouse.CATEGORIES),
            *(formats[key].format(found.metrics[name][key].median) for key in lighthouse.METRICS),
        ]
        for name in [*pages, plain]
    ]
    header = ["page", *lighthouse.CATEGORIES.values(), *lighthouse.METRICS]
    title = f"Lighthouse (mobile emulation, default throttling): median of {rounds} runs"
    part = Part(tables=[{"title": title, "header": header, "rows": rows}])

    def lowest(key: str, base: str | None = None) -> list[float]:
        # Per round, the lowest page's score (or its lowest margin over the plain page).
        margin = [scores[base][key].samples[i] if base else 0 for i in range(rounds)]
        return [
            min(scores[page][key].samples[i] - margin[i] for page in pages) for i in range(rounds)
        ]

    for key, limit in {
        "accessibility": 100,
        "best-practices": 100,
        "seo": 100,
        "performance": 95,
    }.items():
        name = lighthouse.CATEGORIES[key]
        low = lowest(key)
        part.targets.append(
            Target(
                f"Lighthouse {name} {limit}",
                f"the lowest page's {name} score",
                low,
                limit,
                True,
                "",
            )
        )
    measure = "the lowest page's performance score - the plain page's"
    margin = lowest("performance", plain)
    part.targets.append(
        Target("Lighthouse performance vs plain Material", measure, margin, 0, True, " points")
    )
    # Why a page scores below 95 or below the plain page, in this run's own measures.
    plain_score = scores[plain]["performance"].median
    plain_size, plain_work = (found.metrics[plain][key].median for key in PAGE_COST)
    for page in pages:
        score = scores[page]["performance"].median
        if score >= min(95, plain_score):
            continue
        size, work = (found.metrics[page][key].median for key in PAGE_COST)
        part.notes.append(
            f"{page}: performance {score:g} against the plain page's {plain_score:g}, with "
            f"{size:.0f} elements against {plain_size:.0f} and {work:.1f} s of main-thread work "
            f"against {plain_work:.1f} s (Lighthouse's simulated phone)."
        )
    for name, missed in found.missed.items():
        text = "; ".join(
            f"{lighthouse.CATEGORIES[key]}: {', '.join(ids)}" for key, ids in missed.items()
        )
        part.notes.append(
            f"{name}: accessibility, best-practice and SEO audits below full marks in a run: "
            f"{text or 'none'}."
        )
    tools = ", ".join(f"{tool} {version}" for tool, version in lighthouse.versions().items())
    part.notes.append(
        "Lighthouse's benchmark index of this machine's CPU (median): "
        f"{found.benchmark_index.median:.0f}; {tools}."
    )
    return part


PARTS: dict[str, tuple[str, Callable[[int, Path, Path], Part]]] = {
    "parse": ("Parse and dump", _parse),
    "memory": ("Peak memory", _memory),
    "import": ("Cold import", _imports),
    "docs": ("Docs build", _sites),
    "serve": ("mkdocs serve", _serve),
    "lighthouse": ("Lighthouse", _lighthouse),
}


def cpu() -> str:
    """The processor the figures were measured on: each part's run records its own, as a part
    run again alone may run on another machine than the parts kept from before."""
    name = platform.machine()
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            names = [
                line.split(":", 1)[1].strip() for line in info if line.startswith("model name")
            ]
        name = names[0] if names else name
    return f"{name}, {os.cpu_count()} cores"


def machine() -> dict[str, str]:
    """The software the figures were measured with."""
    found = {
        "OS": platform.platform(),
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
    }
    return found | {package: importlib.metadata.version(package) for package in PACKAGES}


def _run_info(project: Path, rounds: str, load: str, start: float) -> dict[str, str]:
    def git(*args: str) -> str:
        found = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True)
        return found.stdout.strip()

    edited = " (edited)" if git("status", "--porcelain") else ""
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git("rev-parse", "--short", "HEAD") + edited,
        "CPU": cpu(),
        "rounds": rounds,
        "load average at start": load,
        "load average at end": ", ".join(f"{value:.2f}" for value in os.getloadavg()),
        "minutes": f"{(time.perf_counter() - start) / 60:.1f}",
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few rounds; write no results")
    parser.add_argument("--write", action="store_true", help="write the results after --quick")
    parser.add_argument("--only", choices=PARTS, action="append", help="this part (repeatable)")
    parser.add_argument("--lighthouse", action="store_true", help="the Lighthouse part alone")
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="Lighthouse: the site of this checkout"
    )
    args = parser.parse_args(argv)
    rounds = QUICK if args.quick else FULL
    chosen = [*(args.only or ()), *(["lighthouse"] if args.lighthouse else [])] or list(PARTS)
    data: dict[str, Any] = {"machine": machine(), "parts": {}}
    python = Path(sys.executable)
    if {"parse", "memory", "import"} & set(chosen):
        python = upstream_python()
        data["machine"] |= {f"upstream env: {k}": v for k, v in upstream_versions(python).items()}
    with tempfile.TemporaryDirectory(prefix="iam-bench-") as temporary:
        workdir = Path(temporary)
        if set(chosen) - {"lighthouse"}:
            print("compiling bytecode for every environment ...", flush=True)
            bytecode.prepare(python)
        for name in chosen:
            title, make = PARTS[name]
            load, start = (
                ", ".join(f"{value:.2f}" for value in os.getloadavg()),
                time.perf_counter(),
            )
            print(f"{title} (load average {load}) ...", flush=True)
            try:
                part = make(rounds[name], args.project if name == "lighthouse" else python, workdir)
            except Exception as error:  # one broken part must not lose the others' figures
                traceback.print_exc()
                reason = f"{type(error).__name__}: {str(error).strip().splitlines()[-1][:300]}"
                failed = Target(title, f"not measured, the part failed ({reason})", (), 0, True)
                part = Part(targets=[failed], notes=[f"{title} failed:\n{traceback.format_exc()}"])
            project = args.project if name == "lighthouse" else ROOT
            found = {
                "run": _run_info(
                    project, f"{rounds[name]}{' (--quick)' * args.quick}", load, start
                ),
                "targets": [as_data(target) for target in part.targets],
                "notes": part.notes,
                "tables": part.tables,
                "chart": part.chart,
            }
            data["parts"][title] = found
            print(results.render_part(title, found), flush=True)
    targets = [target_from(t) for part in data["parts"].values() for t in part["targets"]]
    print("\n".join(target.line() for target in targets))
    if args.write or not args.quick:
        stored = results.load()
        parts = stored["parts"] | data["parts"]
        machine_then = {k: v for k, v in stored["machine"].items() if k != "CPU"}  # in each run
        stored = {"machine": machine_then | data["machine"], "parts": parts}
        stored["parts"] = {title: parts[title] for title, _ in PARTS.values() if title in parts}
        results.save(stored)
        print(
            "\nwrote "
            + ", ".join(
                str(p.relative_to(ROOT)) for p in (results.DATA, results.SNIPPET, results.CHART)
            )
        )
    return 1 if any(target.verdict == "FAIL" for target in targets) else 0


if __name__ == "__main__":
    sys.exit(main())

"""The results data (`docs/performance/results.json`) and the page part made from it alone.

The data holds what each part found (tables, targets, notes, its run's date, commit and load);
the Performance page's generated part (`results.txt`, which it includes) and the chart are
rendered from it alone, so every figure on the page is one the data holds (a test re-renders).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from benchmarks.report import markdown_table, svg_chart, target_from

DOCS = Path(__file__).resolve().parent.parent / "docs"
DATA = DOCS / "performance" / "results.json"
SNIPPET = DOCS / "performance" / "results.txt"
CHART = DOCS / "performance" / "chart.svg"
CHART_TITLE = "iam-client-models: time per task"
_NUMBERS = re.compile(r"\[\s*(-?[0-9][-0-9.e+,\s]*?)\s*\]")
_RUN_COLUMNS = ("date", "commit", "CPU", "rounds", "load average at start", "load average at end")


def load(path: Path = DATA) -> dict[str, Any]:
    if not path.exists():
        return {"machine": {}, "parts": {}}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _cell(text: object) -> str:
    return str(text).replace("|", "&#124;")


def _target_row(data: dict[str, Any]) -> str:
    target = target_from(data)
    if not target.values:
        return f"| FAIL | {_cell(target.label)} | {_cell(target.measure)} | | | |"
    sign = "≥" if target.at_least else "≤"
    low, high = target.band
    return (
        f"| {target.verdict} | {_cell(target.label)} | {_cell(target.measure)} "
        f"| {target.figure()}{target.unit} | {target.figure(low)} to {target.figure(high)} "
        f"| {sign} {target.limit:g}{target.unit} |"
    )


def render(data: dict[str, Any]) -> str:
    """The Markdown of the page's generated part."""
    parts: dict[str, Any] = data["parts"]
    lines = [
        "<!-- Written by scripts/bench from results.json (benchmarks/results.py): "
        "do not edit by hand. -->",
        "",
        "## Latest results",
        "",
        "The same figures as data: [results.json](performance/results.json).",
        "",
        "### The software",
        "",
        "| what | value |",
        "| --- | --- |",
        *(f"| {key} | {_cell(value)} |" for key, value in data["machine"].items()),
        "",
        "### The runs",
        "",
        "Each part of the benchmark records its own run (a part can be run again alone, on"
        " another machine): its date, commit and processor, and the load averages (the"
        " machine's cores are shared with other jobs).",
        "",
        "| part | " + " | ".join(_RUN_COLUMNS) + " |",
        "| --- |" + " --- |" * len(_RUN_COLUMNS),
        *(
            f"| {name} | " + " | ".join(_cell(part["run"].get(c, "")) for c in _RUN_COLUMNS) + " |"
            for name, part in parts.items()
        ),
        "",
        "### Targets",
        "",
        "| verdict | target | measure | median | noise band | target |",
        "| --- | --- | --- | ---: | ---: | ---: |",
        *(_target_row(target) for part in parts.values() for target in part["targets"]),
        "",
        "### Chart",
        "",
        "![Medians of the timed benchmarks, one panel each](performance/chart.svg)",
    ]
    for name, part in parts.items():
        lines += ["", render_part(name, part)]
    return "\n".join(lines) + "\n"


def render_part(name: str, part: dict[str, Any]) -> str:
    """One part's tables and notes."""
    lines = [f"### {name}", ""]
    lines += [markdown_table(table) + "\n" for table in part["tables"]]
    for note in part["notes"]:
        first, _, rest = note.partition("\n")
        lines.append(f"- {first}")
        if rest:  # a multi-line message (an error) is shown as it was printed
            lines += ["", "    ```text", *(f"    {line}" for line in rest.splitlines()), "    ```"]
    return "\n".join(lines).rstrip("\n")


def chart(data: dict[str, Any]) -> str:
    tables = [
        part["tables"][index] for part in data["parts"].values() for index in part.get("chart", [])
    ]
    return svg_chart(tables, CHART_TITLE)


def save(data: dict[str, Any]) -> None:
    """Write the data, the page part and the chart."""
    DATA.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=1, ensure_ascii=False)
    # A list of numbers (a target's values per round) on one line.
    text = _NUMBERS.sub(lambda m: f"[{', '.join(n.strip() for n in m[1].split(','))}]", text)
    DATA.write_text(text + "\n", encoding="utf-8")
    SNIPPET.write_text(render(data), encoding="utf-8")
    CHART.write_text(chart(data), encoding="utf-8")

"""The results' parts: tables, targets with their verdicts, Markdown tables, the SVG chart."""

from __future__ import annotations

import dataclasses
import html
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.timing import noise_band

Grid = dict[str, Any]
"""A table as data: `title`, `header` (its cells), `rows` (lists of cells, as text) and `ours`
(the first row is ours: bold, and a bar of its own colour in the chart)."""


@dataclass(frozen=True)
class Target:
    """One target: the median of its per-round `values` against `limit`, at least or at most.

    The verdict uses the noise band of the values (`timing.noise_band`): PASS when the median
    meets the limit; NOISE when it misses it but the band reaches it (a miss smaller than the
    run's own noise, not a failure); FAIL when the whole band misses it, or nothing was measured.
    """

    label: str
    measure: str
    values: Sequence[float]
    limit: float
    at_least: bool = False
    unit: str = "x"

    def _meets(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit

    @property
    def value(self) -> float:
        return statistics.median(self.values) if self.values else math.nan

    @property
    def band(self) -> tuple[float, float]:
        return noise_band(self.values) if self.values else (math.nan, math.nan)

    @property
    def verdict(self) -> str:
        if not self.values:
            return "FAIL"
        if self._meets(self.value):
            return "PASS"
        return "NOISE" if any(self._meets(end) for end in self.band) else "FAIL"

    def figure(self, value: float | None = None) -> str:
        """A value (the median) to three significant digits, or more where three would put it
        on the other side of the limit (0.9497 as 0.95 against at least 0.95)."""
        value = self.value if value is None else value
        for digits in range(3, 10):
            text = f"{value:.{digits}g}"
            if self._meets(float(text)) == self._meets(value):
                return text
        return repr(value)

    def line(self) -> str:
        if not self.values:
            return f"FAIL  {self.label}: {self.measure}"
        low, high = self.band
        sign = ">=" if self.at_least else "<="
        return (
            f"{self.verdict:<5} {self.label}: {self.measure} = {self.figure()}{self.unit}, "
            f"noise band {self.figure(low)} to {self.figure(high)} "
            f"(target {sign} {self.limit:g}{self.unit})"
        )


def grid(title: str, unit: str, medians: dict[str, float], relative: dict[str, float]) -> Grid:
    """A table of candidates: the first is ours; `relative` is t / t(ours) of the others."""
    digits = {"ns/op": 0, "ms": 1, "MB": 1}.get(unit, 2)
    rows = [[name, f"{value:,.{digits}f}", "1.00 (ours)"] for name, value in medians.items()]
    for row in rows[1:]:
        row[2] = f"{relative[row[0]]:.2f}"
    header = ["candidate", f"median ({unit})", "t / t(ours)"]
    return {"title": title, "header": header, "rows": rows, "ours": True}


def target_from(data: dict[str, Any]) -> Target:
    return Target(**data)


def as_data(item: Target) -> dict[str, Any]:
    return dataclasses.asdict(item)


def _cell(text: object) -> str:
    return html.escape(str(text)).replace("|", "&#124;")


def markdown_table(table: Grid) -> str:
    """`table` in Markdown, its title a bold line above it and the row of ours (first) bold."""
    header = table["header"]
    lines = [f"**{_cell(table['title'])}**", "", "| " + " | ".join(map(_cell, header)) + " |"]
    lines.append("| --- |" + " ---: |" * (len(header) - 1))
    for index, row in enumerate(table["rows"]):
        cells = [_cell(cell) for cell in row]
        cells[0] = f"**{cells[0]}**" if table.get("ours") and index == 0 else cells[0]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


_WIDTH = 760
_LABEL = 250
_BAR = 360
_ROW = 22
_OURS = "#3f51b5"
_OTHER = "#9e9e9e"


def svg_chart(tables: Sequence[Grid], title: str) -> str:
    """Horizontal bars, one panel per table, each scaled to its own slowest candidate."""
    parts: list[str] = []
    y = 34
    parts.append(
        f'<text x="10" y="22" font-size="16" font-weight="bold">{html.escape(title)}</text>'
    )
    for table in tables:
        y += 14
        parts.append(
            f'<text x="10" y="{y}" font-size="13" font-weight="bold">'
            f"{html.escape(table['title'])} ({html.escape(table['header'][1])}, shorter is better)"
            "</text>"
        )
        y += 8
        medians = [float(row[1].replace(",", "")) for row in table["rows"]]
        for index, (row, median) in enumerate(zip(table["rows"], medians, strict=True)):
            width = max(1.0, _BAR * median / max(medians))
            colour = _OURS if index == 0 else _OTHER
            parts.append(
                f'<text x="{_LABEL - 8}" y="{y + 15}" font-size="12" text-anchor="end">'
                f"{html.escape(row[0])}</text>"
            )
            parts.append(
                f'<rect x="{_LABEL}" y="{y + 3}" width="{width:.1f}" height="{_ROW - 6}" '
                f'fill="{colour}"><title>{html.escape(row[0])}: {row[1]}</title></rect>'
            )
            parts.append(
                f'<text x="{_LABEL + width + 6:.1f}" y="{y + 15}" font-size="12">{row[1]}</text>'
            )
            y += _ROW
        y += 10
    height = y + 10
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" font-family="sans-serif" role="img">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<rect width="{_WIDTH}" height="{height}" fill="#ffffff"/>\n'
        + "\n".join(parts)
        + "\n</svg>\n"
    )

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


@dataclass(frozen=True)
class Row:
    """One candidate's median and its time relative to ours."""

    candidate: str
    median: float
    relative: float | None
    """Median over rounds of t(candidate) / t(ours), paired by round; None for ours."""


@dataclass(frozen=True)
class Table:
    title: str
    unit: str
    """`ns/op`, `ms`, `s` or `MB`."""
    rows: tuple[Row, ...]


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


def table_from(data: dict[str, Any]) -> Table:
    """A table read back from its JSON form (`dataclasses.asdict`)."""
    rows = tuple(Row(**row) for row in data["rows"])
    return Table(data["title"], data["unit"], rows)


def target_from(data: dict[str, Any]) -> Target:
    return Target(**data)


def as_data(item: Table | Target) -> dict[str, Any]:
    return dataclasses.asdict(item)


def format_value(value: float, unit: str) -> str:
    """Nanoseconds as whole numbers, milliseconds and megabytes to 0.1, seconds to 0.01."""
    if unit == "ns/op":
        return f"{value:,.0f}"
    if unit in ("ms", "MB"):
        return f"{value:,.1f}"
    return f"{value:,.2f}"


def _cell(text: str) -> str:
    return html.escape(text).replace("|", "&#124;")


def markdown_table(table: Table) -> str:
    """The same table in Markdown, with its title as a bold line above it."""
    lines = [
        f"**{_cell(table.title)}**",
        "",
        f"| candidate | median ({_cell(table.unit)}) | t / t(ours) |",
        "| --- | ---: | ---: |",
    ]
    for row in table.rows:
        name = f"**{_cell(row.candidate)}**" if row.relative is None else _cell(row.candidate)
        relative = "1.00 (ours)" if row.relative is None else f"{row.relative:.2f}"
        lines.append(f"| {name} | {format_value(row.median, table.unit)} | {relative} |")
    return "\n".join(lines)


_WIDTH = 760
_LABEL = 250
_BAR = 360
_ROW = 22
_OURS = "#3f51b5"
_OTHER = "#9e9e9e"


def svg_chart(tables: Sequence[Table], title: str) -> str:
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
            f"{html.escape(table.title)} ({html.escape(table.unit)}, shorter is better)</text>"
        )
        y += 8
        longest = max(row.median for row in table.rows)
        for row in table.rows:
            width = max(1.0, _BAR * row.median / longest)
            colour = _OURS if row.relative is None else _OTHER
            parts.append(
                f'<text x="{_LABEL - 8}" y="{y + 15}" font-size="12" text-anchor="end">'
                f"{html.escape(row.candidate)}</text>"
            )
            parts.append(
                f'<rect x="{_LABEL}" y="{y + 3}" width="{width:.1f}" height="{_ROW - 6}" '
                f'fill="{colour}"><title>{html.escape(row.candidate)}: '
                f"{format_value(row.median, table.unit)} {html.escape(table.unit)}</title></rect>"
            )
            parts.append(
                f'<text x="{_LABEL + width + 6:.1f}" y="{y + 15}" font-size="12">'
                f"{format_value(row.median, table.unit)}</text>"
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

"""The Python the examples are made of, laid out as `ruff format` prints it (the project's
settings: 100 columns, four spaces), and their imports as isort orders them.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from iam_client_docs.descriptions import ImportDoc, JsonValue
from iam_client_docs.layout import LINE, SOFTLINE, Doc, Group, IfBreak, Indent, join, render

__all__ = [
    "LINE_WIDTH",
    "Raw",
    "call",
    "import_lines",
    "layout",
    "string_literal",
    "value",
]

LINE_WIDTH = 100
"""pyproject.toml's `line-length`, which `ruff format` reads."""


def layout(doc: Doc) -> str:
    """A statement's document as `ruff format` prints it."""
    return render(doc, line_width=LINE_WIDTH, indent="    ")


def string_literal(text: str) -> str:
    """A string literal in ruff's preferred quotes: double, unless the text holds more double
    quotes than single ones. Characters outside printable ASCII are escaped."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    escaped = []
    for char in text:
        if char in ("\\", quote):
            escaped.append("\\" + char)
        elif char.isascii() and char.isprintable():
            escaped.append(char)
        else:  # `\n`, `\x00`, `\u00e9`, `\U0001f600`, as `ascii()` writes them
            escaped.append(ascii(char)[1:-1])
    return quote + "".join(escaped) + quote


@dataclass(frozen=True)
class Raw:
    """An expression written as it is, inside a value: `credential("IAM_CLIENT_ASSERTION")`."""

    code: str


def _collection(opening: str, items: Sequence[Doc], closing: str, *, magic: bool) -> Doc:
    """A display: one line where it fits, else one item a line. A magic trailing comma (which
    `ruff format` keeps, and so keeps the display expanded) where `magic`; otherwise the comma
    is added only after more than one item, as ruff does."""
    comma = IfBreak(",") if magic or len(items) > 1 else ""
    return Group(
        (opening, Indent((SOFTLINE, join((",", LINE), items), comma)), SOFTLINE, closing),
        expand=magic,
    )


def value(item: JsonValue | Raw) -> Doc:
    """A JSON value as a Python literal. Dictionaries are written expanded, one member a line
    (with the magic trailing comma that keeps them so); lists go on one line where they fit."""
    if isinstance(item, Raw):
        return item.code
    if isinstance(item, Mapping):
        if not item:
            return "{}"
        members = [(string_literal(str(key)), ": ", value(v)) for key, v in item.items()]
        return _collection("{", members, "}", magic=True)
    if isinstance(item, (list, tuple)):
        if not item:
            return "[]"
        return _collection("[", [value(v) for v in item], "]", magic=False)
    if item is None or isinstance(item, bool):
        return repr(item)
    if isinstance(item, (int, float)):
        return repr(item).replace("e+", "e")  # ruff writes `1e21`, not `1e+21`
    if isinstance(item, str):
        return string_literal(item)
    raise TypeError(f"not a JSON value: {item!r}")


def call(callee: str, arguments: Sequence[Doc]) -> Doc:
    """`callee(a, b)`: on one line where it fits; else the arguments on a line of their own,
    or one a line (with a trailing comma) where that does not fit either."""
    if not arguments:
        return f"{callee}()"
    comma = IfBreak(",") if len(arguments) > 1 else ""
    inner = Group((join((",", LINE), arguments), comma))
    return (callee, Group(("(", Indent((SOFTLINE, inner)), SOFTLINE, ")")))


def _section(module: str) -> int:
    """isort's sections: `__future__`, the standard library, third party, this project."""
    top = module.split(".")[0]
    if top == "__future__":
        return 0
    if top in sys.stdlib_module_names:
        return 1
    return 3 if top.startswith("iam_client") else 2


def _name_order(name: str) -> tuple[int, str, str]:
    """isort's `order-by-type`: constants, then classes, then the rest; case aside."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return (kind, name.lower(), name)


def import_lines(imports: Sequence[ImportDoc]) -> list[str]:
    """The statements, merged by module and sorted as isort (ruff's `I` rules) sorts them:
    by section, each separated by a blank line; `import x` before `from x import y`."""
    merged: dict[tuple[str, bool], set[str]] = {}
    for statement in imports:
        merged.setdefault((statement.module, bool(statement.names)), set()).update(statement.names)
    lines: list[str] = []
    for section in range(4):
        keys = sorted(
            (key for key in merged if _section(key[0]) == section),
            key=lambda key: (key[1], key[0].lower(), key[0]),
        )
        if keys and lines:
            lines.append("")
        for module, has_names in keys:
            if not has_names:
                lines.append(f"import {module}")
                continue
            names = sorted(merged[module, has_names], key=_name_order)
            # Imports that do not fit are always exploded, with a trailing comma.
            inner = (join((",", LINE), names), IfBreak(","))
            lines.append(
                layout(
                    (
                        f"from {module} import ",
                        Group((IfBreak("("), Indent((SOFTLINE, inner)), SOFTLINE, IfBreak(")"))),
                    )
                )
            )
    return lines

"""Lay out generated code as its formatter would: one small document printer for both languages.

The examples are written already formatted, as Prettier (TypeScript) and `ruff format` (Python)
would leave them, so the build needs neither tool. Both formatters print a tree of groups: a
group goes on one line if it fits in the rest of the line (up to the next possible break),
and breaks its lines otherwise. This is that printer, after Wadler's "prettier printer" and
Prettier's `printDocToString` (prettier 3 src/document/printer.js), which ruff's formatter
follows too; the language modules (`typescript`, `python_code`) build the trees.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "HARDLINE",
    "LINE",
    "SOFTLINE",
    "Doc",
    "Fill",
    "Group",
    "IfBreak",
    "Indent",
    "IndentIfBreak",
    "Line",
    "join",
    "render",
    "width",
]


@dataclass(frozen=True)
class Line:
    """A place to break: `flat` (a space, or nothing) on one line, else a new line; a hard
    line always breaks, and so does every group around it."""

    flat: str = " "
    hard: bool = False


LINE = Line()
SOFTLINE = Line("")
HARDLINE = Line("", hard=True)


@dataclass(eq=False, frozen=True)
class Group:
    """Contents printed on one line if they fit, else with every line of the group broken.

    `expand` breaks it whatever the width (a magic trailing comma, an object Prettier keeps
    expanded); a broken group breaks the groups around it. Groups compare by identity, so
    that `IndentIfBreak` can name one.
    """

    contents: Doc
    expand: bool = False


@dataclass(frozen=True)
class Indent:
    """Contents whose broken lines are indented one level more."""

    contents: Doc


@dataclass(frozen=True)
class IndentIfBreak:
    """Contents indented one level more if `group` was broken (Prettier's `indentIfBreak`)."""

    contents: Doc
    group: Group


@dataclass(frozen=True)
class IfBreak:
    """`broken` where the enclosing group breaks, else `flat` (a trailing comma, say)."""

    broken: Doc
    flat: Doc = ""


@dataclass(frozen=True)
class Fill:
    """Items separated by `separator`, as many on a line as fit (Prettier's `fill`)."""

    items: tuple[Doc, ...]
    separator: Doc = LINE


Doc = str | Line | Group | Indent | IndentIfBreak | IfBreak | Fill | tuple["Doc", ...]
"""Text (one line), a break, a group, or a sequence of documents."""


def join(separator: Doc, docs: Sequence[Doc]) -> tuple[Doc, ...]:
    parts: list[Doc] = []
    for index, doc in enumerate(docs):
        parts += [separator, doc] if index else [doc]
    return tuple(parts)


def width(text: str) -> int:
    """Columns the text takes, as both formatters count them: wide characters count two,
    combining marks none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


_FLAT, _BREAK = False, True
_Command = tuple[int, bool, Doc]  # indentation level, broken mode, document


class _Printer:
    def __init__(self, line_width: int, indent: str) -> None:
        self.line_width = line_width
        self.indent = indent
        self.forced: dict[int, bool] = {}
        self.modes: dict[int, bool] = {}  # id of a printed group: whether it broke

    def must_break(self, doc: Doc) -> bool:
        """Whether `doc` holds a hard line or an expanded group: its groups all break."""
        if isinstance(doc, str):
            return False
        key = id(doc)
        if key not in self.forced:
            if isinstance(doc, Line):
                found = doc.hard
            elif isinstance(doc, Group):
                found = doc.expand or self.must_break(doc.contents)
            elif isinstance(doc, (Indent, IndentIfBreak)):
                found = self.must_break(doc.contents)
            elif isinstance(doc, IfBreak):
                found = self.must_break(doc.broken)
            elif isinstance(doc, Fill):
                found = any(map(self.must_break, doc.items))
            else:
                found = any(map(self.must_break, doc))
            self.forced[key] = found
        return self.forced[key]

    def fits(self, next_command: _Command, rest: list[_Command], room: int) -> bool:
        """Whether `next_command` printed flat, and the rest up to its first line break,
        takes at most `room` columns (Prettier's `fits`)."""
        stack = [next_command]
        rest_index = len(rest)
        while room >= 0:
            if not stack:
                if rest_index == 0:
                    return True
                rest_index -= 1
                stack.append(rest[rest_index])
                continue
            level, broken, doc = stack.pop()
            if isinstance(doc, str):
                room -= width(doc)
            elif isinstance(doc, Line):
                if broken or doc.hard:
                    return True
                room -= width(doc.flat)
            elif isinstance(doc, Group):
                stack.append((level, broken or self.must_break(doc), doc.contents))
            elif isinstance(doc, (Indent, IndentIfBreak)):
                stack.append((level, broken, doc.contents))
            elif isinstance(doc, IfBreak):
                stack.append((level, broken, doc.broken if broken else doc.flat))
            elif isinstance(doc, Fill):
                stack.append((level, broken, join(doc.separator, doc.items)))
            else:
                stack.extend((level, broken, part) for part in reversed(doc))
        return False

    def print(self, doc: Doc) -> str:
        out: list[str] = []
        column = 0
        commands: list[_Command] = [(0, _BREAK, doc)]
        while commands:
            level, broken, doc = commands.pop()
            if isinstance(doc, str):
                out.append(doc)
                column += width(doc)
            elif isinstance(doc, Line):
                if broken or doc.hard:
                    while out and out[-1].endswith(" "):  # no trailing spaces
                        out[-1] = out[-1].rstrip(" ")
                    out.append("\n" + self.indent * level)
                    column = width(self.indent) * level
                else:
                    out.append(doc.flat)
                    column += width(doc.flat)
            elif isinstance(doc, Group):
                mode = _FLAT
                if self.must_break(doc) or (
                    broken
                    and not self.fits(
                        (level, _FLAT, doc.contents), commands, self.line_width - column
                    )
                ):
                    mode = _BREAK
                self.modes[id(doc)] = mode
                commands.append((level, mode, doc.contents))
            elif isinstance(doc, Indent):
                commands.append((level + 1, broken, doc.contents))
            elif isinstance(doc, IndentIfBreak):
                more = 1 if self.modes.get(id(doc.group), _FLAT) else 0
                commands.append((level + more, broken, doc.contents))
            elif isinstance(doc, IfBreak):
                commands.append((level, broken, doc.broken if broken else doc.flat))
            elif isinstance(doc, Fill):
                self.fill(level, broken, doc, commands, column)
            else:
                commands.extend((level, broken, part) for part in reversed(doc))
        return "".join(out)

    def fill(
        self, level: int, broken: bool, doc: Fill, commands: list[_Command], column: int
    ) -> None:
        """Queue a fill: each separator breaks only where the next item would not fit."""
        if not broken:
            commands.append((level, _FLAT, join(doc.separator, doc.items)))
            return
        queued: list[_Command] = []
        room = self.line_width - column
        for index, item in enumerate(doc.items):
            if index:
                pair = (level, _FLAT, (doc.separator, item))
                separator_broken = not self.fits(pair, [], room)
                queued.append((level, separator_broken, doc.separator))
                if separator_broken:
                    room = self.line_width - width(self.indent) * level
                else:
                    room -= _flat_width(doc.separator)
            queued.append((level, _FLAT, item))
            room -= _flat_width(item)
        commands.extend(reversed(queued))


def _flat_width(doc: Doc) -> int:
    if isinstance(doc, str):
        return width(doc)
    if isinstance(doc, Line):
        return width(doc.flat)
    if isinstance(doc, (Group, Indent, IndentIfBreak)):
        return _flat_width(doc.contents)
    if isinstance(doc, IfBreak):
        return _flat_width(doc.flat)
    if isinstance(doc, Fill):
        return _flat_width(join(doc.separator, doc.items))
    return sum(map(_flat_width, doc))


def render(doc: Doc, *, line_width: int, indent: str) -> str:
    """The document as text, in lines of at most `line_width` columns where it can break."""
    return _Printer(line_width, indent).print(doc)

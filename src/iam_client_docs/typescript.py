"""The naming rules of openapi-generator's typescript-axios, written once, and the TypeScript
the examples are made of, laid out as Prettier (3, default options) prints it.

The reference shows each type as `@affinidi-tdk/iam-client` declares it; the parity tests hold
these rules to the pinned package's `.d.ts`, and the formatting tests hold the examples to the
pinned Prettier.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from iam_client_docs.descriptions import (
    JsonValue,
)
from iam_client_docs.layout import (
    HARDLINE,
    LINE,
    SOFTLINE,
    Doc,
    Fill,
    Group,
    IfBreak,
    Indent,
    IndentIfBreak,
    join,
    render,
    width,
)

__all__ = [
    "LINE_WIDTH",
    "Comment",
    "Property",
    "assignment",
    "call",
    "enum_member_name",
    "enum_name",
    "identifier",
    "import_statement",
    "layout",
    "member_access",
    "number_literal",
    "object_key",
    "object_literal",
    "operation_anchor",
    "parameter_enum_name",
    "string_literal",
    "value",
]

LINE_WIDTH = 80
"""Prettier's default `printWidth`; it indents by two spaces."""

_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
# Words as openapi-generator's camelize sees them: `InvalidDIDError` is Invalid, DID, Error.
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def _pascal(text: str) -> str:
    return "".join(word[:1].upper() + word[1:].lower() for word in _WORD.findall(text))


def enum_name(model: str, member: str) -> str:
    """The type name typescript-axios gives a model property's inline enumeration.

    The model name, the property in PascalCase, and `Enum`: `grant_type` of
    `ConsumerAuthTokenEndpointInput` is `ConsumerAuthTokenEndpointInputGrantTypeEnum`, and
    `httpStatusCode` of `NotFoundError` is `NotFoundErrorHttpStatusCodeEnum`.
    """
    parts = re.split(r"[^A-Za-z0-9]+", member)
    return model + "".join(part[:1].upper() + part[1:] for part in parts) + "Enum"


def parameter_enum_name(operation: str, parameter: str) -> str:
    """The type name of an operation parameter's enumeration: `GetPoliciesPrincipalTypeEnum`."""
    return enum_name(operation[:1].upper() + operation[1:], parameter)


def enum_member_name(value: str | int | float | bool) -> str:
    """The key of one value in the const object of an enumeration: `vfs-read` is `VfsRead`."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"NUMBER_{value}".replace("-", "MINUS_").replace(".", "_DOT_")
    return _pascal(str(value))


def operation_anchor(operation: str) -> str:
    """The anchor of an operation's section on its API page, as upstream's pages spell it."""
    return operation.lower()


def identifier(name: str) -> bool:
    return _IDENTIFIER.match(name) is not None


def object_key(name: str) -> str:
    """A property name as an object literal writes it: bare where it can be, quoted otherwise
    (Prettier's `quoteProps: "as-needed"`)."""
    return name if identifier(name) else string_literal(name)


def member_access(variable: str, name: str) -> str:
    return f"{variable}.{name}" if identifier(name) else f"{variable}[{string_literal(name)}]"


_ESCAPE_OR_QUOTE = re.compile(r"\\(.)|([\"'])", re.DOTALL)


def string_literal(text: str) -> str:
    """A string literal: JSON's escapes (every character outside ASCII escaped, so that no
    invisible character reaches a page), in double quotes unless the text holds more double
    quotes than single ones (Prettier's `makeString`)."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    other = "'" if quote == '"' else '"'

    def requote(match: re.Match[str]) -> str:
        escaped, bare = match.group(1), match.group(2)
        if escaped is not None:
            return other if escaped == other else match.group(0)
        return "\\" + bare if bare == quote else bare

    return quote + _ESCAPE_OR_QUOTE.sub(requote, json.dumps(text)[1:-1]) + quote


def number_literal(number: int | float) -> str:
    """A JSON number as Prettier prints the literal: `1e+21` is `1e21`, `1.50` is `1.5`."""
    text = json.dumps(abs(number)).lower()
    text = re.sub(r"^([\d.]+e)(?:\+|(-))?0*(?=\d)", r"\1\2", text)
    text = re.sub(r"^([\d.]+)e[+-]?0+$", r"\1", text)
    text = re.sub(r"(\.\d+?)0+(?=e|$)", r"\1", text)
    text = re.sub(r"\.(?=e|$)", "", text)
    return ("-" if number < 0 else "") + text


# ---------------------------------------------------------------------------------------------
# Layout: documents for `iam_client_docs.layout`, shaped as Prettier's printer shapes them
# (prettier 3 src/language-js/print/: object.js, array.js, assignment.js, module.js).


def layout(doc: Doc) -> str:
    """A statement's document as Prettier prints it."""
    return render(doc, line_width=LINE_WIDTH, indent="  ")


def _is_number(item: object) -> bool:
    return isinstance(item, (int, float)) and not isinstance(item, bool)


def value(item: JsonValue) -> Doc:
    """A JSON value as a literal. Objects are written expanded, one member a line (Prettier
    keeps an object expanded when its first member is on a line of its own); arrays go on one
    line where they fit."""
    if isinstance(item, Mapping):
        return object_literal(
            [Property(str(key), value(member), member) for key, member in item.items()]
        )
    if isinstance(item, (list, tuple)):
        return _array(item)
    if item is None:
        return "null"
    if isinstance(item, bool):
        return "true" if item else "false"
    if _is_number(item):
        return number_literal(item)
    if isinstance(item, str):
        return string_literal(item)
    raise TypeError(f"not a JSON value: {item!r}")


def _array(items: Sequence[JsonValue]) -> Doc:
    if not items:
        return "[]"
    values = [value(item) for item in items]
    if len(items) > 1 and all(map(_is_number, items)):
        # Numbers fill the lines, each with its comma, the last one's too (array.js,
        # printArrayItemsConcisely); on one line they are joined as any others.
        filled = Fill(tuple((number, ",") for number in values))
        inner: Doc = IfBreak(filled, join((",", LINE), values))
        comma: Doc = ""
    else:
        inner, comma = join((",", LINE), values), IfBreak(",")
    # Two or more objects or arrays, each of more than one member, go one a line.
    expand = len(items) > 1 and (
        all(isinstance(item, Mapping) and len(item) > 1 for item in items)
        or all(isinstance(item, (list, tuple)) and len(item) > 1 for item in items)
    )
    return Group(("[", Indent((SOFTLINE, inner, comma)), SOFTLINE, "]"), expand=expand)


@dataclass(frozen=True)
class Property:
    """`key: value` in an object literal. `example` is the JSON value the literal spells
    (before any cast): Prettier chooses where the line breaks by what kind of value it is."""

    key: str
    value: Doc
    example: JsonValue


@dataclass(frozen=True)
class Comment:
    """A `//` comment on a line of its own, in place of a member."""

    text: str


def _property(member: Property) -> Doc:
    key = object_key(member.key)
    example = member.example
    if width(key) < 5 or (_is_number(example) and example >= 0) or isinstance(example, bool):
        # assignment.js: a short key, or a boolean or number literal, never breaks after the
        # colon.
        doc: Doc = Group((key, ": ", member.value))
    elif isinstance(example, str):  # a string breaks after the colon when it does not fit
        doc = Group((key, ":", Group(Indent((LINE, member.value)))))
    else:  # "fluid": after the colon only if the value's first line does not fit
        small = Group(Indent(LINE))
        doc = Group((key, ":", small, IndentIfBreak(member.value, small)))
    return doc


def object_literal(members: Sequence[Property | Comment]) -> Doc:
    """An object literal, expanded: each member (and comment) on a line of its own."""
    if not members:
        return "{}"
    lines: list[Doc] = []
    pending: list[str] = []  # comments, before the next property
    for member in members:
        if isinstance(member, Comment):
            pending.append(member.text)
            continue
        lines.append((*((f"// {text}", HARDLINE) for text in pending), _property(member), ","))
        pending = []
    lines += [f"// {text}" for text in pending]
    return Group(("{", Indent((HARDLINE, join(HARDLINE, lines))), HARDLINE, "}"))


def assignment(declaration: str, right: Doc) -> Doc:
    """`const x: T = right;` with Prettier's "fluid" layout: the value moves to the next line
    only where its first line does not fit after the `=`."""
    small = Group(Indent(LINE))
    return Group((declaration, " =", small, IndentIfBreak(right, small), ";"))


def call(callee: str, arguments: Sequence[Doc]) -> Doc:
    """`callee(a, b)`, the arguments one a line (with a trailing comma) where they do not fit."""
    if not arguments:
        return f"{callee}()"
    return (
        callee,
        Group(("(", Indent((SOFTLINE, join((",", LINE), arguments))), IfBreak(","), SOFTLINE, ")")),
    )


def import_statement(names: Sequence[str], module: str) -> str:
    """`import { A, B } from "module";`, one name a line where it does not fit (a single name
    stays on the line: module.js, `canBreak`)."""
    source = f" from {string_literal(module)};"
    if len(names) == 1:
        return f"import {{ {names[0]} }}{source}"
    inner = join((",", LINE), list(names))
    return layout(
        (
            Group(("import {", Indent((LINE, inner)), IfBreak(","), LINE, "}")),
            source,
        )
    )

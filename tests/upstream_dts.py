"""Read model interfaces from the `.d.ts` declarations of a published npm package.

A small tokenizer and parser for what openapi-generator's typescript-axios emits: interfaces
whose properties carry a JSDoc comment (names bare or quoted, `?` for optional), enums written
as a const object plus `typeof X[keyof typeof X]` alias (or as a TypeScript `enum`, or an alias
of literals), `export * from './module'` re-exports, and classes: their methods' parameters
and return types (the API classes). Everything else (a class's properties, functions, imports)
is skipped as a balanced statement.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Class",
    "DtsError",
    "Interface",
    "Method",
    "MethodParameter",
    "Package",
    "Property",
    "clean_description",
    "parse_declarations",
]


class DtsError(Exception):
    """The declarations cannot be read; the message names the file and what was found."""


@dataclass(frozen=True)
class Token:
    kind: str
    """`doc` (a `/** */` comment), `string`, `number`, `name` or `punct`."""
    text: str


@dataclass(frozen=True)
class Property:
    """One property of an interface, as declared."""

    name: str
    type: str
    """The type as written (whitespace normalised), before any enum is resolved."""
    optional: bool
    description: str
    """The JSDoc text before the first `@` tag, as written (escapes and all)."""


@dataclass(frozen=True)
class Interface:
    name: str
    properties: tuple[Property, ...]
    index_signatures: tuple[str, ...]
    heritage: str = ""
    """Its generics and `extends` clause, as written; inherited members are not read."""


@dataclass(frozen=True)
class MethodParameter:
    name: str
    type: str
    """As written (whitespace normalised)."""
    optional: bool


@dataclass(frozen=True)
class Method:
    """One method of a class, as declared."""

    name: str
    parameters: tuple[MethodParameter, ...]
    returns: str
    """The return type as written (whitespace normalised)."""
    description: str
    """The JSDoc text before the first `@` tag."""
    summary: str
    """The JSDoc `@summary`, or `""`."""


@dataclass(frozen=True)
class Class:
    name: str
    heritage: str
    """Its generics and `extends` clause, as written."""
    methods: tuple[Method, ...]


@dataclass
class Declarations:
    """What one or more `.d.ts` files declare, by name."""

    interfaces: dict[str, Interface] = field(default_factory=dict)
    aliases: dict[str, list[Token]] = field(default_factory=dict)
    enums: dict[str, list[Token]] = field(default_factory=dict)
    """Const objects and `enum`s: name -> the literal value tokens, in declaration order."""
    classes: dict[str, Class] = field(default_factory=dict)
    reexports: list[str] = field(default_factory=list)
    """Module specifiers of `export * from '...'`."""

    def merge(self, other: Declarations, where: str) -> None:
        for kind in ("interfaces", "aliases", "enums", "classes"):
            mine, theirs = getattr(self, kind), getattr(other, kind)
            clash = sorted(mine.keys() & theirs.keys())
            if clash:
                raise DtsError(f"{where}: {', '.join(clash)} declared twice")
            mine.update(theirs)


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<doc>/\*\*(?!/).*?\*/)
    | (?P<comment>/\*.*?\*/|//[^\n]*)
    | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)
    | (?P<number>-?\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<name>[A-Za-z_$][A-Za-z0-9_$]*)
    | (?P<punct>=>|\.\.\.|\?\.|[^\s])
    """,
    re.VERBOSE | re.DOTALL,
)


def tokenize(source: str, where: str = "<source>") -> list[Token]:
    tokens = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None or match.end() == position:
            line = source.count("\n", 0, position) + 1
            raise DtsError(f"{where}:{line}: cannot read {source[position : position + 20]!r}")
        kind = match.lastgroup
        assert kind is not None
        if kind not in ("space", "comment"):
            tokens.append(Token(kind, match.group()))
        position = match.end()
    return tokens


_OPEN = {"(": ")", "[": "]", "{": "}", "<": ">"}
_CLOSE = {value: key for key, value in _OPEN.items()}


class _Parser:
    def __init__(self, tokens: list[Token], where: str) -> None:
        self.tokens = tokens
        self.at = 0
        self.where = where
        self.result = Declarations()

    def peek(self, offset: int = 0) -> Token | None:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def is_(self, text: str, offset: int = 0) -> bool:
        token = self.peek(offset)
        return token is not None and token.kind != "string" and token.text == text

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise DtsError(f"{self.where}: unexpected end of file")
        self.at += 1
        return token

    def expect(self, text: str) -> None:
        token = self.take()
        if token.text != text or token.kind == "string":
            raise DtsError(f"{self.where}: expected {text!r}, found {token.text!r}")

    def until(self, stops: Sequence[str]) -> list[Token]:
        """Tokens up to (not including) a stop at bracket depth 0; `>` of `=>` is not a bracket."""
        taken: list[Token] = []
        depth: list[str] = []
        while True:
            token = self.peek()
            if token is None:
                if depth:
                    raise DtsError(f"{self.where}: unbalanced {depth[-1]!r}")
                return taken
            if token.kind == "punct":
                if not depth and token.text in stops:
                    return taken
                if token.text in _OPEN:
                    depth.append(token.text)
                elif token.text in _CLOSE and depth and depth[-1] == _CLOSE[token.text]:
                    depth.pop()
                elif token.text in _CLOSE and token.text != ">":
                    raise DtsError(f"{self.where}: unbalanced {token.text!r}")
            taken.append(self.take())

    def statements(self) -> Declarations:
        while self.peek() is not None:
            self.statement()
        return self.result

    def kind(self, offset: int = 0) -> str | None:
        token = self.peek(offset)
        return None if token is None else token.kind

    def statement(self) -> None:
        while self.kind() == "doc":  # interface-level JSDoc is not compared
            self.at += 1
        if self.peek() is None:
            return
        while self.is_("export") or self.is_("declare"):
            if self.is_("export") and self.is_("*", 1):
                self.at += 2
                self.expect("from")
                specifier = self.take()
                if specifier.kind != "string":
                    raise DtsError(f"{self.where}: export * from what? {specifier.text!r}")
                self.result.reexports.append(_string_value(specifier.text))
                self.skip_statement()
                return
            self.at += 1
        if self.is_("interface"):
            self.interface()
        elif self.is_("class") or (self.is_("abstract") and self.is_("class", 1)):
            self.klass()
        elif self.is_("type") and self.kind(1) == "name":
            self.alias()
        elif self.is_("enum") or (self.is_("const") and self.is_("enum", 1)):
            self.enum()
        elif self.is_("const") or self.is_("let") or self.is_("var"):
            self.const()
        else:
            self.skip_statement()

    def skip_statement(self) -> None:
        """Skip to the end of a statement: a `;` or a block closed at depth 0."""
        depth = 0
        while (token := self.peek()) is not None:
            self.at += 1
            if token.kind != "punct":
                continue
            if token.text in ("(", "[", "{"):
                depth += 1
            elif token.text in (")", "]", "}"):
                depth -= 1
                if depth == 0 and token.text == "}" and not self.is_("|") and not self.is_("&"):
                    if self.is_(";"):
                        self.at += 1
                    return
            elif token.text == ";" and depth == 0:
                return

    def name(self) -> str:
        token = self.take()
        if token.kind != "name":
            raise DtsError(f"{self.where}: expected a name, found {token.text!r}")
        return token.text

    def interface(self) -> None:
        self.expect("interface")
        name = self.name()
        heritage = type_text(self.until(["{"]))  # generics and `extends` clauses
        self.expect("{")
        properties: list[Property] = []
        indexes: list[str] = []
        description = ""
        while not self.is_("}"):
            token = self.peek()
            if token is None:
                raise DtsError(f"{self.where}: interface {name} is not closed")
            if token.kind == "doc":
                description = _doc_text(self.take().text)
                continue
            if token.text in (";", ","):
                self.at += 1
                continue
            if self.is_("readonly") and not (self.is_("?", 1) or self.is_(":", 1)):
                self.at += 1
            if self.is_("["):
                indexes.append(type_text(self.until([";", ",", "}"])))
                description = ""
                continue
            key = self.take()
            if key.kind not in ("name", "string", "number"):
                raise DtsError(f"{self.where}: interface {name}: unexpected {key.text!r}")
            prop = _string_value(key.text) if key.kind == "string" else key.text
            optional = self.is_("?")
            if optional:
                self.at += 1
            if self.is_("(") or self.is_("<"):  # a method signature: not a data property
                self.until([";", ",", "}"])
                description = ""
                continue
            self.expect(":")
            kind = type_text(self.until([";", ",", "}"]))
            properties.append(Property(prop, kind, optional, description))
            description = ""
        self.expect("}")
        self._add("interfaces", name, Interface(name, tuple(properties), tuple(indexes), heritage))

    def klass(self) -> None:
        if self.is_("abstract"):
            self.at += 1
        self.expect("class")
        name = self.name()
        heritage = type_text(self.until(["{"]))
        self.expect("{")
        methods: list[Method] = []
        comment = ""
        modifiers = ("public", "protected", "private", "static", "readonly", "abstract")
        while not self.is_("}"):
            token = self.peek()
            if token is None:
                raise DtsError(f"{self.where}: class {name} is not closed")
            if token.kind == "doc":
                comment = self.take().text
                continue
            if token.text in (";", ","):
                self.at += 1
                continue
            private = False
            # A modifier, unless it is the member's own name (`readonly(): void`).
            while any(self.is_(m) for m in modifiers) and not any(
                self.is_(t, 1) for t in ("(", ":", "?", ";")
            ):
                private = private or self.is_("protected") or self.is_("private")
                self.at += 1
            member = self.take()
            if member.kind != "name":
                raise DtsError(f"{self.where}: class {name}: unexpected {member.text!r}")
            if self.is_("?"):
                self.at += 1
            if not self.is_("("):  # a property (or a constructor's overloads): not compared
                self.until([";", "}"])
                comment = ""
                continue
            self.expect("(")
            inner = self.until([")"])
            self.expect(")")
            returns = ""
            if self.is_(":"):
                self.at += 1
                returns = type_text(self.until([";", "}"]))
            if member.text != "constructor" and not private:
                parameters = tuple(
                    _method_parameter(group, self.where) for group in _split(inner, ",")
                )
                methods.append(
                    Method(
                        member.text,
                        parameters,
                        returns,
                        _doc_text(comment),
                        _doc_tag(comment, "summary"),
                    )
                )
            comment = ""
        self.expect("}")
        self._add("classes", name, Class(name, heritage, tuple(methods)))

    def alias(self) -> None:
        self.expect("type")
        name = self.name()
        self.until(["="])
        self.expect("=")
        self._add("aliases", name, self.until([";"]))

    def enum(self) -> None:
        if self.is_("const"):
            self.at += 1
        self.expect("enum")
        name = self.name()
        self.expect("{")
        values: list[Token] = []
        while not self.is_("}"):
            member = self.until([",", "}"])
            if member and "=" in [token.text for token in member]:
                value = member[[token.text for token in member].index("=") + 1 :]
                if len(value) != 1 or value[0].kind not in ("string", "number"):
                    raise DtsError(f"{self.where}: enum {name}: a computed member")
                values.append(value[0])
            elif member and member[0].kind != "doc":
                raise DtsError(f"{self.where}: enum {name}: a member without a literal value")
            if self.is_(","):
                self.at += 1
        self.expect("}")
        self._add("enums", name, values)

    def const(self) -> None:
        self.at += 1
        name = self.name()
        if not self.is_(":") or not self.is_("{", 1):
            self.skip_statement()
            return
        self.at += 2
        values: list[Token] = []
        literal_object = True
        while not self.is_("}"):
            member = [token for token in self.until([";", ",", "}"]) if token.kind != "doc"]
            texts = [token.text for token in member]
            if texts[:1] == ["readonly"]:
                member, texts = member[1:], texts[1:]
            if len(member) == 3 and texts[1] == ":" and member[2].kind in ("string", "number"):
                values.append(member[2])
            elif member:
                literal_object = False
            if self.is_(";") or self.is_(","):
                self.at += 1
        self.expect("}")
        self.skip_statement()
        if literal_object and values:
            self._add("enums", name, values)

    def _add(self, kind: str, name: str, value: object) -> None:
        table = getattr(self.result, kind)
        if name in table:
            raise DtsError(f"{self.where}: {name} is declared twice")
        table[name] = value


def _method_parameter(tokens: list[Token], where: str) -> MethodParameter:
    if not tokens or tokens[0].kind != "name":
        raise DtsError(f"{where}: a parameter without a name: {type_text(tokens)!r}")
    rest = tokens[1:]
    optional = bool(rest) and rest[0].text == "?"
    if optional:
        rest = rest[1:]
    if not rest or rest[0].text != ":":
        raise DtsError(f"{where}: parameter {tokens[0].text} has no type")
    return MethodParameter(tokens[0].text, type_text(rest[1:]), optional)


def _doc_tag(comment: str, tag: str) -> str:
    """The text of one JSDoc tag (`@summary ...`), or `""`."""
    match = re.search(rf"@{tag}\s+([^\n]*)", comment)
    return match.group(1).strip().removesuffix("*/").strip() if match else ""


def parse_declarations(source: str, where: str = "<source>") -> Declarations:
    """Parse the text of one `.d.ts` file."""
    return _Parser(tokenize(source, where), where).statements()


_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _string_value(literal: str) -> str:
    """The value of a JavaScript string literal token (quotes of any kind, escapes decoded)."""

    def unescape(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape[0] in "ux" and len(escape) > 1:
            return chr(int(escape[1:].strip("{}"), 16))
        if escape == "\n":
            return ""  # a line continuation
        return _SIMPLE_ESCAPES.get(escape, escape)

    return _ESCAPE.sub(unescape, literal[1:-1])


def _doc_text(comment: str) -> str:
    lines = comment.removeprefix("/**").removesuffix("*/").splitlines()
    text: list[str] = []
    for line in lines:
        line = re.sub(r"^\s*\*? ?", "", line).rstrip()
        if line.lstrip().startswith("@"):
            break
        text.append(line)
    return "\n".join(text).strip()


def clean_description(text: str) -> str:
    """Upstream JSDoc text as its authors meant it: no `&quot;`, no `\\"`, one-space runs."""
    text = html.unescape(html.unescape(text))
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split())


_TIGHT_BEFORE = {")", "]", ">", ",", ";", ":", "?", "(", "[", "<", "."}
_TIGHT_AFTER = {"(", "[", "<", "."}


def type_text(tokens: Sequence[Token]) -> str:
    """A type with canonical spacing: `Array<X>`, `'a' | 'b'`, `{ [key: string]: T; }`."""
    out = ""
    previous: Token | None = None
    for token in tokens:
        text = _literal(token) if token.kind == "string" else token.text
        if previous is not None:
            tight = (token.kind == "punct" and token.text in _TIGHT_BEFORE) or (
                previous.kind == "punct" and previous.text in _TIGHT_AFTER
            )
            if token.kind == "punct" and token.text in ("|", "&", "=>", "=", "{", "}"):
                tight = False
            if previous.kind == "punct" and previous.text == "{":
                tight = False
            if token.kind == "punct" and token.text == "(" and previous.kind == "punct":
                tight = previous.text in ("(", "<", "[")
            out += "" if tight else " "
        out += text
        previous = token
    return out.strip()


def _literal(token: Token) -> str:
    """A string literal written the way the generated model docs do: single quotes."""
    value = _string_value(token.text)
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


@dataclass
class Package:
    """The declarations an npm package exports from its `types` entry and its re-exports."""

    root: Path
    declarations: Declarations
    files: tuple[Path, ...]

    @classmethod
    def load(cls, root: Path) -> Package:
        manifest = json.loads((root / "package.json").read_text(encoding="utf-8"))
        entry = manifest.get("types") or manifest.get("typings")
        if not isinstance(entry, str):
            raise DtsError(f"{root}/package.json names no types entry")
        declarations = Declarations()
        files: list[Path] = []
        pending = [(root / entry).resolve()]
        while pending:
            path = pending.pop(0)
            if path in files:
                continue
            files.append(path)
            where = str(path.relative_to(root.resolve()))
            parsed = parse_declarations(path.read_text(encoding="utf-8"), where)
            declarations.merge(parsed, where)
            for specifier in parsed.reexports:
                if specifier.startswith("."):
                    pending.append(_resolve_module(path.parent, specifier, where))
        return cls(root, declarations, tuple(files))

    def api_class(self, name: str) -> Class:
        found = self.declarations.classes.get(name)
        if found is None:
            raise DtsError(f"{self.root.name} declares no class {name}")
        return found

    def interface(self, name: str) -> Interface:
        found = self.declarations.interfaces.get(name)
        if found is None:
            also = " (it is a type alias)" if name in self.declarations.aliases else ""
            raise DtsError(f"{self.root.name} declares no interface {name}{also}")
        if found.heritage:
            # Inherited members would be missed silently: teach the parser first.
            raise DtsError(f"interface {name} has generics or an extends clause: {found.heritage}")
        return found

    def resolved_type(self, written: str) -> str:
        """`written` with every enum-like name replaced by the union of its literal values."""
        tokens = tokenize(written)
        out: list[Token] = []
        for index, token in enumerate(tokens):
            values = self._enum_values(token) if token.kind == "name" else None
            if values is None:
                out.append(token)
                continue
            union: list[Token] = []
            for value in values:
                union += [Token("punct", "|"), value] if union else [value]
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if len(values) > 1 and following is not None and following.text == "[":
                union = [Token("punct", "("), *union, Token("punct", ")")]
            out += union
        return type_text(out)

    def _enum_values(self, token: Token, seen: frozenset[str] = frozenset()) -> list[Token] | None:
        name = token.text
        if name in seen:
            return None
        if name in self.declarations.enums:
            return self.declarations.enums[name]
        alias = self.declarations.aliases.get(name)
        if alias is None:
            return None
        texts = [token.text for token in alias if token.text not in ("(", ")")]
        # (typeof X)[keyof typeof X]: the values of the const object X.
        if (
            len(texts) == 7
            and texts[0] == "typeof"
            and texts[2:6] == ["[", "keyof", "typeof", texts[1]]
            and texts[6] == "]"
        ):
            return self.declarations.enums.get(texts[1])
        # type X = 'a' | 'b' (or an alias of another enum-like name).
        members = [list(group) for group in _split(alias, "|")]
        values: list[Token] = []
        for member in members:
            if len(member) != 1:
                return None
            if member[0].kind in ("string", "number"):
                values.append(member[0])
                continue
            inner = (
                self._enum_values(member[0], seen | {name}) if member[0].kind == "name" else None
            )
            if inner is None:
                return None
            values += inner
        return values


def _split(tokens: Sequence[Token], separator: str) -> Iterator[list[Token]]:
    group: list[Token] = []
    depth = 0
    for token in tokens:
        if token.kind == "punct" and token.text in ("(", "[", "{", "<"):
            depth += 1
        elif token.kind == "punct" and token.text in (")", "]", "}", ">"):
            depth -= 1
        if depth == 0 and token.kind == "punct" and token.text == separator:
            if group:
                yield group
            group = []
        else:
            group.append(token)
    if group:
        yield group


def _resolve_module(directory: Path, specifier: str, where: str) -> Path:
    base = (directory / specifier).resolve()
    for candidate in (
        base.with_name(base.name + ".d.ts"),
        base / "index.d.ts",
        base.with_suffix(".d.ts"),
    ):
        if candidate.is_file():
            return candidate
    raise DtsError(f"{where}: cannot find the declarations of {specifier!r}")

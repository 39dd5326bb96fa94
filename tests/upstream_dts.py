"""The declarations of an npm package as data, read by the TypeScript compiler's own parser.

`tests/typescript/dts-json.mjs`, run with the pinned Node, prints the interfaces, aliases,
enumerations and classes of the package's `types` entry (and its re-exports) as JSON, each type
a tree; this module gives that JSON its types, spells a tree as the reference pages write a type
(`Array<X>`, `'a' | 'b'`), and writes an enumeration's name as its values.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.examples import NODE_MODULES, TYPESCRIPT_PROJECT

__all__ = [
    "Class",
    "DtsError",
    "Interface",
    "Method",
    "Package",
    "Property",
    "clean_description",
    "spelling",
]

NODE = NODE_MODULES / ".bin" / "node"
"""The pinned Node (the npm package `node`), not the machine's."""
SCRIPT = TYPESCRIPT_PROJECT / "dts-json.mjs"

Type = Mapping[str, Any]
"""One node of a type tree as the script prints it: `{"kind": "reference", ...}`."""


class DtsError(Exception):
    """The declarations cannot be read or lack what was asked; the message says which."""


@dataclass(frozen=True)
class Property:
    """One property of an interface, or one parameter of a method, as declared."""

    name: str
    type: Type
    optional: bool
    description: str = ""
    """The JSDoc text before the first `@` tag, as written (escapes and all)."""

    @property
    def written(self) -> str:
        return spelling(self.type)


@dataclass(frozen=True)
class Interface:
    name: str
    properties: tuple[Property, ...]
    index_signatures: tuple[str, ...]
    heritage: str
    """Its generics and `extends` clause; inherited members are not read."""


@dataclass(frozen=True)
class Method:
    name: str
    parameters: tuple[Property, ...]
    returns: Type


@dataclass(frozen=True)
class Class:
    name: str
    heritage: str
    methods: tuple[Method, ...]


def _property(data: Mapping[str, Any]) -> Property:
    return Property(data["name"], data["type"], data["optional"], data.get("doc", ""))


@dataclass(frozen=True)
class Package:
    """What one npm package (or one `.d.ts` file) declares, by name."""

    root: Path
    interfaces: Mapping[str, Interface]
    aliases: Mapping[str, Type]
    enums: Mapping[str, tuple[str | int, ...]]
    """Enumeration-like types: name -> their literal values, in declaration order."""
    classes: Mapping[str, Class]

    @classmethod
    def load(cls, root: Path) -> Package:
        """Read a package folder (its package.json's types entry) or one `.d.ts` file."""
        if not NODE.exists():
            raise DtsError(f"{NODE} is missing: run `npm ci` in tests/typescript")
        result = subprocess.run(
            [str(NODE), str(SCRIPT), str(root)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            raise DtsError(result.stderr.strip() or f"{SCRIPT.name} exited {result.returncode}")
        data = json.loads(result.stdout)
        interfaces = {
            name: Interface(
                name,
                tuple(_property(p) for p in body["properties"]),
                tuple(_index(index) for index in body["indexes"]),
                body["heritage"],
            )
            for name, body in data["interfaces"].items()
        }
        classes = {
            name: Class(
                name,
                body["heritage"],
                tuple(
                    Method(m["name"], tuple(_property(p) for p in m["parameters"]), m["returns"])
                    for m in body["methods"]
                ),
            )
            for name, body in data["classes"].items()
        }
        enums = {name: tuple(values) for name, values in data["enums"].items()}
        return cls(root, interfaces, data["aliases"], enums, classes)

    def api_class(self, name: str) -> Class:
        found = self.classes.get(name)
        if found is None:
            raise DtsError(f"{self.root.name} declares no class {name}")
        return found

    def interface(self, name: str) -> Interface:
        found = self.interfaces.get(name)
        if found is None:
            also = " (it is a type alias)" if name in self.aliases else ""
            raise DtsError(f"{self.root.name} declares no interface {name}{also}")
        if found.heritage:
            # Inherited members would be missed silently: teach the script first.
            raise DtsError(f"interface {name} has generics or an extends clause: {found.heritage}")
        return found

    def resolved_type(self, tree: Type) -> str:
        """`tree` spelt with every enumeration-like name written as the union of its values."""
        return spelling(tree, self.enums)


def _index(index: Mapping[str, Any], spell: Callable[[Type], str] | None = None) -> str:
    """`[key: string]: T`, an index signature."""
    spell = spell or spelling
    (key,) = index["parameters"]
    return f"[{key['name']}: {spell(key['type'])}]: {spell(index['type'])}"


def _literal(value: object) -> str:
    """A literal as the generated model docs write it: strings in single quotes."""
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return json.dumps(value)


def spelling(tree: Type, enums: Mapping[str, tuple[str | int, ...]] | None = None) -> str:
    """A type in canonical spacing; the names in `enums` written as the union of their values."""

    def spell(node: Type, tight: bool = False) -> str:
        """`tight`: inside `X[]`, `X[K]`, `keyof X` or `X & Y`, where a union needs parentheses."""
        kind = node["kind"]
        arguments = node.get("arguments") or ()
        generic = f"<{', '.join(spell(a) for a in arguments)}>" if arguments else ""
        if kind == "keyword":
            return str(node["name"])
        if kind == "literal":
            return _literal(node["value"])
        if kind == "reference":
            values = (enums or {}).get(node["name"]) if not arguments else None
            if values is None:
                return f"{node['name']}{generic}"
            union = " | ".join(_literal(value) for value in values)
            return f"({union})" if tight and len(values) > 1 else union
        if kind == "import":
            return f"import('{node['module']}').{node['name']}{generic}"
        if kind == "array":
            return f"{spell(node['element'], True)}[]"
        if kind in ("union", "intersection"):
            operator, inner = ("|", False) if kind == "union" else ("&", True)
            joined = f" {operator} ".join(spell(t, inner) for t in node["types"])
            return f"({joined})" if tight else joined
        if kind == "typeof":
            return f"typeof {node['name']}"
        if kind == "operator":
            return f"{node['operator']} {spell(node['type'], True)}"
        if kind == "indexed":
            return f"{spell(node['object'], True)}[{spell(node['index'])}]"
        if kind == "object":
            parts = [
                f"{p['name']}{'?' if p['optional'] else ''}: {spell(p['type'])};"
                for p in node["properties"]
            ]
            parts += [f"{_index(index, spell)};" for index in node["indexes"]]
            return f"{{ {' '.join(parts)} }}"
        raise DtsError(
            f"a type the script does not read ({node.get('syntax')}): {node.get('text')}"
        )

    return spell(tree)


def documented_models(package: Package) -> list[str]:
    """The names the package's README lists under "Documentation For Models", in its order."""
    text = (package.root / "README.md").read_text(encoding="utf-8")
    section = text.split("### Documentation For Models", 1)[-1].split("\n#", 1)[0]
    return re.findall(r"^- \[(\w+)\]\(docs/\1\.md\)$", section, re.MULTILINE)


def clean_description(text: str) -> str:
    """Upstream JSDoc text as its authors meant it: no `&quot;`, no `\\"`, one-space runs."""
    text = html.unescape(html.unescape(text))
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split())

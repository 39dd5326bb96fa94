"""Read what a reference page shows from the model source: fields, types, docstrings, examples.

The result is plain data (`iam_client_docs.descriptions`); nothing after this step looks at a
pydantic class again.
"""

from __future__ import annotations

import ast
import enum
import inspect
import itertools
import json
import re
import sys
import textwrap
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, Union

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from iam_client_docs import typescript
from iam_client_docs.descriptions import (
    ArrayType,
    CharacterSet,
    ConstantType,
    ConstraintDoc,
    DeviationDoc,
    EnumDoc,
    EnumMemberDoc,
    EnumType,
    FieldDoc,
    JsonValue,
    ModelDoc,
    ModelType,
    PageDoc,
    PatternShape,
    ScalarType,
    TypeDoc,
    UnionAlternativeDoc,
    UnionDoc,
    UnionType,
)
from iam_client_models._types import Unchecked, UpstreamDeviation

__all__ = [
    "CONSTRAINT_KEYWORDS",
    "Describer",
    "DocsError",
    "constraints_of",
    "describe_model",
    "describe_types",
    "is_type_alias",
    "pattern_shape",
    "public_models",
    "public_types",
    "type_example",
    "type_of",
]


class DocsError(Exception):
    """The model source cannot be documented; the message names the model and the field."""


def is_type_alias(obj: object) -> bool:
    """A `TypeAliasType` (`typing_extensions`, or the `type` statement's on Python 3.12+)."""
    import typing_extensions

    kinds = tuple(
        kind
        for kind in (typing_extensions.TypeAliasType, getattr(typing, "TypeAliasType", None))
        if isinstance(kind, type)
    )
    return isinstance(obj, kinds)


def _documented(obj: object) -> bool:
    if isinstance(obj, type):
        return issubclass(obj, (BaseModel, enum.Enum))
    return is_type_alias(obj)


def _name(obj: Any) -> str:
    return str(obj.__name__)


def public_types(package: types.ModuleType) -> list[Any]:
    """The models, enumerations and named unions a package exports in `__all__`, in order."""
    names: Iterable[str] = getattr(package, "__all__", ())
    found: list[Any] = []
    # By lower-case name: on a case-insensitive file system (macOS, Windows) `models/Token.md`
    # and `models/TOKEN.md` are one file.
    seen: dict[str, Any] = {}
    for export in names:
        obj = getattr(package, export, None)
        if obj is None:
            raise DocsError(f"{package.__name__}.__all__ names {export!r}, which does not exist")
        if not _documented(obj):
            continue
        if _name(obj) != export:
            raise DocsError(
                f"{package.__name__}.__all__ exports {export!r} as another name for "
                f"{_path(obj)}: one page per name, export it as {_name(obj)!r}"
            )
        other = seen.get(export.lower())
        if other is obj:
            raise DocsError(f"{package.__name__}.__all__ lists {export!r} twice")
        if other is not None:
            raise DocsError(
                f"two models are named {_name(other)!r} and {export!r} "
                f"({_path(other)} and {_path(obj)}): their pages would be one file on a "
                "case-insensitive file system; rename one"
            )
        seen[export.lower()] = obj
        found.append(obj)
    return found


def public_models(package: types.ModuleType) -> list[type[BaseModel]]:
    """The pydantic models among `public_types(package)`."""
    return [
        obj for obj in public_types(package) if isinstance(obj, type) and issubclass(obj, BaseModel)
    ]


def _path(obj: Any) -> str:
    return f"{obj.__module__}.{getattr(obj, '__qualname__', _name(obj))}"


def _group(obj: Any) -> str:
    """The defining module's name within the package: `tokens` for `iam_client_models.tokens`."""
    return str(obj.__module__).rsplit(".", 1)[-1]


def _strip_annotated(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (Union, types.UnionType)


def _without_none(tp: Any) -> tuple[Any, bool]:
    """The type without `None`, and whether `None` was one of its members."""
    tp = _strip_annotated(tp)
    if not _is_union(tp):
        return tp, tp is type(None)
    members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
    nullable = len(members) < len(typing.get_args(tp))
    if len(members) == 1:
        return members[0], nullable
    return Union[tuple(members)], nullable  # noqa: UP007


_SCALARS: Mapping[Any, ScalarType] = {
    str: ScalarType("str", "string"),
    int: ScalarType("int", "number"),
    float: ScalarType("float", "number"),
    bool: ScalarType("bool", "boolean"),
    Any: ScalarType("Any", "any"),
    dict: ScalarType("dict[str, Any]", "object"),
}


def type_of(
    tp: Any, model: str = "", member: str = "", models: dict[str, type[BaseModel]] | None = None
) -> TypeDoc:
    """The description of a type; `model` and `member` name an inline enumeration's type.

    `models`, where given, gets each model the type names, by the name its `ModelType` gives:
    the one walk of the annotation also says where a nested model's example comes from.
    """
    tp = _strip_annotated(tp)
    if is_type_alias(tp):
        value = _strip_annotated(tp.__value__)
        described = type_of(value, model, member, models)
        if isinstance(described, UnionType):
            return UnionType(described.alternatives, name=tp.__name__)
        return described
    if _is_union(tp):
        members = [type_of(arg, model, member, models) for arg in typing.get_args(tp)]
        return UnionType(tuple(members))
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Literal:
        enum_type = typescript.enum_name(model, member)
        if len(args) == 1:
            return ConstantType(args[0], enum_type)
        return EnumType(tuple(args), enum_type)
    if origin in (list, tuple, set, frozenset):
        return ArrayType(type_of(args[0], model, member, models) if args else _SCALARS[Any])
    if origin is dict or tp is dict:
        return _SCALARS[dict]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        values = tuple(member.value for member in tp)
        return EnumType(values, tp.__name__, python_name=tp.__name__)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if models is not None and models.setdefault(tp.__name__, tp) is not tp:
            raise DocsError(
                f"two models are named {tp.__name__!r} ({_path(models[tp.__name__])} and "
                f"{_path(tp)}): a type names a model by its name alone; rename one"
            )
        return ModelType(tp.__name__)
    if tp in _SCALARS:
        return _SCALARS[tp]
    raise DocsError(f"no type description is known for {tp!r}")


def type_example(described: TypeDoc, model_example: Callable[[str], JsonValue]) -> JsonValue | None:
    """The example a type has of its own, in JSON form, or `None` (a scalar has none).

    A model's is its own example (`model_example` gives it by name); an enumeration's is its
    first value; a constant's, its value; a union's, its first alternative's; an array's, a list
    of its item's.
    """
    if isinstance(described, ModelType):
        return model_example(described.name)
    if isinstance(described, EnumType):
        return described.values[0]
    if isinstance(described, ConstantType):
        return described.value
    if isinstance(described, UnionType):
        return type_example(described.alternatives[0], model_example)
    if isinstance(described, ArrayType):
        item = type_example(described.item, model_example)
        return None if item is None else [item]
    return None


def _deviation(where: str, info: FieldInfo) -> DeviationDoc | None:
    found = [item for item in info.metadata if isinstance(item, UpstreamDeviation)]
    if len(found) > 1:
        raise DocsError(f"{where} declares more than one UpstreamDeviation")
    if not found:
        return None
    declared = found[0]
    return DeviationDoc(
        reason=declared.reason,
        upstream_type=declared.typescript_type,
        upstream_description=declared.description,
    )


CONSTRAINT_KEYWORDS = (
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "exclusiveMaximum",
    "format",
)
"""The JSON Schema validation keywords the pages say in words, in the order they say them."""


def _nonnull(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """The schema of the value where the schema also admits `null` (`anyOf [X, null]`)."""
    alternatives = schema.get("anyOf")
    if isinstance(alternatives, list):
        others = [item for item in alternatives if item != {"type": "null"}]
        if len(others) == 1 and isinstance(others[0], Mapping):
            return others[0]
    return {}


def constraints_of(
    schema: Mapping[str, Any], unchecked: Mapping[str, Unchecked] | None = None
) -> tuple[ConstraintDoc, ...]:
    """The validation keywords of a field's or a parameter's JSON Schema, as `ConstraintDoc`s.

    A plain function of the JSON Schema (a model property's, or
    `TypeAdapter(annotation).json_schema()` of a parameter), so that the pages say what the
    published schema says. `unchecked` maps a keyword to its `Unchecked` marker, where parsing
    does not enforce it. A nullable schema's keywords are read from its non-null alternative.
    """
    merged = {**_nonnull(schema), **schema}
    unchecked = unchecked or {}
    found = []
    for keyword in CONSTRAINT_KEYWORDS:
        if keyword not in merged:
            continue
        value = merged[keyword]
        marker = unchecked.get(keyword)
        found.append(
            ConstraintDoc(
                keyword=keyword,
                value=value,
                checked=marker is None,
                checked_by=marker.checked_by if marker is not None else (),
                shape=pattern_shape(value) if keyword == "pattern" else None,
            )
        )
    return tuple(found)


_ATOM = re.compile(r"(\[[^\]\\]+\]|\.)(\{(\d+)(,(\d*))?\}|[?*+])?")


def _character_set(atom: str) -> CharacterSet | None:
    if atom == ".":
        return CharacterSet(any_but_line_feed=True)
    body = atom[1:-1]
    if body.startswith("^"):
        return None  # a negated set has no short words
    lower = upper = digits = False
    others: list[str] = []
    for part in re.findall(r".-.|.", body):
        if part == "a-z":
            lower = True
        elif part == "A-Z":
            upper = True
        elif part == "0-9":
            digits = True
        elif len(part) == 1 and part not in "\\[":
            others.append(part)
        else:
            return None  # another range, or an escape
    return CharacterSet(lower, upper, digits, tuple(others))


def _bounds(
    quantifier: str | None, low: str | None, comma: str | None, high: str | None
) -> tuple[int, int | None]:
    if quantifier is None:
        return 1, 1
    if quantifier in "?*+":
        return {"?": (0, 1), "*": (0, None), "+": (1, None)}[quantifier]
    start = int(low or 0)
    if comma is None:
        return start, start
    return start, int(high) if high else None


def pattern_shape(pattern: str) -> PatternShape | None:
    """The pattern as words can say it, or `None` where it has no safe words.

    Understood: `^`, then an optional single first character, a run of one character set,
    an optional single last character, then `$` (or, with no `$`, a single run whose minimum
    the words state). Sets are `.` or `[...]` of the ranges `a-z`, `A-Z`, `0-9` and single
    characters. Anything else (alternation, groups, escapes, negated sets) gets the exact
    rule only.
    """
    if not pattern.startswith("^"):
        return None
    whole = pattern.endswith("$")
    body = pattern[1 : -1 if whole else None]
    atoms: list[tuple[CharacterSet, int, int | None]] = []
    position = 0
    while position < len(body):
        match = _ATOM.match(body, position)
        if match is None:
            return None
        charset = _character_set(match[1])
        if charset is None:
            return None
        atoms.append((charset, *_bounds(match[2], match[3], match[4], match[5])))
        position = match.end()
    single = [low == high == 1 for _, low, high in atoms]
    first = last = None
    if len(atoms) == 3 and single[0] and single[2]:
        first, run, last = atoms[0][0], atoms[1], atoms[2][0]
    elif len(atoms) == 2 and single[0]:
        first, run = atoms[0][0], atoms[1]
    elif len(atoms) == 2 and single[1]:
        run, last = atoms[0], atoms[1][0]
    elif len(atoms) == 1:
        run = atoms[0]
    else:
        return None
    if not whole and (first is not None or last is not None):
        return None
    maxima = [high for _, _, high in atoms]
    return PatternShape(
        min_length=sum(low for _, low, _ in atoms),
        max_length=sum(m for m in maxima if m is not None)
        if None not in maxima and whole
        else None,
        allowed=run[0],
        first=first if first != run[0] else None,
        last=last if last != run[0] else None,
        whole=whole,
    )


def _markers(tp: Any, info: FieldInfo) -> dict[str, Unchecked]:
    """The `Unchecked` markers of a field: in its metadata, or inside `Annotated[...] | None`."""
    found = [item for item in info.metadata if isinstance(item, Unchecked)]
    stack = [tp]
    while stack:
        item = stack.pop()
        if typing.get_origin(item) is typing.Annotated:
            found += [meta for meta in item.__metadata__ if isinstance(meta, Unchecked)]
            stack.append(typing.get_args(item)[0])
        elif _is_union(item):
            stack.extend(typing.get_args(item))
    return {marker.keyword: marker for marker in found}


def _attribute_docstrings(body: list[ast.stmt]) -> dict[str, str]:
    """`name = ...` followed by a string literal: the literal is the name's docstring."""
    docs: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if not (isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)):
            continue
        if not isinstance(after.value.value, str):
            continue
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name):
                docs[target.id] = inspect.cleandoc(after.value.value)
    return docs


def _source_tree(obj: Any) -> ast.Module:
    try:
        source = inspect.getsource(obj)
    except (OSError, TypeError):
        raise DocsError(f"{_path(obj)}: its source cannot be read") from None
    return ast.parse(textwrap.dedent(source))


class Describer:
    """Describes models, enumerations and unions, each once: nested examples are reused."""

    def __init__(self, package: str) -> None:
        self.package = package
        self._models: dict[type[BaseModel], ModelDoc] = {}

    def page(self, obj: Any) -> PageDoc:
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            return self.model(obj)
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            return self.enum(obj)
        if is_type_alias(obj):
            return self.union(obj)
        raise DocsError(f"{obj!r} is neither a model, an enumeration nor a named union")

    def model(self, model: type[BaseModel]) -> ModelDoc:
        """Describe `model` for its reference page, or raise `DocsError` naming what is missing."""
        if model not in self._models:
            self._models[model] = self._describe_model(model)
        return self._models[model]

    def _describe_model(self, model: type[BaseModel]) -> ModelDoc:
        name = model.__name__
        if model.model_config.get("use_attribute_docstrings") is not True:
            raise DocsError(
                f"{name}: set model_config use_attribute_docstrings=True; field descriptions "
                "are the attribute docstrings under each field"
            )
        docstring = inspect.cleandoc(model.__doc__ or "")
        if not docstring or model.__doc__ == BaseModel.__doc__:
            raise DocsError(f"{name} has no class docstring: say what the model is")
        if not model.model_fields:
            raise DocsError(f"{name} has no fields")
        json_schema = model.model_json_schema()
        properties = json_schema.get("properties", {})
        fields = tuple(
            self._field(name, attribute, info, properties.get(info.alias or attribute, {}))
            for attribute, info in model.model_fields.items()
        )
        example = _declared_example(model) or {field.name: field.example for field in fields}
        try:
            instance = model.model_validate_json(json.dumps(example))
        except ValidationError as error:
            raise DocsError(
                f"{name}: the field examples do not form a valid instance: {error}"
            ) from None
        return ModelDoc(
            name=name,
            qualified_name=f"{self.package}.{name}",
            package=self.package,
            docstring=docstring,
            fields=fields,
            example=example,
            json_schema=json_schema,
            example_repr=str(instance),
            keeps_unknown=model.model_config.get("extra") == "allow",
            group=_group(model),
        )

    def _field(
        self, model: str, attribute: str, info: FieldInfo, schema: Mapping[str, Any]
    ) -> FieldDoc:
        where = f"{model}.{attribute}"
        if not info.description or not info.description.strip():
            raise DocsError(f"{where} has no docstring: write one directly under the field")
        wire = info.alias or attribute
        bare, nullable = _without_none(info.annotation)
        nested: dict[str, type[BaseModel]] = {}
        described = type_of(bare, model, wire, nested)
        if info.examples:
            example = info.examples[0]
        else:
            example = type_example(described, lambda name: self.model(nested[name]).example)
            if example is None:
                raise DocsError(f"{where} has no example values: add Field(examples=[...])")
        try:
            json.dumps(example)
        except (TypeError, ValueError) as error:
            raise DocsError(f"{where}: the first example is not JSON: {error}") from None
        required = info.is_required()
        return FieldDoc(
            name=wire,
            attribute=attribute,
            type=described,
            nullable=nullable,
            required=required,
            default=None if required else repr(info.get_default(call_default_factory=True)),
            description=inspect.cleandoc(info.description),
            example=example,
            deviation=_deviation(where, info),
            secret=info.repr is False,
            constraints=constraints_of(schema, _markers(info.annotation, info)),
            upstream_default=(
                json.dumps(schema["x-upstream-default"]) if "x-upstream-default" in schema else None
            ),
        )

    def enum(self, cls: type[enum.Enum]) -> EnumDoc:
        docstring = inspect.cleandoc(cls.__doc__ or "")
        if not docstring or cls.__doc__ == enum.Enum.__doc__:
            raise DocsError(f"{cls.__name__} has no class docstring: say what it is")
        tree = _source_tree(cls)
        body = next(node for node in tree.body if isinstance(node, ast.ClassDef)).body
        docs = _attribute_docstrings(body)
        members = []
        for member in cls:
            if member.name not in docs:
                raise DocsError(
                    f"{cls.__name__}.{member.name} has no docstring: write one under the member"
                )
            members.append(
                EnumMemberDoc(
                    name=member.name,
                    typescript_name=typescript.enum_member_name(member.value),
                    value=member.value,
                    description=docs[member.name],
                )
            )
        return EnumDoc(
            name=cls.__name__,
            qualified_name=f"{self.package}.{cls.__name__}",
            package=self.package,
            docstring=docstring,
            members=tuple(members),
            json_schema=TypeAdapter(cls).json_schema(),
            group=_group(cls),
        )

    def union(self, alias: Any) -> UnionDoc:
        name = _name(alias)
        module = sys.modules.get(alias.__module__)
        if module is None:
            raise DocsError(f"{name}: its module {alias.__module__} is not loaded")
        docstring = _attribute_docstrings(_source_tree(module).body).get(name)
        if not docstring:
            raise DocsError(f"{name} has no docstring: write one under the assignment")
        nested: dict[str, type[BaseModel]] = {}
        described = type_of(alias, models=nested)
        alternatives = []
        reprs = []
        members = described.alternatives if isinstance(described, UnionType) else ()
        for number, member in enumerate(members, start=1):
            if not isinstance(member, ModelType):
                raise DocsError(
                    f"{name}: every alternative must be a model, and alternative {number} is not"
                )
            doc = self.model(nested[member.name])
            alternatives.append(
                UnionAlternativeDoc(
                    model=doc.name, summary=doc.docstring.split("\n\n", 1)[0], example=doc.example
                )
            )
            reprs.append(doc.example_repr)
        if len(alternatives) < 2:
            raise DocsError(f"{name} is not a union of two or more models")
        adapter: TypeAdapter[Any] = TypeAdapter(alias)
        for alternative in alternatives:
            adapter.validate_json(json.dumps(alternative.example))
        return UnionDoc(
            name=name,
            qualified_name=f"{self.package}.{name}",
            package=self.package,
            docstring=docstring,
            alternatives=tuple(alternatives),
            json_schema=adapter.json_schema(),
            example_reprs=tuple(reprs),
            group=_group(alias),
        )


def _declared_example(model: type[BaseModel]) -> dict[str, JsonValue] | None:
    """The model's own first example (`json_schema_extra={"examples": [...]}`), if it has one.

    For a model whose fields' examples do not make one coherent instance together (a JSON Web
    Key is RSA or elliptic-curve, not both); otherwise the example is made from the fields'.
    """
    extra = model.model_config.get("json_schema_extra")
    examples = extra.get("examples") if isinstance(extra, dict) else None
    if not examples:
        return None
    if not isinstance(examples, list) or not isinstance(examples[0], dict):
        raise DocsError(f"{model.__name__}: json_schema_extra examples must be a list of objects")
    return dict(examples[0])


def describe_model(model: type[BaseModel], package: str) -> ModelDoc:
    """Describe one model (and, for their examples, the models it nests)."""
    return Describer(package).model(model)


def describe_types(package: types.ModuleType) -> list[PageDoc]:
    """Every documented type of `package`, in `__all__` order."""
    describer = Describer(package.__name__)
    return [describer.page(obj) for obj in public_types(package)]

"""Read what a reference page shows from the model source: fields, types, docstrings, examples."""

from __future__ import annotations

import importlib
import inspect
import json
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Union

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from iam_client_models._types import UpstreamDeviation

__all__ = [
    "DocsError",
    "FieldDoc",
    "ModelDoc",
    "describe_model",
    "public_models",
    "python_type",
    "typescript_type",
]

JsonValue = Any
"""A value that `json.dumps` accepts."""


class DocsError(Exception):
    """The model source cannot be documented; the message names the model and the field."""


@dataclass(frozen=True)
class FieldDoc:
    """One row of a model's properties table."""

    name: str
    """The JSON member name (the wire name)."""
    typescript_type: str
    """The TypeScript type shown on the page: upstream's where a deviation declares one."""
    python_type: str
    description: str
    """The attribute docstring, Markdown source."""
    required: bool
    example: JsonValue
    """The first of the field's `Field(examples=...)`, in JSON form."""
    deviation: UpstreamDeviation | None
    secret: bool
    """Left out of `repr()` (`Field(repr=False)`): a credential that printed output never shows."""


@dataclass(frozen=True)
class ModelDoc:
    """Everything a model page shows, read from one pydantic model."""

    name: str
    qualified_name: str
    """Public import path, as mkdocstrings wants it: `package.Name`."""
    package: str
    docstring: str
    fields: tuple[FieldDoc, ...]
    example: dict[str, JsonValue]
    """The example instance, built from the fields' examples, in JSON form."""
    json_schema: dict[str, JsonValue]
    example_repr: str
    """`str()` of the example instance: the output the Python example prints."""


def public_models(package: types.ModuleType) -> list[type[BaseModel]]:
    """The pydantic models a package exports in `__all__`, in `__all__` order."""
    names: Iterable[str] = getattr(package, "__all__", ())
    models: list[type[BaseModel]] = []
    seen: dict[str, str] = {}
    for export in names:
        obj = getattr(package, export, None)
        if obj is None:
            raise DocsError(f"{package.__name__}.__all__ names {export!r}, which does not exist")
        if not (isinstance(obj, type) and issubclass(obj, BaseModel)):
            continue
        if obj.__name__ != export:
            raise DocsError(
                f"{package.__name__}.__all__ exports {export!r} as another name for model "
                f"{obj.__module__}.{obj.__qualname__}: one page per model name, export it as "
                f"{obj.__name__!r}"
            )
        if obj.__name__ in seen:
            raise DocsError(
                f"two models are named {obj.__name__!r} ({seen[obj.__name__]} and "
                f"{obj.__module__}.{obj.__qualname__}); their pages would collide"
            )
        seen[obj.__name__] = f"{obj.__module__}.{obj.__qualname__}"
        models.append(obj)
    return models


def describe_model(model: type[BaseModel], package: str) -> ModelDoc:
    """Describe `model` for its reference page, or raise `DocsError` naming what is missing."""
    name = model.__name__
    if model.model_config.get("use_attribute_docstrings") is not True:
        raise DocsError(
            f"{name}: set model_config use_attribute_docstrings=True; field descriptions are "
            "the attribute docstrings under each field"
        )
    docstring = inspect.cleandoc(model.__doc__ or "")
    if not docstring or model.__doc__ == BaseModel.__doc__:
        raise DocsError(f"{name} has no class docstring: say what the model is")
    if not model.model_fields:
        raise DocsError(f"{name} has no fields")
    fields = tuple(
        _describe_field(name, field_name, info) for field_name, info in model.model_fields.items()
    )
    example = {field.name: field.example for field in fields}
    try:
        instance = model.model_validate_json(json.dumps(example))
    except ValidationError as error:
        raise DocsError(
            f"{name}: the field examples do not form a valid instance: {error}"
        ) from None
    return ModelDoc(
        name=name,
        qualified_name=f"{package}.{name}",
        package=package,
        docstring=docstring,
        fields=fields,
        example=example,
        json_schema=model.model_json_schema(),
        example_repr=str(instance),
    )


def _describe_field(model: str, field_name: str, info: FieldInfo) -> FieldDoc:
    where = f"{model}.{field_name}"
    if not info.description or not info.description.strip():
        raise DocsError(f"{where} has no docstring: write one directly under the field")
    if not info.examples:
        raise DocsError(f"{where} has no example values: add Field(examples=[...])")
    # Looked up at call time: `mkdocs serve` re-imports the package, and a class imported at
    # module level here would then be a stale copy that no metadata is an instance of.
    current = importlib.import_module(UpstreamDeviation.__module__).UpstreamDeviation
    deviations = [item for item in info.metadata if isinstance(item, current)]
    if len(deviations) > 1:
        raise DocsError(f"{where} declares more than one UpstreamDeviation")
    deviation = deviations[0] if deviations else None
    annotation = info.annotation
    example = info.examples[0]
    try:
        json.dumps(example)
    except (TypeError, ValueError) as error:
        raise DocsError(f"{where}: the first example is not JSON: {error}") from None
    ts_type = typescript_type(annotation)
    if deviation is not None and deviation.typescript_type is not None:
        ts_type = deviation.typescript_type
    return FieldDoc(
        name=info.alias or field_name,
        typescript_type=ts_type,
        python_type=python_type(annotation),
        description=inspect.cleandoc(info.description),
        required=info.is_required(),
        example=example,
        deviation=deviation,
        secret=info.repr is False,
    )


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (Union, types.UnionType)


def _strip_annotated(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


_PYTHON_NAMES: Mapping[Any, str] = {type(None): "None", Any: "Any"}
_TYPESCRIPT_NAMES: Mapping[Any, str] = {
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
    Any: "any",
}


def python_type(tp: Any) -> str:
    """The annotation as a reader writes it: `str | None`, `Literal['a', 'b']`, `list[int]`."""
    tp = _strip_annotated(tp)
    if _is_union(tp):
        return " | ".join(python_type(arg) for arg in typing.get_args(tp))
    origin = typing.get_origin(tp)
    if origin is Literal:
        return "Literal[" + ", ".join(repr(arg) for arg in typing.get_args(tp)) + "]"
    if origin is not None:
        args = ", ".join(python_type(arg) for arg in typing.get_args(tp))
        return f"{getattr(origin, '__name__', str(origin))}[{args}]"
    if tp in _PYTHON_NAMES:
        return _PYTHON_NAMES[tp]
    return str(getattr(tp, "__name__", tp))


def typescript_type(tp: Any) -> str:
    """The TypeScript type of a field, as openapi-generator's typescript-axios declares it.

    Optionality is the `?` on the property, not a `| null`, so `None` in a union is dropped.
    """
    tp = _strip_annotated(tp)
    if _is_union(tp):
        members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return " | ".join(typescript_type(arg) for arg in members) if members else "null"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Literal:
        return " | ".join(json.dumps(arg).replace('"', "'") for arg in args)
    if origin in (list, tuple, set, frozenset):
        inner = typescript_type(args[0]) if args else "any"
        return f"Array<{inner}>"
    if origin is dict:
        value = typescript_type(args[1]) if len(args) == 2 else "any"
        return f"{{ [key: string]: {value}; }}"
    if tp in _TYPESCRIPT_NAMES:
        return _TYPESCRIPT_NAMES[tp]
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp.__name__
    raise DocsError(f"no TypeScript type is known for {tp!r}")

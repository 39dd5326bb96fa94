"""Read what a reference page shows from the model source: fields, types, docstrings, examples."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import re
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from iam_client_models._types import UpstreamDeviation
from iam_client_models.endpoints import ApiClass, Operation

__all__ = [
    "ApiDoc",
    "DocsError",
    "FieldDoc",
    "ModelDoc",
    "OperationDoc",
    "Usage",
    "describe_api",
    "describe_model",
    "model_usages",
    "public_models",
    "python_type",
    "typescript_enum_name",
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
    # By lower-case name: on a case-insensitive file system (macOS, Windows) `models/Token.md`
    # and `models/TOKEN.md` are one file.
    seen: dict[str, type[BaseModel]] = {}
    for export in names:
        obj = getattr(package, export, None)
        if obj is None:
            raise DocsError(f"{package.__name__}.__all__ names {export!r}, which does not exist")
        if not (isinstance(obj, type) and issubclass(obj, BaseModel)):
            continue
        if obj.__name__ != export:
            raise DocsError(
                f"{package.__name__}.__all__ exports {export!r} as another name for model "
                f"{_path(obj)}: one page per model name, export it as "
                f"{obj.__name__!r}"
            )
        other = seen.get(obj.__name__.lower())
        if other is obj:
            raise DocsError(f"{package.__name__}.__all__ lists {export!r} twice")
        if other is not None:
            raise DocsError(
                f"two models are named {other.__name__!r} and {obj.__name__!r} "
                f"({_path(other)} and {_path(obj)}): their pages would be one file on a "
                "case-insensitive file system; rename one"
            )
        seen[obj.__name__.lower()] = obj
        models.append(obj)
    return models


def _path(model: type[BaseModel]) -> str:
    return f"{model.__module__}.{model.__qualname__}"


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


@dataclass(frozen=True)
class OperationDoc:
    """Everything an endpoint page shows of one operation."""

    api: str
    """The name of the API class the operation belongs to."""
    operation: Operation
    request: ModelDoc
    response: ModelDoc
    python_example: str
    """The source of the operation's Python example file, shown whole on the page."""
    python_parameters: tuple[str, ...]
    """The parameters of the example's function named after the operation, as written."""
    python_returns: str | None
    """That function's return annotation."""


@dataclass(frozen=True)
class ApiDoc:
    """One API class and its operations: one endpoint page."""

    name: str
    operations: tuple[OperationDoc, ...]


@dataclass(frozen=True)
class Usage:
    """Where an endpoint uses a model: the links on the model page back to the endpoint."""

    api: str
    operation: str
    role: Literal["request body", "response body"]


def describe_api(api: ApiClass, models: Iterable[ModelDoc], examples_dir: Path) -> ApiDoc:
    """Describe an API class for its page, or raise `DocsError` naming what is missing.

    Each operation's models must have pages, and `examples_dir` must hold its Python example,
    `<python_name>.py`, defining a function of that name.
    """
    pages = {model.name: model for model in models}

    def page_of(operation: Operation, model: type[BaseModel]) -> ModelDoc:
        if model.__name__ not in pages:
            raise DocsError(
                f"{api.name}.{operation.name} uses {model.__name__}, which has no page: "
                "export it in the package's __all__"
            )
        return pages[model.__name__]

    operations = []
    for operation in api.operations:
        source, function = _python_example(api.name, operation, examples_dir)
        returns = ast.unparse(function.returns) if function.returns is not None else None
        operations.append(
            OperationDoc(
                api=api.name,
                operation=operation,
                request=page_of(operation, operation.request_model),
                response=page_of(operation, operation.response_model),
                python_example=source,
                python_parameters=_parameters(function.args),
                python_returns=returns,
            )
        )
    return ApiDoc(name=api.name, operations=tuple(operations))


def _python_example(
    api: str, operation: Operation, examples_dir: Path
) -> tuple[str, ast.FunctionDef]:
    where = f"{api}.{operation.name}"
    path = examples_dir / f"{operation.python_name}.py"
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DocsError(f"{where} has no Python example: write {path}") from None
    for node in ast.parse(source, filename=str(path)).body:
        if isinstance(node, ast.FunctionDef) and node.name == operation.python_name:
            return source, node
    raise DocsError(f"{where}: {path} defines no function {operation.python_name}()")


def _parameters(args: ast.arguments) -> tuple[str, ...]:
    """Each parameter as PEP 8 writes it (`b: int = 1`, `c=2`), with the `/` and `*` markers."""

    def parameter(arg: ast.arg, default: ast.expr | None = None) -> str:
        text = arg.arg
        if arg.annotation is not None:
            text += f": {ast.unparse(arg.annotation)}"
        if default is not None:
            text += (" = " if arg.annotation is not None else "=") + ast.unparse(default)
        return text

    positional = [*args.posonlyargs, *args.args]
    defaults = [None] * (len(positional) - len(args.defaults)) + [*args.defaults]
    parameters = [
        parameter(arg, default) for arg, default in zip(positional, defaults, strict=True)
    ]
    if args.posonlyargs:
        parameters.insert(len(args.posonlyargs), "/")
    if args.vararg is not None:
        parameters.append("*" + parameter(args.vararg))
    elif args.kwonlyargs:
        parameters.append("*")
    keywords = zip(args.kwonlyargs, args.kw_defaults, strict=True)
    parameters += [parameter(arg, default) for arg, default in keywords]
    if args.kwarg is not None:
        parameters.append("**" + parameter(args.kwarg))
    return tuple(parameters)


def model_usages(apis: Iterable[ApiDoc]) -> dict[str, tuple[Usage, ...]]:
    """For each model name, the operations that send or return it, in declaration order."""
    usages: dict[str, list[Usage]] = {}
    for api in apis:
        for doc in api.operations:
            name = doc.operation.name
            usages.setdefault(doc.request.name, []).append(Usage(api.name, name, "request body"))
            usages.setdefault(doc.response.name, []).append(Usage(api.name, name, "response body"))
    return {model: tuple(found) for model, found in usages.items()}


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
    ts_type = typescript_type(
        annotation, enum_name=typescript_enum_name(model, info.alias or field_name)
    )
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


def typescript_enum_name(model: str, field: str) -> str:
    """The type name typescript-axios gives a model property's inline enumeration.

    openapi-generator names it after the model and the property in PascalCase, plus `Enum`:
    `grant_type` of `ConsumerAuthTokenEndpointInput` is
    `ConsumerAuthTokenEndpointInputGrantTypeEnum`.
    """
    parts = re.split(r"[^A-Za-z0-9]+", field)
    return model + "".join(part[:1].upper() + part[1:] for part in parts) + "Enum"


def typescript_type(tp: Any, *, enum_name: str | None = None) -> str:
    """The TypeScript type of a field, as openapi-generator's typescript-axios declares it.

    Optionality is the `?` on the property, not a `| null`, so `None` in a union is dropped.
    A `Literal` is the union of its values, or `enum_name` when given: typescript-axios
    declares a model property's enumeration as a named type (see `typescript_enum_name`).
    """
    tp = _strip_annotated(tp)
    if _is_union(tp):
        members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if not members:
            return "null"
        return " | ".join(typescript_type(arg, enum_name=enum_name) for arg in members)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Literal:
        if enum_name is not None:
            return enum_name
        return " | ".join(json.dumps(arg).replace('"', "'") for arg in args)
    if origin in (list, tuple, set, frozenset):
        inner = typescript_type(args[0], enum_name=enum_name) if args else "any"
        return f"Array<{inner}>"
    if origin is dict:
        value = typescript_type(args[1], enum_name=enum_name) if len(args) == 2 else "any"
        return f"{{ [key: string]: {value}; }}"
    if tp in _TYPESCRIPT_NAMES:
        return _TYPESCRIPT_NAMES[tp]
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp.__name__
    raise DocsError(f"no TypeScript type is known for {tp!r}")

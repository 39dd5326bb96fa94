"""Read what an API page shows from the endpoint declarations and the example files.

The result is plain data; the renderer never looks at the declarations again.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from iam_client_docs.describe import DocsError
from iam_client_docs.descriptions import ModelDoc
from iam_client_models.endpoints import ApiClass, Operation

__all__ = ["ApiDoc", "OperationDoc", "Usage", "describe_api", "model_usages"]


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

"""Read what the API pages show from the endpoint declarations and the example modules.

The result is plain data; the renderer never looks at the declarations (or a pydantic class)
again.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from iam_client_docs import typescript
from iam_client_docs.describe import DocsError, constraints_of, type_of
from iam_client_docs.descriptions import (
    ApiDoc,
    BodyDoc,
    BodyKind,
    ConstantType,
    CredentialDoc,
    DifferenceDoc,
    EnumType,
    HelperDoc,
    ImportDoc,
    ModelDoc,
    OperationDoc,
    OperationRef,
    ParameterDoc,
    PythonExampleDoc,
    ResponseDoc,
    ReturnDoc,
    ScalarType,
    SchemeDoc,
    TypeDoc,
    Usage,
)
from iam_client_models.endpoints import (
    ApiClass,
    Body,
    Operation,
    Parameter,
    SecurityScheme,
)

__all__ = [
    "credential_variable",
    "describe_api",
    "describe_schemes",
    "example_module",
    "model_usages",
    "typescript_signature",
]


def credential_variable(name: str) -> str:
    """The environment variable an example reads a credential from: `IAM_` and the words of
    the name in capitals, the `Auth` that ends a scheme's name left out.

    `UserTokenAuth` is `IAM_USER_TOKEN`; the body member `client_assertion` is
    `IAM_CLIENT_ASSERTION`.
    """
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", name)
    if len(words) > 1 and words[-1] == "Auth":
        words.pop()
    if not words:
        raise DocsError(f"{name!r}: no environment variable can be named after it")
    return "IAM_" + "_".join(word.upper() for word in words)


def example_module(api: str) -> str:
    """The file name stem of an API class's example module: `TokensApi` is `tokens_api`."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", api).lower()


def _parameter_type(operation: Operation, parameter: Parameter) -> TypeDoc:
    """The type without its constraints: what a caller passes. An inline enumeration is named
    as upstream's client names an operation parameter's (`typescript.parameter_enum_name`)."""
    described = type_of(parameter.annotation)
    if isinstance(described, (EnumType, ConstantType)):
        name = typescript.parameter_enum_name(operation.name, parameter.name)
        return dataclasses.replace(described, typescript_name=name)
    return described


def _typescript_type(described: TypeDoc) -> str:
    if isinstance(described, ScalarType):
        return described.typescript
    assert isinstance(described, (EnumType, ConstantType))  # a parameter's, so says `Parameter`
    return described.typescript_name


def _describe_parameter(operation: Operation, parameter: Parameter) -> ParameterDoc:
    return ParameterDoc(
        name=parameter.name,
        python_name=parameter.python_name,
        location=parameter.location,
        required=parameter.required,
        description=parameter.description,
        type=_parameter_type(operation, parameter),
        example=parameter.example,
        default=parameter.default,
        constraints=constraints_of(parameter.adapter.json_schema()),
    )


def _describe_parameters(operation: Operation) -> tuple[ParameterDoc, ...]:
    return tuple(_describe_parameter(operation, p) for p in operation.parameters)


def typescript_signature(operation: Operation) -> str:
    """`name(a: string, b?: number, body: Model, options?: RawAxiosRequestConfig): Promise<...>`:
    the method as the upstream class declares it, without the `import()` of `AxiosResponse`."""
    return _signature(operation, _describe_parameters(operation))


def _signature(operation: Operation, parameters: tuple[ParameterDoc, ...]) -> str:
    written = [
        f"{p.name}{'' if p.required else '?'}: {_typescript_type(p.type)}" for p in parameters
    ]
    if operation.body is not None:
        written.append(f"{operation.body.parameter}: {operation.body.model.__name__}")
    written.append("options?: RawAxiosRequestConfig")
    success = operation.success
    if success is None or success.body is Body.EMPTY:
        returned = "void"
    elif success.body is Body.JSON_OBJECT:
        returned = "object"
    else:
        assert success.model is not None
        returned = success.model.__name__
    return f"{operation.name}({', '.join(written)}): Promise<AxiosResponse<{returned}>>"


def describe_api(api: ApiClass, models: Iterable[ModelDoc], examples_dir: Path) -> ApiDoc:
    """Describe an API class for its page, or raise `DocsError` naming what is missing.

    Each model an operation names must have a page, and `examples_dir` must hold the class's
    example module, `<api_name_in_snake_case>.py`, defining a function for each operation
    (named as its `python_name`) and importing the shared helper module it sends with.
    """
    pages = {model.name: model for model in models}

    def page_of(operation: Operation, model: type[BaseModel]) -> ModelDoc:
        if model.__name__ not in pages:
            raise DocsError(
                f"{api.name}.{operation.name} uses {model.__name__}, which has no page: "
                "export it in the package's __all__"
            )
        return pages[model.__name__]

    module = _ExampleModule(api, examples_dir)
    operations = []
    for operation in api.operations:
        parameters = _describe_parameters(operation)
        body = None
        if operation.body is not None:
            model = page_of(operation, operation.body.model)
            body = BodyDoc(
                parameter=operation.body.parameter,
                python_name=operation.body.python_name,
                description=operation.body.description,
                model=model,
                credentials=tuple(
                    (field.name, credential_variable(field.name))
                    for field in model.fields
                    if field.secret
                ),
            )
        responses = tuple(
            ResponseDoc(
                status=response.status,
                name=response.name,
                description=response.description,
                model=page_of(operation, response.model).name if response.model else None,
                body=_BODY_KINDS[response.body] if isinstance(response.body, Body) else "model",
                body_source=response.body_source,
                headers=response.headers,
            )
            for response in operation.responses
        )
        operations.append(
            OperationDoc(
                api=api.name,
                name=operation.name,
                python_name=operation.python_name,
                method=operation.method,
                path=operation.path,
                summary=operation.summary,
                description=operation.description,
                parameters=parameters,
                body=body,
                returns=_returns(operation, page_of),
                responses=responses,
                authorization=tuple(scheme.name for scheme in operation.authorization),
                credential=next(
                    (
                        CredentialDoc(scheme.name, scheme.header, credential_variable(scheme.name))
                        for scheme in operation.authorization
                    ),
                    None,
                ),
                example_path=operation.url_path(
                    {p.name: str(p.example) for p in operation.path_parameters}
                ),
                request_headers=operation.request_headers,
                proxy=operation.proxy,
                differences=tuple(
                    DifferenceDoc(difference.upstream, difference.reason)
                    for difference in operation.differences
                ),
                typescript_signature=_signature(operation, parameters),
                python=module.example(operation),
            )
        )
    return ApiDoc(
        name=api.name,
        description=api.description,
        operations=tuple(operations),
        helper=module.helper(),
    )


_BODY_KINDS: dict[Body, BodyKind] = {
    Body.EMPTY: "empty",
    Body.JSON_OBJECT: "object",
    Body.NOT_DECLARED: "undeclared",
}


def _returns(
    operation: Operation, page_of: Callable[[Operation, type[BaseModel]], ModelDoc]
) -> ReturnDoc:
    success = operation.success
    if success is None:
        return ReturnDoc("void", None, "proxy")
    if success.body is Body.EMPTY:
        return ReturnDoc("void", None, "empty")
    if success.body is Body.JSON_OBJECT:
        return ReturnDoc("object", None, "object")
    assert success.model is not None
    return ReturnDoc(success.model.__name__, page_of(operation, success.model), "model")


class _ExampleModule:
    """An API class's example module: its functions, its imports, the helper it sends with."""

    def __init__(self, api: ApiClass, examples_dir: Path) -> None:
        self.api = api.name
        self.dir = examples_dir
        self.path = examples_dir / f"{example_module(api.name)}.py"
        try:
            self.source = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DocsError(f"{api.name} has no Python examples: write {self.path}") from None
        self.tree = ast.parse(self.source, filename=str(self.path))
        self.package = _package_of(examples_dir)
        self.name = f"{self.package}.{self.path.stem}"
        self.imports = [
            node for node in self.tree.body if isinstance(node, (ast.Import, ast.ImportFrom))
        ]
        helpers = {
            node.module
            for node in self.imports
            if isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith(self.package + ".")
        }
        if len(helpers) != 1:
            raise DocsError(
                f"{self.path} must import the shared helper from one module of {self.package}, "
                f"not {sorted(helpers) or 'none'}"
            )
        (self.helper_module,) = helpers

    def helper(self) -> HelperDoc:
        path = self.dir / (self.helper_module.rsplit(".", 1)[-1] + ".py")
        try:
            return HelperDoc(self.helper_module, path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DocsError(f"{self.path} imports {self.helper_module}: write {path}") from None

    def example(self, operation: Operation) -> PythonExampleDoc:
        where = f"{self.api}.{operation.name}"
        for node in self.tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == operation.python_name:
                function = node
                break
        else:
            raise DocsError(f"{where}: {self.path} defines no function {operation.python_name}()")
        used = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)} | {
            n.value.id
            for n in ast.walk(function)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
        }
        source = ast.get_source_segment(self.source, function)
        assert source is not None
        returns = ast.unparse(function.returns) if function.returns is not None else None
        return PythonExampleDoc(
            module=self.name,
            helper=self.helper_module,
            imports=tuple(
                statement for node in self.imports for statement in _cut(node, used, self.path)
            ),
            function=source,
            parameters=_parameters(function.args),
            returns=returns,
        )


def _package_of(examples_dir: Path) -> str:
    """The import name of the examples package: the folders up to the first without
    `__init__.py` (`src/iam_client_docs/examples` is `iam_client_docs.examples`)."""
    parts: list[str] = []
    folder = examples_dir.resolve()
    while (folder / "__init__.py").is_file():
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts) or examples_dir.name


def _cut(node: ast.Import | ast.ImportFrom, used: set[str], path: Path) -> list[ImportDoc]:
    """The import statement with only the names in `used` (a `__future__` import is kept)."""
    if any(alias.asname for alias in node.names) or (
        isinstance(node, ast.ImportFrom) and (node.level or node.module is None)
    ):
        raise DocsError(
            f"{path}, line {node.lineno}: `{ast.unparse(node)}`: an example imports by absolute "
            "module names and without `as`, so that a reader can copy the function alone"
        )
    if isinstance(node, ast.Import):
        return [ImportDoc(alias.name) for alias in node.names if alias.name.split(".")[0] in used]
    assert node.module is not None
    if node.module == "__future__":
        return [ImportDoc(node.module, tuple(alias.name for alias in node.names))]
    names = tuple(alias.name for alias in node.names if alias.name in used)
    return [ImportDoc(node.module, names)] if names else []


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


def describe_schemes(
    schemes: Iterable[SecurityScheme], apis: Iterable[ApiClass]
) -> tuple[SchemeDoc, ...]:
    """Each scheme, with the operations that need it, in declaration order."""
    apis = list(apis)
    return tuple(
        SchemeDoc(
            name=scheme.name,
            summary=scheme.summary,
            obtain=scheme.obtain,
            send=scheme.send,
            kind=scheme.kind,
            header=scheme.header,
            location=scheme.location,
            used_by=tuple(
                OperationRef(api.name, operation.name)
                for api in apis
                for operation in api.operations
                if scheme in operation.authorization
            ),
        )
        for scheme in schemes
    )


def model_usages(apis: Iterable[ApiDoc]) -> dict[str, tuple[Usage, ...]]:
    """For each model name, the operations that send or return it, in declaration order.

    Error bodies count: a model that is the body of an operation's 403 is used by it, as an
    `error` with status 403.
    """
    usages: dict[str, list[Usage]] = {}

    def add(model: str, usage: Usage) -> None:
        found = usages.setdefault(model, [])
        if usage not in found:
            found.append(usage)

    for api in apis:
        for doc in api.operations:
            if doc.body is not None:
                add(doc.body.model.name, Usage(api.name, doc.name, "request"))
            for response in doc.responses:
                if response.model is None:
                    continue
                role: Literal["response", "error"] = (
                    "response" if response.status < 300 else "error"
                )
                add(response.model, Usage(api.name, doc.name, role, response.status))
    return {model: tuple(found) for model, found in usages.items()}

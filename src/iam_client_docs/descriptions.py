"""What the reference pages show, as plain typed data: the output of `describe`, the input of
`render`.

Nothing here knows pydantic or the endpoint declarations: the renderer works from these
objects alone, so a page can be rendered from a description made by hand (the renderer tests
do).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Union

__all__ = [
    "ApiDoc",
    "ArrayType",
    "BodyDoc",
    "BodyKind",
    "CharacterSet",
    "ConstantType",
    "ConstraintDoc",
    "CredentialDoc",
    "DeviationDoc",
    "DifferenceDoc",
    "EnumDoc",
    "EnumMemberDoc",
    "EnumType",
    "FieldDoc",
    "HelperDoc",
    "ImportDoc",
    "JsonValue",
    "ModelDoc",
    "ModelType",
    "OperationDoc",
    "OperationRef",
    "PageDoc",
    "ParameterDoc",
    "PatternShape",
    "PythonExampleDoc",
    "ResponseDoc",
    "ReturnDoc",
    "ScalarType",
    "SchemeDoc",
    "TypeDoc",
    "UnionAlternativeDoc",
    "UnionDoc",
    "UnionType",
    "Usage",
]

JsonValue = Any
"""A value that `json.dumps` accepts."""


@dataclass(frozen=True)
class ScalarType:
    """A type with no parts: a string, a number, a boolean, any JSON object."""

    python: str
    """As Python writes it: `str`, `int`, `bool`, `dict[str, Any]`."""
    typescript: str
    """As TypeScript writes it: `string`, `number`, `boolean`, `object`."""


@dataclass(frozen=True)
class ArrayType:
    """A JSON array of one item type."""

    item: TypeDoc


@dataclass(frozen=True)
class ModelType:
    """A documented model: its page is linked."""

    name: str


@dataclass(frozen=True)
class EnumType:
    """A choice of values: a named enumeration (with a page) or an inline one (a `Literal`)."""

    values: tuple[JsonValue, ...]
    typescript_name: str
    """The type upstream declares for it: `RightsEnum`, `TokenDtoSigningAlgorithmEnum`."""
    python_name: str | None = None
    """The Python enumeration's name where there is one (and a page); `None` for a `Literal`."""


@dataclass(frozen=True)
class ConstantType:
    """A single allowed value (upstream declares an enumeration of one value)."""

    value: JsonValue
    typescript_name: str


@dataclass(frozen=True)
class UnionType:
    """Exactly one of several types; `name` where the union is documented on a page of its own."""

    alternatives: tuple[TypeDoc, ...]
    name: str | None = None


TypeDoc = Union[ScalarType, ArrayType, ModelType, EnumType, ConstantType, UnionType]  # noqa: UP007
"""Any type description."""


@dataclass(frozen=True)
class DeviationDoc:
    """Where a field deliberately differs from the upstream declaration, and why."""

    reason: str
    """Markdown."""
    upstream_type: str | None
    """The TypeScript type upstream declares, where ours differs."""
    upstream_description: str | None
    """Upstream's description, where our docstring corrects it."""


@dataclass(frozen=True)
class CharacterSet:
    """The characters one part of a pattern allows: ASCII letters, digits, listed characters."""

    lower: bool = False
    """`a-z`."""
    upper: bool = False
    """`A-Z`."""
    digits: bool = False
    """`0-9`."""
    others: tuple[str, ...] = ()
    """Single characters, in the pattern's order."""
    any_but_line_feed: bool = False
    """`.`: any character but a line feed."""


@dataclass(frozen=True)
class PatternShape:
    """A pattern simple enough to say in words: an optional first character, a run of
    characters, an optional last character, anchored at the start (and maybe the end)."""

    min_length: int
    max_length: int | None
    """`None`: no upper bound (or, where the end is not anchored, none that the pattern sets)."""
    allowed: CharacterSet
    """The characters of the run."""
    first: CharacterSet | None
    """The first character's set, where it differs from the run's."""
    last: CharacterSet | None
    """The last character's set, where it differs from the run's."""
    whole: bool
    """Anchored at both ends: the rule is about every character. Otherwise only the first
    `min_length` characters are constrained."""


@dataclass(frozen=True)
class ConstraintDoc:
    """One JSON Schema validation keyword of a field or parameter, as data."""

    keyword: str
    """`maxLength`, `minLength`, `pattern`, `minItems`, `maxItems`, `minimum`, `maximum`,
    `exclusiveMinimum`, `exclusiveMaximum`, `format`."""
    value: int | float | str
    checked: bool = True
    """Enforced when a value is parsed; `False`: published only, a value breaking it is kept."""
    checked_by: tuple[str, ...] = ()
    """Where it is not `checked`: the request models that enforce it."""
    shape: PatternShape | None = None
    """For a `pattern` that can be said in words."""


@dataclass(frozen=True)
class FieldDoc:
    """One row of a model's properties table."""

    name: str
    """The JSON member name (the wire name)."""
    attribute: str
    """The Python attribute name; the same as `name` where there is no alias."""
    type: TypeDoc
    """The field's type, `None` aside (see `nullable`)."""
    nullable: bool
    """The Python type also admits `None` (an optional field's default)."""
    required: bool
    default: str | None
    """`repr()` of the Python default of an optional field; `None` for a required one."""
    description: str
    """The attribute docstring, Markdown source."""
    example: JsonValue
    """An example value in JSON form: the field's own, or its type's."""
    deviation: DeviationDoc | None
    secret: bool
    """Left out of `repr()` (`Field(repr=False)`): a credential that printed output never shows."""
    constraints: tuple[ConstraintDoc, ...] = ()
    """The validation keywords of the field's JSON Schema, in keyword order."""
    upstream_default: str | None = None
    """The default upstream's Python client gives the field, as JSON, where it declares one."""


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
    keeps_unknown: bool
    """Unknown members are kept (a response); otherwise they are an error (a request)."""
    group: str = ""
    """The module that defines it, below the package: the sidebar groups pages by it."""


@dataclass(frozen=True)
class EnumMemberDoc:
    name: str
    """The Python member name, `VFS_READ`."""
    typescript_name: str
    """The key in upstream's const object, `VfsRead`."""
    value: JsonValue
    description: str


@dataclass(frozen=True)
class EnumDoc:
    """A named enumeration's page."""

    name: str
    qualified_name: str
    package: str
    docstring: str
    members: tuple[EnumMemberDoc, ...]
    json_schema: dict[str, JsonValue]
    group: str = ""
    """The module that defines it, below the package: the sidebar groups pages by it."""


@dataclass(frozen=True)
class UnionAlternativeDoc:
    model: str
    summary: str
    """The alternative model's docstring summary, Markdown."""
    example: JsonValue


@dataclass(frozen=True)
class UnionDoc:
    """A named union's page: exactly one of its alternatives."""

    name: str
    qualified_name: str
    package: str
    docstring: str
    alternatives: tuple[UnionAlternativeDoc, ...]
    json_schema: dict[str, JsonValue]
    example_reprs: tuple[str, ...]
    """`repr()` of each alternative's example, as the Python example prints it."""
    group: str = ""
    """The module that defines it, below the package: the sidebar groups pages by it."""


PageDoc = Union[ModelDoc, EnumDoc, UnionDoc]  # noqa: UP007
"""Anything with a page under `models/`."""


@dataclass(frozen=True)
class ImportDoc:
    """One import statement of an example: `from module import names`, or `import module`."""

    module: str
    names: tuple[str, ...] = ()
    """The names imported from the module; none for `import module`."""


# The API pages: an API class, its operations, the authorization schemes.


@dataclass(frozen=True)
class ParameterDoc:
    """A path or query parameter, as the page shows it."""

    name: str
    python_name: str
    location: str
    """`path` or `query`."""
    required: bool
    description: str
    """Markdown."""
    type: TypeDoc
    """Its type without its constraints: a string, a number or an inline enumeration (named as
    upstream's client names it: `GetPoliciesPrincipalTypeEnum`)."""
    example: str | int
    default: str | int | None
    """The server's default for an optional parameter, where upstream documents one."""
    constraints: tuple[ConstraintDoc, ...] = ()
    """The validation keywords of its type's JSON Schema (`minimum`, `maxLength`, `format`)."""


@dataclass(frozen=True)
class BodyDoc:
    """The JSON request body."""

    parameter: str
    """Its parameter name in the upstream client: `createTokenInput`."""
    python_name: str
    description: str
    """Upstream's description of the parameter."""
    model: ModelDoc
    credentials: tuple[tuple[str, str], ...] = ()
    """Each credential member of the body (a `secret` field), with the environment variable the
    examples read it from: `("client_assertion", "IAM_CLIENT_ASSERTION")`."""


@dataclass(frozen=True)
class CredentialDoc:
    """The credential the examples send for an operation: a token of its (first) scheme."""

    scheme: str
    """The scheme's name: `UserTokenAuth`."""
    header: str
    """The request header that carries it: `authorization`."""
    variable: str
    """The environment variable the examples read it from: `IAM_USER_TOKEN`."""


@dataclass(frozen=True)
class ReturnDoc:
    """What the successful call gives the caller."""

    typescript: str
    """The type argument of upstream's `AxiosResponse`: `TokenDto`, `void`, `object`."""
    model: ModelDoc | None
    """The model of the body, where it is one."""
    kind: Literal["model", "empty", "object", "proxy"]
    """`model`, `empty` (no body), `object` (any JSON object) or `proxy` (nothing declared)."""


BodyKind = Literal["model", "empty", "object", "undeclared"]
"""What a response's body is: a model; none (HTTP 204); any JSON object; or not declared
upstream (no upstream source names a body for the status)."""


@dataclass(frozen=True)
class ResponseDoc:
    """One row of the responses table."""

    status: int
    name: str
    """Upstream's name of the response."""
    description: str
    """What it means to the caller, Markdown."""
    model: str | None
    """The name of the body's model (which has a page), where it has one."""
    body: BodyKind
    """What the body is: `model` (then `model` names it), or what else."""
    body_source: Literal["client", "document"]
    """Where the body model comes from: `client` (upstream's 1.48.0 clients) or `document`
    (upstream's 1.43.0 OpenAPI document, where the 1.48.0 clients name none)."""
    headers: tuple[str, ...]
    """The headers upstream lists for the response; none where it lists none."""


@dataclass(frozen=True)
class DifferenceDoc:
    upstream: str
    reason: str
    """Markdown."""


@dataclass(frozen=True)
class PythonExampleDoc:
    """An operation's Python example: its function in the API class's example module."""

    module: str
    """The module that holds it: `iam_client_docs.examples.tokens_api`."""
    helper: str
    """The shared helper module the function sends with: `iam_client_docs.examples.iam_http`."""
    imports: tuple[ImportDoc, ...]
    """The module's import statements, cut to the names the function uses, in source order."""
    function: str
    """The function's source."""
    parameters: tuple[str, ...]
    """The function's parameters, as written (with the `/` and `*` markers)."""
    returns: str | None
    """The function's return annotation."""


@dataclass(frozen=True)
class HelperDoc:
    """The helper module every Python example shares."""

    module: str
    source: str


@dataclass(frozen=True)
class OperationDoc:
    """Everything an API page shows of one operation."""

    api: str
    """The name of the API class the operation belongs to."""
    name: str
    python_name: str
    method: str
    path: str
    summary: str
    """One line, Markdown."""
    description: str
    """Markdown."""
    parameters: tuple[ParameterDoc, ...]
    body: BodyDoc | None
    returns: ReturnDoc
    responses: tuple[ResponseDoc, ...]
    authorization: tuple[str, ...]
    """The names of the schemes it needs (any one); none if empty."""
    credential: CredentialDoc | None
    """What the examples send for the first of them; `None` where none is needed."""
    example_path: str
    """The path with each path parameter's example, as a request sends it (percent-encoded)."""
    request_headers: tuple[tuple[str, str], ...]
    proxy: bool
    differences: tuple[DifferenceDoc, ...]
    typescript_signature: str
    """The method as the upstream class declares it (the `AxiosResponse` without `import()`)."""
    python: PythonExampleDoc


@dataclass(frozen=True)
class ApiDoc:
    """One API class and its operations: one API page."""

    name: str
    description: str
    operations: tuple[OperationDoc, ...]
    helper: HelperDoc


@dataclass(frozen=True)
class OperationRef:
    api: str
    operation: str


@dataclass(frozen=True)
class SchemeDoc:
    """An authorization scheme, as the home page's "Documentation For Authorization" shows it."""

    name: str
    """Upstream's name, and the heading's anchor."""
    summary: str
    obtain: str
    send: str
    kind: str
    header: str
    location: str
    used_by: tuple[OperationRef, ...]


@dataclass(frozen=True)
class Usage:
    """Where an operation uses a model: the links on the model page back to the operation."""

    api: str
    operation: str
    role: Literal["request", "response", "error"]
    """The body it is: the request's, a successful response's or an error response's."""
    status: int | None = None
    """The response's status; `None` for a request body."""

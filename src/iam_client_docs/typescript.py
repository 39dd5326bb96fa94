"""The naming rules of openapi-generator's typescript-axios, written once.

The reference shows each type as `@affinidi-tdk/iam-client` declares it; the parity tests hold
these rules to the pinned package's `.d.ts`.
"""

from __future__ import annotations

import json
import re

from iam_client_docs.descriptions import (
    ArrayType,
    ConstantType,
    EnumType,
    ModelType,
    ScalarType,
    TypeDoc,
    UnionType,
)

__all__ = [
    "enum_member_name",
    "enum_name",
    "identifier",
    "member_access",
    "object_key",
    "operation_anchor",
    "parameter_enum_name",
    "spelling",
]

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
    """A property name as an object literal writes it: bare where it can be, quoted otherwise."""
    return name if identifier(name) else json.dumps(name)


def member_access(variable: str, name: str) -> str:
    return f"{variable}.{name}" if identifier(name) else f"{variable}[{json.dumps(name)}]"


def spelling(tp: TypeDoc) -> str:
    """The type as the `.d.ts` writes it: `Array<ProjectDto>`, `RightsEnum`, `string`."""
    if isinstance(tp, ScalarType):
        return tp.typescript
    if isinstance(tp, ArrayType):
        return f"Array<{spelling(tp.item)}>"
    if isinstance(tp, ModelType):
        return tp.name
    if isinstance(tp, (EnumType, ConstantType)):
        return tp.typescript_name
    if isinstance(tp, UnionType):
        return tp.name or " | ".join(spelling(item) for item in tp.alternatives)
    raise TypeError(f"not a type description: {tp!r}")

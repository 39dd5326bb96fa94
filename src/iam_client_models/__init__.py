"""Typed pydantic v2 models of the Affinidi IAM API, with the names `@affinidi-tdk/iam-client` uses.

Importing the package loads no model: each name is imported from its module on first use (PEP
562), so a program pays only for the models it uses. Type checkers and editors see every name
through the imports under `TYPE_CHECKING`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The one registration of a public name: its line here. The `as` form is the re-export that
# `mypy --strict` and editors read. The block never runs: on the first lookup of a name (or of
# `__all__`, or `dir()`) `_registered` reads it from this file, so the import itself parses nothing.
if TYPE_CHECKING:
    from iam_client_models._types import Seconds as Seconds
    from iam_client_models._types import UpstreamDeviation as UpstreamDeviation
    from iam_client_models.authz import GrantAccessInput as GrantAccessInput
    from iam_client_models.authz import GrantAccessOutput as GrantAccessOutput
    from iam_client_models.authz import RightsEnum as RightsEnum
    from iam_client_models.authz import UpdateAccessInput as UpdateAccessInput
    from iam_client_models.authz import UpdateAccessOutput as UpdateAccessOutput
    from iam_client_models.consumer_auth import (
        ConsumerAuthTokenEndpointInput as ConsumerAuthTokenEndpointInput,
    )
    from iam_client_models.consumer_auth import (
        ConsumerAuthTokenEndpointOutput as ConsumerAuthTokenEndpointOutput,
    )
    from iam_client_models.errors import ActionForbiddenError as ActionForbiddenError
    from iam_client_models.errors import InvalidDIDError as InvalidDIDError
    from iam_client_models.errors import InvalidParameterError as InvalidParameterError
    from iam_client_models.errors import NotFoundError as NotFoundError
    from iam_client_models.errors import (
        PrincipalCannotBeDeletedError as PrincipalCannotBeDeletedError,
    )
    from iam_client_models.errors import (
        PrincipalDoesNotBelongToProjectError as PrincipalDoesNotBelongToProjectError,
    )
    from iam_client_models.errors import UnauthorizedError as UnauthorizedError
    from iam_client_models.errors import UnexpectedError as UnexpectedError
    from iam_client_models.errors import UnexpectedErrorDetailsInner as UnexpectedErrorDetailsInner
    from iam_client_models.errors import parse_error as parse_error
    from iam_client_models.keys import JsonWebKeyDto as JsonWebKeyDto
    from iam_client_models.keys import JsonWebKeySetDto as JsonWebKeySetDto
    from iam_client_models.policies import PolicyDto as PolicyDto
    from iam_client_models.policies import PolicyStatementDto as PolicyStatementDto
    from iam_client_models.projects import AddUserToProjectInput as AddUserToProjectInput
    from iam_client_models.projects import CreateProjectInput as CreateProjectInput
    from iam_client_models.projects import ProjectDto as ProjectDto
    from iam_client_models.projects import ProjectList as ProjectList
    from iam_client_models.projects import ProjectWithPolicyDto as ProjectWithPolicyDto
    from iam_client_models.projects import ProjectWithPolicyList as ProjectWithPolicyList
    from iam_client_models.projects import UpdateProjectInput as UpdateProjectInput
    from iam_client_models.projects import UserDto as UserDto
    from iam_client_models.projects import UserList as UserList
    from iam_client_models.sts import CreateProjectScopedTokenInput as CreateProjectScopedTokenInput
    from iam_client_models.sts import (
        CreateProjectScopedTokenOutput as CreateProjectScopedTokenOutput,
    )
    from iam_client_models.sts import WhoamiDto as WhoamiDto
    from iam_client_models.tokens import CreateTokenInput as CreateTokenInput
    from iam_client_models.tokens import TokenDto as TokenDto
    from iam_client_models.tokens import TokenList as TokenList
    from iam_client_models.tokens import (
        TokenPrivateKeyAuthenticationMethodDto as TokenPrivateKeyAuthenticationMethodDto,
    )
    from iam_client_models.tokens import (
        TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo as TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo,
    )
    from iam_client_models.tokens import (
        TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf as TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf,
    )
    from iam_client_models.tokens import (
        TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1 as TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1,
    )
    from iam_client_models.tokens import UpdateTokenInput as UpdateTokenInput
    from iam_client_models.tokens import (
        UpdateTokenPrivateKeyAuthenticationMethodDto as UpdateTokenPrivateKeyAuthenticationMethodDto,
    )

__version__ = "0.2.0"


def _registered() -> dict[str, str]:
    """The module of each name imported under `TYPE_CHECKING` above, below this package."""
    import ast  # 2-3 ms with the parse, once, beside the model that a lookup then imports

    assert __spec__ is not None and __spec__.loader is not None and __file__ is not None
    if not __file__.endswith(".py"):
        raise ImportError(f"{__name__} reads its names from its source, and {__file__} is not one")
    # `get_data` is the loader's own read (a file, or a zip); bytes, so no `tokenize` is loaded.
    source: bytes = __spec__.loader.get_data(__file__)  # type: ignore[attr-defined]
    modules: dict[str, str] = {}
    for node in ast.parse(source, __file__).body:
        if not (isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"):
            continue
        for line in node.body:
            module = (isinstance(line, ast.ImportFrom) and line.level == 0 and line.module) or ""
            parent, _, child = module.rpartition(".")
            names = line.names if isinstance(line, ast.ImportFrom) else []
            if parent != __name__ or not names or any(a.asname != a.name for a in names):
                raise ImportError(
                    f"{__file__}:{line.lineno}: a name is registered as "
                    f"`from {__name__}.<module> import <Name> as <Name>`, "
                    f"not {ast.unparse(line)!r}"
                )
            for alias in names:
                if alias.name in modules:
                    raise ImportError(f"{__file__}:{line.lineno}: {alias.name} is registered twice")
                modules[alias.name] = child
    return modules


_MODULES: dict[str, str] = {}
"""The module of each public name, below this package; filled on first use."""


def _modules() -> dict[str, str]:
    if not _MODULES:
        _MODULES.update(_registered())
    return _MODULES


def __getattr__(name: str) -> Any:
    if name == "__all__":
        # Sorted by name: the order of upstream's "Documentation For Models" (a test holds it).
        value: Any = sorted(_modules())
    elif name in _modules():
        value = getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_modules()})

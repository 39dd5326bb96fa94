"""Typed pydantic v2 models of the Affinidi IAM API, with the names `@affinidi-tdk/iam-client` uses.

Importing the package loads no model: each name is imported from its module on first use (PEP
562), so a program pays only for the models it uses. Type checkers and editors see every name
through the imports under `TYPE_CHECKING`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from iam_client_models._types import (
        Seconds,
        UpstreamDeviation,
    )
    from iam_client_models.authz import (
        GrantAccessInput,
        GrantAccessOutput,
        RightsEnum,
        UpdateAccessInput,
        UpdateAccessOutput,
    )
    from iam_client_models.consumer_auth import (
        ConsumerAuthTokenEndpointInput,
        ConsumerAuthTokenEndpointOutput,
    )
    from iam_client_models.errors import (
        ActionForbiddenError,
        InvalidDIDError,
        InvalidParameterError,
        NotFoundError,
        PrincipalCannotBeDeletedError,
        PrincipalDoesNotBelongToProjectError,
        UnauthorizedError,
        UnexpectedError,
        UnexpectedErrorDetailsInner,
        parse_error,
    )
    from iam_client_models.keys import (
        JsonWebKeyDto,
        JsonWebKeySetDto,
    )
    from iam_client_models.policies import (
        PolicyDto,
        PolicyStatementDto,
    )
    from iam_client_models.projects import (
        AddUserToProjectInput,
        CreateProjectInput,
        ProjectDto,
        ProjectList,
        ProjectWithPolicyDto,
        ProjectWithPolicyList,
        UpdateProjectInput,
        UserDto,
        UserList,
    )
    from iam_client_models.sts import (
        CreateProjectScopedTokenInput,
        CreateProjectScopedTokenOutput,
        WhoamiDto,
    )
    from iam_client_models.tokens import (
        CreateTokenInput,
        TokenDto,
        TokenList,
        TokenPrivateKeyAuthenticationMethodDto,
        TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo,
        TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf,
        TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1,
        UpdateTokenInput,
        UpdateTokenPrivateKeyAuthenticationMethodDto,
    )

__version__ = "0.2.0"

__all__ = [  # noqa: RUF022 (upstream's order, which the model list keeps)
    # The models, in the order of upstream's "Documentation For Models".
    "ActionForbiddenError",
    "AddUserToProjectInput",
    "ConsumerAuthTokenEndpointInput",
    "ConsumerAuthTokenEndpointOutput",
    "CreateProjectInput",
    "CreateProjectScopedTokenInput",
    "CreateProjectScopedTokenOutput",
    "CreateTokenInput",
    "GrantAccessInput",
    "GrantAccessOutput",
    "InvalidDIDError",
    "InvalidParameterError",
    "JsonWebKeyDto",
    "JsonWebKeySetDto",
    "NotFoundError",
    "PolicyDto",
    "PolicyStatementDto",
    "PrincipalCannotBeDeletedError",
    "PrincipalDoesNotBelongToProjectError",
    "ProjectDto",
    "ProjectList",
    "ProjectWithPolicyDto",
    "ProjectWithPolicyList",
    "RightsEnum",
    "TokenDto",
    "TokenList",
    "TokenPrivateKeyAuthenticationMethodDto",
    "TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo",
    "TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf",
    "TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1",
    "UnauthorizedError",
    "UnexpectedError",
    "UnexpectedErrorDetailsInner",
    "UpdateAccessInput",
    "UpdateAccessOutput",
    "UpdateProjectInput",
    "UpdateTokenInput",
    "UpdateTokenPrivateKeyAuthenticationMethodDto",
    "UserDto",
    "UserList",
    "WhoamiDto",
    # Helpers.
    "parse_error",
    "Seconds",
    "UpstreamDeviation",
]

_MODULES: dict[str, str] = {
    "ActionForbiddenError": "errors",
    "AddUserToProjectInput": "projects",
    "ConsumerAuthTokenEndpointInput": "consumer_auth",
    "ConsumerAuthTokenEndpointOutput": "consumer_auth",
    "CreateProjectInput": "projects",
    "CreateProjectScopedTokenInput": "sts",
    "CreateProjectScopedTokenOutput": "sts",
    "CreateTokenInput": "tokens",
    "GrantAccessInput": "authz",
    "GrantAccessOutput": "authz",
    "InvalidDIDError": "errors",
    "InvalidParameterError": "errors",
    "JsonWebKeyDto": "keys",
    "JsonWebKeySetDto": "keys",
    "NotFoundError": "errors",
    "PolicyDto": "policies",
    "PolicyStatementDto": "policies",
    "PrincipalCannotBeDeletedError": "errors",
    "PrincipalDoesNotBelongToProjectError": "errors",
    "ProjectDto": "projects",
    "ProjectList": "projects",
    "ProjectWithPolicyDto": "projects",
    "ProjectWithPolicyList": "projects",
    "RightsEnum": "authz",
    "TokenDto": "tokens",
    "TokenList": "tokens",
    "TokenPrivateKeyAuthenticationMethodDto": "tokens",
    "TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo": "tokens",
    "TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf": "tokens",
    "TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1": "tokens",
    "UnauthorizedError": "errors",
    "UnexpectedError": "errors",
    "UnexpectedErrorDetailsInner": "errors",
    "UpdateAccessInput": "authz",
    "UpdateAccessOutput": "authz",
    "UpdateProjectInput": "projects",
    "UpdateTokenInput": "tokens",
    "UpdateTokenPrivateKeyAuthenticationMethodDto": "tokens",
    "UserDto": "projects",
    "UserList": "projects",
    "WhoamiDto": "sts",
    "parse_error": "errors",
    "Seconds": "_types",
    "UpstreamDeviation": "_types",
}
"""The module of each public name, below this package."""


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])

"""What every public model owes its reference page, checked on each model in `__all__`."""

from __future__ import annotations

import inspect
import json

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from pydantic import BaseModel

import iam_client_models
from iam_client_docs.describe import (
    _without_none,
    describe_model,
    public_models,
    public_types,
    type_of,
)
from iam_client_docs.descriptions import ArrayType, ConstantType, EnumType, ModelType, UnionType

MODELS = public_models(iam_client_models)

# Upstream's "Documentation For Models", in its order (npm @affinidi-tdk/iam-client 1.48.0).
UPSTREAM_MODELS = [
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
]


def test_every_upstream_model_is_documented_in_upstream_order() -> None:
    assert len(UPSTREAM_MODELS) == 41
    assert [obj.__name__ for obj in public_types(iam_client_models)] == UPSTREAM_MODELS


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_has_a_docstring_and_leaf_fields_their_own_examples(
    model: type[BaseModel],
) -> None:
    assert inspect.cleandoc(model.__doc__ or "") not in (
        "",
        inspect.cleandoc(BaseModel.__doc__ or ""),
    )
    for name, info in model.model_fields.items():
        assert info.description and info.description.strip(), name
        bare, _ = _without_none(info.annotation)
        described = type_of(bare, model.__name__, name)
        nested = isinstance(described, (ModelType, UnionType)) or (
            isinstance(described, ArrayType) and isinstance(described.item, (ModelType, UnionType))
        )
        if nested:
            # A nested example is the nested model's own: never written a second time.
            assert not info.examples, f"{name}: drop the examples, the nested model has them"
        elif not isinstance(described, (ConstantType, EnumType)):
            assert info.examples, f"{name} has no example values"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_descriptions_have_no_escaping_debris(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        assert info.description is not None
        assert "&quot;" not in info.description, name
        assert "\\&" not in info.description, name
        assert "\\'" not in info.description, name


def _examples(model: type[BaseModel]) -> list[tuple[str, dict[str, object]]]:
    """The model's example instance, and one more for each further example of a field and each
    further declared model example: every example value the source holds, in a whole body."""
    doc = describe_model(model, "iam_client_models")
    bodies = [("the page's example", doc.example)]
    extra = model.model_config.get("json_schema_extra")
    declared = extra.get("examples", []) if isinstance(extra, dict) else []
    assert isinstance(declared, list)
    bodies += [(f"declared example {i}", dict(body)) for i, body in enumerate(declared)]  # type: ignore[arg-type]
    for field in doc.fields:
        info = model.model_fields[field.attribute]
        for index, value in enumerate(info.examples or []):
            bodies.append((f"{field.name} example {index}", {**doc.example, field.name: value}))
    return bodies


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_example_satisfies_every_constraint(model: type[BaseModel]) -> None:
    # The model enforces what it checks; its published JSON Schema (which openapi.json is made
    # from) adds what it only publishes, such as `format: uuid`.
    validator = Draft202012Validator(
        model.model_json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for where, body in _examples(model):
        model.model_validate_json(json.dumps(body))
        model.model_validate(body)
        problems = [error.message for error in validator.iter_errors(body)]
        assert not problems, f"{model.__name__}, {where}: {problems}"

"""What every model of the package guarantees, checked on all of them.

Wire form in and out, Python names, unknown members, the error models, the union, the named
enumeration, and lazy loading.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

import iam_client_models
from iam_client_docs.describe import describe_model, public_models
from iam_client_models import (
    GrantAccessInput,
    RightsEnum,
    TokenPrivateKeyAuthenticationMethodDto,
    TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo,
    TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf,
    TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1,
    parse_error,
)
from iam_client_models.errors import ERROR_MODELS, ErrorModel

ROOT = Path(__file__).resolve().parent.parent
MODELS = public_models(iam_client_models)
IDS = [model.__name__ for model in MODELS]
REQUESTS = [model for model in MODELS if model.model_config.get("extra") == "forbid"]
RESPONSES = [model for model in MODELS if model.model_config.get("extra") == "allow"]


def example(model: type[BaseModel]) -> dict[str, Any]:
    return dict(describe_model(model, "tests").example)


def test_every_model_is_a_request_or_a_response() -> None:
    assert sorted(IDS) == sorted(model.__name__ for model in REQUESTS + RESPONSES)
    assert {model.__name__ for model in REQUESTS} == {
        "AddUserToProjectInput",
        "ConsumerAuthTokenEndpointInput",
        "CreateProjectInput",
        "CreateProjectScopedTokenInput",
        "CreateTokenInput",
        "GrantAccessInput",
        "UpdateAccessInput",
        "UpdateProjectInput",
        "UpdateTokenInput",
        "UpdateTokenPrivateKeyAuthenticationMethodDto",
    }


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_a_parsed_body_dumps_back_to_what_was_received(model: type[BaseModel]) -> None:
    body = json.dumps(example(model))
    parsed = model.model_validate_json(body)
    assert parsed.model_dump_json() == json.dumps(json.loads(body), separators=(",", ":"))
    assert parsed.model_dump() == json.loads(body)
    # Only what was received: optional members left out stay out.
    required = {
        info.alias or name: example(model)[info.alias or name]
        for name, info in model.model_fields.items()
        if info.is_required()
    }
    assert json.loads(model.model_validate(required).model_dump_json()) == required


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_python_names_build_the_same_model(model: type[BaseModel]) -> None:
    body = example(model)
    by_attribute = {
        name: body[info.alias or name]
        for name, info in model.model_fields.items()
        if (info.alias or name) in body
    }
    assert model(**by_attribute) == model.model_validate(body)
    for name, info in model.model_fields.items():
        wire = info.alias or name
        assert wire == name or "_" not in wire, f"{model.__name__}.{name}: wire name {wire!r}"


@pytest.mark.parametrize("model", REQUESTS, ids=lambda model: model.__name__)
def test_a_request_rejects_an_unknown_member_naming_it(model: type[BaseModel]) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate_json(json.dumps({**example(model), "colour": "mauve-secret"}))
    (error,) = caught.value.errors(include_input=False)
    assert error["type"] == "extra_forbidden"
    assert error["loc"] == ("colour",)
    assert "mauve-secret" not in str(caught.value)


@pytest.mark.parametrize("model", RESPONSES, ids=lambda model: model.__name__)
def test_a_response_keeps_an_unknown_member_and_hides_its_value(model: type[BaseModel]) -> None:
    body = {**example(model), "newMember": "mauve-secret"}
    parsed = model.model_validate_json(json.dumps(body))
    assert json.loads(parsed.model_dump_json()) == body
    for text in (repr(parsed), str(parsed), f"{parsed!r}"):
        assert "newMember" in text
        assert "mauve-secret" not in text


def test_the_error_models_share_one_shape_and_fix_their_constants() -> None:
    shape = list(ErrorModel.model_fields)
    assert shape == ["name", "message", "http_status_code", "trace_id", "details"]
    statuses = {}
    for model in ERROR_MODELS:
        assert issubclass(model, ErrorModel)
        assert list(model.model_fields) == shape
        body = example(model)
        assert body["name"] == model.__name__
        statuses[model.__name__] = body["httpStatusCode"]
        with pytest.raises(ValidationError):
            model.model_validate({**body, "name": "SomeOtherError"})
    assert statuses == {
        "ActionForbiddenError": 403,
        "InvalidDIDError": 400,
        "InvalidParameterError": 400,
        "NotFoundError": 404,
        "PrincipalCannotBeDeletedError": 409,
        "PrincipalDoesNotBelongToProjectError": 403,
        "UnauthorizedError": 403,
        "UnexpectedError": 500,
    }


@pytest.mark.parametrize("model", ERROR_MODELS, ids=lambda model: model.__name__)
def test_parse_error_picks_the_model_by_status_and_name(
    model: type[ErrorModel[Any, Any, Any]],
) -> None:
    body = example(model)
    error = parse_error(body["httpStatusCode"], json.dumps(body).encode())
    assert type(error) is model
    assert error.message == body["message"]
    # Any wording: upstream's one-value enumerations are templates, not fixed texts.
    reworded = parse_error(body["httpStatusCode"], json.dumps({**body, "message": "Other text"}))
    assert reworded.message == "Other text"


def test_parse_error_refuses_a_body_of_another_status() -> None:
    body = example(ERROR_MODELS[3])  # NotFoundError, 404
    with pytest.raises(ValidationError) as caught:
        parse_error(403, json.dumps(body))
    assert caught.value.errors()[0]["type"] == "union_tag_invalid"
    with pytest.raises(ValueError, match="no error model is declared for HTTP 418"):
        parse_error(418, json.dumps(body))


def test_the_public_key_union_picks_by_the_members_present() -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo)
    jwks = example(TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf)
    uri = example(TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1)
    assert (
        type(adapter.validate_python(jwks))
        is TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf
    )
    assert (
        type(adapter.validate_json(json.dumps(uri)))
        is TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1
    )
    method = example(TokenPrivateKeyAuthenticationMethodDto)
    for wrong in ({}, {**jwks, **uri}, "https://example.com/jwks.json", None):
        with pytest.raises(ValidationError) as caught:
            TokenPrivateKeyAuthenticationMethodDto.model_validate(
                {**method, "publicKeyInfo": wrong}
            )
        (error,) = caught.value.errors(include_input=False)
        assert error["loc"] == ("publicKeyInfo",)
        assert "exactly one of" in error["msg"]


def test_rights_is_an_enumeration_to_import_and_compare() -> None:
    grant = GrantAccessInput.model_validate(example(GrantAccessInput))
    assert all(isinstance(right, RightsEnum) for right in grant.rights)
    assert RightsEnum("vfs-read") is RightsEnum.VFS_READ
    assert RightsEnum.VFS_WRITE == "vfs-write"  # type: ignore[comparison-overlap]  # a str enum
    assert [member.value for member in RightsEnum] == ["vfs-read", "vfs-write"]
    with pytest.raises(ValidationError):
        GrantAccessInput.model_validate({**example(GrantAccessInput), "rights": ["vfs-admin"]})


def _loaded(code: str) -> set[str]:
    script = code + "\nimport sys; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    )
    return {name for name in result.stdout.split() if name.startswith("iam_client_models")}


def test_importing_the_package_loads_no_model() -> None:
    assert _loaded("import iam_client_models") == {"iam_client_models"}


def test_importing_one_model_loads_only_what_it_needs() -> None:
    loaded = _loaded("from iam_client_models import ConsumerAuthTokenEndpointOutput")
    assert loaded == {
        "iam_client_models",
        "iam_client_models._base",
        "iam_client_models._types",
        "iam_client_models.consumer_auth",
    }


def test_every_registered_name_is_listed_and_loads() -> None:
    # `__all__` and `dir()` come from the registration under `TYPE_CHECKING` (each name's one
    # line); tests/test_registration.py adds a line in a copy and runs mypy on it.
    assert set(iam_client_models.__all__) <= set(dir(iam_client_models))
    for name in iam_client_models.__all__:
        assert getattr(iam_client_models, name) is not None
    with pytest.raises(AttributeError, match="has no attribute 'NoSuchModel'"):
        _ = iam_client_models.NoSuchModel

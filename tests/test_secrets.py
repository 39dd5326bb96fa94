"""Token values never reach printed output, logs, tracebacks or error messages.

Generic over every model in `iam_client_models.__all__`: a field with `Field(repr=False)` is a
secret. Each test fills the secrets with distinctive values and asserts they are absent.
"""

from __future__ import annotations

import json
import logging
import pprint
import traceback
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

import iam_client_models
from iam_client_docs.describe import describe_model, public_models
from iam_client_models import ConsumerAuthTokenEndpointOutput

MODELS = public_models(iam_client_models)
MODEL_IDS = [model.__name__ for model in MODELS]


def secret_fields(model: type[BaseModel]) -> dict[str, str]:
    """Field name to wire name, for every field left out of `repr()`."""
    return {
        name: info.alias or name for name, info in model.model_fields.items() if info.repr is False
    }


class Filled:
    """A valid instance of `model` built from its examples, each secret made distinctive."""

    def __init__(self, model: type[BaseModel]) -> None:
        self.model = model
        self.body: dict[str, Any] = dict(describe_model(model, "tests").example)
        self.secrets: dict[str, str] = {}
        for name, wire in secret_fields(model).items():
            example = self.body[wire]
            assert isinstance(example, str), f"{model.__name__}.{name}: a secret is a string"
            # Appending letters keeps the example's shape (a JWT stays a JWT).
            self.secrets[name] = f"{example}Zq{uuid.uuid4().hex}"
            self.body[wire] = self.secrets[name]
        self.instance = model.model_validate(self.body)

    def assert_absent(self, text: str, where: str) -> None:
        for name, value in self.secrets.items():
            # The tail is the distinctive part: pydantic shortens long values to head...tail.
            assert value[-12:] not in text, f"{self.model.__name__}.{name} leaks through {where}"


@pytest.fixture(params=MODELS, ids=MODEL_IDS)
def filled(request: pytest.FixtureRequest) -> Filled:
    model: type[BaseModel] = request.param
    return Filled(model)


def test_the_known_credentials_are_secret() -> None:
    assert set(secret_fields(ConsumerAuthTokenEndpointOutput)) == {
        "access_token",
        "id_token",
        "refresh_token",
    }
    for model in MODELS:
        for name in ("access_token", "id_token", "refresh_token", "client_assertion", "code"):
            if name in model.model_fields:
                assert name in secret_fields(model), f"{model.__name__}.{name} is shown"


# The public-key union's two alternatives each reject the other's member, after validation: the
# one Python check on a parse path, and it reads member names only, never values.
EXCLUSIVE = {
    "TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf",
    "TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1",
}


# The two token requests check that a key set they send holds a key (a response keeps an empty
# one): the check counts the keys, public values, and reads nothing else.
KEY_SET_CHECK = {"CreateTokenInput", "UpdateTokenInput"}


def test_models_have_no_python_validators_on_the_parse_path() -> None:
    # Hiding secrets is `Field(repr=False)` and `hide_input_in_errors`: nothing runs per parse.
    for model in MODELS:
        decorators = model.__pydantic_decorators__
        if model.__name__ in KEY_SET_CHECK:
            checks = decorators.field_validators.values()
            assert [(d.info.fields, d.info.mode) for d in checks] == [
                (("authentication_method",), "after")
            ]
        else:
            assert not decorators.field_validators, model
        if model.__name__ in EXCLUSIVE:
            assert [d.info.mode for d in decorators.model_validators.values()] == ["after"]
        else:
            assert not decorators.model_validators, model
        assert not decorators.validators, model
        assert not decorators.root_validators, model
        assert model.model_config.get("hide_input_in_errors") is True, model


def test_printed_forms_leave_secrets_out(filled: Filled) -> None:
    model = filled.instance
    forms = {
        "repr()": repr(model),
        "str()": str(model),
        "an f-string": f"{model}",
        "an f-string with !r": f"{model!r}",
        "format()": format(model, ""),
        "%-formatting": "%s %r" % (model, model),  # noqa: UP031
        "pprint": pprint.pformat(model),
        "pprint of a container": pprint.pformat({"response": [model]}),
        # What rich and devtools print from.
        "__repr_args__": repr(list(model.__repr_args__())),
    }
    assert type(model).__name__ in forms["repr()"]
    for where, text in forms.items():
        filled.assert_absent(text, where)


def test_the_real_values_stay_in_attributes_and_dumps(filled: Filled) -> None:
    dumped = filled.instance.model_dump(by_alias=True)
    dumped_json = json.loads(filled.instance.model_dump_json(by_alias=True))
    for name, value in filled.secrets.items():
        wire = secret_fields(filled.model)[name]
        assert getattr(filled.instance, name) == value
        assert dumped[wire] == value
        assert dumped_json[wire] == value
    assert filled.model.model_validate_json(filled.instance.model_dump_json(by_alias=True)) == (
        filled.instance
    )


def test_log_records_leave_secrets_out(filled: Filled, caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("tests.secrets")
    model = filled.instance
    with caplog.at_level(logging.DEBUG, logger="tests.secrets"):
        logger.info("%s", model)
        logger.info("%r", model)
        logger.info(model)
        logger.warning("token response: %s", {"parsed": model})
        try:
            raise RuntimeError(f"rejected {model}")
        except RuntimeError:
            logger.exception("while handling %s", model)
    assert len(caplog.records) == 5
    for record in caplog.records:
        filled.assert_absent(record.getMessage(), f"log record {record.msg!r}")
    filled.assert_absent(caplog.text, "the formatted log with its traceback")


def test_tracebacks_leave_secrets_out(filled: Filled) -> None:
    model = filled.instance
    try:
        raise ValueError("unexpected response", model)
    except ValueError as error:
        filled.assert_absent(traceback.format_exc(), "traceback.format_exc()")
        with_locals = traceback.TracebackException.from_exception(error, capture_locals=True)
        filled.assert_absent("".join(with_locals.format()), "a traceback with locals")


def test_nesting_in_a_callers_model_keeps_secrets_out(filled: Filled) -> None:
    class Holder(BaseModel):
        response: Any

    holder = Holder(response=filled.instance)
    filled.assert_absent(repr(holder), "repr() of a model that holds it")
    filled.assert_absent(str([filled.instance]), "str() of a list")


def rejected(model: type[BaseModel] | TypeAdapter[Any], value: object) -> ValidationError:
    validate = model.validate_python if isinstance(model, TypeAdapter) else model.model_validate
    with pytest.raises(ValidationError) as caught:
        validate(value)
    return caught.value


def assert_error_hides(filled: Filled, error: ValidationError, case: str) -> None:
    filled.assert_absent(str(error), f"str() of the ValidationError ({case})")
    filled.assert_absent(repr(error), f"repr() of the ValidationError ({case})")
    filled.assert_absent("".join(traceback.format_exception(error)), f"its traceback ({case})")
    filled.assert_absent(repr(error.errors(include_input=False)), f"errors() ({case})")
    filled.assert_absent(error.json(include_input=False), f"json() ({case})")


def test_validation_errors_about_a_secret_field_hide_its_value(filled: Filled) -> None:
    fields = secret_fields(filled.model)
    for name, wire in fields.items():
        secret = filled.secrets[name]
        for wrong in ([secret], {"value": secret}, (secret, secret)):
            error = rejected(filled.model, {**filled.body, wire: wrong})
            assert [detail["loc"] for detail in error.errors()] == [(wire,)]
            assert_error_hides(filled, error, f"{name} of the wrong type")


def test_validation_errors_about_other_fields_hide_the_secrets(filled: Filled) -> None:
    others = [
        info.alias or name
        for name, info in filled.model.model_fields.items()
        if info.repr is not False
    ]
    checked = 0
    for wire in others:
        try:
            filled.model.model_validate({**filled.body, wire: [[{"wrong": "type"}]]})
        except ValidationError as error:
            assert_error_hides(filled, error, f"{wire} of the wrong type")
            checked += 1
    assert checked > 0


def test_top_level_errors_that_carry_the_whole_body_hide_the_secrets(filled: Filled) -> None:
    text = json.dumps(filled.body)
    cases: dict[str, Callable[[], BaseModel]] = {
        "a truncated body": lambda: filled.model.model_validate_json(text[:-1]),
        "an array around the object": lambda: filled.model.model_validate_json(f"[{text}]"),
        "a list passed to model_validate": lambda: filled.model.model_validate([filled.body]),
        "a string passed to model_validate": lambda: filled.model.model_validate(text),
    }
    for case, call in cases.items():
        with pytest.raises(ValidationError) as caught:
            call()
        assert_error_hides(filled, caught.value, case)


@pytest.mark.parametrize(
    "model", [model for model in MODELS if secret_fields(model)], ids=lambda model: model.__name__
)
def test_documented_caveats_about_error_data_hold(model: type[BaseModel]) -> None:
    """docs/validation.md: errors() carries input, and the outermost config decides."""
    filled = Filled(model)
    name, wire = next(iter(secret_fields(filled.model).items()))
    secret = filled.secrets[name]
    error = rejected(filled.model, {**filled.body, wire: [secret]})
    assert secret in repr(error.errors())  # hence: pass include_input=False before logging

    class Careless(BaseModel):
        response: filled.model  # type: ignore[name-defined]

    class Careful(BaseModel):
        model_config = ConfigDict(hide_input_in_errors=True)
        response: filled.model  # type: ignore[name-defined]

    wrong = {"response": {**filled.body, wire: [secret]}}
    assert secret[-12:] in str(rejected(Careless, wrong))
    careful = rejected(Careful, wrong)
    assert careful.errors()[0]["loc"] == ("response", wire)
    assert_error_hides(filled, careful, "inside a model with hide_input_in_errors")
    adapter = TypeAdapter(list[filled.model], config=ConfigDict(hide_input_in_errors=True))  # type: ignore[name-defined]
    assert_error_hides(filled, rejected(adapter, [wrong["response"]]), "inside a TypeAdapter")


@pytest.mark.parametrize(
    "model",
    [model for model in MODELS if model.model_config.get("extra") == "allow"],
    ids=lambda model: model.__name__,
)
def test_unknown_members_are_named_but_their_values_never_shown(model: type[BaseModel]) -> None:
    filled = Filled(model)
    unknown = {
        "session_token": f"st_{uuid.uuid4().hex}",
        "device_secret": f"ds_{uuid.uuid4().hex}",
        "x_nested": {"key": f"k_{uuid.uuid4().hex}"},
    }
    instance = model.model_validate({**filled.body, **unknown})
    assert instance.model_extra == unknown
    for text in (repr(instance), str(instance), pprint.pformat(instance), f"{instance}"):
        for name, value in unknown.items():
            assert f"{name}=<hidden>" in text
            assert json.dumps(value).strip('"{}') not in text
        filled.assert_absent(text, "printed output with unknown members")

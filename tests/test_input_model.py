"""Behaviour of ConsumerAuthTokenEndpointInput as the token request people write."""

from __future__ import annotations

import base64
import json
import re
import typing

import pytest
from pydantic import ValidationError

import iam_client_models
from iam_client_models import ConsumerAuthTokenEndpointInput
from iam_client_models.endpoints import BASE_URL, CONSUMER_AUTH_TOKEN_ENDPOINT

# The order, and which are required, of @affinidi-tdk/iam-client 1.48.0's declaration.
UPSTREAM_ORDER = [
    "grant_type",
    "client_assertion_type",
    "client_assertion",
    "code",
    "refresh_token",
    "redirect_uri",
    "client_id",
]
REQUIRED = {"grant_type", "client_assertion_type", "client_assertion"}
SECRETS = ("client_assertion", "code", "refresh_token")
JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")

ASSERTION = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnQtc2VjcmV0LWFzc2VydGlvbiJ9.c2VjcmV0LXNpZw"
REALISTIC = {
    "grant_type": "client_credentials",
    "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    "client_assertion": ASSERTION,
    "code": "ory_ac_c2VjcmV0LWNvZGUtdmFsdWU.c2ln",
    "refresh_token": "ory_rt_c2VjcmV0LXJlZnJlc2gtdG9rZW4.c2ln",
    "redirect_uri": "https://app.example.com/callback",
    "client_id": "client-1",
}
MINIMAL = {name: REALISTIC[name] for name in UPSTREAM_ORDER if name in REQUIRED}


def _literal_values(name: str) -> tuple[object, ...]:
    return typing.get_args(ConsumerAuthTokenEndpointInput.model_fields[name].annotation)


def test_exported_from_the_package() -> None:
    assert "ConsumerAuthTokenEndpointInput" in iam_client_models.__all__
    assert iam_client_models.ConsumerAuthTokenEndpointInput is ConsumerAuthTokenEndpointInput


def test_fields_in_upstream_order_with_upstream_required_set() -> None:
    fields = ConsumerAuthTokenEndpointInput.model_fields
    assert list(fields) == UPSTREAM_ORDER
    assert {name for name, info in fields.items() if info.is_required()} == REQUIRED
    minimal = ConsumerAuthTokenEndpointInput.model_validate(MINIMAL)
    for name in set(UPSTREAM_ORDER) - REQUIRED:
        assert getattr(minimal, name) is None, name


def test_missing_required_members_are_each_named() -> None:
    with pytest.raises(ValidationError) as caught:
        ConsumerAuthTokenEndpointInput.model_validate_json("{}")
    missing = {error["loc"] for error in caught.value.errors() if error["type"] == "missing"}
    assert missing == {(name,) for name in REQUIRED}


def test_wire_names_are_the_json_member_names() -> None:
    schema = ConsumerAuthTokenEndpointInput.model_json_schema()
    assert list(schema["properties"]) == UPSTREAM_ORDER
    assert set(schema["required"]) == REQUIRED
    assert schema["additionalProperties"] is False
    dumped = json.loads(ConsumerAuthTokenEndpointInput(**REALISTIC).model_dump_json())
    assert list(dumped) == UPSTREAM_ORDER


def test_realistic_request_round_trips_and_unset_members_are_not_sent() -> None:
    request = ConsumerAuthTokenEndpointInput.model_validate_json(json.dumps(REALISTIC))
    assert request.model_dump() == REALISTIC
    minimal = ConsumerAuthTokenEndpointInput.model_validate(MINIMAL)
    assert json.loads(minimal.model_dump_json(exclude_none=True)) == MINIMAL


@pytest.mark.parametrize(
    ("field", "allowed"),
    [
        ("grant_type", ("client_credentials", "affinidi_delegation")),
        (
            "client_assertion_type",
            (
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "urn:ietf:params:oauth:delegation-assertion-type:jwt-bearer",
            ),
        ),
    ],
)
def test_enumerations_are_literals_and_a_wrong_value_lists_the_allowed_ones(
    field: str, allowed: tuple[str, ...]
) -> None:
    assert _literal_values(field) == allowed
    for value in allowed:
        assert getattr(ConsumerAuthTokenEndpointInput(**{**MINIMAL, field: value}), field) == value
    for wrong in ("password", "authorization_code", "Client_Credentials", "", 1):
        with pytest.raises(ValidationError) as caught:
            ConsumerAuthTokenEndpointInput.model_validate({**MINIMAL, field: wrong})
        [error] = caught.value.errors()
        assert error["loc"] == (field,)
        assert error["type"] == "literal_error"
        for value in allowed:
            assert repr(value) in error["msg"], error["msg"]
        assert field in str(caught.value)


@pytest.mark.parametrize("misspelt", ["grant_typ", "clientAssertion", "client_assertion ", "scope"])
def test_a_member_the_model_does_not_know_is_an_error_naming_it(misspelt: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ConsumerAuthTokenEndpointInput.model_validate_json(
            json.dumps({**MINIMAL, misspelt: "openid"})
        )
    [error] = caught.value.errors()
    assert error["loc"] == (misspelt,)
    assert error["type"] == "extra_forbidden"
    assert misspelt in str(caught.value)


def test_credentials_are_left_out_of_repr_and_str() -> None:
    request = ConsumerAuthTokenEndpointInput(**REALISTIC)
    for text in (repr(request), str(request)):
        for name in SECRETS:
            assert REALISTIC[name] not in text, name
            assert not re.search(rf"\b{name}=", text), name
        assert "client_credentials" in text and "client-1" in text


def test_credentials_are_left_out_of_validation_errors() -> None:
    secret = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJsZWFrIn0.bGVha2VkLXNpZ25hdHVyZQ"
    attempts = [
        {**MINIMAL, "grant_type": "password", "client_assertion": secret},
        {**MINIMAL, "client_assertion": [secret]},
        {**MINIMAL, "code": {"value": secret}},
        {**MINIMAL, "refresh_token": [secret]},
        {**MINIMAL, "client_secret": secret},
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            ConsumerAuthTokenEndpointInput.model_validate_json(json.dumps(attempt))
        assert secret not in str(caught.value)
        assert secret not in repr(caught.value)


def test_enumeration_examples_cover_every_allowed_value() -> None:
    for field in ("grant_type", "client_assertion_type"):
        examples = ConsumerAuthTokenEndpointInput.model_fields[field].examples
        assert examples is not None
        assert tuple(examples) == _literal_values(field)


def test_example_values_are_realistic_and_form_a_valid_instance() -> None:
    fields = ConsumerAuthTokenEndpointInput.model_fields
    example = {name: info.examples[0] for name, info in fields.items() if info.examples}
    request = ConsumerAuthTokenEndpointInput.model_validate(example)
    assert JWT.match(request.client_assertion)
    header, payload = (
        json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
        for part in request.client_assertion.split(".")[:2]
    )
    assert header["alg"] == "RS256"
    # RFC 7523 section 3: issuer and subject are the client, the audience is the token endpoint.
    assert payload["iss"] == payload["sub"] == request.client_id
    assert payload["aud"] == BASE_URL + CONSUMER_AUTH_TOKEN_ENDPOINT.path
    assert payload["exp"] > payload["iat"]
    assert request.redirect_uri is not None and request.redirect_uri.startswith("https://")

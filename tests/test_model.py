"""Behaviour of ConsumerAuthTokenEndpointOutput as a parser of real token responses."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

import iam_client_models
from iam_client_models import ConsumerAuthTokenEndpointOutput

ROOT = Path(__file__).resolve().parent.parent
SEED_ORDER = ["access_token", "expires_in", "id_token", "refresh_token", "scope", "token_type"]
JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")

REALISTIC = {
    "access_token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnQtMSJ9.c2lnbmF0dXJlLWFjY2Vzcw",
    "expires_in": 3599,
    "id_token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEiLCJhdWQiOiJjIn0.c2lnbmF0dXJlLWlk",
    "refresh_token": "ory_rt_c29tZS1yZWZyZXNoLXRva2Vu.cGFydDI",
    "scope": "openid offline",
    "token_type": "bearer",
}


def test_exported_from_the_package() -> None:
    assert "ConsumerAuthTokenEndpointOutput" in iam_client_models.__all__
    assert iam_client_models.ConsumerAuthTokenEndpointOutput is ConsumerAuthTokenEndpointOutput


def test_fields_in_seed_order_all_optional_defaulting_to_none() -> None:
    assert list(ConsumerAuthTokenEndpointOutput.model_fields) == SEED_ORDER
    empty = ConsumerAuthTokenEndpointOutput()
    for name, info in ConsumerAuthTokenEndpointOutput.model_fields.items():
        assert not info.is_required(), name
        assert getattr(empty, name) is None, name
    assert ConsumerAuthTokenEndpointOutput.model_validate_json("{}") == empty


def test_wire_names_are_the_json_member_names() -> None:
    schema = ConsumerAuthTokenEndpointOutput.model_json_schema()
    assert list(schema["properties"]) == SEED_ORDER
    dumped = json.loads(ConsumerAuthTokenEndpointOutput(**REALISTIC).model_dump_json())
    assert list(dumped) == SEED_ORDER


def test_realistic_response_with_jwt_id_token_parses() -> None:
    token = ConsumerAuthTokenEndpointOutput.model_validate_json(json.dumps(REALISTIC))
    assert token.model_dump() == REALISTIC
    assert token.id_token is not None and JWT.match(token.id_token)
    assert isinstance(token.expires_in, int)


@pytest.mark.parametrize(
    ("sent", "parsed"), [("3600", 3600), ("0", 0), (3600, 3600), ("86400", 86400)]
)
def test_expires_in_accepts_whole_seconds_as_number_or_numeric_string(
    sent: object, parsed: int
) -> None:
    body = json.dumps({"expires_in": sent})
    assert ConsumerAuthTokenEndpointOutput.model_validate_json(body).expires_in == parsed
    assert ConsumerAuthTokenEndpointOutput.model_validate({"expires_in": sent}).expires_in == parsed


@pytest.mark.parametrize(
    "sent",
    ["3600.5", "an hour", "", "-1", "1e3", "0x10", 3600.5, -1, True, [3600], {"s": 3600}],
)
def test_expires_in_rejects_fractions_words_negatives_and_booleans(sent: object) -> None:
    with pytest.raises(ValidationError) as caught:
        ConsumerAuthTokenEndpointOutput.model_validate_json(json.dumps({"expires_in": sent}))
    assert caught.value.errors()[0]["loc"] == ("expires_in",)
    assert "expires_in" in str(caught.value)


def test_numeric_id_token_as_upstream_declares_it_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        ConsumerAuthTokenEndpointOutput.model_validate_json('{"id_token": 12345}')
    assert caught.value.errors()[0]["loc"] == ("id_token",)


def test_unknown_members_are_accepted_and_kept_through_a_round_trip() -> None:
    body = {
        **REALISTIC,
        "nonce_hint": "n-0S6_WzA2Mj",
        "authorization_details": [{"type": "payment", "amount": {"value": "10.00"}}],
        "x_vendor": {"nested": {"deeper": [1, 2, {"k": None}]}},
    }
    token = ConsumerAuthTokenEndpointOutput.model_validate_json(json.dumps(body))
    assert token.model_extra is not None
    assert token.model_extra["x_vendor"] == body["x_vendor"]
    assert json.loads(token.model_dump_json(exclude_unset=True)) == body
    assert token.model_dump(exclude_unset=True) == body


def test_descriptions_come_only_from_attribute_docstrings() -> None:
    # A `Field(description=...)` would silently win over the docstring: keep the one place.
    offenders = []
    for path in (ROOT / "src" / "iam_client_models").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Field"
                and any(keyword.arg == "description" for keyword in node.keywords)
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_example_values_are_realistic_and_form_a_valid_instance() -> None:
    fields = ConsumerAuthTokenEndpointOutput.model_fields
    example = {name: info.examples[0] for name, info in fields.items() if info.examples}
    token = ConsumerAuthTokenEndpointOutput.model_validate(example)
    assert token.access_token is not None and JWT.match(token.access_token)
    assert token.id_token is not None and JWT.match(token.id_token)
    assert token.expires_in == 3600
    assert token.scope == "openid offline"
    assert token.token_type == "bearer"

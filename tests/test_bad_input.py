"""Bad input to the models: always a `ValidationError` that says where, never anything else.

docs/validation.md documents each category below for callers; its examples run in
tests/test_validation_docs.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import iam_client_models
from iam_client_docs.describe import describe_model, public_models
from iam_client_docs.descriptions import ArrayType, FieldDoc, ModelType, UnionType
from iam_client_models import ConsumerAuthTokenEndpointOutput
from iam_client_models._types import MAX_DEPTH, MAX_SECONDS

MODELS = public_models(iam_client_models)
Output = ConsumerAuthTokenEndpointOutput

BODY = json.dumps(
    {
        "access_token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnQtMSJ9.c2lnbmF0dXJlLWFjY2Vzcw",
        "expires_in": 3599,
        "id_token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLWlk",
        "refresh_token": "ory_rt_c29tZS1yZWZyZXNoLXRva2Vu.cGFydDI",
        "scope": "openid offline",
        "token_type": "bearer",
    }
).encode()


def rejected_json(model: type[BaseModel], body: str | bytes | bytearray) -> ValidationError:
    """The error `model_validate_json` raises; any other exception fails the test as it is."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate_json(body)
    return caught.value


def rejected_python(model: type[BaseModel], value: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(value)
    return caught.value


def outcome(parse: Callable[[], BaseModel]) -> BaseModel | ValidationError:
    """A model or a `ValidationError`; any other exception propagates and fails the test."""
    try:
        return parse()
    except ValidationError as error:
        return error


def only_error(error: ValidationError) -> dict[str, Any]:
    details = error.errors(include_url=False, include_input=False)
    assert len(details) == 1, details
    return dict(details[0])


def assert_names_field(error: ValidationError, field: str) -> None:
    """The message has the field's path on a line of its own, above what is wrong with it."""
    assert only_error(error)["loc"] == (field,)
    assert field in str(error).splitlines()


def assert_json_syntax_error(error: ValidationError) -> None:
    """A body that is not JSON: the error is at the top level and names line and column."""
    detail = only_error(error)
    assert detail["type"] == "json_invalid", detail
    assert detail["loc"] == ()
    assert re.search(r" at line [0-9]+ column [0-9]+$", detail["msg"]), detail
    assert detail["msg"] in str(error)


# Wrong types per field ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "error_type"),
    [
        ("access_token", 12345, "string_type"),
        ("access_token", ["eyJ.e30.c2ln"], "string_type"),
        ("access_token", {"value": "eyJ.e30.c2ln"}, "string_type"),
        ("access_token", True, "string_type"),
        ("id_token", 12345, "string_type"),
        ("refresh_token", False, "string_type"),
        ("scope", ["openid", "offline"], "string_type"),
        ("token_type", 1, "string_type"),
        ("expires_in", {"seconds": 3600}, "seconds_type"),
        ("expires_in", [3600], "seconds_type"),
        ("expires_in", True, "seconds_type"),
    ],
)
def test_wrong_type_is_an_error_at_the_field(field: str, value: object, error_type: str) -> None:
    for error in (
        rejected_json(Output, json.dumps({field: value})),
        rejected_python(Output, {field: value}),
    ):
        assert_names_field(error, field)
        assert only_error(error)["type"] == error_type


def wrong_values(field: FieldDoc) -> list[object]:
    """JSON values of another kind than the field's type: pydantic never converts these."""
    if isinstance(field.type, ArrayType):
        return ["x", 1, {"x": 1}, True]
    if isinstance(field.type, (ModelType, UnionType)):
        return ["x", 1, ["x"], True]
    return [[], {}, ["x"], {"x": 1}]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_a_wrong_type_in_any_field_of_any_model_is_an_error_naming_it(
    model: type[BaseModel],
) -> None:
    doc = describe_model(model, "tests")
    for field in doc.fields:
        for wrong in wrong_values(field):
            body = {**doc.example, field.name: wrong}
            assert_names_field(rejected_json(model, json.dumps(body)), field.name)
            assert_names_field(rejected_python(model, body), field.name)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_assigning_a_wrong_type_to_any_field_is_an_error_and_keeps_the_value(
    model: type[BaseModel],
) -> None:
    doc = describe_model(model, "tests")
    instance = model.model_validate(doc.example)
    for field in doc.fields:
        before = getattr(instance, field.attribute)
        with pytest.raises(ValidationError) as caught:
            setattr(instance, field.attribute, wrong_values(field)[0])
        # Assignment is by attribute, and pydantic names the attribute.
        assert only_error(caught.value)["loc"] == (field.attribute,)
        assert getattr(instance, field.attribute) == before
    assert instance.model_dump() == model.model_validate(doc.example).model_dump()


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_required_field_of_every_model_is_named_when_missing_or_null(
    model: type[BaseModel],
) -> None:
    example = describe_model(model, "tests").example
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        wire = info.alias or name
        missing = {key: value for key, value in example.items() if key != wire}
        assert only_error(rejected_json(model, json.dumps(missing)))["type"] == "missing"
        assert_names_field(rejected_json(model, json.dumps(missing)), wire)
        assert_names_field(rejected_json(model, json.dumps({**example, wire: None})), wire)


# Right type, impossible value ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        -1,
        "-1",
        3600.5,
        "3600.5",
        1.0,
        "1e3",
        " 3600",
        "3600 ",
        "+3600",
        "3_600",
        "",
        "an hour",
        "٣٦٠٠",  # Arabic-Indic digits: int() would take them, a JSON number never has them
        MAX_SECONDS + 1,
        str(MAX_SECONDS + 1),
        10**30,
        "9" * 19,
    ],
)
def test_impossible_expires_in_is_an_error_naming_the_range(value: object) -> None:
    for error in (
        rejected_json(Output, json.dumps({"expires_in": value})),
        rejected_python(Output, {"expires_in": value}),
    ):
        assert_names_field(error, "expires_in")
        detail = only_error(error)
        assert detail["type"] == "seconds_type"
        assert f"from 0 to {MAX_SECONDS}" in detail["msg"]


@pytest.mark.parametrize("value", [MAX_SECONDS, str(MAX_SECONDS), "007", 0])
def test_every_accepted_expires_in_is_a_timedelta(value: object) -> None:
    seconds = Output.model_validate_json(json.dumps({"expires_in": value})).expires_in
    assert seconds is not None
    assert timedelta(seconds=seconds).total_seconds() == pytest.approx(seconds)
    assert seconds < 2**53  # exact as a JavaScript number too


def test_max_seconds_is_the_largest_whole_timedelta() -> None:
    timedelta(seconds=MAX_SECONDS)
    with pytest.raises(OverflowError):
        timedelta(seconds=MAX_SECONDS + 1)
    assert Output.model_json_schema()["properties"]["expires_in"]["anyOf"][0] == {
        "type": "integer",
        "minimum": 0,
        "maximum": MAX_SECONDS,
    }


@pytest.mark.parametrize("value", ["", " ", "\t\n", "not a jwt"])
@pytest.mark.parametrize("field", ["access_token", "id_token", "refresh_token"])
def test_token_contents_are_not_judged_empty_and_blank_tokens_are_kept_as_sent(
    field: str, value: str
) -> None:
    # The documented decision (docs/validation.md): tokens are opaque to a client (RFC 6749
    # section 1.4), and a length check would cost every parse; the caller tests truthiness.
    token = Output.model_validate_json(json.dumps({field: value}))
    assert getattr(token, field) == value


# Not an object; not JSON; not UTF-8; nothing at all -------------------------------------------


@pytest.mark.parametrize("body", ["[]", "[{}]", '"access_token"', "3600", "null", "true"])
def test_json_that_is_not_an_object_is_a_top_level_error(body: str) -> None:
    detail = only_error(rejected_json(Output, body))
    assert detail["type"] == "model_type"
    assert detail["loc"] == ()
    assert detail["msg"] == "Input should be an object"


@pytest.mark.parametrize("value", [[], [{}], "access_token", 3600, None, True, b"{}"])
def test_python_value_that_is_not_a_mapping_is_a_top_level_error(value: object) -> None:
    detail = only_error(rejected_python(Output, value))
    assert detail["type"] == "model_type"
    assert detail["loc"] == ()


def test_non_string_keys_are_an_error_naming_the_key() -> None:
    detail = only_error(rejected_python(Output, {1: "x"}))
    assert detail["type"] == "invalid_key"
    assert detail["loc"] == (1,)


@pytest.mark.parametrize("value", [None, 3600, memoryview(b"{}")])
def test_json_input_that_is_not_text_is_an_error(value: Any) -> None:
    assert only_error(rejected_json(Output, value))["type"] == "json_type"


def test_every_truncation_of_a_real_body_is_a_json_error_with_line_and_column() -> None:
    for end in range(len(BODY)):
        assert_json_syntax_error(rejected_json(Output, BODY[:end]))


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   ",
        b"\n",
        b"{'access_token': 'x'}",
        b"{access_token: 1}",
        b'{"scope": "a",}',
        b'{"scope": "a" "token_type": "bearer"}',
        b'{"scope": "a"} {"scope": "b"}',
        b'{"scope": "a"} // comment',
        b'{"scope": "a\x00"}',
        b'{"scope": "\\ud800"}',
        b'{"scope": "\\x41"}',
        b"\xef\xbb\xbf{}",
    ],
    ids=[
        "empty",
        "blank",
        "newline",
        "single-quotes",
        "bare-key",
        "trailing-comma",
        "missing-comma",
        "two-values",
        "comment",
        "raw-control-character",
        "lone-surrogate-escape",
        "invalid-escape",
        "utf8-bom",
    ],
)
def test_malformed_json_and_empty_bodies_are_json_errors(body: bytes) -> None:
    assert_json_syntax_error(rejected_json(Output, body))


@pytest.mark.parametrize(
    "body",
    [
        b'{"scope": "caf\xe9"}',  # Latin-1
        b'{"scope": "\xff\xfe"}',
        b'{"access_token": "\xc3"}',  # a UTF-8 sequence cut short
        b'{"scope": "\xed\xa0\x80"}',  # a surrogate, encoded
        '{"scope": "x"}'.encode("utf-16"),
    ],
    ids=["latin-1", "invalid-bytes", "cut-sequence", "encoded-surrogate", "utf-16"],
)
def test_bytes_that_are_not_utf8_are_json_errors(body: bytes) -> None:
    assert_json_syntax_error(rejected_json(Output, body))


def test_text_with_a_lone_surrogate_is_a_top_level_error() -> None:
    detail = only_error(rejected_json(Output, '{"scope": "\ud800"}'))
    assert detail["type"] == "string_unicode"
    assert detail["loc"] == ()


LONE = "\ud800"
"""What `json.loads` makes of the escape `"\\ud800"`: a `str` UTF-8 cannot encode."""


def test_a_lone_surrogate_escape_is_refused_in_both_input_kinds() -> None:
    body = '{"access_token": "a", "token_type": "\\ud800", "x_hint": "\\ud800"}'
    assert_json_syntax_error(rejected_json(Output, body))
    # The same body decoded by `json.loads`: refused at validation, never at a later dump.
    errors = rejected_python(Output, json.loads(body)).errors()
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("string_unicode", ("token_type",)),
        ("string_unicode", ("x_hint",)),
    ]
    assert "surrogate" in errors[1]["msg"]


def token_list_body() -> dict[str, Any]:
    key = {"kid": "k", "kty": "RSA", "alg": "RS256", "use": "sig"}
    method = {"type": "PRIVATE_KEY", "signingAlgorithm": "RS256"}
    method["publicKeyInfo"] = {"jwks": {"keys": [key]}}  # type: ignore[assignment]
    token = {"id": "i", "ari": "a", "ownerAri": "o", "name": "n", "scopes": ["openid"]}
    return {"tokens": [{**token, "authenticationMethod": method}]}


@pytest.mark.parametrize(
    ("path", "loc"),
    [
        (("tokens", 0, "name"), ("tokens", 0, "name")),
        (("tokens", 0, "scopes", 0), ("tokens", 0, "scopes", 0)),
        (("tokens", 0, "x_note"), ("tokens", 0, "x_note")),
    ],
    ids=["declared-field", "list-item", "unknown-member"],
)
def test_a_lone_surrogate_from_python_is_an_error_at_its_member(
    path: tuple[str | int, ...], loc: tuple[str | int, ...]
) -> None:
    from iam_client_models import TokenList

    body = token_list_body()
    assert json.loads(TokenList.model_validate(body).model_dump_json()) == body
    parent: Any = body
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = "text " + LONE
    assert only_error(rejected_python(TokenList, body)) | {"msg": ""} == {
        "type": "string_unicode",
        "loc": loc,
        "msg": "",
    }


def test_a_lone_surrogate_in_a_nested_model_field_is_an_error_at_it() -> None:
    from iam_client_models import ProjectList

    body: dict[str, Any] = {"projects": [{"id": "p", "name": "n", "description": LONE}]}
    error = only_error(rejected_python(ProjectList, body))
    assert (error["type"], error["loc"]) == ("string_unicode", ("projects", 0, "description"))
    # Inside a union (the key of a JWKS), pydantic reports the union's one error.
    body = token_list_body()
    body["tokens"][0]["authenticationMethod"]["publicKeyInfo"]["jwks"]["keys"][0]["kid"] = LONE
    assert only_error(rejected_python(iam_client_models.TokenList, body))["type"] == (
        "public_key_info_type"
    )


@pytest.mark.parametrize(
    "value",
    [LONE, ["a", {"b": [LONE]}], {"key" + LONE: 1}, "\udfff" + "\ud800", "é" + LONE],
    ids=["string", "nested", "key", "reversed-pair", "non-ascii"],
)
def test_a_lone_surrogate_anywhere_in_an_unknown_member_is_an_error_at_it(value: object) -> None:
    error = only_error(rejected_python(Output, {"x_value": value}))
    assert (error["type"], error["loc"]) == ("string_unicode", ("x_value",))


@pytest.mark.parametrize(
    "value",
    [object(), {1, 2}, b"bytes", {1: "a"}, ["a", {"b": [object()]}], ({"k": {0: 1}},)],
    ids=["object", "set", "bytes", "int-key", "nested-object", "nested-int-key"],
)
def test_an_unknown_member_that_is_no_json_value_is_an_error_at_it(value: object) -> None:
    # Python input only: a JSON body holds nothing else. Accepted, the value would make
    # model_dump_json() fail ("Unable to serialize unknown type") far from where it came in.
    error = only_error(rejected_python(Output, {"x_value": value}))
    assert (error["type"], error["loc"]) == ("json_value_type", ("x_value",))


@pytest.mark.parametrize(
    "value", [None, True, 0, -1.5, "a", [1, "a", None, [False]], {"a": {"b": [1.0]}}, (1, 2)]
)
def test_an_unknown_member_that_is_a_json_value_is_kept_and_written_again(value: object) -> None:
    token = Output.model_validate({"access_token": "a", "x_value": value})
    assert json.loads(token.model_dump_json())["x_value"] == json.loads(json.dumps(value))


def test_an_unknown_member_named_with_a_lone_surrogate_is_refused() -> None:
    # pydantic-core reads each member name as UTF-8 to look it up: the name itself is what is
    # wrong, so the error is at the body (and shows no name).
    error = only_error(rejected_python(Output, {"x_" + LONE: 1}))
    assert (error["type"], error["loc"]) == ("string_unicode", ())


def test_assigning_a_lone_surrogate_is_refused() -> None:
    token = Output.model_validate({"access_token": "a", "x_hint": "b"})
    with pytest.raises(ValidationError) as caught:
        token.access_token = LONE
    assert (only_error(caught.value)["type"], only_error(caught.value)["loc"]) == (
        "string_unicode",
        ("access_token",),
    )
    with pytest.raises(ValidationError) as caught:
        token.x_hint = [LONE]  # type: ignore[attr-defined]
    assert (only_error(caught.value)["type"], only_error(caught.value)["loc"]) == (
        "string_unicode",
        ("x_hint",),
    )
    assert token.model_dump_json() == '{"access_token":"a","x_hint":"b"}'


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=8))
def test_any_text_that_python_input_accepts_is_written_again(text: str) -> None:
    # `st.text()` leaves surrogates out by default; this alphabet has every code point.
    body = {"access_token": text, "x_text": text, "x_list": [{text: text}]}
    result = outcome(lambda: Output.model_validate(body))
    if isinstance(result, ValidationError):
        assert {e["type"] for e in result.errors()} == {"string_unicode"}
        assert any(0xD800 <= ord(char) <= 0xDFFF for char in text)
    else:
        assert json.loads(result.model_dump_json()) == body
        assert result.model_dump() == body


# Very large and deeply nested ----------------------------------------------------------------


def test_megabyte_values_are_accepted_and_kept_whole() -> None:
    big = "A" * (4 * 1024 * 1024)
    body = json.dumps({"access_token": big, "x_blob": big, "x_list": list(range(100_000))})
    token = Output.model_validate_json(body)
    assert token.access_token == big
    assert token.model_extra is not None and token.model_extra["x_blob"] == big
    assert len(token.model_extra["x_list"]) == 100_000
    assert big not in repr(token)


@pytest.mark.parametrize("where", ["expires_in", "x_number"])
def test_a_number_of_thousands_of_digits_is_a_json_error(where: str) -> None:
    error = rejected_json(Output, f'{{"{where}": {"9" * 5000}}}')
    assert_json_syntax_error(error)
    assert "number out of range" in only_error(error)["msg"]


@pytest.mark.parametrize("depth", [256, 10_000, 1_000_000])
@pytest.mark.parametrize(("open_", "close"), [("[", "]"), ('{"a":', "}")], ids=["array", "object"])
def test_deeply_nested_unknown_member_is_a_json_error_not_a_recursion_error(
    depth: int, open_: str, close: str
) -> None:
    error = rejected_json(
        Output, '{"x_deep": ' + open_ * depth + "1" * (open_ == '{"a":') + close * depth + "}"
    )
    assert_json_syntax_error(error)
    assert "recursion limit exceeded" in only_error(error)["msg"]


def test_nesting_that_real_servers_use_is_kept() -> None:
    nested: object = "leaf"
    for _ in range(90):  # 180 levels: pydantic's JSON parser stops at about 200
        nested = [{"a": nested}]
    token = Output.model_validate_json(json.dumps({"x_nested": nested}))
    assert token.model_extra == {"x_nested": nested}


def nested_lists(levels: int) -> list[object]:
    """`levels` lists, each inside the one before."""
    outer: list[object] = []
    inner = outer
    for _ in range(levels - 1):
        inner.append([])
        inner = inner[0]  # type: ignore[assignment]
    return outer


def nested_objects(levels: int) -> dict[str, object]:
    outer: dict[str, object] = {}
    inner = outer
    for _ in range(levels - 1):
        inner["a"] = {}
        inner = inner["a"]  # type: ignore[assignment]
    return outer


NESTED = {"array": nested_lists, "object": nested_objects}


@pytest.mark.parametrize("kind", NESTED)
@pytest.mark.parametrize("source", ["json", "python"])
def test_an_unknown_member_as_deep_as_json_allows_is_kept_and_written_again(
    kind: str, source: str
) -> None:
    value = NESTED[kind](MAX_DEPTH)
    token = (
        Output.model_validate_json(json.dumps({"x_deep": value}))
        if source == "json"
        else Output.model_validate({"x_deep": value})
    )
    assert token.model_extra == {"x_deep": value}
    assert json.loads(token.model_dump_json()) == {"x_deep": value}
    assert token.model_dump() == {"x_deep": value}


@pytest.mark.parametrize("kind", NESTED)
@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 100_000])
def test_a_deeper_python_value_is_a_validation_error_at_its_member(kind: str, levels: int) -> None:
    # JSON input this deep is a `json_invalid` error (above); Python input must not get
    # through to fail at `model_dump_json()`.
    error = only_error(rejected_python(Output, {"x_deep": NESTED[kind](levels)}))
    assert (error["type"], error["loc"]) == ("nesting_too_deep", ("x_deep",))
    assert str(MAX_DEPTH) in error["msg"]


def test_a_deep_value_in_a_nested_model_or_an_assignment_is_refused_too() -> None:
    from iam_client_models import TokenList

    key = {"kid": "k", "kty": "RSA", "alg": "RS256", "use": "sig", "x_deep": nested_lists(200)}
    jwks = {"type": "PRIVATE_KEY", "signingAlgorithm": "RS256", "publicKeyInfo": {"jwks": {}}}
    jwks["publicKeyInfo"] = {"jwks": {"keys": [key]}}
    token = {"id": "i", "ari": "a", "ownerAri": "o", "name": "n", "scopes": []}
    body = {"tokens": [{**token, "authenticationMethod": jwks, "x_deep": nested_lists(201)}]}
    error = only_error(rejected_python(TokenList, body))
    assert (error["type"], error["loc"]) == ("nesting_too_deep", ("tokens", 0, "x_deep"))
    del body["tokens"][0]["x_deep"]
    # The deepest place of any model still writes a value as deep as JSON allows.
    assert json.loads(TokenList.model_validate(body).model_dump_json()) == body
    key["x_deep"] = nested_lists(201)  # inside the union: its one error, at the union
    assert only_error(rejected_python(TokenList, body))["type"] == "public_key_info_type"
    parsed = Output.model_validate({})
    with pytest.raises(ValidationError) as caught:
        parsed.x_deep = nested_lists(201)  # type: ignore[attr-defined]
    assert only_error(caught.value)["type"] == "nesting_too_deep"


def test_a_cycle_in_a_python_value_is_a_validation_error() -> None:
    cycle: list[object] = []
    cycle.append(cycle)
    assert only_error(rejected_python(Output, {"x_cycle": cycle}))["type"] == "nesting_too_deep"


# Unknown members, non-standard numbers, duplicates -------------------------------------------


def test_unknown_members_of_every_json_type_are_kept() -> None:
    extra = {
        "x_str": "s",
        "x_int": 1,
        "x_float": 1.5,
        "x_bool": False,
        "x_null": None,
        "x_list": [1, "a", None],
        "x_object": {"k": {"k": []}},
        "": "empty name",
        "access token": "a name with a space is not the access_token field",
    }
    token = Output.model_validate_json(json.dumps(extra))
    assert token.model_extra == extra
    assert token.access_token is None
    assert json.loads(token.model_dump_json(exclude_unset=True)) == extra


def test_non_standard_numbers_are_rejected_in_fields_and_kept_as_floats_in_unknown_members() -> (
    None
):
    assert only_error(rejected_json(Output, '{"expires_in": NaN}'))["type"] == "seconds_type"
    assert only_error(rejected_json(Output, '{"scope": Infinity}'))["type"] == "string_type"
    token = Output.model_validate_json('{"x_nan": NaN, "x_inf": -Infinity}')
    assert token.model_extra is not None and token.model_extra["x_inf"] == float("-inf")
    # Documented: they are not JSON (RFC 8259), so a JSON dump writes null.
    assert json.loads(token.model_dump_json(exclude_unset=True)) == {"x_nan": None, "x_inf": None}


def test_a_duplicated_member_takes_the_last_value() -> None:
    token = Output.model_validate_json('{"token_type": "mac", "token_type": "bearer"}')
    assert token.token_type == "bearer"


# Anything at all -----------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=10,
)
field_values = st.sampled_from(sorted(Output.model_fields)) | st.text(max_size=8)


def assert_located(result: BaseModel | ValidationError) -> None:
    """An error is at the top level (the body as a whole) or at a field: never elsewhere."""
    if isinstance(result, ValidationError):
        details = result.errors()
        assert details
        for detail in details:
            assert detail["loc"] == () or detail["loc"][0] in Output.model_fields, detail


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(field_values, json_values, max_size=6))
def test_any_json_object_parses_or_fails_with_a_located_validation_error(
    body: dict[str, object],
) -> None:
    result = outcome(lambda: Output.model_validate_json(json.dumps(body)))
    assert_located(result)
    if isinstance(result, Output):
        unknown = {key: value for key, value in body.items() if key not in Output.model_fields}
        assert result.model_extra == unknown


@settings(max_examples=300)
@given(st.data())
def test_any_corruption_of_a_real_body_parses_or_fails_with_a_validation_error(
    data: st.DataObject,
) -> None:
    body = bytearray(BODY)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(body) - 1))
        action = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = data.draw(st.integers(0, 255))
        if action == "replace":
            body[at] = byte
        elif action == "insert":
            body.insert(at, byte)
        else:
            del body[at]
    assert_located(outcome(lambda: Output.model_validate_json(bytes(body))))


@settings(max_examples=200)
@given(st.binary(max_size=64) | st.text(max_size=64))
def test_any_bytes_or_text_parse_or_fail_with_a_validation_error(body: bytes | str) -> None:
    assert_located(outcome(lambda: Output.model_validate_json(body)))


@settings(max_examples=200)
@given(json_values)
def test_any_python_value_validates_or_fails_with_a_validation_error(value: object) -> None:
    assert_located(outcome(lambda: Output.model_validate(value)))


# Upstream's constraints, at each boundary ------------------------------------------------------

KEY = {"kid": "k1", "kty": "RSA", "n": "AQAB", "e": "AQAB", "alg": "RS256", "use": "sig"}


def method(keys: list[Any]) -> dict[str, Any]:
    return {
        "type": "PRIVATE_KEY",
        "signingAlgorithm": "RS256",
        "publicKeyInfo": {"jwks": {"keys": keys}},
    }


def project(name: object) -> dict[str, Any]:
    return {"name": name}


def token(name: object) -> dict[str, Any]:
    return {"name": name, "authenticationMethod": method([KEY])}


# (model, body, the member's location or None where the body is valid, the error type)
PROJECT_NAMES: list[tuple[str, str | None]] = [
    ("ab", None),
    ("a", "string_pattern_mismatch"),  # two characters at least: first and last
    ("a" * 99, None),
    ("a" * 100, None),
    ("a" * 101, "string_too_long"),
    ("Customer onboarding EU", None),
    ("a.b_c-d e", None),
    ("ab-", None),
    ("ab.", None),
    ("ab ", "string_pattern_mismatch"),  # may not end with a space
    (" ab", "string_pattern_mismatch"),  # begins with a letter or digit
    ("-ab", "string_pattern_mismatch"),
    ("Customer onboarding (EU)", "string_pattern_mismatch"),
    ("café", "string_pattern_mismatch"),  # ASCII letters only
    ("ab\n", "string_pattern_mismatch"),  # `$` is the end of the text (Python's re differs)
]
TOKEN_NAMES: list[tuple[str, str | None]] = [
    ("ab", "string_pattern_mismatch"),
    ("abc", None),
    ("   ", None),
    ("ab\nc", "string_pattern_mismatch"),  # the first three may not be line feeds
    ("abc\n", None),
]
Case = tuple[type[BaseModel], dict[str, Any], tuple[str | int, ...], str | None]
KEYS_AT = ("authenticationMethod", "publicKeyInfo", "jwks", "keys")
PROJECT_INPUTS: list[type[BaseModel]] = [
    iam_client_models.CreateProjectInput,
    iam_client_models.UpdateProjectInput,
]
CASES: list[Case] = [
    *[
        (model, project(name), ("name",), e)
        for model in PROJECT_INPUTS
        for name, e in PROJECT_NAMES
    ],
    *[(iam_client_models.CreateTokenInput, token(name), ("name",), e) for name, e in TOKEN_NAMES],
    *[
        (iam_client_models.UpdateTokenInput, {"name": name}, ("name",), e)
        for name, e in TOKEN_NAMES
    ],
    (
        iam_client_models.GrantAccessInput,
        {"granteeDid": "did:key:z6Mk", "rights": []},
        ("rights",),
        "too_short",
    ),
    (
        iam_client_models.GrantAccessInput,
        {"granteeDid": "did:key:z6Mk", "rights": ["vfs-read"]},
        ("rights",),
        None,
    ),
    (iam_client_models.UpdateAccessInput, {"rights": []}, ("rights",), "too_short"),
    (iam_client_models.UpdateAccessInput, {"rights": ["vfs-write"]}, ("rights",), None),
    (
        iam_client_models.CreateTokenInput,
        {"name": "abc", "authenticationMethod": method([])},
        KEYS_AT,
        "too_short",
    ),
    (
        iam_client_models.CreateTokenInput,
        {"name": "abc", "authenticationMethod": method([KEY])},
        KEYS_AT,
        None,
    ),
    (
        iam_client_models.UpdateTokenInput,
        {"authenticationMethod": method([])},
        KEYS_AT,
        "too_short",
    ),
    (iam_client_models.UpdateTokenInput, {"authenticationMethod": method([KEY])}, KEYS_AT, None),
]


def case_id(
    case: Case,
) -> str:
    model, body, where, _error = case
    member: object = body
    for part in where:
        member = member[part]  # type: ignore[index]
    text = repr(member)
    return f"{model.__name__}-{text if len(text) < 20 else text[:8] + f'..({len(text)})'}"


@pytest.mark.parametrize("source", ["json", "python"])
@pytest.mark.parametrize("case", CASES, ids=[case_id(case) for case in CASES])
def test_a_request_enforces_upstreams_constraints_at_each_boundary(case: Case, source: str) -> None:
    model, body, where, error = case
    parse = (
        (lambda: model.model_validate_json(json.dumps(body)))
        if source == "json"
        else (lambda: model.model_validate(body))
    )
    result = outcome(parse)
    if error is None:
        assert isinstance(result, model), result
        assert json.loads(result.model_dump_json()) == body
        return
    assert isinstance(result, ValidationError)
    detail = only_error(result)
    assert (detail["type"], detail["loc"]) == (error, where)
    if error == "string_pattern_mismatch":
        # The rule in words, and the exact pattern beside it.
        assert detail["msg"].startswith("Input should be ") and "characters" in detail["msg"]
        assert detail["ctx"]["pattern"] in detail["msg"]


def test_a_response_keeps_values_that_break_upstreams_published_rules() -> None:
    # Published in the JSON Schema (`format: uuid`, `minItems: 1`), not enforced on what the
    # server sends: the Validation page says which.
    listed = iam_client_models.TokenDto.model_validate(
        {
            "id": "not-a-uuid",
            "ari": "token/x",
            "ownerAri": "o",
            "name": "n",
            "scopes": [],
            "authenticationMethod": method([]),
        }
    )
    assert listed.id == "not-a-uuid"
    assert iam_client_models.JsonWebKeySetDto.model_validate_json('{"keys": []}').keys == []
    grant = iam_client_models.GrantAccessOutput.model_validate_json(
        '{"success": true, "grantId": "g"}'
    )
    assert grant.grant_id == "g"

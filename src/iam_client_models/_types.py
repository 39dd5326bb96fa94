"""Field types and field metadata shared by the models."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any, cast

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, ValidationError, core_schema

__all__ = [
    "MAX_DEPTH",
    "MAX_SECONDS",
    "Pattern",
    "Seconds",
    "Unchecked",
    "UpstreamDeviation",
    "Writable",
]

MAX_SECONDS = timedelta.max.days * 86_400 + timedelta.max.seconds
"""The largest `Seconds` value, 86399999999999 (999,999,999 days, the most a `timedelta` holds).

Every accepted value converts with `timedelta(seconds=...)` and is exact as a JavaScript number
(below 2**53). A larger number is no real lifetime, and `timedelta(seconds=...)` would raise
`OverflowError` on it, far from the response that caused it.
"""


@dataclass(frozen=True)
class UpstreamDeviation:
    """Where a field deliberately differs from the `@affinidi-tdk/iam-client` declaration.

    Put it in the field's `Annotated[...]` metadata. The reference site shows the upstream
    TypeScript type with `reason` as a note, and the parity tests accept exactly these
    differences.
    """

    reason: str
    """Why the field differs, in Markdown; shown on the model page."""
    typescript_type: str | None = None
    """The TypeScript type upstream declares, where ours differs."""
    description: str | None = None
    """Upstream's description, where our docstring corrects it."""


class _SecondsSchema:
    """A non-negative whole number of seconds, also accepted as a string of digits.

    RFC 6749 makes `expires_in` a JSON number, but some servers send `"3600"` (Microsoft Entra
    ID's v1.0 token endpoint, for one). The schema is built in pydantic-core, so parsing stays
    native: a strict integer, or a string of ASCII digits converted to one, from 0 to
    `MAX_SECONDS`. Booleans,
    fractions, negative numbers, words and larger numbers are rejected.

    The two choices never both match, so the union tries them left to right (the common integer
    first) rather than in pydantic's "smart" mode, and serializes as a plain integer rather than
    inferring which choice a value came from: both keep this field's cost, at parse and at dump,
    close to a plain `int` field's (see the Performance page).
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.union_schema(
            [
                core_schema.int_schema(strict=True, ge=0, le=MAX_SECONDS),
                core_schema.chain_schema(
                    [
                        core_schema.str_schema(pattern=r"^[0-9]{1,18}$"),
                        core_schema.int_schema(le=MAX_SECONDS),
                    ]
                ),
            ],
            mode="left_to_right",
            custom_error_type="seconds_type",
            custom_error_message=(
                f"Input should be a whole number of seconds from 0 to {MAX_SECONDS}, "
                'as a JSON integer or a string of digits such as "3600"'
            ),
            serialization=core_schema.simple_ser_schema("int"),
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "integer", "minimum": 0, "maximum": MAX_SECONDS}


Seconds = Annotated[int, _SecondsSchema()]
"""A whole number of seconds from 0 to `MAX_SECONDS`; `3600` and `"3600"` both give `3600`."""


@dataclass(frozen=True)
class Unchecked:
    """A rule upstream declares that the JSON Schema publishes but parsing does not enforce.

    Put it in the `Annotated[...]` metadata of the type it applies to (inside `... | None`).
    `keyword` and `value` are added to that type's JSON Schema (`format: uuid`); a value that
    breaks the rule is kept, so that a program reading a response does not fail on a server's
    slip. `checked_by` names the request models that enforce it where they carry the value.
    """

    keyword: str
    """The JSON Schema keyword: `format`, `minItems`."""
    value: Any
    checked_by: tuple[str, ...] = ()
    """The request models that refuse a value breaking the rule."""

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema[self.keyword] = self.value
        return json_schema


@dataclass(frozen=True)
class Pattern:
    """A regular expression a string must match, with an error message that says the rule.

    pydantic-core checks the pattern (Rust `regex`: `$` is the end of the text, unlike Python's
    `re`, where it also matches before a final line feed) and the JSON Schema carries it as
    `pattern`; only the error message changes, from pydantic's "String should match pattern"
    to `rule`, words a person reads. The other errors of the field (wrong type, too long) are
    pydantic's own.
    """

    regex: str
    rule: str
    """What the value must be, completing "Input should be ..."."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        inner = handler(source)
        if inner["type"] != "str":
            raise TypeError(f"Pattern applies to a str, not {inner['type']}")
        cast(core_schema.StringSchema, inner)["pattern"] = self.regex
        message = f"Input should be {self.rule} (pattern {{pattern}})"
        regex = self.regex

        def validate(value: Any, validator: core_schema.ValidatorFunctionWrapHandler) -> Any:
            try:
                return validator(value)
            except ValidationError as error:
                if error.errors()[0]["type"] != "string_pattern_mismatch":
                    raise
                raise PydanticCustomError(
                    "string_pattern_mismatch", message, {"pattern": regex}
                ) from None

        return core_schema.no_info_wrap_validator_function(validate, inner)


MAX_DEPTH = 200
"""How deeply the value of an unknown member may nest arrays and objects: as deep as pydantic's
JSON parser reads (200 levels), well inside what its JSON serializer writes (about 250 levels,
fewer below nested models)."""


_SURROGATE = re.compile("[\ud800-\udfff]")
"""A UTF-16 surrogate code point: a `str` may hold one alone (`json.loads` makes one from the
escape `"\\ud800"`), UTF-8 cannot encode it, so the JSON serializer cannot write it."""


def _has_surrogate(text: str) -> bool:
    # Nearly every string is ASCII, which `isascii()` tells without a scan in Python.
    return not text.isascii() and _SURROGATE.search(text) is not None


# The values a JSON body holds besides arrays and objects, as `json.loads` makes them.
_JSON_SCALARS = (str, int, float, bool, type(None))


def _unwritable(value: Any) -> str | None:
    """Why the JSON serializer cannot write `value`, or `None`: `"deep"` where it nests lists,
    tuples and dicts more than `MAX_DEPTH` levels (a cycle counts as infinitely deep),
    `"surrogate"` where a string or a key holds a lone surrogate, `"type"` where a value is no
    JSON value (an `object()`, a `set`) or a key is no string. Iterative, so no input exhausts
    the stack."""
    if isinstance(value, str):
        return "surrogate" if _has_surrogate(value) else None
    if not isinstance(value, (list, tuple, dict)):
        return None if isinstance(value, _JSON_SCALARS) else "type"
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            for key in item:
                if not isinstance(key, str):
                    return "type"
                if _has_surrogate(key):
                    return "surrogate"
            children = item.values()
        else:
            children = item
        for child in children:
            if isinstance(child, (list, tuple, dict)):
                if depth >= MAX_DEPTH:
                    return "deep"
                stack.append((child, depth + 1))
            elif isinstance(child, str):
                if _has_surrogate(child):
                    return "surrogate"
            elif not isinstance(child, _JSON_SCALARS):
                return "type"
    return None


def _check_writable(value: Any, info: core_schema.ValidationInfo) -> Any:
    # JSON input can be neither: the parser stops at MAX_DEPTH levels and refuses an escaped
    # lone surrogate. Only Python input is walked, so parsing a body costs one call per
    # unknown member and nothing more.
    if info.mode != "python" or (isinstance(value, _JSON_SCALARS) and not isinstance(value, str)):
        return value
    problem = _unwritable(value)
    if problem == "type":
        raise PydanticCustomError(
            "json_value_type",
            "Input should be a JSON value (an object with string keys, an array, a string, a "
            "number, true, false or null), as a JSON body holds",
        )
    if problem == "deep":
        raise PydanticCustomError(
            "nesting_too_deep",
            "Input should nest arrays and objects at most {max_depth} levels deep, "
            "as deep as a JSON body may",
            {"max_depth": MAX_DEPTH},
        )
    if problem == "surrogate":
        # The type of the error a declared `str` field gives (pydantic-core's, see
        # `WireModel`), with a message that says which character, as the value may nest.
        raise PydanticCustomError(
            "string_unicode",
            "Input should hold only strings that UTF-8 can encode, "
            "without a lone surrogate (U+D800 to U+DFFF), as a JSON body may",
        )
    return value


class _WritableSchema:
    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.with_info_after_validator_function(_check_writable, handler(source))


Writable = Annotated[Any, _WritableSchema()]
"""Any JSON value that the JSON serializer can write again: arrays and objects at most
`MAX_DEPTH` levels deep, string keys, strings and keys without a lone surrogate. The type of
the unknown members of a response."""

"""Field types and field metadata shared by the models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

__all__ = ["MAX_SECONDS", "Seconds", "UpstreamDeviation"]

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

    RFC 6749 makes `expires_in` a JSON number, but some servers (Microsoft Entra ID, PayPal)
    send `"3600"`. The schema is built in pydantic-core, so parsing stays native: a strict
    integer, or a string of ASCII digits converted to one, from 0 to `MAX_SECONDS`. Booleans,
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

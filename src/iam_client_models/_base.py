"""The two kinds of model, what the server sends and what a client sends, written once.

Every model of the package derives from `ResponseModel` or `RequestModel`. Both

- take field descriptions from the attribute docstring under each field;
- validate on assignment, so no value reaches a field without passing its validation;
- refuse a `str` that holds a lone surrogate (which `json.loads` makes from `"\\ud800"`), at
  its member, with `string_unicode`: UTF-8 cannot encode it, so `model_dump_json()` could not
  write it (JSON input cannot hold one: pydantic's parser refuses the escape);
- keep input values out of validation error messages (`hide_input_in_errors`): a value may be
  a credential;
- read and write upstream's wire names (`ownerAri`) and accept the Python names (`owner_ari`)
  too: `model_dump()` and `model_dump_json()` give the wire form with no arguments;
- dump only the members that were set, so a parsed response dumps back the members that were
  received (with the values as the fields hold them: a `"3600"` lifetime comes back as `3600`,
  the declared members first), and a request built from Python sends no `null` for a member
  that was left out (the TypeScript declarations say `name?: string`: absent, never `null`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from iam_client_models._types import Writable

__all__ = ["RequestModel", "ResponseModel", "WireModel"]


class _Hidden:
    """Stands for a value that printed output leaves out."""

    def __repr__(self) -> str:
        return "<hidden>"


_HIDDEN = _Hidden()


class WireModel(BaseModel):
    """What every model of the package shares: wire names, docstrings, checked assignment."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_alias=True,
        validate_by_name=True,
        serialize_by_alias=True,
        use_attribute_docstrings=True,
        hide_input_in_errors=True,
        validate_assignment=True,
        # Any length constraint (this one, 0, refuses nothing) makes pydantic-core read each
        # `str` as UTF-8, which refuses a lone surrogate with `string_unicode`. It is native, a
        # few nanoseconds a string; a Python validator per field would cost the parse far more.
        str_min_length=0,
    )

    # `**kwargs` keeps pydantic's own signature and its documentation; only the default of
    # `exclude_unset` changes, for the reason in the module docstring. Called with no arguments
    # (the common case) they ask the serializer directly: pydantic's method handles arguments
    # in Python first, a cost the size of a small body's whole dump (see the Performance page).
    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        """As `BaseModel.model_dump`, but `exclude_unset` defaults to `True`."""
        if not kwargs:
            dumped: dict[str, Any] = self.__pydantic_serializer__.to_python(
                self, exclude_unset=True
            )
            return dumped
        kwargs.setdefault("exclude_unset", True)
        return super().model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        """As `BaseModel.model_dump_json`, but `exclude_unset` defaults to `True`."""
        if not kwargs:
            return self.__pydantic_serializer__.to_json(self, exclude_unset=True).decode()
        kwargs.setdefault("exclude_unset", True)
        return super().model_dump_json(**kwargs)


class ResponseModel(WireModel):
    """A body the server sends: members this model does not know are kept, values hidden.

    A newer server may add members; they are accepted and dumped again, so nothing is lost. A
    server may add a credential this model does not know of, so printed output names unknown
    members but never shows their values. An unknown member's value may nest arrays and objects
    `MAX_DEPTH` levels deep, as a JSON body may, and holds no lone surrogate: such a value given
    from Python is a validation error, not a failure of a later `model_dump_json()`.
    """

    model_config = ConfigDict(extra="allow")

    __pydantic_extra__: dict[str, Writable]

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        extra = self.__pydantic_extra__ or {}
        for name, value in super().__repr_args__():
            yield name, _HIDDEN if name in extra else value


class RequestModel(WireModel):
    """A body a client sends: a member this model does not know is an error that names it.

    A misspelt member is caught before the request is sent. (Upstream's OpenAPI document of
    1.43.0 declares each request body `additionalProperties: false`; what the server does with
    an unknown member, upstream's 1.48.0 sources do not say.)
    """

    model_config = ConfigDict(extra="forbid")

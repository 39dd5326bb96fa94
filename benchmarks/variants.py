"""What each item of our models' config costs at parse and dump: a differential profile.

The time goes inside pydantic-core, where a Python profiler sees one call. So the benchmark
builds replicas of our token response, list and error models, the same shapes as the bare
models (`bare_model`, `bare_shapes`), with the items that make ours differ from the bare models
switched on one at a time (each model has the items that apply to it, `ITEMS_BY_KIND`):

- `aliases`: snake_case attributes with camelCase wire names (`alias_generator=to_camel`,
  `validate_by_name`, `validate_by_alias`, `serialize_by_alias`), where the bare models name
  their attributes as on the wire; the token response keeps its snake_case wire names, as ours
  does (`alias_generator=None`), and has the three flags only;
- `extra='allow'`: unknown members are kept (each instance gets a `__pydantic_extra__` dict);
- `validate_assignment`, `hide_input_in_errors`;
- `Seconds`: the token response's `expires_in` takes `3600` or `"3600"`, within bounds
  (`_types.Seconds`), where the bare model has `int | None`;
- `StrictBool`: `identityVerificationEnabled` accepts only `true` and `false`;
- `one-member union`: the public key info union is tried left to right inside pydantic-core
  (the inline keys first), and each of its two models rejects the other's member in an
  after-validator, so a body gives exactly one of `jwks` and `jwksUri`; the bare union is
  pydantic's "smart" one, which tries both models;
- `dump override`: `model_dump_json`, called without arguments, asks the model's serializer for
  the JSON (`__pydantic_serializer__.to_json(self, exclude_unset=True)`); every candidate dumps
  with `exclude_unset`, so all write the same text.

The replica with every item should cost what ours costs; every item but X shows what dropping
X alone would save. These are the figures behind the Performance page's explanation of a
missed parse or dump target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    Tag,
    create_model,
    model_validator,
)
from pydantic.alias_generators import to_camel, to_snake

from iam_client_models._types import Seconds

__all__ = ["ALTERNATIVES", "ITEMS", "ITEMS_BY_KIND", "Variant", "build_variant", "variant_sets"]

ITEMS = (
    "aliases",
    "extra='allow'",
    "validate_assignment",
    "hide_input_in_errors",
    "Seconds",
    "StrictBool",
    "one-member union",
    "dump override",
)
"""The items of our config and field types, as `build_variant` knows them."""

_SHARED = ("aliases", "extra='allow'", "validate_assignment", "hide_input_in_errors")
ITEMS_BY_KIND = {
    "token": (*_SHARED, "Seconds", "dump override"),
    "projects": (*_SHARED, "StrictBool", "dump override"),
    "tokens": (*_SHARED, "one-member union", "dump override"),
    "error": (*_SHARED, "dump override"),
}
"""The items that apply to each model (the others change nothing in it)."""

ALTERNATIVES = {
    "callable discriminator": "one-member union",
    "left-to-right union without the check": "one-member union",
    "dump override through pydantic's method": "dump override",
}
_ALTERNATIVES_BY_KIND = {
    "token": ("dump override through pydantic's method",),
    "projects": ("dump override through pydantic's method",),
    "tokens": (
        "callable discriminator",
        "left-to-right union without the check",
        "dump override through pydantic's method",
    ),
    "error": ("dump override through pydantic's method",),
}
"""Other ways to the same result, each with the item of ours it would replace: the designs
ours had before this benchmark measured them, and a cheaper one that is not correct.

- `callable discriminator`: the union picks its member with a Python function, as ours did.
  To call it, pydantic-core first turns the JSON of the keys into Python objects.
- `left-to-right union without the check`: cheapest, but it would accept a body with both
  `jwks` and `jwksUri` (the second kept as an unknown member).
- `dump override through pydantic's method`: `model_dump_json` sets `exclude_unset=True` and
  calls pydantic's method, which handles its arguments in Python first, as ours did.
"""

Variant = dict[str, type[BaseModel]]
"""The replica of each model by payload kind: `token`, `projects`, `tokens`, `error`."""


def _base(items: frozenset[str]) -> type[BaseModel]:
    config: dict[str, Any] = {}
    if "aliases" in items:
        config.update(
            alias_generator=to_camel,
            validate_by_name=True,
            validate_by_alias=True,
            serialize_by_alias=True,
        )
    if "extra='allow'" in items:
        config["extra"] = "allow"
    for flag in ("validate_assignment", "hide_input_in_errors"):
        if flag in items:
            config[flag] = True
    namespace: dict[str, Any] = {"model_config": ConfigDict(**config)}  # type: ignore[typeddict-item]
    if "dump override through pydantic's method" in items:

        def model_dump_json(self: BaseModel, **kwargs: Any) -> str:
            kwargs.setdefault("exclude_unset", True)
            return BaseModel.model_dump_json(self, **kwargs)

        namespace["model_dump_json"] = model_dump_json
    if "dump override" in items:

        def direct_dump_json(self: BaseModel, **kwargs: Any) -> str:
            if not kwargs:
                return self.__pydantic_serializer__.to_json(self, exclude_unset=True).decode()
            kwargs.setdefault("exclude_unset", True)
            return BaseModel.model_dump_json(self, **kwargs)

        namespace["model_dump_json"] = direct_dump_json
    base: type[BaseModel] = type("VariantBase", (BaseModel,), namespace)
    return base


def build_variant(items: Iterable[str]) -> Variant:
    """Replicas of the token response, ProjectList, TokenList and InvalidParameterError with
    `items` switched on."""
    chosen = frozenset(items)
    unknown = chosen - set(ITEMS) - set(ALTERNATIVES)
    if unknown:
        raise ValueError(f"unknown items {sorted(unknown)}")
    base = _base(chosen)

    def model(
        name: str,
        fields: list[tuple[str, Any, Any]],
        check: Any = None,
        parent: type[BaseModel] = base,
    ) -> type[BaseModel]:
        definitions: dict[str, Any] = {
            (to_snake(wire) if "aliases" in chosen else wire): (annotation, default)
            for wire, annotation, default in fields
        }
        validators = {"one_member": check} if check is not None else None
        created: type[BaseModel] = create_model(
            name, __base__=parent, __validators__=validators, **definitions
        )
        return created

    # The OAuth members keep their snake_case wire names, as in ours: no alias generator.
    snake_base = type("SnakeBase", (base,), {"model_config": ConfigDict(alias_generator=None)})
    seconds = Seconds if "Seconds" in chosen else int
    token_response = model(
        "TokenResponse",
        [
            ("access_token", str | None, None),
            ("expires_in", seconds | None, None),
            *((member, str | None, None) for member in ("id_token", "refresh_token")),
            *((member, str | None, None) for member in ("scope", "token_type")),
        ],
        parent=snake_base,
    )

    flag = StrictBool if "StrictBool" in chosen else bool
    project: Any = model(
        "Project",
        [
            ("id", str, ...),
            ("name", str, ...),
            ("ownerId", str | None, None),
            ("description", str | None, None),
            ("identityVerificationEnabled", flag | None, None),
            ("createdAt", str | None, None),
            ("updatedAt", str | None, None),
        ],
    )
    projects = model(
        "ProjectList", [("projects", list[project], ...), ("lastEvaluatedKey", str | None, None)]
    )
    key: Any = model(
        "Key",
        [
            ("kid", str, ...),
            ("kty", str, ...),
            *((member, str | None, None) for member in ("n", "e", "x", "y", "crv")),
            ("alg", str, ...),
            ("use", str, ...),
        ],
    )
    key_set = model("KeySet", [("keys", list[key], ...)])
    checked = "one-member union" in chosen
    inline = model("InlineKeys", [("jwks", key_set, ...)], _only("jwksUri") if checked else None)
    by_url = model("KeysByUrl", [("jwksUri", str, ...)], _only("jwks") if checked else None)
    key_info: Any = Union[inline, by_url]  # noqa: UP007
    if "left-to-right union without the check" in chosen or checked:
        key_info = Annotated[key_info, Field(union_mode="left_to_right")]
    elif "callable discriminator" in chosen:
        key_info = Annotated[
            Union[Annotated[inline, Tag("jwks")], Annotated[by_url, Tag("jwksUri")]],  # noqa: UP007
            Discriminator(_kind(inline, by_url)),
        ]
    method = model(
        "AuthenticationMethod",
        [
            ("type", Literal["PRIVATE_KEY"], ...),
            ("signingAlgorithm", Literal["RS256", "RS512", "ES256", "ES512"], ...),
            ("publicKeyInfo", key_info, ...),
        ],
    )
    token: Any = model(
        "Token",
        [
            ("id", str, ...),
            ("ari", str, ...),
            ("ownerAri", str, ...),
            ("name", str, ...),
            ("authenticationMethod", method, ...),
            ("scopes", list[str], ...),
        ],
    )
    tokens = model(
        "TokenList", [("tokens", list[token], ...), ("lastEvaluatedKey", str | None, None)]
    )
    detail: Any = model(
        "Detail",
        [
            ("issue", str, ...),
            *((member, str | None, None) for member in ("field", "value", "location")),
        ],
    )
    error = model(
        "InvalidParameterError",
        [
            ("name", Literal["InvalidParameterError"], ...),
            ("message", str, ...),
            ("httpStatusCode", Literal[400], ...),
            ("traceId", str, ...),
            ("details", list[detail] | None, None),
        ],
    )
    return {"token": token_response, "projects": projects, "tokens": tokens, "error": error}


def _only(other: str) -> Any:
    """An after-validator that rejects the other member of the union, kept as an extra."""

    def check(self: BaseModel) -> BaseModel:
        extra = self.__pydantic_extra__
        if extra and (other in extra or to_snake(other) in extra):
            raise ValueError("give exactly one of jwks and jwksUri")
        return self

    return model_validator(mode="after")(check)


def _kind(inline: type[BaseModel], by_url: type[BaseModel]) -> Callable[[Any], str | None]:
    """The same function as `tokens._public_key_info_kind`, for the replica's two models."""

    def kind(value: Any) -> str | None:
        if isinstance(value, inline):
            return "jwks"
        if isinstance(value, by_url):
            return "jwksUri"
        if not isinstance(value, dict):
            return None
        has_inline = "jwks" in value
        has_url = "jwksUri" in value or "jwks_uri" in value
        if has_inline == has_url:
            return None
        return "jwks" if has_inline else "jwksUri"

    return kind


def variant_sets(kind: str) -> dict[str, frozenset[str]]:
    """The replicas of the `kind` model the benchmark times.

    Every item that applies to it; every item but one, in turn (what dropping it would save);
    the bare shape with one item (what it costs alone); every item with an alternative in place
    of the item it replaces.
    """
    items = ITEMS_BY_KIND[kind]
    every = frozenset(items)
    sets = {"replica, every item": every}
    for item in items:
        sets[f"replica without {item}"] = every - {item}
    for item in items:
        sets[f"bare + {item}"] = frozenset({item})
    for alternative in _ALTERNATIVES_BY_KIND[kind]:
        replaced = ALTERNATIVES[alternative]
        sets[f"replica with a {alternative} for the {replaced}"] = every - {replaced} | {
            alternative
        }
    return sets

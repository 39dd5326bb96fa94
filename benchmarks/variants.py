"""What each item of our models' config costs at parse and dump: a differential profile.

The time goes inside pydantic-core, where a Python profiler sees one call. So the benchmark
builds replicas of our list and error models, the same shapes as `bare_shapes`, with the items
that make ours differ from the bare models switched on one at a time:

- `aliases`: snake_case attributes with camelCase wire names (`alias_generator=to_camel`,
  `validate_by_name`, `validate_by_alias`, `serialize_by_alias`), where the bare models name
  their attributes as on the wire;
- `extra='allow'`: unknown members are kept (each instance gets a `__pydantic_extra__` dict);
- `validate_assignment`, `hide_input_in_errors`;
- `StrictBool`: `identityVerificationEnabled` accepts only `true` and `false`;
- `callable discriminator`: the public key info union picks its member with a Python function
  (`tokens._public_key_info_kind`), where the bare union tries both models;
- `dump override`: `model_dump_json` is a Python method that sets `exclude_unset=True` and calls
  pydantic's (every candidate dumps with `exclude_unset`, so all write the same text).

`all` has every item: it should cost what ours costs; `all but X` shows what dropping X alone
would save. These are the figures behind the Performance page's explanation of a missed
parse or dump target.
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

__all__ = ["ITEMS", "Variant", "build_variant", "variant_sets"]

ITEMS = (
    "aliases",
    "extra='allow'",
    "validate_assignment",
    "hide_input_in_errors",
    "StrictBool",
    "callable discriminator",
    "dump override",
)
"""The items of our config and field types, as `build_variant` knows them."""

ALTERNATIVES = {
    "left-to-right union": "callable discriminator",
    "left-to-right union, one-member check": "callable discriminator",
    "direct dump override": "dump override",
}
"""Cheaper ways to the same result, each with the item it would replace.

The public key info union tried left to right, the inline keys first: pydantic-core picks the
member without converting the body to Python objects for a discriminator function, and without
trying (and keeping the members of) a second choice. Alone it would accept a body with both
`jwks` and `jwksUri` (the second as an unknown member); with the one-member check, each of the
two models rejects the other's member in an after-validator, as the discriminator does now.

The direct dump override: called without arguments, `model_dump_json` asks the model's
serializer for the JSON itself (`__pydantic_serializer__.to_json(self, exclude_unset=True)`),
skipping both its own Python call of pydantic's method and that method's argument handling;
with arguments it does what the override does now.
"""

Variant = dict[str, type[BaseModel]]
"""The replica of each model by payload kind: `projects`, `tokens`, `error`."""


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
    if "dump override" in items:

        def model_dump_json(self: BaseModel, **kwargs: Any) -> str:
            kwargs.setdefault("exclude_unset", True)
            return BaseModel.model_dump_json(self, **kwargs)

        namespace["model_dump_json"] = model_dump_json
    if "direct dump override" in items:

        def direct_dump_json(self: BaseModel, **kwargs: Any) -> str:
            if not kwargs:
                return self.__pydantic_serializer__.to_json(self, exclude_unset=True).decode()
            kwargs.setdefault("exclude_unset", True)
            return BaseModel.model_dump_json(self, **kwargs)

        namespace["model_dump_json"] = direct_dump_json
    base: type[BaseModel] = type("VariantBase", (BaseModel,), namespace)
    return base


def build_variant(items: Iterable[str]) -> Variant:
    """Replicas of ProjectList, TokenList and InvalidParameterError with `items` switched on."""
    chosen = frozenset(items)
    unknown = chosen - set(ITEMS) - set(ALTERNATIVES)
    if unknown:
        raise ValueError(f"unknown items {sorted(unknown)}")
    base = _base(chosen)

    def model(name: str, fields: list[tuple[str, Any, Any]], check: Any = None) -> type[BaseModel]:
        definitions: dict[str, Any] = {
            (to_snake(wire) if "aliases" in chosen else wire): (annotation, default)
            for wire, annotation, default in fields
        }
        validators = {"one_member": check} if check is not None else None
        created: type[BaseModel] = create_model(
            name, __base__=base, __validators__=validators, **definitions
        )
        return created

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
    checked = "left-to-right union, one-member check" in chosen
    inline = model("InlineKeys", [("jwks", key_set, ...)], _only("jwksUri") if checked else None)
    by_url = model("KeysByUrl", [("jwksUri", str, ...)], _only("jwks") if checked else None)
    key_info: Any = Union[inline, by_url]  # noqa: UP007
    if "left-to-right union" in chosen or checked:
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
    return {"projects": projects, "tokens": tokens, "error": error}


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


def variant_sets() -> dict[str, frozenset[str]]:
    """The replicas the benchmark times.

    Every item; every item but one, in turn (what dropping it would save); the bare shape with
    one item (what it costs alone); every item with an alternative in place of the item it
    replaces.
    """
    every = frozenset(ITEMS)
    sets = {"replica, every item": every}
    for item in ITEMS:
        sets[f"replica without {item}"] = every - {item}
    for item in ITEMS:
        sets[f"bare + {item}"] = frozenset({item})
    for alternative, replaced in ALTERNATIVES.items():
        sets[f"replica with a {alternative} for the {replaced}"] = every - {replaced} | {
            alternative
        }
    return sets

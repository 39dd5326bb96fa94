"""Our models' constraints against the validators of upstream's Python client, read from its source.

The client (`affinidi-tdk-iam-client`, pinned by hash in tests/upstream-python-client.txt and
unpacked by tests/upstream_python.py, which skips without it, or fails with CI set) is
upstream's Python client at the 1.48.0 release. Its model files are parsed with `ast`, never
imported (it needs pydantic 1): `constr(max_length=...)`, `conlist(min_items=...)`,
`conint(ge=..., le=...)`, `re.match(...)` validators and `value not in (...)` enumerations
become the JSON Schema keywords they mean, and each must be in the JSON Schema of our model's
field, enforced. A deliberate difference is an `UpstreamDeviation` on the field; the test
accepts no other.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import iam_client_models
from iam_client_docs.describe import (
    CONSTRAINT_KEYWORDS,
    describe_model,
    public_models,
)
from tests.upstream_python import upstream_python_client

PACKAGE = "iam_client_models"
MODELS = {model.__name__: model for model in public_models(iam_client_models)}

# Keywords of ours that upstream's Python client does not have, each with its source: the
# formats of upstream's OpenAPI document of 1.43.0 that 1.48.0 does not contradict.
FROM_THE_1_43_DOCUMENT = {
    ("TokenDto", "id", "format"): "uuid",
    ("GrantAccessOutput", "grantId", "format"): "uuid",
    ("TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfoOneOf1", "jwksUri", "format"): "url",
    ("ConsumerAuthTokenEndpointOutput", "expires_in", "format"): "int64",
}


@dataclass(frozen=True)
class Rule:
    model: str
    member: str
    """The wire name."""
    keyword: str
    value: Any
    source: str
    """The file and line it was read from."""


_CALLS = {
    "constr": {"max_length": "maxLength", "min_length": "minLength", "regex": "pattern"},
    "conlist": {"min_items": "minItems", "max_items": "maxItems"},
    "conint": {
        "ge": "minimum",
        "le": "maximum",
        "gt": "exclusiveMinimum",
        "lt": "exclusiveMaximum",
    },
}


def _alias(value: ast.expr | None, name: str) -> str:
    if isinstance(value, ast.Call):
        for keyword in value.keywords:
            if keyword.arg == "alias" and isinstance(keyword.value, ast.Constant):
                return str(keyword.value.value)
    return name


def _rules(path: str, source: str) -> Iterator[Rule]:
    tree = ast.parse(source)
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        members: dict[str, str] = {}
        for node in cls.body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                python = node.target.id
                members[python] = _alias(node.value, python)
                for call in ast.walk(node.annotation):
                    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                        continue
                    for keyword in call.keywords:
                        mapped = _CALLS.get(call.func.id, {}).get(keyword.arg or "")
                        if mapped:
                            value = ast.literal_eval(keyword.value)
                            yield Rule(
                                cls.name, members[python], mapped, value, f"{path}:{call.lineno}"
                            )
        for node in cls.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            fields = [
                arg.value
                for decorator in node.decorator_list
                if isinstance(decorator, ast.Call)
                and getattr(decorator.func, "id", None) == "validator"
                for arg in decorator.args
                if isinstance(arg, ast.Constant)
            ]
            for field in fields:
                if field not in members:
                    continue  # the oneOf wrapper's `actual_instance`: the union, not a member
                member = members[field]
                for item in ast.walk(node):
                    where = f"{path}:{getattr(item, 'lineno', node.lineno)}"
                    if (
                        isinstance(item, ast.Call)
                        and isinstance(item.func, ast.Attribute)
                        and item.func.attr == "match"
                        and getattr(item.func.value, "id", None) == "re"
                    ):
                        pattern = ast.literal_eval(item.args[0])
                        # `re.match` anchors at the start only: as a JSON Schema pattern
                        # (a search), the same rule starts with `^`.
                        anchored = pattern if pattern.startswith("^") else "^" + pattern
                        yield Rule(cls.name, member, "pattern", anchored, where)
                    if (
                        isinstance(item, ast.Compare)
                        and isinstance(item.ops[0], ast.NotIn)
                        and isinstance(item.comparators[0], ast.Tuple)
                    ):
                        values = ast.literal_eval(item.comparators[0])
                        yield Rule(cls.name, member, "enum", tuple(values), where)


def upstream_rules(client: Path) -> list[Rule]:
    """Every rule of the client's model files (`client` is its unpacked package folder)."""
    rules: list[Rule] = []
    for path in sorted((client / "models").glob("*.py")):
        if path.name != "__init__.py":
            source = path.read_text(encoding="utf-8")
            rules += _rules(f"{client.name}/models/{path.name}", source)
    return rules


def _value_schema(model: type[BaseModel], member: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    prop = schema["properties"][member]
    for item in prop.get("anyOf", []):
        if item != {"type": "null"}:
            return {**item, **{k: v for k, v in prop.items() if k != "anyOf"}}
    return dict(prop)


def _deviates(model: type[BaseModel], member: str) -> bool:
    doc = describe_model(model, PACKAGE)
    return any(field.name == member and field.deviation is not None for field in doc.fields)


def _ours(model: type[BaseModel], member: str, keyword: str) -> tuple[bool, Any]:
    """Whether our field enforces `keyword`, and its value (`None` where it has none)."""
    schema = _value_schema(model, member)
    if keyword == "enum":
        if "const" in schema:
            return True, (schema["const"],)
        return True, tuple(schema["enum"]) if "enum" in schema else None
    doc = describe_model(model, PACKAGE)
    (field,) = [field for field in doc.fields if field.name == member]
    for constraint in field.constraints:
        if constraint.keyword == keyword:
            return constraint.checked, constraint.value
    return False, None


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return upstream_rules(upstream_python_client())


def test_the_source_yields_the_rules_upstream_is_known_for(rules: list[Rule]) -> None:
    # The parser finds what the client is known to check (a parser that finds nothing would
    # let every comparison below pass).
    found = {(rule.model, rule.member, rule.keyword) for rule in rules}
    for expected in [
        ("CreateProjectInput", "name", "maxLength"),
        ("UpdateProjectInput", "name", "pattern"),
        ("CreateTokenInput", "name", "pattern"),
        ("GrantAccessInput", "rights", "minItems"),
        ("JsonWebKeySetDto", "keys", "minItems"),
        ("ConsumerAuthTokenEndpointInput", "grant_type", "enum"),
        ("NotFoundError", "message", "enum"),
    ]:
        assert expected in found, expected


def test_each_upstream_constraint_is_ours_or_a_declared_deviation(rules: list[Rule]) -> None:
    problems = []
    for rule in rules:
        model = MODELS.get(rule.model)
        assert model is not None, f"{rule.source}: upstream model {rule.model} has no model here"
        enforced, value = _ours(model, rule.member, rule.keyword)
        if enforced and value == rule.value:
            continue
        if _deviates(model, rule.member):
            continue
        problems.append(
            f"{rule.model}.{rule.member}: upstream ({rule.source}) has {rule.keyword} "
            f"{rule.value!r}; ours {'enforces' if enforced else 'publishes'} {value!r} "
            "(a deliberate difference is an UpstreamDeviation on the field)"
        )
    assert not problems, "\n".join(problems)


def test_each_constraint_of_ours_is_upstreams_or_sourced_or_declared(rules: list[Rule]) -> None:
    theirs = {(rule.model, rule.member, rule.keyword) for rule in rules}
    problems = []
    for name, model in MODELS.items():
        for field in describe_model(model, PACKAGE).fields:
            for constraint in field.constraints:
                key = (name, field.name, constraint.keyword)
                if key in theirs or field.deviation is not None:
                    continue
                if FROM_THE_1_43_DOCUMENT.get(key) == constraint.value:
                    continue
                problems.append(
                    f"{name}.{field.name}: {constraint.keyword} {constraint.value!r} is neither "
                    "upstream's, nor a format of the 1.43.0 document, nor declared"
                )
    assert not problems, "\n".join(problems)
    assert set(CONSTRAINT_KEYWORDS) >= {keyword for _, _, keyword in FROM_THE_1_43_DOCUMENT}


def test_the_parser_reads_each_kind_of_rule() -> None:
    source = """
class Model(BaseModel):
    name: constr(strict=True, max_length=100) = Field(...)
    items: conlist(StrictStr, min_items=1) = Field(default=..., alias="itemList")
    limit: Optional[conint(strict=True, le=100, ge=1)] = None
    kind: StrictStr

    @validator('name')
    def name_validate_regular_expression(cls, value):
        if not re.match(r".{3,}", value):
            raise ValueError("no")
        return value

    @validator('kind')
    def kind_validate_enum(cls, value):
        if value not in ('a', 'b',):
            raise ValueError("no")
        return value
"""
    found = {(rule.member, rule.keyword, rule.value) for rule in _rules("m.py", source)}
    assert found == {
        ("name", "maxLength", 100),
        ("name", "pattern", "^.{3,}"),
        ("itemList", "minItems", 1),
        ("limit", "maximum", 100),
        ("limit", "minimum", 1),
        ("kind", "enum", ("a", "b")),
    }

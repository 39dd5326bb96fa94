"""What every public model owes its reference page, checked on each model in `__all__`."""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import pkgutil
import textwrap
import types
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from pydantic import BaseModel

import iam_client_models
from iam_client_docs.describe import (
    _without_none,
    describe_model,
    is_type_alias,
    public_models,
    public_types,
    type_of,
)
from iam_client_docs.descriptions import ArrayType, ConstantType, EnumType, ModelType, UnionType
from tests.upstream_dts import Package, documented_models

MODELS = public_models(iam_client_models)


def test_every_upstream_model_is_documented_in_upstream_order(upstream: Package) -> None:
    # The order of the pinned package's "Documentation For Models", which `__all__` keeps.
    assert [obj.__name__ for obj in public_types(iam_client_models)] == documented_models(upstream)


def page_types_not_exported(package: types.ModuleType) -> list[str]:
    """Public models, enumerations and named unions of the package's modules missing from
    its `__all__`: they would pass every model test and get no page.

    The modules are those of the package but `_`-private ones (bases, helpers) and
    `endpoints` (the declarations of the operations). An unparametrised generic model (the
    base `ErrorModel[N, M, S]`) parses no body: its concrete subclasses are the models.
    """
    exported = set(package.__all__)
    missing = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name.startswith("_") or module_info.name == "endpoints":
            continue
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if getattr(obj, "__name__", None) != name or not name.isidentifier():
                continue  # another name for it; or pydantic's `Model[int]`, filed here too
            model = isinstance(obj, type) and issubclass(obj, BaseModel)
            if model and obj.__pydantic_generic_metadata__["parameters"]:
                continue
            page = model or (isinstance(obj, type) and issubclass(obj, enum.Enum))
            if (page or is_type_alias(obj)) and name not in exported:
                missing.append(f"{module.__name__}.{name}")
    return missing


def test_every_model_of_the_package_is_exported() -> None:
    assert page_types_not_exported(iam_client_models) == []


def test_a_model_left_out_of_all_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "sample_models"
    package.mkdir()
    (package / "__init__.py").write_text('__all__ = ["Shown"]\n', encoding="utf-8")
    (package / "_base.py").write_text(
        "from pydantic import BaseModel\nclass Base(BaseModel): pass\n", encoding="utf-8"
    )
    source = """
        import enum
        from typing import Generic, TypeVar, Union
        from pydantic import BaseModel
        from typing_extensions import TypeAliasType
        from sample_models._base import Base
        T = TypeVar("T")
        class Shown(Base): pass
        class Forgotten(Base): pass
        class Colour(str, enum.Enum):
            RED = "red"
        Either = TypeAliasType("Either", Union[Shown, Forgotten])
        class Generic_(BaseModel, Generic[T]): pass
        class Concrete(Generic_[int]): pass
        class _Private(Base): pass
        Alias = Shown
    """
    (package / "things.py").write_text(textwrap.dedent(source), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sample = importlib.import_module("sample_models")
    assert page_types_not_exported(sample) == [
        "sample_models.things.Forgotten",
        "sample_models.things.Colour",
        "sample_models.things.Either",
        "sample_models.things.Concrete",
    ]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_has_a_docstring_and_leaf_fields_their_own_examples(
    model: type[BaseModel],
) -> None:
    assert inspect.cleandoc(model.__doc__ or "") not in (
        "",
        inspect.cleandoc(BaseModel.__doc__ or ""),
    )
    for name, info in model.model_fields.items():
        assert info.description and info.description.strip(), name
        bare, _ = _without_none(info.annotation)
        described = type_of(bare, model.__name__, name)
        nested = isinstance(described, (ModelType, UnionType)) or (
            isinstance(described, ArrayType) and isinstance(described.item, (ModelType, UnionType))
        )
        if nested:
            # A nested example is the nested model's own: never written a second time.
            assert not info.examples, f"{name}: drop the examples, the nested model has them"
        elif not isinstance(described, (ConstantType, EnumType)):
            assert info.examples, f"{name} has no example values"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_descriptions_have_no_escaping_debris(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        assert info.description is not None
        assert "&quot;" not in info.description, name
        assert "\\&" not in info.description, name
        assert "\\'" not in info.description, name


def _examples(model: type[BaseModel]) -> list[tuple[str, dict[str, object]]]:
    """The model's example instance, and one more for each further example of a field and each
    further declared model example: every example value the source holds, in a whole body."""
    doc = describe_model(model, "iam_client_models")
    bodies = [("the page's example", doc.example)]
    extra = model.model_config.get("json_schema_extra")
    declared = extra.get("examples", []) if isinstance(extra, dict) else []
    assert isinstance(declared, list)
    bodies += [(f"declared example {i}", dict(body)) for i, body in enumerate(declared)]  # type: ignore[arg-type]
    for field in doc.fields:
        info = model.model_fields[field.attribute]
        for index, value in enumerate(info.examples or []):
            bodies.append((f"{field.name} example {index}", {**doc.example, field.name: value}))
    return bodies


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_example_satisfies_every_constraint(model: type[BaseModel]) -> None:
    # The model enforces what it checks; its published JSON Schema (which openapi.json is made
    # from) adds what it only publishes, such as `format: uuid`.
    validator = Draft202012Validator(
        model.model_json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for where, body in _examples(model):
        model.model_validate_json(json.dumps(body))
        model.model_validate(body)
        problems = [error.message for error in validator.iter_errors(body)]
        assert not problems, f"{model.__name__}, {where}: {problems}"

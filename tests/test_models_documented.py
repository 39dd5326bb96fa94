"""What every public model owes its reference page, checked on each model in `__all__`."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

import iam_client_models
from iam_client_docs.describe import public_models

MODELS = public_models(iam_client_models)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_has_a_docstring_and_examples_from_the_source(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        assert info.description and info.description.strip(), name
        assert info.examples, name
    assert "token endpoint" in (model.__doc__ or "")


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_descriptions_have_no_escaping_debris(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        assert info.description is not None
        assert "&quot;" not in info.description, name
        assert "\\&" not in info.description, name


def test_both_endpoint_models_are_public() -> None:
    names = [model.__name__ for model in MODELS]
    assert names == ["ConsumerAuthTokenEndpointInput", "ConsumerAuthTokenEndpointOutput"]

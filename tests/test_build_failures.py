"""Each way the model source can fail the site build, through a real build of a copy.

The message names the culprit. (A field without a docstring or examples, and a back-link target
that does not exist, are in tests/test_site.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Build
from tests.test_site import EXTRA_MODEL, add_model


def no_class_docstring(project: Path) -> None:
    add_model(
        project,
        EXTRA_MODEL.replace('    """A model that exists only in this temporary copy."""\n', ""),
    )


def listed_twice(project: Path) -> None:
    add_model(project)
    add_model(project)  # a second registration line for the same name


def one_name_exported_as_another(project: Path) -> None:
    add_model(project)
    add_model(project, module="other_model", export="OtherModel")


def names_equal_but_for_case(project: Path) -> None:
    add_model(project)
    source = EXTRA_MODEL.replace("class ExtraTestModel(", "class Extratestmodel(")
    add_model(project, source, name="Extratestmodel", module="extratestmodel")


def hand_written_page_for_a_model(project: Path) -> None:
    add_model(project)
    (project / "docs" / "models").mkdir()
    (project / "docs" / "models" / "ExtraTestModel.md").write_text("# Mine\n", encoding="utf-8")


CASES: list[tuple[Callable[[Path], None], str]] = [
    (no_class_docstring, "ExtraTestModel has no class docstring"),
    (listed_twice, "ExtraTestModel is registered twice"),
    (
        one_name_exported_as_another,
        "iam_client_models.__all__ exports 'OtherModel' as another name for "
        "iam_client_models.other_model.ExtraTestModel",
    ),
    (
        names_equal_but_for_case,
        "two models are named 'ExtraTestModel' and 'Extratestmodel' "
        "(iam_client_models.extra_test_model.ExtraTestModel and "
        "iam_client_models.extratestmodel.Extratestmodel)",
    ),
    (
        hand_written_page_for_a_model,
        "docs/models/ExtraTestModel.md is generated from iam_client_models.ExtraTestModel",
    ),
]


@pytest.mark.parametrize(("edit", "message"), CASES, ids=[edit.__name__ for edit, _ in CASES])
def test_build_fails_naming_the_culprit(
    build_copy: Callable[[Callable[[Path], None]], Build],
    edit: Callable[[Path], None],
    message: str,
) -> None:
    build = build_copy(edit)
    assert build.returncode != 0
    assert message in build.output, build.output

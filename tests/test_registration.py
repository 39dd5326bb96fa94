"""A model is added with its class and one registration line, in a copy of the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "iam_client_models"

SCRATCH_MODULE = '''
from pydantic import Field

from iam_client_models._base import ResponseModel


class ScratchDto(ResponseModel):
    """A model that exists only in this copy."""

    colour: str = Field(examples=["teal"])
    """The colour of the thing."""
'''

# A user's file: imports the new name from the package, and one line a checker must refuse.
USER = """
from iam_client_models import ScratchDto, TokenDto

scratch: ScratchDto = ScratchDto.model_validate({"colour": "teal"})
token: type[TokenDto] = TokenDto
wrong: int = scratch.colour
"""

# Run in the copy: what `__all__` lists, what one import loads, what the docs generator finds.
PROBE = """
import sys
import iam_client_models
before = sorted(name for name in sys.modules if name.startswith("iam_client_models"))
from iam_client_models import ScratchDto
after = sorted(name for name in sys.modules if name.startswith("iam_client_models"))
from iam_client_docs.describe import public_types
print("ScratchDto" in iam_client_models.__all__, "ScratchDto" in dir(iam_client_models))
print(" ".join(before))
print(" ".join(after))
names = [t.__name__ for t in public_types(iam_client_models)]
print(ScratchDto.__module__, names[names.index("ScratchDto") - 1 : names.index("ScratchDto") + 2])
"""


def copy_with(tmp_path: Path, line: str) -> Path:
    """A copy of the package in `tmp_path` with `scratch.py` and `line` under `TYPE_CHECKING`."""
    package = tmp_path / "iam_client_models"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "scratch.py").write_text(SCRATCH_MODULE, encoding="utf-8")
    init = package / "__init__.py"
    text = init.read_text(encoding="utf-8")
    assert "if TYPE_CHECKING:\n" in text
    text = text.replace("if TYPE_CHECKING:\n", f"if TYPE_CHECKING:\n    {line}\n", 1)
    init.write_text(text, encoding="utf-8")
    return tmp_path


def run(copy: Path, *command: str) -> subprocess.CompletedProcess[str]:
    # The copy first on the path, ahead of the installed package.
    env = {**os.environ, "PYTHONPATH": f"{copy}{os.pathsep}{ROOT / 'src'}"}
    return subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, check=False)


def test_one_line_exports_loads_types_and_documents_a_new_model(tmp_path: Path) -> None:
    copy = copy_with(tmp_path, "from iam_client_models.scratch import ScratchDto as ScratchDto")
    probe = run(copy, sys.executable, "-c", PROBE)
    assert probe.returncode == 0, probe.stderr
    listed, before, after, found = probe.stdout.splitlines()
    assert listed == "True True"
    assert before == "iam_client_models"
    assert after.split() == [
        "iam_client_models",
        "iam_client_models._base",
        "iam_client_models._types",
        "iam_client_models.scratch",
    ]
    # Sorted into the model list, and given a page by the generator (between its neighbours).
    assert found == "iam_client_models.scratch ['RightsEnum', 'ScratchDto', 'TokenDto']"
    (copy / "user.py").write_text(textwrap.dedent(USER), encoding="utf-8")
    checked = run(
        copy,
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(ROOT / "pyproject.toml"),
        "--cache-dir",
        str(tmp_path / "mypy-cache"),
        "user.py",
    )
    # The one error is the wrong line: the checker knows `colour` is a `str`.
    assert checked.stdout.splitlines()[0] == (
        'user.py:6: error: Incompatible types in assignment (expression has type "str", '
        'variable has type "int")  [assignment]'
    ), checked.stdout
    assert "Found 1 error in 1 file" in checked.stdout


def test_a_registration_in_another_form_is_refused_by_name(tmp_path: Path) -> None:
    # Without `as`, `mypy --strict` would not see the name as exported.
    copy = copy_with(tmp_path, "from iam_client_models.scratch import ScratchDto")
    probe = run(copy, sys.executable, "-c", "import iam_client_models; iam_client_models.TokenDto")
    assert probe.returncode == 1
    init = copy / "iam_client_models" / "__init__.py"
    line = init.read_text(encoding="utf-8").splitlines().index("if TYPE_CHECKING:") + 2
    assert probe.stderr.splitlines()[-1] == (
        f"ImportError: {init}:{line}: a name is registered "
        "as `from iam_client_models.<module> import <Name> as <Name>`, not "
        "'from iam_client_models.scratch import ScratchDto'"
    )

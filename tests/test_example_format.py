"""Every example reads like code people write: what its language's formatter leaves alone.

Checked on the built site: every TypeScript block passes the pinned Prettier (one `--check` run
over all of them), every Python block `ruff format --check` with this project's settings (one
run), and every JSON block is `json.dumps(indent=2)` of what it holds. Beside the site's blocks
the same runs check the generator on values the site's examples do not reach today (long keys,
quotes, number arrays, comments), and a block each that is wrongly formatted, which must fail.
"""

from __future__ import annotations

import json

import pytest

from iam_client_docs import python_code, typescript
from iam_client_docs.descriptions import ImportDoc
from iam_client_docs.layout import Doc
from tests.conftest import Build
from tests.examples import (
    CodeBlock,
    FormatCheck,
    code_blocks,
    prettier_check,
    require_typescript,
    ruff_format_check,
)

# Values that take each branch of the layout rules (typescript.py and python_code.py).
EDGE_VALUES: dict[str, object] = {
    "short": "a string long enough to pass the end of the line whatever its key is, surely",
    "aLongerKey": "a string long enough to pass the end of the line after a key of five",
    "k": True,
    "aVeryLongKeyThatLeavesLittleRoomForItsValueAtAllReallyTrulyIndeedYes": 123456,
    "aVeryLongKeyThatLeavesLittleRoomForItsValueAtAllReallyTrulyIndeedOk": -1.5e21,
    "aVeryLongKeyThatLeavesLittleRoomForItsValueAtAllReallyTrulyIndeedNo": None,
    "not-an-identifier": {"nested key": [], "$ok": {}, "_": "x"},
    "quotes": ['say "hi"', "it's", 'both \' and ""', "caf\u00e9 \U0001f600", "back\\slash"],
    "numbers": list(range(-3, 40)),
    "pairs": [[1, 2], [3, 4]],
    "objects": [{"a": 1, "b": 2}, {"a": 3}],
    "fits": ["one", "two", "three"],
    "breaks": ["a string of some length", "another string of some length", "and a third"],
    "one": ["a single string long enough that the list cannot stay on the line it starts on"],
    "1": "a number as a key is quoted",
}


def _typescript(label: str, doc: Doc) -> CodeBlock:
    return CodeBlock(f"(generated: {label})", "typescript", 1, typescript.layout(doc) + "\n")


def _python(label: str, doc: Doc) -> CodeBlock:
    return CodeBlock(f"(generated: {label})", "python", 1, python_code.layout(doc) + "\n")


TYPESCRIPT_EDGES = [
    _typescript("values", typescript.assignment("const value", typescript.value(EDGE_VALUES))),
    _typescript(
        "comments and casts",
        typescript.assignment(
            "const value: Record<string, unknown>",
            typescript.object_literal(
                [
                    typescript.Comment("a comment before a member"),
                    typescript.Property(
                        "aLongerKeyOfAString",
                        (typescript.value("x" * 60), " as unknown as number"),
                        "x" * 60,
                    ),
                    typescript.Property(
                        "cast", (typescript.value({"a": 1}), " as unknown as string"), {"a": 1}
                    ),
                    typescript.Comment("a comment after the last member"),
                ]
            ),
        ),
    ),
    _typescript(
        "a call",
        (
            typescript.call(
                "someFunction", [typescript.value("x" * 30), typescript.value("y" * 30), "z"]
            ),
            ";",
        ),
    ),
    _typescript(
        "a declaration too long for its value",
        typescript.assignment(
            "const aVeryLongVariableName: AVeryLongTypeNameOfTheKindUpstreamHas",
            typescript.value({"a": 1}),
        ),
    ),
    CodeBlock(
        "(generated: imports)",
        "typescript",
        1,
        "\n".join(
            [
                typescript.import_statement(["A", "B"], "@affinidi-tdk/iam-client"),
                typescript.import_statement(["C" * 80], "@affinidi-tdk/iam-client"),
                typescript.import_statement(["D" * 40, "E" * 40], "@affinidi-tdk/iam-client"),
                "",
                typescript.layout(
                    (typescript.call("console.log", ["A", "B", "C" * 80, "D" * 40, "E" * 40]), ";")
                ),
            ]
        )
        + "\n",
    ),
]
PYTHON_EDGES = [
    _python("values", ("value = ", python_code.value(EDGE_VALUES))),
    _python(
        "calls",
        (
            "result = ",
            python_code.call(
                "some_function", [python_code.value("x" * 40), "12", "authorization=token"]
            ),
        ),
    ),
    _python(
        "a call too long for one line of arguments",
        ("result = ", python_code.call("f", [python_code.value(s * 40) for s in "abc"])),
    ),
    _python(
        "a single argument",
        ("result = ", python_code.call("Model.model_validate", [python_code.value({"a": 1})])),
    ),
    CodeBlock(
        "(generated: imports)",
        "python",
        1,
        "\n".join(
            python_code.import_lines(
                [
                    ImportDoc("iam_client_models", ("ZModel", "A" * 90, "CONSTANT", "helper")),
                    ImportDoc("httpx"),
                    ImportDoc("__future__", ("annotations",)),
                    ImportDoc("os"),
                    ImportDoc("collections.abc", ("Mapping",)),
                    ImportDoc("pydantic", ("TypeAdapter",)),
                ]
            )
        )
        + "\n",
    ),
]
# Formatted wrongly, on purpose: each run must report its own.
TYPESCRIPT_CANARY = CodeBlock("(canary)", "typescript", 1, 'const a = {"b": 1}\n')
PYTHON_CANARY = CodeBlock("(canary)", "python", 1, "a = {'b':1}\n")


@pytest.fixture(scope="session")
def site_blocks(site_build: Build) -> list[CodeBlock]:
    """Every code block of every built page."""
    return [
        block
        for path in sorted(site_build.site.rglob("*.html"))
        for block in code_blocks(
            site_build.page(path.relative_to(site_build.site).as_posix()),
            path.relative_to(site_build.site).as_posix(),
        )
    ]


@pytest.fixture(scope="session")
def prettier(site_blocks: list[CodeBlock]) -> tuple[list[CodeBlock], FormatCheck]:
    require_typescript(node=False, also=("node", "prettier"))
    shown = [block for block in site_blocks if block.language == "typescript"]
    return shown, prettier_check([*shown, *TYPESCRIPT_EDGES, TYPESCRIPT_CANARY])


@pytest.fixture(scope="session")
def ruff(site_blocks: list[CodeBlock]) -> tuple[list[CodeBlock], FormatCheck]:
    shown = [block for block in site_blocks if block.language == "python"]
    return shown, ruff_format_check([*shown, *PYTHON_EDGES, PYTHON_CANARY])


def _fail(tool: str, problems: list[str], check: FormatCheck) -> None:
    if problems:
        pytest.fail(
            f"{tool} would change {len(problems)} blocks: {', '.join(problems)}\n\n"
            f"{tool} makes of the first ones:\n{check.detail}",
            pytrace=False,
        )


def test_typescript_blocks_are_as_prettier_prints_them(
    prettier: tuple[list[CodeBlock], FormatCheck],
) -> None:
    shown, check = prettier
    assert len(shown) > 50  # the model and API pages
    _fail("prettier", check.problems(shown), check)


def test_python_blocks_are_as_ruff_format_prints_them(
    ruff: tuple[list[CodeBlock], FormatCheck],
) -> None:
    shown, check = ruff
    assert len(shown) > 50
    _fail("ruff format", check.problems(shown), check)


def test_the_generator_lays_out_every_kind_of_value_as_the_formatters_do(
    prettier: tuple[list[CodeBlock], FormatCheck], ruff: tuple[list[CodeBlock], FormatCheck]
) -> None:
    _fail("prettier", prettier[1].problems(TYPESCRIPT_EDGES), prettier[1])
    _fail("ruff format", ruff[1].problems(PYTHON_EDGES), ruff[1])


def test_a_wrongly_formatted_block_is_reported(
    prettier: tuple[list[CodeBlock], FormatCheck], ruff: tuple[list[CodeBlock], FormatCheck]
) -> None:
    assert prettier[1].problems([TYPESCRIPT_CANARY]) == ["(canary), typescript block 1"]
    assert ruff[1].problems([PYTHON_CANARY]) == ["(canary), python block 1"]
    assert prettier[1].detail and ruff[1].detail  # what each would change


def test_json_blocks_are_indented_by_two_spaces(site_blocks: list[CodeBlock]) -> None:
    shown = [block for block in site_blocks if block.language == "json"]
    assert len(shown) > 50
    problems = []
    for block in shown:
        try:
            data = json.loads(block.code)
        except ValueError as error:
            problems.append(f"{block.label}: not JSON: {error}")
            continue
        if block.code.rstrip("\n") != json.dumps(data, indent=2):
            problems.append(f"{block.label}: not as json.dumps(indent=2) writes it")
    assert not problems, "\n".join(problems)

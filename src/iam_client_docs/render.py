"""Render reference pages as Markdown for MkDocs: pure functions of a `ModelDoc`.

Text from the source (docstrings, names, example values) reaches a page only HTML-escaped,
through `safe_markdown`, or inside a code block, so it can neither break the layout nor inject
markup.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from iam_client_docs.describe import FieldDoc, ModelDoc
from iam_client_docs.safe_markdown import markdown_to_html

__all__ = [
    "API_ANCHOR",
    "HOME_PAGE",
    "MODELS_ANCHOR",
    "TYPESCRIPT_PACKAGE",
    "model_page_path",
    "render_footer",
    "render_model_list",
    "render_model_page",
]

HOME_PAGE = "index.md"
MODELS_ANCHOR = "documentation-for-models"
API_ANCHOR = "documentation-for-api-endpoints"
TYPESCRIPT_PACKAGE = "@affinidi-tdk/iam-client"
_TS_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def render_footer(version: str) -> str:
    """The footer line of every page: the release of the package the site describes."""
    return f"iam-client-models {html.escape(version)}"


def model_page_path(model_name: str) -> str:
    """Where a model's page lives, relative to the docs directory."""
    return f"models/{model_name}.md"


def _relative_to(from_page: str, target: str) -> str:
    depth = from_page.count("/")
    return "../" * depth + target


def render_model_list(models: Sequence[ModelDoc], from_page: str = HOME_PAGE) -> str:
    """The "Documentation For Models" list: one linked entry per model, with its summary."""
    lines = []
    for model in models:
        summary = markdown_to_html(model.docstring.split("\n\n", 1)[0], inline=True)
        link = _relative_to(from_page, model_page_path(model.name))
        lines.append(f"- [{model.name}]({link}): {summary}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class _Fence:
    language: str
    code: str

    def render(self, indent: str) -> str:
        longest = max((len(run) for run in re.findall(r"`+", self.code)), default=0)
        fence = "`" * max(3, longest + 1)
        body = "\n".join(indent + line if line else "" for line in self.code.splitlines())
        return f"{indent}{fence}{self.language}\n{body}\n{indent}{fence}"


def render_model_page(model: ModelDoc) -> str:
    """The whole Markdown page of one model, in the upstream page's section order."""
    page = model_page_path(model.name)
    home = _relative_to(page, HOME_PAGE)
    sections = [
        f"# {model.name}",
        _html_block("model-summary", markdown_to_html(model.docstring)),
        "## Properties",
        _properties_table(model.fields),
        *(_deviation_note(field) for field in model.fields if field.deviation is not None),
        "## Example",
        _example_tabs(model),
        "## Python API",
        f"::: {model.qualified_name}",
        '??? info "JSON Schema"\n\n'
        + _Fence("json", json.dumps(model.json_schema, indent=2)).render("    "),
        f"[[Back to Model list]]({home}#{MODELS_ANCHOR}) "
        f"[[Back to API list]]({home}#{API_ANCHOR}) "
        f"[[Back to README]]({home})",
    ]
    return "\n\n".join(sections) + "\n"


def _html_block(css_class: str, inner: str) -> str:
    return f'<div class="{css_class}">{inner}</div>'


def _code(text: str) -> str:
    return f"<code>{html.escape(text)}</code>"


def _note_id(field: FieldDoc) -> str:
    return "upstream-" + re.sub(r"[^A-Za-z0-9_-]", "-", field.name)


def _notes(field: FieldDoc) -> str:
    if field.required:
        notes = "Required."
    else:
        notes = f"Optional. Default: {_code('undefined')} (TypeScript), {_code('None')} (Python)."
    if field.deviation is not None:
        notes += f' <a href="#{_note_id(field)}">Differs from upstream: see the note.</a>'
    return notes


def _properties_table(fields: Sequence[FieldDoc]) -> str:
    head = "".join(
        f"<th>{title}</th>"
        for title in ("Name", "TypeScript type", "Python type", "Description", "Notes")
    )
    rows = [
        "<tr>"
        f"<td><strong>{_code(field.name)}</strong></td>"
        f"<td>{_code(field.typescript_type)}</td>"
        f"<td>{_code(field.python_type)}</td>"
        f"<td>{markdown_to_html(field.description, inline=True)}</td>"
        f"<td>{_notes(field)}</td>"
        "</tr>"
        for field in fields
    ]
    return "\n".join(
        ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]
    )


def _deviation_note(field: FieldDoc) -> str:
    assert field.deviation is not None
    upstream = field.deviation.typescript_type or field.typescript_type
    title = (
        f"{_code(field.name)}: upstream declares {_code(upstream)}, "
        f"this model {_code(field.python_type)}"
    )
    return (
        f'<div class="admonition warning" id="{_note_id(field)}">'
        f'<p class="admonition-title">{title}</p>'
        f"{markdown_to_html(field.deviation.reason)}</div>"
    )


def _example_tabs(model: ModelDoc) -> str:
    body = json.dumps(model.example, indent=2)
    tabs = [
        ("TypeScript", _Fence("typescript", _typescript_example(model))),
        ("Python", _Fence("python", _python_example(model, body))),
        ("JSON", _Fence("json", body)),
    ]
    return "\n\n".join(f'=== "{label}"\n\n{fence.render("    ")}' for label, fence in tabs)


def _typescript_key(name: str) -> str:
    return name if _TS_IDENTIFIER.match(name) else json.dumps(name)


def _typescript_example(model: ModelDoc) -> str:
    lines = [f"import {{ {model.name} }} from '{TYPESCRIPT_PACKAGE}'", ""]
    lines.append(f"const instance: {model.name} = {{")
    for field in model.fields:
        if field.deviation is not None and field.deviation.typescript_type is not None:
            lines.append(
                f"  // {json.dumps(field.name)} left out: upstream types it "
                f"{field.deviation.typescript_type}, real values do not fit (see the note above)"
            )
            continue
        value = json.dumps(field.example, indent=2).replace("\n", "\n  ")
        lines.append(f"  {_typescript_key(field.name)}: {value},")
    lines.append("}")
    return "\n".join(lines)


def _python_example(model: ModelDoc, body: str) -> str:
    variable = "instance"
    output = "\n".join("#> " + line for line in model.example_repr.splitlines())
    return "\n".join(
        [
            f"from {model.package} import {model.name}",
            "",
            f'body = r"""{body}"""',
            "",
            f"{variable} = {model.name}.model_validate_json(body)",
            f"print({variable})",
            output,
        ]
    )

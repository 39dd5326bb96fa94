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

from iam_client_docs.describe import ApiDoc, FieldDoc, ModelDoc, OperationDoc, Usage
from iam_client_docs.safe_markdown import literal_markdown, markdown_to_html, visible

__all__ = [
    "API_ANCHOR",
    "HOME_PAGE",
    "MODELS_ANCHOR",
    "TYPESCRIPT_PACKAGE",
    "api_page_path",
    "model_page_path",
    "operation_anchor",
    "render_api_list",
    "render_api_page",
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


def api_page_path(api_name: str) -> str:
    """Where an API class's page lives, relative to the docs directory."""
    return f"endpoints/{api_name}.md"


def operation_anchor(operation_name: str) -> str:
    """The anchor of an operation's section on its API page, as upstream's pages spell it."""
    return operation_name.lower()


def _relative_to(from_page: str, target: str) -> str:
    depth = from_page.count("/")
    return "../" * depth + target


def render_model_list(models: Sequence[ModelDoc], from_page: str = HOME_PAGE) -> str:
    """The "Documentation For Models" list: one linked entry per model, with its summary."""
    lines = []
    for model in models:
        summary = markdown_to_html(model.docstring.split("\n\n", 1)[0], inline=True)
        link = _relative_to(from_page, model_page_path(model.name))
        lines.append(f"- [{literal_markdown(model.name)}]({link}): {summary}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class _Fence:
    language: str
    code: str

    def render(self, indent: str) -> str:
        # As the page shows it: Python-Markdown drops some control characters (its
        # placeholders) and expands tabs.
        code = visible(self.code).expandtabs(4)
        longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
        fence = "`" * max(3, longest + 1)
        body = "\n".join(indent + line if line else "" for line in code.splitlines())
        return f"{indent}{fence}{self.language}\n{body}\n{indent}{fence}"


def render_model_page(model: ModelDoc, used_by: Sequence[Usage] = ()) -> str:
    """The whole Markdown page of one model, in the upstream page's section order.

    `used_by` lists the endpoints that send or return the model; the page links back to them.
    """
    page = model_page_path(model.name)
    home = _relative_to(page, HOME_PAGE)
    note_ids = _note_ids(model.fields)
    sections = [
        f"# {literal_markdown(model.name)}",
        _html_block("model-summary", markdown_to_html(model.docstring)),
        *([_used_by(page, used_by)] if used_by else []),
        "## Properties",
        _properties_table(model.fields),
        *(
            _deviation_note(field, note_ids[field.name])
            for field in model.fields
            if field.name in note_ids
        ),
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


def _operation_link(from_page: str, api: str, operation: str) -> str:
    target = _relative_to(from_page, api_page_path(api))
    return f"[{api}.{operation}]({target}#{operation_anchor(operation)})"


def _used_by(page: str, usages: Sequence[Usage]) -> str:
    links = [
        f"{_operation_link(page, usage.api, usage.operation)} ({usage.role})" for usage in usages
    ]
    return "Used by: " + ", ".join(links) + "."


def _html_block(css_class: str, inner: str) -> str:
    return f'<div class="{css_class}">{inner}</div>'


def _escape(text: str) -> str:
    # One line, so a raw HTML table row stays one line (a blank line would end the HTML
    # block), and tabs kept (Python-Markdown expands them in a page).
    return html.escape(visible(text)).replace("\n", "&#10;").replace("\t", "&#9;")


def _code(text: str) -> str:
    return f"<code>{_escape(text)}</code>"


def _type_code(text: str) -> str:
    """A type as code that may wrap only between union members and arguments, never inside one.

    A long `Literal[...]` would otherwise squeeze the description column to a sliver.
    """
    # Only before a visible character: a span of nothing but spaces would read as one space.
    parts = re.split(r"(?<=,) (?=\S)| (?=\| )", text)
    spans = " ".join(f"<span>{_escape(part)}</span>" for part in parts)
    return f'<code class="type">{spans}</code>'


def _note_ids(fields: Sequence[FieldDoc]) -> dict[str, str]:
    """The anchor of each deviation note, by field name: unique, even for similar names."""
    ids: dict[str, str] = {}
    for field in fields:
        if field.deviation is None:
            continue
        base = "upstream-" + re.sub(r"[^A-Za-z0-9_-]", "-", field.name)
        anchor, count = base, 1
        while anchor in ids.values():
            count += 1
            anchor = f"{base}-{count}"
        ids[field.name] = anchor
    return ids


def _notes(field: FieldDoc, note_ids: dict[str, str]) -> str:
    if field.required:
        notes = "Required."
    else:
        notes = f"Optional. Default: {_code('undefined')} (TypeScript), {_code('None')} (Python)."
    if field.name in note_ids:
        notes += f' <a href="#{note_ids[field.name]}">Differs from upstream: see the note.</a>'
    return notes


def _properties_table(fields: Sequence[FieldDoc]) -> str:
    note_ids = _note_ids(fields)
    head = "".join(
        f"<th>{title}</th>"
        for title in ("Name", "TypeScript type", "Python type", "Description", "Notes")
    )
    rows = [
        "<tr>"
        f"<td><strong>{_code(field.name)}</strong></td>"
        f"<td>{_type_code(field.typescript_type)}</td>"
        f"<td>{_type_code(field.python_type)}</td>"
        f"<td>{markdown_to_html(field.description, inline=True)}</td>"
        f"<td>{_notes(field, note_ids)}</td>"
        "</tr>"
        for field in fields
    ]
    return "\n".join(
        ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]
    )


def _deviation_note(field: FieldDoc, anchor: str) -> str:
    assert field.deviation is not None
    upstream = field.deviation.typescript_type or field.typescript_type
    title = (
        f"{_code(field.name)}: upstream declares {_code(upstream)}, "
        f"this model {_code(field.python_type)}"
    )
    return (
        f'<div class="admonition warning" id="{anchor}">'
        f'<p class="admonition-title">{title}</p>'
        f"{markdown_to_html(field.deviation.reason)}</div>"
    )


def _example_tabs(model: ModelDoc) -> str:
    body = json.dumps(model.example, indent=2)
    return _tabs(
        [
            ("TypeScript", _Fence("typescript", _typescript_example(model))),
            ("Python", _Fence("python", _python_example(model, body))),
            ("JSON", _Fence("json", body)),
        ]
    )


def _typescript_key(name: str) -> str:
    return name if _TS_IDENTIFIER.match(name) else json.dumps(name)


def _typescript_member(variable: str, name: str) -> str:
    return f"{variable}.{name}" if _TS_IDENTIFIER.match(name) else f"{variable}[{json.dumps(name)}]"


def _typescript_example(model: ModelDoc) -> str:
    lines = [f"import {{ {model.name} }} from '{TYPESCRIPT_PACKAGE}'", ""]
    lines.extend(_typescript_object("instance", model, model.fields))
    return "\n".join(lines)


def _typescript_object(
    variable: str, model: ModelDoc, fields: Sequence[FieldDoc], note: str = "the note above"
) -> list[str]:
    """`const variable: Model = {...}` from the fields' examples, as lines."""
    lines = [f"const {variable}: {model.name} = {{"]
    for field in fields:
        if field.deviation is not None and field.deviation.typescript_type is not None:
            lines.append(
                f"  // {json.dumps(field.name)} left out: upstream types it "
                f"{field.deviation.typescript_type}, real values do not fit (see {note})"
            )
            continue
        value = json.dumps(field.example, indent=2).replace("\n", "\n  ")
        lines.append(f"  {_typescript_key(field.name)}: {value},")
    lines.append("}")
    return lines


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


def render_api_list(apis: Sequence[ApiDoc], base_url: str, from_page: str = HOME_PAGE) -> str:
    """The "Documentation for API Endpoints" table: one linked row per operation."""
    rows = [
        "| Class | Method | HTTP request | Description |",
        "| ----- | ------ | ------------ | ----------- |",
    ]
    for api in apis:
        page = _relative_to(from_page, api_page_path(api.name))
        for doc in api.operations:
            operation = doc.operation
            rows.append(
                f"| [{api.name}]({page}) "
                f"| [{operation.name}]({page}#{operation_anchor(operation.name)}) "
                f"| {_http_request(doc)} | {_summary_cell(doc)} |"
            )
    return f"All URIs are relative to {_code(base_url)}.\n\n" + "\n".join(rows) + "\n"


def render_api_page(api: ApiDoc, base_url: str) -> str:
    """The whole Markdown page of one API class, in the upstream API page's section order."""
    page = api_page_path(api.name)
    home = _relative_to(page, HOME_PAGE)
    top = api.name.lower()
    back = (
        f"[[Back to top]](#{top}) "
        f"[[Back to API list]]({home}#{API_ANCHOR}) "
        f"[[Back to Model list]]({home}#{MODELS_ANCHOR}) "
        f"[[Back to README]]({home})"
    )
    methods = [
        "| Method | HTTP request | Description |",
        "| ------ | ------------ | ----------- |",
        *(
            f"| [**{doc.operation.name}**](#{operation_anchor(doc.operation.name)}) "
            f"| {_http_request(doc)} | {_summary_cell(doc)} |"
            for doc in api.operations
        ),
    ]
    sections = [
        f"# {api.name} {{ #{top} }}",
        f"All URIs are relative to {_code(base_url)}.",
        "\n".join(methods),
    ]
    for doc in api.operations:
        sections.extend(_operation_sections(doc, page))
        sections.append(back)
    return "\n\n".join(sections) + "\n"


def _cell(inner_html: str) -> str:
    """HTML made safe for a Markdown table cell, where a `|` would end the cell."""
    return inner_html.replace("|", "&#124;")


def _summary_cell(doc: OperationDoc) -> str:
    return _cell(markdown_to_html(doc.operation.summary, inline=True))


def _http_request(doc: OperationDoc) -> str:
    return f"**{doc.operation.method}** {_code(doc.operation.path)}"


def _model_link(from_page: str, model: ModelDoc) -> str:
    return f"[{model.name}]({_relative_to(from_page, model_page_path(model.name))})"


def _operation_sections(doc: OperationDoc, page: str) -> list[str]:
    operation = doc.operation
    return [
        f"## {operation.name} {{ #{operation_anchor(operation.name)} }}",
        # A quote, as upstream shows it: a signature is not a runnable example.
        f"> TypeScript: {_code(_typescript_signature(doc))}  \n"
        f"> Python: {_code(_python_signature(doc))}",
        _html_block(
            "operation-description",
            f"<p><strong>{markdown_to_html(operation.summary, inline=True)}</strong></p>"
            + markdown_to_html(operation.description),
        ),
        "### Example",
        _tabs(
            [
                ("TypeScript", _Fence("typescript", _typescript_call(doc))),
                ("Python", _Fence("python", doc.python_example.rstrip("\n"))),
            ]
        ),
        "### Parameters",
        "| Name | Type | Description | Notes |\n"
        "| ---- | ---- | ----------- | ----- |\n"
        f"| **{operation.request_parameter}** | {_model_link(page, doc.request)} "
        f"| {_cell(_summary(doc.request))} | Required: the JSON request body. |",
        "### Return type",
        _model_link(page, doc.response),
        "### Authorization",
        (
            "\n".join(f"- {_code(scheme)}" for scheme in operation.authorization)
            if operation.authorization
            else "No authorization required"
        ),
        "### HTTP request headers",
        "\n".join(
            f"- **{html.escape(name)}**: {_code(value)}"
            for name, value in operation.request_headers
        ),
        "### HTTP response details",
        _responses_table(doc, page),
    ]


def _summary(model: ModelDoc) -> str:
    return markdown_to_html(model.docstring.split("\n\n", 1)[0], inline=True)


def _responses_table(doc: OperationDoc, page: str) -> str:
    rows = [
        "| Status code | Description | Response headers |",
        "| ----------- | ----------- | ---------------- |",
    ]
    for response in doc.operation.responses:
        description = f"{html.escape(response.name)}: " + markdown_to_html(
            response.description, inline=True
        )
        if response.model is doc.operation.response_model:
            description += f" Body: {_model_link(page, doc.response)}."
        elif response.model is not None:
            description += f" Body: {_code(response.model.__name__)}."
        headers = "<br>".join(_code(name) for name in response.headers)
        rows.append(f"| **{response.status}** | {_cell(description)} | {_cell(headers)} |")
    return "\n".join(rows)


def _tabs(tabs: Sequence[tuple[str, _Fence]]) -> str:
    return "\n\n".join(f'=== "{label}"\n\n{fence.render("    ")}' for label, fence in tabs)


def _typescript_signature(doc: OperationDoc) -> str:
    """The method as typescript-axios declares it on the API class."""
    operation = doc.operation
    return (
        f"{operation.name}({operation.request_parameter}: {doc.request.name}, "
        f"options?: RawAxiosRequestConfig): Promise<AxiosResponse<{doc.response.name}>>"
    )


def _python_signature(doc: OperationDoc) -> str:
    """The function of the operation's Python name, which the Python example defines."""
    returns = f" -> {doc.python_returns}" if doc.python_returns else ""
    return f"{doc.operation.python_name}({', '.join(doc.python_parameters)}){returns}"


def _typescript_call(doc: OperationDoc) -> str:
    """The upstream client call, with the request's required fields filled from examples."""
    operation = doc.operation
    names = sorted(["Configuration", doc.api, doc.request.name, "SdkError"])
    required = [field for field in doc.request.fields if field.required]
    note = f"the note on the {doc.request.name} page"
    # Credentials never reach the console: only the response fields that repr() shows.
    shown = ", ".join(
        _typescript_member("data", f.name) for f in doc.response.fields if not f.secret
    )
    return "\n".join(
        [
            "import {",
            *(f"  {name}," for name in names),
            f"}} from '{TYPESCRIPT_PACKAGE}'",
            "",
            f"const api = new {doc.api}(new Configuration())",
            "",
            *_typescript_object(operation.request_parameter, doc.request, required, note),
            "",
            "api",
            f"  .{operation.name}({operation.request_parameter})",
            "  .then(({ data }) => {",
            f"    console.log({shown})",
            "  })",
            "  .catch((error: unknown) => {",
            "    if (!(error instanceof SdkError)) throw error",
            "    // The message names the status and the error; it holds no credential.",
            "    console.error(`HTTP ${error.httpStatusCode}: ${error.name}: ${error.message}`)",
            "  })",
        ]
    )

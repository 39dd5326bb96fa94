"""Render the API pages, the home page's API list and its authorization section: pure functions
of the descriptions in `describe_api`.
"""

from __future__ import annotations

import html
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from iam_client_docs import typescript
from iam_client_docs.describe_api import (
    ApiDoc,
    OperationDoc,
    ParameterDoc,
    ResponseDoc,
    SchemeDoc,
)
from iam_client_docs.descriptions import FieldDoc, JsonValue, ModelDoc
from iam_client_docs.markup import (
    HOME_PAGE,
    TYPESCRIPT_PACKAGE,
    Fence,
    api_page_path,
    back_links,
    cell,
    code,
    html_block,
    model_page_path,
    relative_to,
    tabs,
)
from iam_client_docs.render import constraints_html, page_url, typescript_object
from iam_client_docs.safe_markdown import markdown_to_html

__all__ = [
    "AUTHORIZATION_ANCHOR",
    "HELPER_ANCHOR",
    "render_api_list",
    "render_api_page",
    "render_authorization",
]

operation_anchor = typescript.operation_anchor

AUTHORIZATION_ANCHOR = "documentation-for-authorization"
"""The home page's "Documentation For Authorization" heading."""
HELPER_ANCHOR = "the-shared-helper"
_KINDS = {"apiKey": "API key"}
"""The section of each API page that shows the helper the Python examples share."""

# ---------------------------------------------------------------------------------------------
# The home page


def render_api_list(apis: Sequence[ApiDoc], base_url: str, from_page: str = HOME_PAGE) -> str:
    """The "Documentation for API Endpoints" table: one linked row per operation."""
    rows = [
        "| Class | Method | HTTP request | Description |",
        "| ----- | ------ | ------------ | ----------- |",
    ]
    for api in apis:
        page = relative_to(from_page, api_page_path(api.name))
        for doc in api.operations:
            rows.append(
                f"| [{api.name}]({page}) "
                f"| [{doc.name}]({page}#{operation_anchor(doc.name)}) "
                f"| {_http_request(doc)} | {_summary_cell(doc)} |"
            )
    return f"All URIs are relative to {code(base_url)}.\n\n" + "\n".join(rows) + "\n"


def render_authorization(
    schemes: Sequence[SchemeDoc], apis: Sequence[ApiDoc], from_page: str = HOME_PAGE
) -> str:
    """The "Documentation For Authorization" section: each scheme under its upstream anchor."""
    open_operations = [
        _operation_link(from_page, api.name, doc.name)
        for api in apis
        for doc in api.operations
        if not doc.authorization
    ]
    parts = [
        f"Authentication schemes defined for the API: {len(schemes)}, each an API key sent in "
        "a request header. Each operation's page names the scheme it needs."
    ]
    for scheme in schemes:
        used_by = (
            ", ".join(_operation_link(from_page, ref.api, ref.operation) for ref in scheme.used_by)
            + "."
            if scheme.used_by
            else "No operation of this API version."
        )
        parts += [
            f"### {scheme.name} {{ #{scheme.name} }}",
            markdown_to_html(scheme.summary),
            "\n".join(
                [
                    f"- **Type**: {_KINDS.get(scheme.kind, html.escape(scheme.kind))}",
                    f"- **API key parameter name**: {code(scheme.header)}",
                    f"- **Location**: HTTP {html.escape(scheme.location)}",
                    f"- **How to send it**: {markdown_to_html(scheme.send, inline=True)}",
                    f"- **How to get one**: {markdown_to_html(scheme.obtain, inline=True)}",
                    f"- **Needed by**: {used_by}",
                ]
            ),
        ]
    if open_operations:
        parts.append(
            "No authorization is required by " + ", ".join(open_operations) + ". The consumer "
            "token endpoint's client proves who it is inside the request body, with a signed "
            "JWT client assertion (RFC 7523)."
        )
    return "\n\n".join(parts) + "\n"


def _operation_link(from_page: str, api: str, operation: str) -> str:
    page = relative_to(from_page, api_page_path(api))
    return f"[{api}.{operation}]({page}#{operation_anchor(operation)})"


# ---------------------------------------------------------------------------------------------
# An API page


def render_api_page(api: ApiDoc, base_url: str) -> str:
    """The whole Markdown page of one API class, in the upstream API page's section order."""
    page = api_page_path(api.name)
    top = api.name.lower()
    back = back_links(page, top=top)
    methods = [
        "| Method | HTTP request | Description |",
        "| ------ | ------------ | ----------- |",
        *(
            f"| [**{doc.name}**](#{operation_anchor(doc.name)}) "
            f"| {_http_request(doc)} | {_summary_cell(doc)} |"
            for doc in api.operations
        ),
    ]
    sections = [f"# {api.name} {{ #{top} }}"]
    if api.description:
        sections.append(html_block("api-description", markdown_to_html(api.description)))
    sections += [f"All URIs are relative to {code(base_url)}.", "\n".join(methods)]
    for doc in api.operations:
        sections.extend(_operation_sections(doc, page))
        sections.append(back)
    sections += [
        f"## The shared helper {{ #{HELPER_ANCHOR} }}",
        f"Every Python example on this page sends its request with {code(api.helper.module)}: "
        "it builds the URL, the headers and the body from the operation's declaration in "
        f"{code('iam_client_models.endpoints')}, raises {code('ApiError')} for an error "
        "status (with the body parsed as the declared error model) and keeps credentials out "
        "of its messages. It is in this repository, not in the wheel: copy it into your "
        "project.",
        f'??? example "{api.helper.module.replace(".", "/")}.py"\n\n'
        + Fence("python", api.helper.source.rstrip("\n")).render("    "),
        back,
    ]
    return "\n\n".join(sections) + "\n"


def _summary_cell(doc: OperationDoc) -> str:
    return cell(markdown_to_html(doc.summary, inline=True))


def _http_request(doc: OperationDoc) -> str:
    return f"**{doc.method}** {code(doc.path)}"


def _model_link(from_page: str, name: str) -> str:
    return f"[{name}]({relative_to(from_page, model_page_path(name))})"


def _operation_sections(doc: OperationDoc, page: str) -> list[str]:
    sections = [
        f"## {doc.name} {{ #{operation_anchor(doc.name)} }}",
        # A quote, as upstream shows it: a signature is not a runnable example.
        f"> TypeScript: {code(doc.typescript_signature)}  \n"
        f"> Python: {code(_python_signature(doc))}",
        html_block(
            "operation-description",
            f"<p><strong>{markdown_to_html(doc.summary, inline=True)}</strong></p>"
            + markdown_to_html(doc.description),
        ),
        *(_difference(difference.upstream, difference.reason) for difference in doc.differences),
        "### Example",
        tabs(
            [
                ("TypeScript", Fence("typescript", _typescript_call(doc))),
                ("Python", Fence("python", _python_script(doc))),
            ]
        ),
        f"The Python example is {code(doc.python.module + '.' + doc.python_name)}; it sends "
        f"with the [shared helper](#{HELPER_ANCHOR}), {code(doc.python.helper)}.",
        "### Parameters",
        _parameters_table(doc, page),
        "### Return type",
        _return_type(doc, page),
        "### Authorization",
        (
            ", ".join(
                f"[{name}]({relative_to(page, HOME_PAGE)}#{name})" for name in doc.authorization
            )
            if doc.authorization
            else "No authorization required"
        ),
        "### HTTP request headers",
        _request_headers(doc),
        "### HTTP response details",
        _responses_table(doc, page),
    ]
    return sections


def _difference(upstream: str, reason: str) -> str:
    return (
        '<div class="admonition warning">'
        f'<p class="admonition-title">Differs from upstream: upstream declares {code(upstream)}</p>'
        f"{markdown_to_html(reason)}</div>"
    )


def _python_signature(doc: OperationDoc) -> str:
    returns = f" -> {doc.python.returns}" if doc.python.returns else ""
    return f"{doc.python_name}({', '.join(doc.python.parameters)}){returns}"


# Parameters


def _parameters_table(doc: OperationDoc, page: str) -> str:
    if not doc.parameters and doc.body is None:
        return "This endpoint does not have any parameters."
    rows = [
        "| Name | Type | Description | Notes |",
        "| ---- | ---- | ----------- | ----- |",
    ]
    for parameter in doc.parameters:
        rows.append(
            f"| {cell(_name_cell(parameter.name, parameter.python_name))} "
            f"| {cell(_parameter_type(parameter))} "
            f"| {cell(markdown_to_html(parameter.description, inline=True))} "
            f"| {cell(_parameter_notes(parameter))} |"
        )
    if doc.body is not None:
        body = doc.body
        rows.append(
            f"| {cell(_name_cell(body.parameter, body.python_name))} "
            f"| {_model_link(page, body.model.name)} "
            f"| {cell(html.escape(body.description))} "
            "| Required: the JSON request body. |"
        )
    return "\n".join(rows)


def _name_cell(name: str, python_name: str) -> str:
    text = f"<strong>{code(name)}</strong>"
    if python_name != name:
        text += f"<br>Python: {code(python_name)}"
    return text


def _parameter_type(parameter: ParameterDoc) -> str:
    text = code(parameter.typescript)
    if parameter.python != parameter.typescript:
        text += f"<br>Python: {code(parameter.python)}"
    return text


def _parameter_notes(parameter: ParameterDoc) -> str:
    where = "Path" if parameter.location == "path" else "Query"
    if parameter.required:
        notes = f"{where} parameter; required."
    elif parameter.default is not None:
        default = code(json.dumps(parameter.default))
        notes = f"{where} parameter; optional. The server's default: {default}."
    else:
        notes = f"{where} parameter; optional."
    if parameter.values is not None:
        notes += " One of " + ", ".join(code(json.dumps(v)) for v in parameter.values) + "."
    return notes + constraints_html(parameter.constraints)


def _return_type(doc: OperationDoc, page: str) -> str:
    returns = doc.returns
    if returns.kind == "model":
        assert returns.model is not None
        return _model_link(page, returns.model.name)
    if returns.kind == "empty":
        return "void (empty response body)"
    if returns.kind == "object":
        return (
            "**object**: any JSON object. This package has no model of it; the Python example "
            f"returns it as {code(doc.python.returns or 'dict')}."
        )
    return (
        "void: upstream declares no response. The Python example returns the other "
        f"service's response as it is, an {code('httpx.Response')}."
    )


def _request_headers(doc: OperationDoc) -> str:
    sent = dict(doc.request_headers)
    return "\n".join(
        f"- **{name}**: {code(sent[name]) if name in sent else 'Not defined'}"
        for name in ("Content-Type", "Accept")
    )


def _responses_table(doc: OperationDoc, page: str) -> str:
    if doc.proxy:
        return (
            "Upstream declares no response: the status, headers and body are those of the "
            "service behind the proxy."
        )
    rows = [
        "| Status code | Description | Response headers |",
        "| ----------- | ----------- | ---------------- |",
    ]
    for response in doc.responses:
        # As upstream's table does: `-` where it lists no header.
        headers = "<br>".join(code(name) for name in response.headers) or "-"
        rows.append(
            f"| **{response.status}** | {cell(_response_description(response, page))} "
            f"| {cell(headers)} |"
        )
    return "\n".join(rows)


def _response_description(response: ResponseDoc, page: str) -> str:
    text = f"<strong>{html.escape(response.name)}</strong>: " + markdown_to_html(
        response.description, inline=True
    )
    if response.model is not None:
        # Raw HTML in a cell: the link is the built page's URL, as MkDocs would write it.
        target = page_url(page, model_page_path(response.model))
        text += f' Body: <a href="{target}">{html.escape(response.model)}</a>'
        if response.body_source == "document":
            text += (
                ", as upstream's OpenAPI document of release 1.43.0 names it (the 1.48.0 "
                "clients name no error body where an operation returns nothing)"
            )
        text += "."
    elif response.body == "no body":
        text += " No body."
    else:
        text += f" Body: {html.escape(response.body)}."
    return text


# ---------------------------------------------------------------------------------------------
# Examples


def _body_fields(model: ModelDoc) -> list[FieldDoc]:
    """The members an example fills: the required ones, or all where none is required."""
    required = [field for field in model.fields if field.required]
    return required or list(model.fields)


def _typescript_argument(doc: OperationDoc, parameter: ParameterDoc) -> str:
    if parameter.values is not None:
        return f"{parameter.typescript}.{typescript.enum_member_name(parameter.example)}"
    return json.dumps(parameter.example)


def _typescript_call(doc: OperationDoc) -> str:
    """The upstream client call, with concrete arguments and the body filled from examples."""
    required = [p for p in doc.parameters if p.required]
    names = {"Configuration", doc.api, "SdkError"}
    names |= {p.typescript for p in required if p.values is not None}
    lines: list[str] = []
    arguments = [_typescript_argument(doc, p) for p in required]
    if doc.body is not None:
        model = doc.body.model
        names.add(model.name)
        note = f"the note on the {model.name} page"
        lines += [*typescript_object(doc.body.parameter, model, _body_fields(model), note), ""]
        arguments.append(doc.body.parameter)
    configuration = (
        f"new Configuration({{ apiKey: '<your {doc.authorization[0]} token>' }})"
        if doc.authorization
        else "new Configuration()"
    )
    returns = doc.returns
    if returns.kind == "model":
        assert returns.model is not None
        # Credentials never reach the console: only members that printed output shows.
        shown = [f.name for f in returns.model.fields if not f.secret][:4]
        then = [
            "  .then(({ data }) => {",
            f"    console.log({', '.join(typescript.member_access('data', f) for f in shown)})",
            "  })",
        ]
    elif returns.kind == "object":
        then = ["  .then(({ data }) => {", "    console.log(data)", "  })"]
    else:
        then = ["  .then(({ status }) => {", "    console.log(status)", "  })"]
    return "\n".join(
        [
            "import {",
            *(f"  {name}," for name in sorted(names)),
            f"}} from '{TYPESCRIPT_PACKAGE}'",
            "",
            f"const api = new {doc.api}({configuration})",
            "",
            *lines,
            "api",
            f"  .{doc.name}({', '.join(arguments)})",
            *then,
            "  .catch((error: unknown) => {",
            "    if (!(error instanceof SdkError)) throw error",
            "    // The message names the status and the error; it holds no credential.",
            "    console.error(`HTTP ${error.httpStatusCode}: ${error.name}: ${error.message}`)",
            "  })",
        ]
    )


@dataclass(frozen=True)
class _FromEnvironment:
    """A value the example reads from an environment variable: a credential."""

    variable: str


def _python_literal(value: JsonValue, indent: str = "") -> str:
    """A JSON value as a Python literal, indented as `json.dumps(indent=4)` would."""
    inner = indent + "    "
    if isinstance(value, _FromEnvironment):
        return f"os.environ[{json.dumps(value.variable)}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {_python_literal(v, inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [f"{inner}{_python_literal(v, inner)}," for v in value]
        return "[\n" + "\n".join(items) + f"\n{indent}]"
    if value is None or isinstance(value, bool):
        return repr(value)
    return json.dumps(value)


def _environment_variable(field: str) -> str:
    return "IAM_" + "".join(c if c.isalnum() else "_" for c in field).upper()


def _python_script(doc: OperationDoc) -> str:
    """The example function with the imports it uses, and a call with concrete arguments.

    A credential in the body is read from the environment (`IAM_<MEMBER>`), as the token is
    (the helper's `credential`), so no example holds one.
    """
    example = doc.python
    call_lines: list[str] = []
    arguments = [_python_literal(p.example) for p in doc.parameters if p.required]
    uses_os = False
    if doc.body is not None:
        model = doc.body.model
        members: dict[str, JsonValue] = {}
        for field in _body_fields(model):
            if field.secret:
                uses_os = True
                members[field.name] = _FromEnvironment(_environment_variable(field.name))
            else:
                members[field.name] = field.example
        call_lines.append(
            f"{doc.body.python_name} = {model.name}.model_validate({_python_literal(members)})"
        )
        arguments.append(doc.body.python_name)
    helper_names = {"ApiError"}
    if doc.authorization:
        helper_names.add("credential")
        arguments.append(f"authorization=credential({json.dumps(doc.authorization[0])})")
    imports = _merge_imports(example.imports, example.helper, helper_names, uses_os)
    if doc.body is not None and not any(doc.body.model.name in line for line in imports):
        imports.append(f"from iam_client_models import {doc.body.model.name}")
    call = f"{doc.python_name}({', '.join(arguments)})"
    if len(call) > 80:
        call = f"{doc.python_name}(\n" + "".join(f"        {a},\n" for a in arguments) + "    )"
    if doc.returns.kind == "model":
        handle = ["    result = " + call]
        after = ["print(result)"]
    elif doc.returns.kind == "object":
        handle = ["    document = " + call]
        after = ["print(sorted(document))"]
    elif doc.returns.kind == "proxy":
        handle = ["    response = " + call]
        after = ["print(response.status_code)"]
    else:
        handle = ["    " + call]
        after = ['print("Done.")']
    return "\n".join(
        [
            *imports,
            "",
            "",
            example.function,
            "",
            "",
            *call_lines,
            *([""] if call_lines else []),
            "try:",
            *handle,
            "except ApiError as error:  # its message holds no credential",
            "    raise SystemExit(error) from None",
            *after,
        ]
    )


def _merge_imports(
    imports: Sequence[str], helper: str, names: set[str], uses_os: bool
) -> list[str]:
    """The function's imports, `names` added to the helper's, `os` if needed, in isort's groups."""
    merged = [*imports] + (["import os"] if uses_os else [])
    prefix = f"from {helper} import "
    if not any(line.startswith(prefix) for line in merged):
        merged.append(prefix.rstrip())
    for index, line in enumerate(merged):
        if line.startswith(prefix.rstrip()):
            found = {n.strip() for n in line.removeprefix(prefix.rstrip()).split(",") if n.strip()}
            merged[index] = prefix + ", ".join(sorted(found | names))

    def group(line: str) -> int:
        top = line.split()[1].split(".")[0]
        if top == "__future__":
            return 0
        if top in sys.stdlib_module_names:
            return 1
        return 3 if top.startswith("iam_client") else 2

    lines: list[str] = []
    for number in range(4):
        members = [line for line in merged if group(line) == number]
        members.sort(key=lambda line: (not line.startswith("import "), line.split()[1]))
        if members:
            lines += [*([""] if lines else []), *members]
    return lines

"""Render the API pages and the home page's API list: pure functions of an `ApiDoc`."""

from __future__ import annotations

import html
from collections.abc import Sequence

from iam_client_docs import typescript
from iam_client_docs.describe_api import ApiDoc, OperationDoc
from iam_client_docs.descriptions import ModelDoc
from iam_client_docs.markup import (
    API_ANCHOR,
    HOME_PAGE,
    MODELS_ANCHOR,
    TYPESCRIPT_PACKAGE,
    Fence,
    api_page_path,
    cell,
    code,
    html_block,
    model_page_path,
    relative_to,
    tabs,
)
from iam_client_docs.render import typescript_object
from iam_client_docs.safe_markdown import markdown_to_html

__all__ = ["render_api_list", "render_api_page"]

operation_anchor = typescript.operation_anchor


def render_api_list(apis: Sequence[ApiDoc], base_url: str, from_page: str = HOME_PAGE) -> str:
    """The "Documentation for API Endpoints" table: one linked row per operation."""
    rows = [
        "| Class | Method | HTTP request | Description |",
        "| ----- | ------ | ------------ | ----------- |",
    ]
    for api in apis:
        page = relative_to(from_page, api_page_path(api.name))
        for doc in api.operations:
            operation = doc.operation
            rows.append(
                f"| [{api.name}]({page}) "
                f"| [{operation.name}]({page}#{operation_anchor(operation.name)}) "
                f"| {_http_request(doc)} | {_summary_cell(doc)} |"
            )
    return f"All URIs are relative to {code(base_url)}.\n\n" + "\n".join(rows) + "\n"


def render_api_page(api: ApiDoc, base_url: str) -> str:
    """The whole Markdown page of one API class, in the upstream API page's section order."""
    page = api_page_path(api.name)
    home = relative_to(page, HOME_PAGE)
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
        f"All URIs are relative to {code(base_url)}.",
        "\n".join(methods),
    ]
    for doc in api.operations:
        sections.extend(_operation_sections(doc, page))
        sections.append(back)
    return "\n\n".join(sections) + "\n"


def _summary_cell(doc: OperationDoc) -> str:
    return cell(markdown_to_html(doc.operation.summary, inline=True))


def _http_request(doc: OperationDoc) -> str:
    return f"**{doc.operation.method}** {code(doc.operation.path)}"


def _model_link(from_page: str, model: ModelDoc) -> str:
    return f"[{model.name}]({relative_to(from_page, model_page_path(model.name))})"


def _operation_sections(doc: OperationDoc, page: str) -> list[str]:
    operation = doc.operation
    return [
        f"## {operation.name} {{ #{operation_anchor(operation.name)} }}",
        # A quote, as upstream shows it: a signature is not a runnable example.
        f"> TypeScript: {code(_typescript_signature(doc))}  \n"
        f"> Python: {code(_python_signature(doc))}",
        html_block(
            "operation-description",
            f"<p><strong>{markdown_to_html(operation.summary, inline=True)}</strong></p>"
            + markdown_to_html(operation.description),
        ),
        "### Example",
        tabs(
            [
                ("TypeScript", Fence("typescript", _typescript_call(doc))),
                ("Python", Fence("python", doc.python_example.rstrip("\n"))),
            ]
        ),
        "### Parameters",
        "| Name | Type | Description | Notes |\n"
        "| ---- | ---- | ----------- | ----- |\n"
        f"| **{operation.request_parameter}** | {_model_link(page, doc.request)} "
        f"| {cell(_summary(doc.request))} | Required: the JSON request body. |",
        "### Return type",
        _model_link(page, doc.response),
        "### Authorization",
        (
            "\n".join(f"- {code(scheme)}" for scheme in operation.authorization)
            if operation.authorization
            else "No authorization required"
        ),
        "### HTTP request headers",
        "\n".join(
            f"- **{html.escape(name)}**: {code(value)}" for name, value in operation.request_headers
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
            description += f" Body: {code(response.model.__name__)}."
        headers = "<br>".join(code(name) for name in response.headers)
        rows.append(f"| **{response.status}** | {cell(description)} | {cell(headers)} |")
    return "\n".join(rows)


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
        typescript.member_access("data", f.name) for f in doc.response.fields if not f.secret
    )
    return "\n".join(
        [
            "import {",
            *(f"  {name}," for name in names),
            f"}} from '{TYPESCRIPT_PACKAGE}'",
            "",
            f"const api = new {doc.api}(new Configuration())",
            "",
            *typescript_object(operation.request_parameter, doc.request, required, note),
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

"""Render the API pages, the home page's API list and its authorization section: pure functions
of the descriptions (`iam_client_docs.descriptions`).
"""

from __future__ import annotations

import html
import json
import re
import shlex
from collections.abc import Sequence
from urllib.parse import quote, urlencode

from iam_client_docs import python_code, typescript
from iam_client_docs.descriptions import (
    ApiDoc,
    BodyKind,
    ConstantType,
    EnumType,
    FieldDoc,
    ImportDoc,
    JsonValue,
    ModelDoc,
    OperationDoc,
    ParameterDoc,
    ResponseDoc,
    SchemeDoc,
)
from iam_client_docs.layout import HARDLINE, Doc, Indent, join
from iam_client_docs.markup import (
    HOME_PAGE,
    TYPESCRIPT_PACKAGE,
    Fence,
    Html,
    Markdown,
    PipeCell,
    Text,
    api_page_path,
    back_links,
    code,
    html_block,
    html_href,
    markdown_href,
    model_page_path,
    operation_markdown_link,
    pipe_table,
    tabs,
)
from iam_client_docs.render import constraints_html, spelling, typescript_object
from iam_client_docs.safe_markdown import literal_markdown, markdown_to_html

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
    rows: list[list[PipeCell]] = []
    for api in apis:
        page = markdown_href(from_page, api_page_path(api.name))
        for doc in api.operations:
            rows.append(
                [
                    Markdown(f"[{literal_markdown(api.name)}]({page})"),
                    Markdown(
                        f"[{literal_markdown(doc.name)}]({page}#{operation_anchor(doc.name)})"
                    ),
                    _http_request(doc),
                    _summary_cell(doc),
                ]
            )
    table = pipe_table(("Class", "Method", "HTTP request", "Description"), rows)
    return f"All URIs are relative to {code(base_url)}.\n\n" + table + "\n"


def render_authorization(
    schemes: Sequence[SchemeDoc], apis: Sequence[ApiDoc], from_page: str = HOME_PAGE
) -> str:
    """The "Documentation For Authorization" section: each scheme under its upstream anchor."""
    open_operations = [
        operation_markdown_link(from_page, api.name, doc.name)
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
            ", ".join(
                operation_markdown_link(from_page, ref.api, ref.operation) for ref in scheme.used_by
            )
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
            "token endpoint's client proves who it is inside the request body, with a JWT "
            "client assertion, signed or with a MAC (RFC 7523, sections 2.2 and 3)."
        )
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------------------------------------
# An API page


def render_api_page(api: ApiDoc, base_url: str) -> str:
    """The whole Markdown page of one API class, in the upstream API page's section order."""
    page = api_page_path(api.name)
    top = api.name.lower()
    back = back_links(page, top=top)
    methods = pipe_table(
        ("Method", "HTTP request", "Description"),
        [
            [
                Markdown(f"[**{literal_markdown(doc.name)}**](#{operation_anchor(doc.name)})"),
                _http_request(doc),
                _summary_cell(doc),
            ]
            for doc in api.operations
        ],
    )
    sections = [f"# {api.name} {{ #{top} }}"]
    if api.description:
        sections.append(html_block("api-description", markdown_to_html(api.description)))
    sections += [f"All URIs are relative to {code(base_url)}.", methods]
    for doc in api.operations:
        sections.extend(_operation_sections(doc, page, base_url))
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


def _summary_cell(doc: OperationDoc) -> Html:
    return Html(markdown_to_html(doc.summary, inline=True))


def _http_request(doc: OperationDoc) -> Markdown:
    return Markdown(f"**{literal_markdown(doc.method)}** {code(doc.path)}")


def _model_link(from_page: str, name: str) -> str:
    return f"[{literal_markdown(name)}]({markdown_href(from_page, model_page_path(name))})"


def _operation_sections(doc: OperationDoc, page: str, base_url: str) -> list[str]:
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
                ("curl", Fence("bash", _curl_command(doc, base_url))),
            ]
        ),
        _example_note(doc),
        "### Parameters",
        _parameters_table(doc, page),
        "### Return type",
        _return_type(doc, page),
        "### Authorization",
        (
            ", ".join(
                f"[{name}]({markdown_href(page, HOME_PAGE)}#{name})" for name in doc.authorization
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


def _example_note(doc: OperationDoc) -> str:
    note = (
        f"The Python example is {code(doc.python.module + '.' + doc.python_name)}; it sends "
        f"with the [shared helper](#{HELPER_ANCHOR}), {code(doc.python.helper)}."
    )
    read = [] if doc.credential is None else [("the token", doc.credential.variable)]
    if doc.body is not None:
        used = {field.name for field in _body_fields(doc.body.model)}
        read += [(code(name), variable) for name, variable in doc.body.credentials if name in used]
    if read:
        note += " The Python example and the curl command read " + " and ".join(
            f"{what} from the environment variable {code(variable)}" for what, variable in read
        )
        note += "."
    return note


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
    rows: list[list[PipeCell]] = [
        [
            Html(_name_cell(parameter.name, parameter.python_name)),
            Html(_parameter_type(parameter)),
            Html(markdown_to_html(parameter.description, inline=True)),
            Html(_parameter_notes(parameter)),
        ]
        for parameter in doc.parameters
    ]
    if doc.body is not None:
        body = doc.body
        rows.append(
            [
                Html(_name_cell(body.parameter, body.python_name)),
                Markdown(_model_link(page, body.model.name)),
                Text(body.description),
                Text("Required: the JSON request body."),
            ]
        )
    return pipe_table(("Name", "Type", "Description", "Notes"), rows)


def _name_cell(name: str, python_name: str) -> str:
    text = f"<strong>{code(name)}</strong>"
    if python_name != name:
        text += f"<br>Python: {code(python_name)}"
    return text


def _parameter_type(parameter: ParameterDoc) -> str:
    typescript_type = spelling(parameter.type, "typescript")
    python_type = spelling(parameter.type, "python")
    text = code(typescript_type)
    if python_type != typescript_type:
        text += f"<br>Python: {code(python_type)}"
    return text


def _values(parameter: ParameterDoc) -> tuple[JsonValue, ...] | None:
    """The values of an enumeration, in order; `None` for any other type."""
    tp = parameter.type
    if isinstance(tp, EnumType):
        return tp.values
    return (tp.value,) if isinstance(tp, ConstantType) else None


def _parameter_notes(parameter: ParameterDoc) -> str:
    where = "Path" if parameter.location == "path" else "Query"
    if parameter.required:
        notes = f"{where} parameter; required."
    elif parameter.default is not None:
        default = code(json.dumps(parameter.default))
        notes = f"{where} parameter; optional. The server's default: {default}."
    else:
        notes = f"{where} parameter; optional."
    values = _values(parameter)
    if values is not None:
        notes += " One of " + ", ".join(code(json.dumps(v)) for v in values) + "."
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
    rows: list[list[PipeCell]] = []
    for response in doc.responses:
        # As upstream's table does: `-` where it lists no header.
        headers = "<br>".join(code(name) for name in response.headers) or "-"
        rows.append(
            [
                Markdown(f"**{response.status}**"),
                Html(_response_description(response, page)),
                Html(headers),
            ]
        )
    return pipe_table(("Status code", "Description", "Response headers"), rows)


_BODY_TEXT: dict[BodyKind, str] = {"object": "a JSON object", "undeclared": "not declared upstream"}
"""What a body that is no model and not empty is, in a response's row."""


def _response_description(response: ResponseDoc, page: str) -> str:
    text = f"<strong>{html.escape(response.name)}</strong>: " + markdown_to_html(
        response.description, inline=True
    )
    if response.model is not None:
        # Raw HTML in a cell: the link is the built page's URL, as MkDocs would write it.
        target = html_href(page, model_page_path(response.model))
        text += f' Body: <a href="{target}">{html.escape(response.model)}</a>'
        if response.body_source == "document":
            text += (
                ", as upstream's OpenAPI document of release 1.43.0 names it (the 1.48.0 "
                "clients name no error body where an operation returns nothing)"
            )
        text += "."
    elif response.body == "empty":
        text += " No body."
    else:
        text += f" Body: {_BODY_TEXT[response.body]}."
    return text


# ---------------------------------------------------------------------------------------------
# Examples


def _body_fields(model: ModelDoc) -> list[FieldDoc]:
    """The members an example fills: the required ones, or all where none is required."""
    required = [field for field in model.fields if field.required]
    return required or list(model.fields)


def _typescript_argument(parameter: ParameterDoc) -> str:
    if _values(parameter) is not None:
        enum = spelling(parameter.type, "typescript")
        return f"{enum}.{typescript.enum_member_name(parameter.example)}"
    return (
        typescript.number_literal(parameter.example)
        if isinstance(parameter.example, int)
        else typescript.string_literal(parameter.example)
    )


_TYPESCRIPT_ERROR_HANDLER = (
    "if (!(error instanceof SdkError)) throw error;",
    "// The message names the status and the error; it holds no credential.",
    "const { httpStatusCode, name, message } = error;",
    "console.error(`HTTP ${httpStatusCode}: ${name}: ${message}`);",
)
"""The body of every TypeScript example's `catch`, as Prettier prints it (each line fits)."""


def _typescript_call(doc: OperationDoc) -> str:
    """The upstream client call, with concrete arguments and the body filled from examples."""
    required = [p for p in doc.parameters if p.required]
    names = {"Configuration", doc.api, "SdkError"}
    names |= {spelling(p.type, "typescript") for p in required if _values(p) is not None}
    arguments: list[Doc] = [_typescript_argument(p) for p in required]
    statements = []
    if doc.body is not None:
        model = doc.body.model
        names.add(model.name)
        note = f"the note on the {model.name} page"
        statements.append(typescript_object(doc.body.parameter, model, _body_fields(model), note))
        arguments.append(doc.body.parameter)
    if doc.credential is not None:
        placeholder = f"<your {doc.credential.scheme} token>"
        key = typescript.Property("apiKey", typescript.string_literal(placeholder), placeholder)
        configuration: Doc = ("new Configuration(", typescript.object_literal([key]), ")")
    else:
        configuration = "new Configuration()"
    returns = doc.returns
    if returns.kind == "model":
        assert returns.model is not None
        # Credentials never reach the console: only members that printed output shows.
        shown = [f.name for f in returns.model.fields if not f.secret][:4]
        parameter = "{ data }"
        logged = [typescript.member_access("data", f) for f in shown]
    elif returns.kind == "object":
        parameter, logged = "{ data }", ["data"]
    else:
        parameter, logged = "{ status }", ["status"]
    chain = (
        "api",
        Indent(
            (
                HARDLINE,
                typescript.call(f".{doc.name}", arguments),
                HARDLINE,
                f".then(({parameter}) => {{",
                Indent((HARDLINE, typescript.call("console.log", logged), ";")),
                HARDLINE,
                "})",
                HARDLINE,
                ".catch((error: unknown) => {",
                Indent(join(HARDLINE, ["", *_TYPESCRIPT_ERROR_HANDLER])),
                HARDLINE,
                "})",
            )
        ),
        ";",
    )
    return "\n\n".join(
        [
            typescript.import_statement(sorted(names), TYPESCRIPT_PACKAGE),
            typescript.layout(typescript.assignment("const configuration", configuration))
            + f"\nconst api = new {doc.api}(configuration);",
            *statements,
            typescript.layout(chain),
        ]
    )


def _python_script(doc: OperationDoc) -> str:
    """The example function with the imports it uses, and a call with concrete arguments.

    Credentials (the token, and any in the body) are read from the environment with the
    helper's `credential`, so no example holds one.
    """
    example = doc.python
    helper_names = ["ApiError"]
    imports = list(example.imports)
    statements: list[str] = []
    arguments: list[Doc] = [python_code.value(p.example) for p in doc.parameters if p.required]
    if doc.body is not None:
        model = doc.body.model
        variables = dict(doc.body.credentials)
        members: dict[str, JsonValue] = {}
        for field in _body_fields(model):
            if field.name in variables:
                helper_names.append("credential")
                read = f"credential({python_code.string_literal(variables[field.name])})"
                members[field.name] = python_code.Raw(read)
            else:
                members[field.name] = field.example
        if not any(model.name in statement.names for statement in imports):
            imports.append(ImportDoc("iam_client_models", (model.name,)))
        statements.append(
            python_code.layout(
                (
                    f"{doc.body.python_name} = ",
                    python_code.call(f"{model.name}.model_validate", [python_code.value(members)]),
                )
            )
        )
        arguments.append(doc.body.python_name)
    if doc.credential is not None:
        helper_names.append("credential")
        variable = python_code.string_literal(doc.credential.variable)
        arguments.append(f"authorization=credential({variable})")
    imports.append(ImportDoc(example.helper, tuple(helper_names)))
    call = python_code.call(doc.python_name, arguments)
    result, after = {
        "model": ("result = ", "print(result)"),
        "object": ("document = ", "print(sorted(document))"),
        "proxy": ("response = ", "print(response.status_code)"),
    }.get(doc.returns.kind, ("", 'print("Done.")'))
    statements.append(
        python_code.layout(
            (
                "try:",
                Indent((HARDLINE, result, call)),
                HARDLINE,
                "except ApiError as error:  # its message holds no credential",
                Indent((HARDLINE, "raise SystemExit(error) from None")),
                HARDLINE,
                after,
            )
        )
    )
    return "\n".join(
        [
            *python_code.import_lines(imports),
            "",
            "",
            example.function,
            "",
            "",
            "\n\n".join(statements),
        ]
    )


def _curl_command(doc: OperationDoc, base_url: str) -> str:
    """The request as a `curl` command line: the example's path, its required query
    parameters, its headers (the credential from the environment) and its JSON body."""
    query = [
        (p.name, str(p.example)) for p in doc.parameters if p.required and p.location == "query"
    ]
    url = base_url.rstrip("/") + doc.example_path
    if query:
        url += "?" + urlencode(query, quote_via=quote)
    options = [f"--request {doc.method} {shlex.quote(url)}"]
    options += [
        f"--header {shlex.quote(f'{name}: {value}')}" for name, value in doc.request_headers
    ]
    if doc.credential is not None:
        header = _double_quoted(f"{doc.credential.header}: ") + f"${doc.credential.variable}"
        options.append(f'--header "{header}"')
    lines = ["curl " + " \\\n  ".join(options)]
    if doc.body is not None:
        fields = _body_fields(doc.body.model)
        used = {field.name for field in fields}
        variables = {name: var for name, var in doc.body.credentials if name in used}
        # A quoted delimiter takes the body as it is; an unquoted one expands `$VARIABLE`, and
        # `\\`, `$` and `` ` `` in the rest of the text are escaped.
        static = _heredoc_text if variables else str
        members = [
            static(f"  {json.dumps(field.name)}: ")
            + (
                f'"${variables[field.name]}"'
                if field.name in variables
                else static(json.dumps(field.example, indent=2).replace("\n", "\n  "))
            )
            for field in fields
        ]
        body = "\n".join(["{", ",\n".join(members), "}"]) if members else "{}"
        delimiter = "JSON" if variables else "'JSON'"
        lines[0] += f" \\\n  --data @- <<{delimiter}"
        lines += [body, "JSON"]
    return "\n".join(lines)


def _double_quoted(text: str) -> str:
    """Text inside a shell's double quotes: `\\`, `"`, `$` and `` ` `` escaped."""
    return re.sub(r'([\\"$`])', r"\\\1", text)


def _heredoc_text(text: str) -> str:
    """Text of a here-document whose delimiter is unquoted: `\\`, `$` and `` ` `` escaped."""
    return re.sub(r"([\\$`])", r"\\\1", text)

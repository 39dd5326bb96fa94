"""Render the model, enumeration and union pages, the home page's model list and the
"Differences from upstream" page: pure functions of descriptions (`iam_client_docs.descriptions`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from iam_client_docs import python_code, typescript
from iam_client_docs.describe_api import Usage
from iam_client_docs.descriptions import (
    ArrayType,
    ConstantType,
    EnumDoc,
    EnumType,
    FieldDoc,
    ImportDoc,
    ModelDoc,
    ModelType,
    PageDoc,
    ScalarType,
    TypeDoc,
    UnionDoc,
    UnionType,
)
from iam_client_docs.markup import (
    HOME_PAGE,
    TYPESCRIPT_PACKAGE,
    Fence,
    api_page_path,
    back_links,
    code,
    escape,
    html_block,
    model_page_path,
    relative_to,
    summary_html,
    tabs,
    type_code,
)
from iam_client_docs.safe_markdown import literal_markdown, markdown_to_html

__all__ = [
    "DIFFERENCES_PAGE",
    "field_anchor",
    "group_title",
    "navigation",
    "page_url",
    "python_spelling",
    "render_deviations_page",
    "render_footer",
    "render_model_list",
    "render_page",
    "spelling",
    "typescript_object",
]

DIFFERENCES_PAGE = "differences.md"
"""The generated "Differences from upstream" page."""


def render_footer(version: str) -> str:
    """The footer line of every page: the release of the package the site describes."""
    return f"iam-client-models {html.escape(version)}"


def page_url(from_page: str, target_page: str) -> str:
    """A link in raw HTML on `from_page` to `target_page` (both relative to the docs directory).

    Written as a Markdown link is, to the target's source file (`../models/TokenDto.md`):
    Zensical resolves that form in raw HTML too, and the MkDocs hook does it for MkDocs, which
    leaves raw HTML as written (`iam_client_docs.build`).
    """
    return relative_to(from_page, target_page)


def field_anchor(name: str) -> str:
    """The anchor of a field's row in its model's properties table: `field-ownerAri`.

    A character an id may not hold is written as `-<hex>-`; `-` only ever stands in such a
    code, so two names never share an anchor.
    """
    return "field-" + re.sub(r"[^A-Za-z0-9_]", lambda match: f"-{ord(match[0]):x}-", name)


def _deviation_anchor(model: str, field: str) -> str:
    return f"{model}-{field_anchor(field)}"


# Type spellings. A part is HTML that never wraps inside; the parts of one type wrap only
# between union members and between enumeration values.


def _link(from_page: str, page: str, text: str | None = None) -> str:
    """A link to the page of model, enumeration or union `page`, reading `text` (its name)."""
    href = page_url(from_page, model_page_path(page))
    return f'<a href="{href}">{escape(page if text is None else text)}</a>'


def _wrap(prefix: str, parts: list[str], suffix: str) -> list[str]:
    parts = list(parts)
    parts[0] = prefix + parts[0]
    parts[-1] = parts[-1] + suffix
    return parts


def _join(items: Sequence[list[str]], separator: str) -> list[str]:
    """Parts of several types joined by `separator`, which starts the next part (`| B`)."""
    joined: list[str] = []
    for index, parts in enumerate(items):
        joined += _wrap(separator, parts, "") if index else parts
    return joined


Language = Literal["typescript", "python"]


@dataclass(frozen=True)
class _Writer:
    """How the parts of a type are written: as plain text, or (`from_page` given) as HTML,
    with each named type linked from that page."""

    from_page: str | None = None

    def text(self, text: str) -> str:
        return text if self.from_page is None else escape(text)

    def name(self, page: str, shown: str | None = None) -> str:
        """The name of a type with a page (`page`), reading `shown` where it differs."""
        if self.from_page is None:
            return page if shown is None else shown
        return _link(self.from_page, page, shown)


def _parts(tp: TypeDoc, language: Language, out: _Writer) -> list[str]:
    """The type as `language` writes it, in parts: the one walk of a type description."""
    python = language == "python"
    if isinstance(tp, ScalarType):
        return [out.text(tp.python if python else tp.typescript)]
    if isinstance(tp, ArrayType):
        opening, closing = ("list[", "]") if python else ("Array<", ">")
        return _wrap(out.text(opening), _parts(tp.item, language, out), out.text(closing))
    if isinstance(tp, ModelType) or (isinstance(tp, UnionType) and tp.name):
        return [out.name(tp.name or "")]
    if isinstance(tp, EnumType) and tp.python_name:
        return [out.name(tp.python_name, None if python else tp.typescript_name)]
    if isinstance(tp, (EnumType, ConstantType)):
        if not python:
            return [out.text(tp.typescript_name)]
        values = tp.values if isinstance(tp, EnumType) else (tp.value,)
        reprs = [out.text(repr(value)) for value in values]
        parts = [f"{value}," for value in reprs[:-1]] + [reprs[-1]]
        return _wrap(out.text("Literal["), parts, out.text("]"))
    if isinstance(tp, UnionType):
        return _join([_parts(item, language, out) for item in tp.alternatives], out.text("| "))
    raise TypeError(f"not a type description: {tp!r}")


def spelling(tp: TypeDoc, language: Language, nullable: bool = False) -> str:
    """The type as `language` writes it, as plain text: `Array<ProjectDto>` (as upstream's
    `.d.ts` declares it), `list[ProjectDto] | None` (a Python annotation)."""
    text = " ".join(_parts(tp, language, _Writer()))
    return f"{text} | None" if nullable else text


def python_spelling(tp: TypeDoc, nullable: bool = False) -> str:
    """The type as a Python annotation writes it: `list[ProjectDto] | None`."""
    return spelling(tp, "python", nullable)


def _field_python_parts(field: FieldDoc, from_page: str) -> list[str]:
    parts = _parts(field.type, "python", _Writer(from_page))
    return [*parts, "| None"] if field.nullable else parts


def _field_typescript_parts(field: FieldDoc, from_page: str) -> list[str]:
    if field.deviation is not None and field.deviation.upstream_type is not None:
        return [escape(field.deviation.upstream_type)]
    return _parts(field.type, "typescript", _Writer(from_page))


# The home page's list.


def render_model_list(pages: Sequence[PageDoc], from_page: str = HOME_PAGE) -> str:
    """The "Documentation For Models" list: one linked entry per page, with its summary."""
    lines = []
    for doc in pages:
        link = relative_to(from_page, model_page_path(doc.name))
        lines.append(f"- [{literal_markdown(doc.name)}]({link}): {summary_html(doc.docstring)}")
    return "\n".join(lines) + "\n"


def group_title(group: str) -> str:
    """A sidebar group's title from its module name: `consumer_auth` is "Consumer auth"."""
    title = group.strip("_").replace("_", " ")
    return title.upper() if len(title) <= 3 else title[:1].upper() + title[1:]


def navigation(pages: Sequence[PageDoc]) -> list[dict[str, list[str]]]:
    """The sidebar's Models section: one group per module, in the order of the model list.

    With Material's `navigation.prune`, a page carries the group titles and its own group's
    pages, never every model: the build stays linear in the number of models.
    """
    groups: dict[str, list[str]] = {}
    for doc in pages:
        groups.setdefault(group_title(doc.group or doc.name), []).append(model_page_path(doc.name))
    return [{title: paths} for title, paths in groups.items()]


# Pages.


def render_page(doc: PageDoc, used_by: Sequence[Usage] = ()) -> str:
    """The whole Markdown page of a model, an enumeration or a union.

    `used_by` lists the operations that send or return it; the page links back to them.
    """
    if isinstance(doc, ModelDoc):
        return _model_page(doc, used_by)
    if isinstance(doc, EnumDoc):
        return _enum_page(doc, used_by)
    return _union_page(doc, used_by)


def _head(doc: PageDoc, used_by: Sequence[Usage], kind: str) -> list[str]:
    page = model_page_path(doc.name)
    return [
        f"# {literal_markdown(doc.name)}",
        _html_summary(kind, doc.docstring),
        *([_used_by(page, used_by)] if used_by else []),
    ]


def _html_summary(kind: str, docstring: str) -> str:
    kind_line = f'<p class="model-kind">{kind}</p>'
    return kind_line + "\n\n" + html_block("model-summary", markdown_to_html(docstring))


def _tail(doc: PageDoc) -> list[str]:
    return [
        "## Python API",
        f"::: {doc.qualified_name}",
        '??? info "JSON Schema"\n\n'
        + Fence("json", json.dumps(doc.json_schema, indent=2)).render("    "),
        back_links(model_page_path(doc.name)),
    ]


def _model_page(model: ModelDoc, used_by: Sequence[Usage]) -> str:
    page = model_page_path(model.name)
    unknown = (
        "Members not listed here are kept, and dumped again; printed output shows their names, "
        "not their values."
        if model.keeps_unknown
        else "A member not listed here is an error that names it."
    )
    sections = [
        *_head(model, used_by, "Model" + (" (response)" if model.keeps_unknown else " (request)")),
        "## Properties",
        _properties_table(model, page),
        f'<p class="unknown-members">{unknown}</p>',
        *(
            _deviation_note(model.name, field, page)
            for field in model.fields
            if field.deviation is not None
        ),
        "## Example",
        _example_tabs(model),
        *_tail(model),
    ]
    return "\n\n".join(sections) + "\n"


def _operation_link(from_page: str, usage: Usage) -> str:
    target = relative_to(from_page, api_page_path(usage.api))
    anchor = typescript.operation_anchor(usage.operation)
    return f"[{usage.api}.{usage.operation}]({target}#{anchor})"


def _used_by(page: str, usages: Sequence[Usage]) -> str:
    links = [f"{_operation_link(page, usage)} ({usage.role})" for usage in usages]
    return "Used by: " + ", ".join(links) + "."


def _name_cell(field: FieldDoc) -> str:
    name = f"<strong>{code(field.name)}</strong>"
    if field.attribute != field.name:
        name += f'<br><span class="attribute">Python: {code(field.attribute)}</span>'
    return name


def _notes(model: str, field: FieldDoc, page: str) -> str:
    if field.required:
        notes = "Required."
    else:
        notes = f"Optional; default {code(field.default or 'None')} (TypeScript: left out)."
    if field.secret:
        notes += " A credential: printed output leaves it out."
    if field.deviation is not None:
        notes += (
            f' <a href="#{_deviation_anchor(model, field.name)}">'
            "Differs from upstream: see the note.</a>"
        )
    return notes


def _properties_table(model: ModelDoc, page: str) -> str:
    head = "".join(
        f"<th>{title}</th>"
        for title in ("Name", "TypeScript type", "Python type", "Description", "Notes")
    )
    rows = [
        f'<tr id="{field_anchor(field.name)}">'
        f"<td>{_name_cell(field)}</td>"
        f"<td>{type_code(_field_typescript_parts(field, page))}</td>"
        f"<td>{type_code(_field_python_parts(field, page))}</td>"
        f"<td>{markdown_to_html(field.description, inline=True)}</td>"
        f"<td>{_notes(model.name, field, page)}</td>"
        "</tr>"
        for field in model.fields
    ]
    return "\n".join(
        ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]
    )


def _deviation_note(model: str, field: FieldDoc, page: str) -> str:
    deviation = field.deviation
    assert deviation is not None
    upstream = deviation.upstream_type
    if upstream is not None:
        title = (
            f"{code(field.name)}: upstream declares {code(upstream)}, "
            f"this model {code(python_spelling(field.type, field.nullable))}"
        )
    else:
        title = f"{code(field.name)}: the description corrects upstream's"
    back = page_url(page, DIFFERENCES_PAGE) + f"#{_deviation_anchor(model, field.name)}"
    upstream_text = (
        f"<p>Upstream's description: <q>{escape(deviation.upstream_description)}</q></p>"
        if deviation.upstream_description is not None
        else ""
    )
    return (
        f'<div class="admonition warning" id="{_deviation_anchor(model, field.name)}">'
        f'<p class="admonition-title">{title}</p>'
        f"{markdown_to_html(deviation.reason)}{upstream_text}"
        f'<p><a href="{back}">All differences from upstream</a></p></div>'
    )


def _example_tabs(model: ModelDoc) -> str:
    body = json.dumps(model.example, indent=2)
    return tabs(
        [
            ("TypeScript", Fence("typescript", _typescript_example(model))),
            (
                "Python",
                Fence(
                    "python", _python_example(model.package, model.name, body, model.example_repr)
                ),
            ),
            ("JSON", Fence("json", body)),
        ]
    )


def _typescript_example(model: ModelDoc) -> str:
    names = [model.name, *sorted(_cast_types(model.fields))]
    return "\n\n".join(
        [
            typescript.import_statement(names, TYPESCRIPT_PACKAGE),
            typescript_object("instance", model, model.fields),
        ]
    )


def _cast_types(fields: Sequence[FieldDoc]) -> set[str]:
    """The upstream types `typescript_object` casts required deviating fields to, to import."""
    return {
        field.deviation.upstream_type
        for field in fields
        if field.required
        and field.deviation is not None
        and field.deviation.upstream_type is not None
        and typescript.identifier(field.deviation.upstream_type)
        and field.deviation.upstream_type[:1].isupper()
    }


def typescript_object(
    variable: str, model: ModelDoc, fields: Sequence[FieldDoc], note: str = "the note above"
) -> str:
    """`const variable: Model = {...};` from the fields' examples, as Prettier prints it.

    A field whose upstream type does not fit real values is left out where it is optional,
    and cast where upstream requires it, so that the example compiles against upstream's
    declarations and still shows real data.
    """
    members: list[typescript.Property | typescript.Comment] = []
    for field in fields:
        value = typescript.value(field.example)
        upstream = field.deviation.upstream_type if field.deviation is not None else None
        if upstream is not None and not field.required:
            members.append(
                typescript.Comment(
                    f"{typescript.string_literal(field.name)} left out: upstream types it "
                    f"{upstream}, real values do not fit (see {note})"
                )
            )
            continue
        if upstream is not None:
            members.append(
                typescript.Comment(
                    f"upstream types it {upstream}, real values do not fit (see {note})"
                )
            )
            value = (value, f" as unknown as {upstream}")
        members.append(typescript.Property(field.name, value, field.example))
    declaration = f"const {variable}: {model.name}"
    return typescript.layout(typescript.assignment(declaration, typescript.object_literal(members)))


def _output_comment(printed: str) -> list[str]:
    """What the example prints, as `# > ` comments (`ruff format` writes `#>` so)."""
    return [f"# > {line}".rstrip() for line in printed.splitlines()]


def _python_example(package: str, name: str, body: str, printed: str) -> str:
    return "\n".join(
        [
            *python_code.import_lines([ImportDoc(package, (name,))]),
            "",
            f'body = r"""{body}"""',
            "",
            f"instance = {name}.model_validate_json(body)",
            "print(instance)",
            *_output_comment(printed),
        ]
    )


def _enum_page(doc: EnumDoc, used_by: Sequence[Usage]) -> str:
    rows = [
        "<table>",
        "<thead><tr><th>Python member</th><th>TypeScript member</th><th>Value</th>"
        "<th>Description</th></tr></thead>",
        "<tbody>",
        *(
            f'<tr id="member-{field_anchor(member.name).removeprefix("field-")}">'
            f"<td>{code(member.name)}</td><td>{code(member.typescript_name)}</td>"
            f"<td>{code(json.dumps(member.value))}</td>"
            f"<td>{markdown_to_html(member.description, inline=True)}</td></tr>"
            for member in doc.members
        ),
        "</tbody>",
        "</table>",
    ]
    first = doc.members[0]
    typescript_code = "\n".join(
        [
            typescript.import_statement([doc.name], TYPESCRIPT_PACKAGE),
            "",
            typescript.layout(
                typescript.assignment(
                    f"const value: {doc.name}", f"{doc.name}.{first.typescript_name}"
                )
            ),
            typescript.layout(
                (
                    typescript.call("console.log", [f"value === {typescript.value(first.value)}"]),
                    ";",
                )
            ),
        ]
    )
    python_example = "\n".join(
        [
            *python_code.import_lines([ImportDoc(doc.package, (doc.name,))]),
            "",
            python_code.layout(
                ("value = ", python_code.call(doc.name, [python_code.value(first.value)]))
            ),
            f"print(value is {doc.name}.{first.name}, value.value)",
            *_output_comment(f"True {first.value}"),
        ]
    )
    sections = [
        *_head(doc, used_by, "Enumeration"),
        "## Members",
        "\n".join(rows),
        "## Example",
        tabs(
            [
                ("TypeScript", Fence("typescript", typescript_code)),
                ("Python", Fence("python", python_example)),
                ("JSON", Fence("json", json.dumps(first.value))),
            ]
        ),
        *_tail(doc),
    ]
    return "\n\n".join(sections) + "\n"


def _union_page(doc: UnionDoc, used_by: Sequence[Usage]) -> str:
    page = model_page_path(doc.name)
    items = [
        f'<li><a href="{page_url(page, model_page_path(alt.model))}">{escape(alt.model)}</a>: '
        f"{markdown_to_html(alt.summary, inline=True)}</li>"
        for alt in doc.alternatives
    ]
    sections = [
        *_head(doc, used_by, "Union"),
        "## Exactly one of",
        html_block("union-alternatives", "<ul>" + "".join(items) + "</ul>"),
        "A value is one of these models, never a mix: the members present decide which. A "
        "value that matches none of them, or more than one, is an error.",
        "## Examples",
    ]
    for alt, printed in zip(doc.alternatives, doc.example_reprs, strict=True):
        body = json.dumps(alt.example, indent=2)
        typescript_code = "\n\n".join(
            [
                typescript.import_statement([doc.name], TYPESCRIPT_PACKAGE),
                typescript.layout(
                    typescript.assignment(f"const value: {doc.name}", typescript.value(alt.example))
                ),
            ]
        )
        python_example = "\n".join(
            [
                *python_code.import_lines(
                    [ImportDoc("pydantic", ("TypeAdapter",)), ImportDoc(doc.package, (doc.name,))]
                ),
                "",
                f'body = r"""{body}"""',
                "",
                f"value = TypeAdapter({doc.name}).validate_json(body)",
                "print(type(value).__name__)",
                *_output_comment(alt.model),
                "print(value)",
                *_output_comment(printed),
            ]
        )
        sections += [
            f"### {literal_markdown(alt.model)}",
            tabs(
                [
                    ("TypeScript", Fence("typescript", typescript_code)),
                    ("Python", Fence("python", python_example)),
                    ("JSON", Fence("json", body)),
                ]
            ),
        ]
    sections += _tail(doc)
    return "\n\n".join(sections) + "\n"


# The "Differences from upstream" page.


@dataclass(frozen=True)
class _Difference:
    model: str
    field: FieldDoc


def render_deviations_page(pages: Sequence[PageDoc]) -> str:
    """One table of every declared difference from upstream, each row linking to its field."""
    found = [
        _Difference(doc.name, field)
        for doc in pages
        if isinstance(doc, ModelDoc)
        for field in doc.fields
        if field.deviation is not None
    ]
    head = "".join(f"<th>{title}</th>" for title in ("Model", "Field", "Upstream", "Ours", "Why"))
    rows = []
    for item in found:
        deviation = item.field.deviation
        assert deviation is not None
        target = page_url(DIFFERENCES_PAGE, model_page_path(item.model))
        upstream = []
        ours = []
        if deviation.upstream_type is not None:
            upstream.append(f"Type {code(deviation.upstream_type)}")
            ours.append(f"Type {code(python_spelling(item.field.type, item.field.nullable))}")
        if deviation.upstream_description is not None:
            upstream.append(f"Description: <q>{escape(deviation.upstream_description)}</q>")
            ours.append("Description: " + markdown_to_html(item.field.description, inline=True))
        rows.append(
            f'<tr id="{_deviation_anchor(item.model, item.field.name)}">'
            f'<td><a href="{target}">{escape(item.model)}</a></td>'
            f'<td><a href="{target}#{field_anchor(item.field.name)}">'
            f"{code(item.field.name)}</a></td>"
            f"<td>{'<br>'.join(upstream)}</td><td>{'<br>'.join(ours)}</td>"
            f"<td>{markdown_to_html(deviation.reason, inline=True)}</td></tr>"
        )
    return (
        "\n\n".join(
            [
                "# Differences from upstream",
                f"Where a model of this package deliberately differs from the declarations of "
                f"`{TYPESCRIPT_PACKAGE}`, the field says so in its source, and this page lists it: "
                f"{len(found)} differences. Every other field has upstream's name, type, "
                "optionality and (where upstream has one) description; the parity tests check it.",
                "\n".join(
                    [
                        "<table>",
                        f"<thead><tr>{head}</tr></thead>",
                        "<tbody>",
                        *rows,
                        "</tbody>",
                        "</table>",
                    ]
                ),
                back_links(DIFFERENCES_PAGE),
            ]
        )
        + "\n"
    )

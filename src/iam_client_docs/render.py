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
from iam_client_docs.descriptions import (
    ArrayType,
    CharacterSet,
    ConstantType,
    ConstraintDoc,
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
    Usage,
)
from iam_client_docs.markup import (
    HOME_PAGE,
    TYPESCRIPT_PACKAGE,
    Fence,
    Html,
    Row,
    back_links,
    breakable,
    breakable_markdown,
    code,
    escape,
    html_block,
    html_href,
    html_table,
    markdown_href,
    model_page_path,
    operation_markdown_link,
    summary_html,
    tabs,
    type_code,
)
from iam_client_docs.safe_markdown import markdown_to_html

__all__ = [
    "DIFFERENCES_PAGE",
    "constraints_html",
    "field_anchor",
    "group_title",
    "navigation",
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
    href = html_href(from_page, model_page_path(page))
    return f'<a href="{href}">{breakable(page if text is None else text)}</a>'


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
        return text if self.from_page is None else breakable(text)

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
        return [breakable(field.deviation.upstream_type)]
    return _parts(field.type, "typescript", _Writer(from_page))


# The home page's list.


def render_model_list(pages: Sequence[PageDoc], from_page: str = HOME_PAGE) -> str:
    """The "Documentation For Models" list: one linked entry per page, with its summary."""
    lines = []
    for doc in pages:
        link = markdown_href(from_page, model_page_path(doc.name))
        lines.append(f"- [{breakable_markdown(doc.name)}]({link}): {summary_html(doc.docstring)}")
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
        f"# {breakable_markdown(doc.name)}",
        _html_summary(kind, doc.docstring),
        *([_used_by(page, used_by)] if used_by else []),
    ]


def _html_summary(kind: str, docstring: str) -> str:
    kind_line = f'<p class="model-kind">{kind}</p>'
    return kind_line + "\n\n" + html_block("model-summary", markdown_to_html(docstring))


def _tail(doc: PageDoc) -> list[str]:
    return [
        # Left out of the search index (Material's attribute): it repeats the properties table,
        # in mkdocstrings' words and as a JSON Schema.
        "## Python API { data-search-exclude }",
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


def _used_by(page: str, usages: Sequence[Usage]) -> str:
    links = [
        f"{operation_markdown_link(page, usage.api, usage.operation)} ({_usage_role(usage)})"
        for usage in usages
    ]
    return "Used by: " + ", ".join(links) + "."


def _usage_role(usage: Usage) -> str:
    """`request body`, `response body`, `error body (403)`."""
    if usage.role == "error":
        return f"error body ({usage.status})"
    return f"{usage.role} body"


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
    if field.upstream_default is not None:
        notes += (
            f" Upstream's Python client defaults it to {code(field.upstream_default)}; this "
            "model keeps what was sent, and dumps nothing for a member left out."
        )
    if field.deviation is not None:
        notes += (
            f' <a href="#{_deviation_anchor(model, field.name)}">'
            "Differs from upstream: see the note.</a>"
        )
    return notes + constraints_html(field.constraints)


# Constraints in words, each with its exact rule.

_FORMATS = {
    "uuid": "a UUID",
    "url": "a URL",
    "uri": "a URI",
    "int64": "a 64-bit integer",
    "int32": "a 32-bit integer",
    "date-time": "a date and time (RFC 3339)",
    "email": "an email address",
}
"""Formats with words; any other is shown as its exact rule only."""


def _set_words(charset: CharacterSet, article: bool = False) -> list[str]:
    """The members of a character set as words: `ASCII letters`, `digits`, `space`, `.`."""
    words = []
    if charset.any_but_line_feed:
        words.append("any character but a line feed")
    letters = {(True, True): "letter", (True, False): "lower-case letter"}
    letters[(False, True)] = "upper-case letter"
    if (charset.lower, charset.upper) in letters:
        kind = "ASCII " + letters[(charset.lower, charset.upper)]
        words.append(f"an {kind}" if article else kind + "s")
    if charset.digits:
        words.append("a digit" if article else "digits")
    for other in charset.others:
        if other == " ":
            words.append("a space" if article else "space")
        else:
            words.append(code(other))
    return words


def _either(words: list[str], conjunction: str) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {conjunction} {words[-1]}"


def _union(*sets: CharacterSet | None) -> CharacterSet:
    present = [item for item in sets if item is not None]
    others: list[str] = []
    for item in present:
        others += [other for other in item.others if other not in others]
    return CharacterSet(
        lower=any(item.lower for item in present),
        upper=any(item.upper for item in present),
        digits=any(item.digits for item in present),
        others=tuple(others),
        any_but_line_feed=any(item.any_but_line_feed for item in present),
    )


def _without(whole: CharacterSet, part: CharacterSet) -> CharacterSet | None:
    """`whole` less `part`, where `part` keeps whole classes of it; `None` otherwise."""
    if whole.any_but_line_feed or part.any_but_line_feed:
        return None
    for name in ("lower", "upper", "digits"):
        if getattr(part, name) and not getattr(whole, name):
            return None
    if any(other not in whole.others for other in part.others):
        return None
    return CharacterSet(
        lower=whole.lower and not part.lower,
        upper=whole.upper and not part.upper,
        digits=whole.digits and not part.digits,
        others=tuple(other for other in whole.others if other not in part.others),
    )


def _length_words(low: int, high: int | None, unit: str = "character") -> str:
    plural = f"{unit}s"
    if high is None:
        return f"at least {low} {unit if low == 1 else plural}"
    if low == high:
        return f"exactly {low} {unit if low == 1 else plural}"
    if low == 0:
        return f"at most {high} {unit if high == 1 else plural}"
    return f"{low} to {high} {plural}"


def _pattern_words(constraint: ConstraintDoc) -> str | None:
    shape = constraint.shape
    if shape is None:
        return None
    if not shape.whole:
        if shape.allowed.any_but_line_feed and not shape.allowed.others:
            rule = f"the first {shape.min_length} not line feeds"
        else:
            rule = f"the first {shape.min_length} of them " + _either(
                _set_words(shape.allowed), "or"
            )
        return f"{_length_words(shape.min_length, None)}, {rule}"
    allowed = _union(shape.first, shape.allowed, shape.last)
    parts = [
        f"{_length_words(shape.min_length, shape.max_length)}: " + ", ".join(_set_words(allowed))
    ]
    if shape.first is not None:
        parts.append("begins with " + _either(_set_words(shape.first, article=True), "or"))
    if shape.last is not None:
        missing = _without(allowed, shape.last)
        if missing is not None and _set_words(missing):
            parts.append("does not end with " + _either(_set_words(missing, article=True), "or"))
        else:
            parts.append("ends with " + _either(_set_words(shape.last, article=True), "or"))
    return "; ".join(parts)


def _rule(*constraints: ConstraintDoc) -> str:
    return ", ".join(code(f"{item.keyword}: {json.dumps(item.value)}") for item in constraints)


_PAIRS = (
    ("minLength", "maxLength", "character"),
    ("minItems", "maxItems", "item"),
)


def _numeric_words(by_keyword: dict[str, ConstraintDoc]) -> str | None:
    low = by_keyword.get("minimum")
    high = by_keyword.get("maximum")
    if low is not None and high is not None:
        return f"from {low.value} to {high.value}"
    if low is not None:
        return f"at least {low.value}"
    if high is not None:
        return f"at most {high.value}"
    return None


def constraints_html(constraints: Sequence[ConstraintDoc]) -> str:
    """The constraints as a list: each in words a person reads, with the exact rule beside it.

    A length or item count's two bounds are one entry, as are `minimum` and `maximum`. A
    constraint that parsing does not enforce says so, and names the request models that do.
    """
    if not constraints:
        return ""
    by_keyword = {item.keyword: item for item in constraints}
    entries: list[tuple[str | None, tuple[ConstraintDoc, ...]]] = []
    done: set[str] = set()
    for low_key, high_key, unit in _PAIRS:
        pair = tuple(by_keyword[key] for key in (low_key, high_key) if key in by_keyword)
        if pair:
            low = by_keyword[low_key].value if low_key in by_keyword else 0
            high = by_keyword[high_key].value if high_key in by_keyword else None
            entries.append(
                (_length_words(int(low), None if high is None else int(high), unit), pair)
            )
            done.update(item.keyword for item in pair)
    numbers = tuple(by_keyword[key] for key in ("minimum", "maximum") if key in by_keyword)
    if numbers:
        entries.append((_numeric_words(by_keyword), numbers))
        done.update(item.keyword for item in numbers)
    for item in constraints:
        if item.keyword in done:
            continue
        words = None
        if item.keyword == "pattern":
            words = _pattern_words(item)
        elif item.keyword == "format":
            words = _FORMATS.get(str(item.value))
        elif item.keyword == "exclusiveMinimum":
            words = f"more than {item.value}"
        elif item.keyword == "exclusiveMaximum":
            words = f"less than {item.value}"
        entries.append((words, (item,)))
    items = []
    for words, group in entries:
        text = (
            f"{words[:1].upper()}{words[1:]} ({_rule(*group)})."
            if words
            else f"Exact rule: {_rule(*group)}."
        )
        unchecked = [item for item in group if not item.checked]
        if unchecked:
            text += " Not checked when parsing: a value that breaks it is kept."
            checked_by = sorted({name for item in unchecked for name in item.checked_by})
            if checked_by:
                text += (
                    " "
                    + _either([code(name) for name in checked_by], "and")
                    + " refuse a value that breaks it."
                )
        items.append(f"<li>{text}</li>")
    return '<ul class="constraints">' + "".join(items) + "</ul>"


def _properties_table(model: ModelDoc, page: str) -> str:
    rows = [
        Row(
            [
                Html(_name_cell(field)),
                Html(type_code(_field_typescript_parts(field, page))),
                Html(type_code(_field_python_parts(field, page))),
                Html(markdown_to_html(field.description, inline=True)),
                Html(_notes(model.name, field, page)),
            ],
            id=field_anchor(field.name),
        )
        for field in model.fields
    ]
    return html_table(("Name", "TypeScript type", "Python type", "Description", "Notes"), rows)


def _deviation_note(model: str, field: FieldDoc, page: str) -> str:
    deviation = field.deviation
    assert deviation is not None
    upstream = deviation.upstream_type
    if upstream is not None:
        title = (
            f"{code(field.name)}: upstream declares {code(upstream)}, "
            f"this model {code(python_spelling(field.type, field.nullable))}"
        )
    elif deviation.upstream_description is not None:
        title = f"{code(field.name)}: the description corrects upstream's"
    else:
        title = f"{code(field.name)}: checked differently from upstream"
    back = html_href(page, DIFFERENCES_PAGE) + f"#{_deviation_anchor(model, field.name)}"
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
    members = html_table(
        ("Python member", "TypeScript member", "Value", "Description"),
        [
            Row(
                [
                    Html(code(member.name)),
                    Html(code(member.typescript_name)),
                    Html(code(json.dumps(member.value))),
                    Html(markdown_to_html(member.description, inline=True)),
                ],
                id=f"member-{field_anchor(member.name).removeprefix('field-')}",
            )
            for member in doc.members
        ],
    )
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
        members,
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
        f'<li><a href="{html_href(page, model_page_path(alt.model))}">{breakable(alt.model)}</a>: '
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
            f"### {breakable_markdown(alt.model)}",
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


def _paragraphs(markdown: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", markdown) if part.strip()]


def render_deviations_page(pages: Sequence[PageDoc]) -> str:
    """One table of every declared difference from upstream, each row linking to its field.

    A paragraph of reasons that several fields share (the one-value `message` enumerations of
    the error models) is said once, under the table, with links to the fields it covers; each
    row keeps the paragraphs of its own and links to the shared ones.
    """
    found = [
        _Difference(doc.name, field)
        for doc in pages
        if isinstance(doc, ModelDoc)
        for field in doc.fields
        if field.deviation is not None
    ]
    reasons = {
        id(item): _paragraphs(item.field.deviation.reason)
        for item in found
        if item.field.deviation is not None
    }
    covered: dict[str, list[_Difference]] = {}
    for item in found:
        for paragraph in reasons[id(item)]:
            covered.setdefault(paragraph, []).append(item)
    shared = [paragraph for paragraph, items in covered.items() if len(items) > 1]
    number = {paragraph: index for index, paragraph in enumerate(shared, 1)}
    rows = []
    for item in found:
        deviation = item.field.deviation
        assert deviation is not None
        target = html_href(DIFFERENCES_PAGE, model_page_path(item.model))
        upstream = []
        ours = []
        if deviation.upstream_type is not None:
            upstream.append(f"Type {code(deviation.upstream_type)}")
            ours.append(f"Type {code(python_spelling(item.field.type, item.field.nullable))}")
        if deviation.upstream_description is not None:
            upstream.append(f"Description: <q>{escape(deviation.upstream_description)}</q>")
            ours.append("Description: " + markdown_to_html(item.field.description, inline=True))
        why = [
            f'<a href="#shared-reason-{number[paragraph]}">Shared reason {number[paragraph]}</a>'
            if paragraph in number
            else markdown_to_html(paragraph, inline=True)
            for paragraph in reasons[id(item)]
        ]
        if not upstream:  # the same type and description: only the checks differ
            upstream.append(f"Type {code(spelling(item.field.type, 'typescript'))}")
            ours.append(
                f"Type {code(python_spelling(item.field.type, item.field.nullable))}, "
                "checked as the reason says"
            )
        rows.append(
            Row(
                [
                    Html(f'<a href="{target}">{breakable(item.model)}</a>'),
                    Html(
                        f'<a href="{target}#{field_anchor(item.field.name)}">'
                        f"{code(item.field.name)}</a>"
                    ),
                    Html("<br>".join(upstream)),
                    Html("<br>".join(ours)),
                    Html("".join(f"<p>{part}</p>" for part in why)),
                ],
                id=_deviation_anchor(item.model, item.field.name),
            )
        )
    notes = [
        f'<li id="shared-reason-{number[paragraph]}">'
        f"<p>{markdown_to_html(paragraph, inline=True)}</p><p>It covers "
        + ", ".join(
            f'<a href="#{_deviation_anchor(item.model, item.field.name)}">'
            f"{breakable(item.model)}.{code(item.field.name)}</a>"
            for item in covered[paragraph]
        )
        + ".</p></li>"
        for paragraph in shared
    ]
    shared_list = (
        [
            "<p>Reasons shared by several fields:</p>",
            html_block("shared-reasons", "<ol>" + "".join(notes) + "</ol>"),
        ]
        if notes
        else []
    )
    return (
        "\n\n".join(
            [
                "# Differences from upstream",
                f"Where a model of this package deliberately differs from the declarations of "
                f"`{TYPESCRIPT_PACKAGE}`, the field says so in its source, and this page lists it: "
                f"{len(found)} differences. Every other field has upstream's name, type, "
                "optionality and (where upstream has one) description; the parity tests check it.",
                html_table(("Model", "Field", "Upstream", "Ours", "Why"), rows),
                *shared_list,
                back_links(DIFFERENCES_PAGE),
            ]
        )
        + "\n"
    )

"""Our models, and the pages made from them, against the interfaces upstream publishes.

For every model in `iam_client_models.__all__` the interface of the same name is read from the
`.d.ts` files of the pinned `@affinidi-tdk/iam-client` (tests/typescript/node_modules) by the
pinned TypeScript compiler (the `upstream` fixture). Field
names, order, optionality and the TypeScript type column must be upstream's, types as written
(an enumeration by its name); descriptions must be upstream's JSDoc text without its escape
debris. Where a field deliberately differs, its `UpstreamDeviation` says so, once, in the model
source; nothing else may differ.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Sequence

import pytest
from pydantic import BaseModel

import iam_client_models
from iam_client_docs.describe import describe_model, public_models, type_of
from iam_client_docs.descriptions import (
    ArrayType,
    ConstantType,
    EnumType,
    FieldDoc,
    ModelDoc,
    TypeDoc,
    UnionType,
)
from iam_client_docs.markup import model_page_path
from iam_client_docs.render import spelling as render_spelling
from tests.conftest import Build
from tests.upstream_dts import DtsError, Interface, Package, Type, clean_description, spelling

PACKAGE = "iam_client_models"
MODELS = public_models(iam_client_models)
ReadDts = Callable[[str], Package]


def reference(name: str) -> Type:
    return {"kind": "reference", "name": name, "arguments": []}


def _line(name: str, optional: bool, typescript: str) -> str:
    return f"{name}{'?' if optional else ''}: {typescript};"


def shown_type(field: FieldDoc) -> str:
    """The TypeScript type the page shows: upstream's where a deviation declares one."""
    if field.deviation is not None and field.deviation.upstream_type is not None:
        return field.deviation.upstream_type
    return render_spelling(field.type, "typescript")


def _literal(value: object) -> str:
    return json.dumps(value).replace('"', "'")


def resolved(tp: TypeDoc) -> str:
    """Our type with every enumeration written as the union of its values, as
    `Package.resolved_type` writes upstream's."""
    if isinstance(tp, EnumType):
        return " | ".join(_literal(value) for value in tp.values)
    if isinstance(tp, ConstantType):
        return _literal(tp.value)
    if isinstance(tp, ArrayType):
        inner = resolved(tp.item)
        return f"Array<{inner}>"
    if isinstance(tp, UnionType) and tp.name is None:
        return " | ".join(resolved(item) for item in tp.alternatives)
    return render_spelling(tp, "typescript")


def upstream_lines(package: Package, interface: Interface) -> list[str]:
    """The interface as property lines, each type as upstream writes it.

    An enumeration keeps its name (`ConsumerAuthTokenEndpointInputGrantTypeEnum`): the page
    shows the type a TypeScript reader imports and sees in the editor, with its values beside it
    in the Python column. `typescript_enum_name` is the naming rule; this holds it to upstream.
    """
    return [_line(prop.name, prop.optional, prop.written) for prop in interface.properties]


def _diff(name: str, theirs: Sequence[str], ours: Sequence[str], what: str) -> str | None:
    if list(theirs) == list(ours):
        return None
    diff = difflib.unified_diff(
        list(theirs), list(ours), f"upstream interface {name}", what, lineterm="", n=10
    )
    return (
        "\n".join(diff) + "\n(a deliberate difference is declared on the field with "
        "UpstreamDeviation(typescript_type=<upstream's type>, reason=...))"
    )


def field_drift(package: Package, doc: ModelDoc) -> str | None:
    """Names, order, optionality and shown TypeScript types of `doc` against upstream."""
    interface = package.interface(doc.name)
    ours = [_line(field.name, not field.required, shown_type(field)) for field in doc.fields]
    return _diff(doc.name, upstream_lines(package, interface), ours, f"{doc.qualified_name}")


def description_drift(package: Package, doc: ModelDoc) -> list[str]:
    """Each field whose docstring differs from upstream's JSDoc without a declared correction."""
    upstream = {prop.name: prop for prop in package.interface(doc.name).properties}
    problems = []
    for field in doc.fields:
        if field.name not in upstream:
            continue  # reported by the field comparison
        theirs = clean_description(upstream[field.name].description)
        ours = " ".join(field.description.split())
        declared = field.deviation.upstream_description if field.deviation is not None else None
        if declared is not None:
            if clean_description(declared) != theirs:
                problems.append(
                    f"{doc.name}.{field.name}: UpstreamDeviation.description is not upstream's "
                    f"text.\n  declared: {clean_description(declared)}\n  upstream: {theirs}"
                )
            elif ours == theirs:
                problems.append(
                    f"{doc.name}.{field.name}: the docstring equals upstream's text again: drop "
                    "UpstreamDeviation.description"
                )
        elif theirs and ours != theirs:
            # Upstream text with no declared correction must be ours. (Where upstream has no
            # text at all, our docstring adds one; that corrects nothing.)
            problems.append(
                f"{doc.name}.{field.name}: the docstring differs from upstream's JSDoc.\n"
                f"  upstream: {theirs}\n  ours:     {ours}\n"
                "  (a deliberate correction is declared with "
                "UpstreamDeviation(description=<upstream's text>, reason=...))"
            )
    return problems


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_fields_match_the_upstream_interface(model: type[BaseModel], upstream: Package) -> None:
    drift = field_drift(upstream, describe_model(model, PACKAGE))
    if drift:
        pytest.fail(drift, pytrace=False)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_page_properties_table_matches_the_upstream_interface(
    model: type[BaseModel], upstream: Package, site_build: Build
) -> None:
    page = model_page_path(model.__name__).removesuffix(".md") + "/"
    table = site_build.page(page).select_one("article #properties ~ table")
    assert table is not None, page
    shown = []
    for row in table.select("tbody tr"):
        cells = row.select("td")
        name = cells[0].select_one("strong")
        assert name is not None
        ts_type, notes = cells[1].get_text(), cells[4].get_text()
        assert notes.startswith(("Required.", "Optional;")), notes
        shown.append(_line(name.get_text(), notes.startswith("Optional;"), ts_type))
    interface = upstream.interface(model.__name__)
    drift = _diff(model.__name__, upstream_lines(upstream, interface), shown, page)
    if drift:
        pytest.fail(drift, pytrace=False)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_descriptions_match_upstream_jsdoc(model: type[BaseModel], upstream: Package) -> None:
    problems = description_drift(upstream, describe_model(model, PACKAGE))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def _deviating(doc: ModelDoc) -> list[FieldDoc]:
    return [field for field in doc.fields if field.deviation is not None]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_declared_type_deviations_still_deviate(model: type[BaseModel], upstream: Package) -> None:
    # The mapping of our annotation must differ from upstream, or the deviation is stale.
    interface = {prop.name: prop for prop in upstream.interface(model.__name__).properties}
    doc = describe_model(model, PACKAGE)
    for field in _deviating(doc):
        assert field.deviation is not None
        if field.deviation.upstream_type is None or field.name not in interface:
            continue
        theirs = upstream.resolved_type(interface[field.name].type)
        assert resolved(field.type) != theirs, (
            f"{model.__name__}.{field.name} maps to upstream's {theirs} now: "
            "remove UpstreamDeviation.typescript_type"
        )


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_field_types_match_upstream_with_enums_resolved(
    model: type[BaseModel], upstream: Package
) -> None:
    # The page shows an enumeration by name; its values must still be our Literal's, in order.
    interface = {prop.name: prop for prop in upstream.interface(model.__name__).properties}
    doc = describe_model(model, PACKAGE)
    drift = []
    for field in doc.fields:
        if field.name not in interface:
            continue  # reported by the field comparison
        if field.deviation is not None and field.deviation.upstream_type is not None:
            continue
        theirs = upstream.resolved_type(interface[field.name].type)
        ours = resolved(field.type)
        if ours != theirs:
            drift.append(f"{model.__name__}.{field.name}: upstream {theirs}, ours {ours}")
    assert drift == []


def test_the_token_responses_declared_deviations(upstream: Package) -> None:
    prop = {p.name: p for p in upstream.interface("ConsumerAuthTokenEndpointOutput").properties}
    assert prop["id_token"].written == "number"  # what the deviation documents
    doc = describe_model(iam_client_models.ConsumerAuthTokenEndpointOutput, PACKAGE)
    # `expires_in`: checked differently (`Seconds`); `refresh_token`: upstream's advice to ask
    # for a scope the request body cannot carry is left out.
    assert [field.name for field in _deviating(doc)] == ["expires_in", "id_token", "refresh_token"]


def test_the_named_enumeration_and_union_match_upstream(upstream: Package) -> None:
    rights = type_of(iam_client_models.RightsEnum)
    assert isinstance(rights, EnumType)
    theirs = upstream.resolved_type(reference("RightsEnum"))
    assert resolved(rights) == theirs == "'vfs-read' | 'vfs-write'"
    name = "TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo"
    union = type_of(getattr(iam_client_models, name))
    assert isinstance(union, UnionType)
    assert union.name == name
    alternatives = " | ".join(render_spelling(item, "typescript") for item in union.alternatives)
    # Upstream declares it `type X = A | B`: the same alternatives, in the same order.
    assert alternatives == spelling(upstream.aliases[name])


# ---------------------------------------------------------------------------------------------
# The reading and the comparison, on declarations written here.

SOURCE = r"""
import type { AxiosInstance } from 'axios';
/**
 * A model.
 * @export
 * @interface Sample
 */
export interface Sample {
    /**
     * The value \"3600\" &quot;quoted&quot;, the owner\'s
     * text on two lines.
     * @type {string}
     * @memberof Sample
     */
    'access_token'?: string;
    /** Kind. */
    "grant_type": SampleGrantTypeEnum;
    readonly mode?: SampleMode;
    level: Level;
    status: StatusCode;
    rights: Array<SampleGrantTypeEnum>;
    map?: { [key: string]: number; };
    call(x: { a: string }): void;
    [extra: string]: any;
}
export declare const SampleGrantTypeEnum: {
    readonly ClientCredentials: "client_credentials";
    readonly AffinidiDelegation: 'affinidi_delegation';
};
export type SampleGrantTypeEnum = (typeof SampleGrantTypeEnum)[keyof typeof SampleGrantTypeEnum];
export type SampleMode = 'a' | "b";
export enum Level { Low = 'low', High = 'high' }
export declare const StatusCode: { readonly NUMBER_403: 403; };
export type StatusCode = typeof StatusCode[keyof typeof StatusCode];
export declare class Api { method(): Promise<{ data: Sample }>; }
export declare const factory: (axios?: AxiosInstance) => { get(): void; };
export interface Child extends Sample { extra: string; }
"""


def test_the_reader_gets_quoted_names_optionality_and_jsdoc(read_dts: ReadDts) -> None:
    sample = read_dts(SOURCE).interface("Sample")
    assert [(p.name, p.optional) for p in sample.properties] == [
        ("access_token", True),
        ("grant_type", False),
        ("mode", True),
        ("level", False),
        ("status", False),
        ("rights", False),
        ("map", True),
    ]
    assert sample.index_signatures == ("[extra: string]: any",)
    assert clean_description(sample.properties[0].description) == (
        'The value "3600" "quoted", the owner\'s text on two lines.'
    )
    assert sample.properties[1].description == "Kind."
    assert sample.properties[2].description == ""


def test_every_way_of_writing_an_enum_is_resolved(read_dts: ReadDts) -> None:
    package = read_dts(SOURCE)
    resolved = {
        p.name: package.resolved_type(p.type) for p in package.interface("Sample").properties
    }
    assert resolved == {
        "access_token": "string",
        "grant_type": "'client_credentials' | 'affinidi_delegation'",
        "mode": "'a' | 'b'",
        "level": "'low' | 'high'",
        "status": "403",
        "rights": "Array<'client_credentials' | 'affinidi_delegation'>",
        "map": "{ [key: string]: number; }",
    }


def test_the_mapping_writes_literals_as_upstream_enums_resolve(read_dts: ReadDts) -> None:
    from typing import Literal

    package = read_dts(SOURCE)
    grant = next(p for p in package.interface("Sample").properties if p.name == "grant_type")
    literal = type_of(Literal["client_credentials", "affinidi_delegation"], "Sample", "grant_type")
    assert resolved(literal) == package.resolved_type(grant.type)
    assert resolved(type_of(Literal[403], "Sample", "status")) == "403"
    # A model field's enumeration is named as typescript-axios names it.
    assert render_spelling(literal, "typescript") == grant.written == "SampleGrantTypeEnum"
    rights = type_of(list[Literal["client_credentials", "affinidi_delegation"]], "Sample", "x")
    array = {"kind": "reference", "name": "Array", "arguments": [reference("SampleGrantTypeEnum")]}
    assert resolved(rights) == package.resolved_type(array)


def test_the_reader_refuses_what_it_would_read_wrongly(read_dts: ReadDts) -> None:
    package = read_dts(SOURCE)
    with pytest.raises(DtsError, match="declares no interface Missing"):
        package.interface("Missing")
    with pytest.raises(
        DtsError, match="interface Child has generics or an extends clause: extends Sample"
    ):
        package.interface("Child")
    with pytest.raises(DtsError, match="Twice is declared twice"):
        read_dts("interface Twice { a: 1 }\ninterface Twice { b: 2 }")
    when = next(
        p for p in read_dts("interface Later { when: () => void }").interfaces["Later"].properties
    )
    with pytest.raises(
        DtsError, match=r"a type the script does not read \(FunctionType\): \(\) => void"
    ):
        _ = when.written


DRIFTED = r"""
export interface ConsumerAuthTokenEndpointOutput {
    /** The access token issued by the authorization server. */
    access_token: number;
    /** The lifetime in \"seconds\". */
    expires_in?: number;
}
"""


def test_drift_is_reported_as_a_readable_diff(read_dts: ReadDts) -> None:
    upstream = read_dts(DRIFTED)
    doc = describe_model(iam_client_models.ConsumerAuthTokenEndpointOutput, PACKAGE)
    drift = field_drift(upstream, doc)
    assert drift is not None
    assert "--- upstream interface ConsumerAuthTokenEndpointOutput" in drift
    assert "+++ iam_client_models.ConsumerAuthTokenEndpointOutput" in drift
    assert "-access_token: number;\n+access_token?: string;\n expires_in?: number;" in drift
    assert "+id_token?: number;" in drift
    assert "UpstreamDeviation(typescript_type=" in drift
    problems = description_drift(upstream, doc)
    assert len(problems) == 1
    assert problems[0].startswith("ConsumerAuthTokenEndpointOutput.expires_in: the docstring")
    assert 'upstream: The lifetime in "seconds".' in problems[0]

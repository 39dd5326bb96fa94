"""The OpenAPI document: valid OpenAPI 3.1, true to the declarations and the models, and true of
the stand-in server (schemathesis drives it with requests generated from the document)."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator
from pydantic import BaseModel
from referencing import Registry
from referencing.jsonschema import DRAFT202012

import iam_client_models
from iam_client_docs.describe import describe_model, public_models
from iam_client_docs.openapi import (
    OPENAPI_PATH,
    OPENAPI_VERSION,
    component_schemas,
    document_json,
    openapi_document,
    package_document,
)
from iam_client_models import endpoints
from iam_client_models.endpoints import JSON, Body, Operation
from tests.conftest import Build
from tests.examples import NODE_MODULES, require_typescript
from tests.mock_iam_server import DID_DOCUMENT, MockIamServer

DOCUMENT_URI = "urn:iam-client-models:openapi"
OPERATIONS = endpoints.OPERATIONS
# Per operation: few examples, always the same ones (derandomized), so the whole run stays
# within seconds on two cores.
MAX_EXAMPLES = 10
TOKEN = "mock-token-not-a-real-credential"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return package_document(iam_client_models, endpoints)


@pytest.fixture(scope="module")
def registry(document: dict[str, Any]) -> Registry[Any]:
    registry: Registry[Any] = Registry().with_resource(
        DOCUMENT_URI, DRAFT202012.create_resource(document)
    )
    return registry


def validator(registry: Registry[Any], schema: dict[str, Any]) -> Draft202012Validator:
    """A validator of `schema`, whose `$ref`s point into the document."""
    rooted = _rooted(schema)
    return Draft202012Validator(rooted, registry=registry)


def _rooted(value: Any) -> Any:
    """`value` with each document-local `$ref` (`#/components/...`) made absolute."""
    if isinstance(value, dict):
        return {
            key: DOCUMENT_URI + item if key == "$ref" and item.startswith("#") else _rooted(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_rooted(item) for item in value]
    return value


def model_schema(registry: Registry[Any], model: type[BaseModel] | str) -> Draft202012Validator:
    name = model if isinstance(model, str) else model.__name__
    return validator(registry, {"$ref": f"#/components/schemas/{name}"})


def operation_of(document: dict[str, Any], operation: Operation) -> dict[str, Any]:
    found: dict[str, Any] = document["paths"][operation.template][operation.method.lower()]
    return found


def example(model: type[BaseModel]) -> dict[str, Any]:
    return describe_model(model, "iam_client_models").example


# ---------------------------------------------------------------------------------------------
# The document itself.


def test_the_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"] == OPENAPI_VERSION == "3.1.0"
    validate(document, cls=OpenAPIV31SpecValidator)
    # As published: the JSON text parses back to the same document.
    assert json.loads(document_json(document)) == document


def test_it_names_the_server_and_the_version(document: dict[str, Any]) -> None:
    assert document["servers"] == [{"url": endpoints.BASE_URL}]
    assert document["info"]["version"] == iam_client_models.__version__


def test_every_operation_once_by_its_upstream_name_and_class(document: dict[str, Any]) -> None:
    found = [
        (item["operationId"], item["tags"], method.upper(), path)
        for path, methods in document["paths"].items()
        for method, item in methods.items()
    ]
    declared = [
        (op.name, [api.name], op.method, op.template)
        for api in endpoints.API_CLASSES
        for op in api.operations
    ]
    assert sorted(found) == sorted(declared)
    assert [tag["name"] for tag in document["tags"]] == [api.name for api in endpoints.API_CLASSES]


def test_the_proxies_have_one_greedy_path_parameter(document: dict[str, Any]) -> None:
    proxies = [op for op in OPERATIONS if op.proxy]
    assert len(proxies) == 10
    for op in proxies:
        item = operation_of(document, op)
        assert op.template.endswith("/{proxy}") and op.path.endswith("/{proxy+}")
        (parameter,) = item["parameters"]
        assert parameter["name"] == "proxy" and parameter["in"] == "path"
        assert parameter["required"] is True and "{proxy+}" in parameter["description"]
        assert "requestBody" not in item and item["security"] == []
        assert list(item["responses"]) == ["default"]
        assert "content" not in item["responses"]["default"]


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_parameters_as_declared(document: dict[str, Any], op: Operation) -> None:
    parameters = operation_of(document, op).get("parameters", [])
    assert [(p["name"], p["in"], p["required"]) for p in parameters] == [
        (p.name, p.location, p.required) for p in op.parameters
    ]
    for sent, declared in zip(parameters, op.parameters, strict=True):
        schema = sent["schema"]
        if declared.enum_values is not None:
            assert schema == {"type": "string", "enum": list(declared.enum_values)}
        else:
            assert schema["type"] == {str: "string", int: "integer"}[declared.base_type]
        assert schema.get("default") == declared.default
        assert sent["example"] == declared.example


def test_parameters_carry_upstreams_constraints(document: dict[str, Any]) -> None:
    def schema(op: str, name: str) -> dict[str, Any]:
        item = operation_of(document, endpoints.operation(op))
        (found,) = [p["schema"] for p in item["parameters"] if p["name"] == name]
        assert isinstance(found, dict)
        return found

    for op in ("listProject", "listPrincipalsOfProject", "listToken", "listProjectsOfToken"):
        assert schema(op, "limit") == {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "default": 100,
        }
        assert schema(op, "exclusiveStartKey") == {"type": "string", "maxLength": 3000}
    for op in ("deleteToken", "getToken", "listProjectsOfToken", "updateToken"):
        assert schema(op, "tokenId") == {"type": "string", "format": "uuid"}
    assert schema("getProject", "projectId") == {"type": "string"}


def test_the_license_is_the_projects(document: dict[str, Any]) -> None:
    # The installed package's metadata: pyproject.toml's `license`.
    declared = importlib.metadata.metadata("iam-client-models")["License-Expression"]
    assert document["info"]["license"]["identifier"] == declared == "Apache-2.0"


def test_principal_type_is_an_enumeration(document: dict[str, Any]) -> None:
    item = operation_of(document, endpoints.operation("getPolicies"))
    (principal_type,) = [p for p in item["parameters"] if p["name"] == "principalType"]
    assert principal_type["in"] == "query"
    assert principal_type["schema"] == {"type": "string", "enum": ["user", "token"]}


@pytest.mark.parametrize("op", [op for op in OPERATIONS if not op.proxy], ids=lambda op: op.name)
def test_every_declared_response_with_its_body(document: dict[str, Any], op: Operation) -> None:
    item = operation_of(document, op)
    assert list(item["responses"]) == [str(response.status) for response in op.responses]
    for response in op.responses:
        sent = item["responses"][str(response.status)]
        assert response.name in sent["description"]
        assert list(sent.get("headers", {})) == list(response.headers)
        if response.model is not None:
            ref = f"#/components/schemas/{response.model.__name__}"
            assert sent["content"] == {JSON: {"schema": {"$ref": ref}}}
        elif response.body is Body.JSON_OBJECT:
            assert sent["content"] == {JSON: {"schema": {"type": "object"}}}
        else:  # a 204, or a status for which upstream names no body
            assert "content" not in sent
    body = item.get("requestBody")
    if op.body is None:
        assert body is None
    else:
        ref = f"#/components/schemas/{op.body.model.__name__}"
        assert body == {
            "description": op.body.description,
            "required": True,
            "content": {JSON: {"schema": {"$ref": ref}}},
        }


def test_no_content_for_204_and_the_1_43_bodies_of_the_others(document: dict[str, Any]) -> None:
    delete_token = operation_of(document, endpoints.operation("deleteToken"))["responses"]
    assert set(delete_token) == {"204", "403", "404", "500"}
    assert "content" not in delete_token["204"]
    # The errors of an operation that returns nothing: upstream's 1.43.0 document names them.
    assert delete_token["404"]["content"][JSON]["schema"] == {
        "$ref": "#/components/schemas/NotFoundError"
    }
    conflict = operation_of(document, endpoints.operation("deletePrincipalFromProject"))
    assert conflict["responses"]["409"]["content"][JSON]["schema"] == {
        "$ref": "#/components/schemas/PrincipalCannotBeDeletedError"
    }
    did = operation_of(document, endpoints.operation("getWellKnownDid"))["responses"]["200"]
    assert did["content"][JSON]["schema"] == {"type": "object"}


def test_security_schemes_and_each_operations_scheme(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert list(schemes) == [
        "HeritageTokenAuth",
        "UserTokenAuth",
        "ProjectTokenAuth",
        "ConsumerTokenAuth",
    ]
    for scheme in schemes.values():
        assert (scheme["type"], scheme["in"], scheme["name"]) == (
            "apiKey",
            "header",
            "authorization",
        )
    for op in OPERATIONS:
        security = operation_of(document, op)["security"]
        # An operation that needs no credential says so: `[]`.
        assert security == [{scheme.name: []} for scheme in op.authorization]
    assert operation_of(document, endpoints.operation("getToken"))["security"] == [
        {"UserTokenAuth": []}
    ]
    assert "security" not in document  # no default: an operation without one needs none


def test_every_model_is_a_component_schema(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for model in public_models(iam_client_models):
        assert schemas[model.__name__]["title"] == model.__name__
    refs = {
        value
        for value in _values(document, "$ref")
        if isinstance(value, str) and value.startswith("#/components/schemas/")
    }
    assert refs and all(ref.removeprefix("#/components/schemas/") in schemas for ref in refs)


def _values(value: Any, key: str) -> list[Any]:
    if isinstance(value, dict):
        found = [value[key]] if key in value else []
        return found + [item for child in value.values() for item in _values(child, key)]
    if isinstance(value, list):
        return [item for child in value for item in _values(child, key)]
    return []


def test_a_missing_component_is_an_error() -> None:
    with pytest.raises(ValueError, match="no component schema for ConsumerAuthTokenEndpointInput"):
        openapi_document(
            [endpoints.CONSUMER_AUTH_API],
            endpoints.SECURITY_SCHEMES,
            endpoints.BASE_URL,
            component_schemas([]),
            version="0",
        )


# ---------------------------------------------------------------------------------------------
# Our corrections hold in the document.


def test_id_token_is_a_string(document: dict[str, Any], registry: Registry[Any]) -> None:
    schema = document["components"]["schemas"]["ConsumerAuthTokenEndpointOutput"]
    id_token = schema["properties"]["id_token"]
    assert {"type": "string"} in id_token["anyOf"]
    assert all(choice.get("type") != "number" for choice in id_token["anyOf"])
    tokens = model_schema(registry, "ConsumerAuthTokenEndpointOutput")
    assert tokens.is_valid({"id_token": "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"})
    assert not tokens.is_valid({"id_token": 1234})


# ---------------------------------------------------------------------------------------------
# The examples the site shows are instances of the document's schemas.


@pytest.mark.parametrize("model", public_models(iam_client_models), ids=lambda m: m.__name__)
def test_each_models_example_validates(registry: Registry[Any], model: type[BaseModel]) -> None:
    errors = list(model_schema(registry, model).iter_errors(example(model)))
    assert not errors, [error.message for error in errors]


@pytest.mark.parametrize("op", [op for op in OPERATIONS if not op.proxy], ids=lambda op: op.name)
def test_each_operations_examples_validate(
    document: dict[str, Any], registry: Registry[Any], op: Operation
) -> None:
    item = operation_of(document, op)
    bodies: list[tuple[dict[str, Any], Any]] = []
    if op.body is not None:
        bodies.append((item["requestBody"]["content"][JSON]["schema"], example(op.body.model)))
    for response in op.responses:
        content = item["responses"][str(response.status)].get("content")
        if response.model is not None:
            bodies.append((content[JSON]["schema"], example(response.model)))
        elif response.body is Body.JSON_OBJECT:
            bodies.append((content[JSON]["schema"], DID_DOCUMENT))
    for schema, instance in bodies:
        errors = list(validator(registry, schema).iter_errors(instance))
        assert not errors, [error.message for error in errors]
    for parameter, declared in zip(item.get("parameters", []), op.parameters, strict=True):
        assert validator(registry, parameter["schema"]).is_valid(declared.example)


# ---------------------------------------------------------------------------------------------
# The stand-in server answers as the document says.


@pytest.fixture(scope="module")
def api_schema(document: dict[str, Any]) -> Any:
    import schemathesis

    # The stand-in accepts any token, so schemathesis's `ignored_auth`, which expects a made-up
    # token to be refused, does not apply; the test below sends each request without its token
    # too. Every other default check runs. `from_dict` reads no schemathesis.toml.
    config = schemathesis.Config.from_dict({"checks": {"ignored_auth": {"enabled": False}}})
    return schemathesis.openapi.from_dict(document, config=config)


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_the_stand_in_server_conforms(
    api_schema: Any, mock_iam_server: MockIamServer, registry: Registry[Any], op: Operation
) -> None:
    """Positive requests generated from the document: no 5xx, a documented status, a body of
    the documented schema (schemathesis's default checks). Without its token, a secured
    operation's request gets 403 with the declared 403 body (`UnauthorizedError` where the
    operation declares none)."""
    operation = api_schema.find_operation_by_id(op.name)
    headers = {"authorization": TOKEN} if op.authorization else None
    forbidden = op.response(403)
    refused = model_schema(
        registry, forbidden.model if forbidden and forbidden.model else "UnauthorizedError"
    )

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        if op.authorization:
            # Schemathesis fills the scheme's header in with a value of its own: take it out.
            generated = case.headers
            case.headers = {k: v for k, v in generated.items() if k.lower() != "authorization"}
            without = case.call(base_url=mock_iam_server.base_url)
            case.headers = generated
            assert without.status_code == 403
            assert refused.is_valid(without.json())
        response = case.call_and_validate(base_url=mock_iam_server.base_url, headers=headers)
        assert response.status_code < 500

    check()


# ---------------------------------------------------------------------------------------------
# The site publishes it.


def test_the_site_publishes_the_document(site_build: Build, document: dict[str, Any]) -> None:
    published = site_build.site / OPENAPI_PATH
    assert published.read_text(encoding="utf-8") == document_json(document)
    links = [a for a in site_build.page("").find_all("a") if a.get("href") == OPENAPI_PATH]
    assert links and "OpenAPI" in links[0].get_text()


# ---------------------------------------------------------------------------------------------
# A linter no one here wrote: Redocly CLI's recommended rules, pinned in tests/typescript.

REDOCLY = NODE_MODULES / ".bin" / "redocly"
NODE = NODE_MODULES / ".bin" / "node"


def _redocly_lint(path: Path, workdir: Path) -> dict[str, Any]:
    """`redocly lint --extends recommended` of `path`, its JSON report. It fetches nothing: no
    telemetry, no update check, and no configuration file in `workdir` to extend."""
    require_typescript(node=False, also=("@redocly/cli", "node"))
    env = {
        **os.environ,
        "REDOCLY_TELEMETRY": "off",
        "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    }
    command = [str(NODE), str(REDOCLY), "lint", "--extends", "recommended", "--format", "json"]
    result = subprocess.run(
        [*command, str(path)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    try:
        report: dict[str, Any] = json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"redocly lint printed no JSON report:\n{result.stderr}", pytrace=False)
    return report


def _subject(document: dict[str, Any], pointer: str) -> str:
    """What a problem is about: the operationId of an operation's part, or a component's name."""
    parts = [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]
    if parts[0] == "paths":
        found: str = document["paths"][parts[1]][parts[2]]["operationId"]
        return found
    assert parts[0] == "components", pointer
    return parts[2]


def _explained(site_build: Build, document: dict[str, Any]) -> list[tuple[str, str]]:
    """The warnings the home page explains, as (rule, subject): the list after the paragraph
    that links the document, each item naming its rule first, then the operations (an API
    class: all of its operations) or components it is about."""
    home = site_build.page("")
    link = next(a for a in home.find_all("a") if a.get("href") == OPENAPI_PATH)
    paragraph = link.find_parent("p")
    assert paragraph is not None
    items = paragraph.find_next_sibling("ul")
    assert items is not None, "the home page explains no warning of the OpenAPI document"
    tags = {api.name: [op.name for op in api.operations] for api in endpoints.API_CLASSES}
    explained = []
    for item in items.find_all("li"):
        rule, *named = [code.get_text() for code in item.find_all("code")]
        for name in named:
            explained += [(rule, subject) for subject in tags.get(name, [name])]
    return explained


def test_redocly_finds_no_error_and_only_the_warnings_the_home_page_explains(
    site_build: Build, document: dict[str, Any], tmp_path: Path
) -> None:
    report = _redocly_lint(site_build.site / OPENAPI_PATH, tmp_path)
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert report["totals"]["errors"] == 0, errors
    warnings = sorted(
        (problem["ruleId"], _subject(document, problem["location"][0]["pointer"]))
        for problem in report["problems"]
        if problem["severity"] == "warn"
    )
    assert report["totals"]["warnings"] == len(warnings)
    assert warnings == sorted(_explained(site_build, document))

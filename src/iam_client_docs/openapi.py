"""The OpenAPI 3.1 document of the API, from the endpoint declarations and the models' JSON Schema.

`openapi_document` is a pure function: the declarations (`iam_client_models.endpoints`) give
the servers, paths, parameters, request bodies, responses, security schemes and tags; the
models' JSON Schema (`component_schemas`) gives `components.schemas`, which every body refers
to with `$ref`. Nothing is written by hand per operation, so the document says what the models
and the declarations say, our corrections of upstream included (`id_token` is a string).

The MkDocs hook publishes `document_json(package_document(...))` as `openapi.json` at the site
root.
"""

from __future__ import annotations

import json
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from iam_client_docs.describe import public_models
from iam_client_models.endpoints import (
    JSON,
    ApiClass,
    Body,
    Operation,
    Parameter,
    Response,
    SecurityScheme,
)

__all__ = [
    "LICENSE",
    "OPENAPI_PATH",
    "OPENAPI_VERSION",
    "REF_TEMPLATE",
    "component_schemas",
    "document_json",
    "openapi_document",
    "package_document",
    "parameter_schema",
]

OPENAPI_VERSION = "3.1.0"
OPENAPI_PATH = "openapi.json"
"""Where the site publishes the document, relative to the site root."""
REF_TEMPLATE = "#/components/schemas/{model}"
"""How a body refers to its model's schema."""
LICENSE = "Apache-2.0"
"""The SPDX identifier of the document's license: the project's."""

JsonObject = dict[str, Any]


def component_schemas(models: Iterable[type[BaseModel]]) -> JsonObject:
    """The JSON Schema of each model, and of every type they name, by name.

    Validation mode: the schema says what the models accept, which is what a request may send
    and what a response that the models parse may hold. References between them use
    `REF_TEMPLATE`.
    """
    _, schema = models_json_schema(
        [(model, "validation") for model in models], ref_template=REF_TEMPLATE
    )
    definitions: JsonObject = schema.get("$defs", {})
    return dict(sorted(definitions.items()))


def _ref(model: type[BaseModel]) -> JsonObject:
    return {"$ref": REF_TEMPLATE.format(model=model.__name__)}


def parameter_schema(parameter: Parameter) -> JsonObject:
    """A parameter's JSON Schema, as pydantic gives it for the parameter's annotation (its
    constraints included: `minimum`, `maximum`, `maxLength`, `format`), and its default."""
    schema: JsonObject = parameter.adapter.json_schema()
    if parameter.default is not None:
        schema["default"] = parameter.default
    return schema


def _parameter(parameter: Parameter, operation: Operation) -> JsonObject:
    description = parameter.description
    if parameter.name in operation.greedy_parameters:
        description += (
            f"\n\nUpstream writes this placeholder `{{{parameter.name}+}}`: the value may span "
            "several path segments."
        )
    return {
        "name": parameter.name,
        "in": parameter.location,
        "required": parameter.required,
        "description": description,
        "schema": parameter_schema(parameter),
        "example": parameter.example,
    }


def _response(response: Response) -> JsonObject:
    document: JsonObject = {"description": f"{response.name}: {response.description}"}
    if response.headers:
        document["headers"] = {name: {"schema": {"type": "string"}} for name in response.headers}
    if response.model is not None:
        document["content"] = {JSON: {"schema": _ref(response.model)}}
    elif response.body is Body.JSON_OBJECT:
        document["content"] = {JSON: {"schema": {"type": "object"}}}
    # Body.EMPTY (a 204) and Body.NOT_DECLARED (upstream names no body): no content.
    return document


def _operation(api: ApiClass, operation: Operation) -> JsonObject:
    document: JsonObject = {
        "tags": [api.name],
        "operationId": operation.name,
        "summary": operation.summary,
        "description": operation.description,
    }
    if operation.parameters:
        document["parameters"] = [_parameter(p, operation) for p in operation.parameters]
    if operation.body is not None:
        document["requestBody"] = {
            "description": operation.body.description,
            "required": operation.body.required,
            "content": {JSON: {"schema": _ref(operation.body.model)}},
        }
    if operation.proxy:
        document["responses"] = {
            "default": {
                "description": (
                    "The answer of the service behind the proxy, as it is: upstream declares "
                    "no response."
                )
            }
        }
    else:
        document["responses"] = {str(r.status): _response(r) for r in operation.responses}
    # An operation that needs no credential says so (`[]`): the document has no default.
    document["security"] = [{scheme.name: []} for scheme in operation.authorization]
    return document


def _security_scheme(scheme: SecurityScheme) -> JsonObject:
    return {
        "type": scheme.kind,
        "in": scheme.location,
        "name": scheme.header,
        "description": f"{scheme.summary} {scheme.obtain} {scheme.send}",
    }


def openapi_document(
    apis: Sequence[ApiClass],
    security_schemes: Sequence[SecurityScheme],
    base_url: str,
    schemas: Mapping[str, Any],
    *,
    version: str,
) -> JsonObject:
    """The OpenAPI 3.1 document of `apis`, served at `base_url`, with `schemas` as components.

    `schemas` must hold every model an operation names (`component_schemas` makes it);
    `version` is the document's version, the package's.
    """
    missing = sorted(
        {
            model.__name__
            for api in apis
            for operation in api.operations
            for model in _models(operation)
            if model.__name__ not in schemas
        }
    )
    if missing:
        raise ValueError(f"no component schema for {', '.join(missing)}")
    paths: dict[str, JsonObject] = {}
    for api in apis:
        for operation in api.operations:
            item = paths.setdefault(operation.template, {})
            method = operation.method.lower()
            if method in item:
                raise ValueError(f"{operation.method} {operation.template} is declared twice")
            item[method] = _operation(api, operation)
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Affinidi IAM API",
            "version": version,
            "description": (
                "The IAM API of Affinidi, as the `iam-client-models` package declares it: the "
                "operations, parameters, statuses and response headers of "
                "`@affinidi-tdk/iam-client`, with the parameters' constraints of upstream's "
                "Python client and the package's models (and their corrections of upstream's "
                "types) as schemas. Where the upstream clients name no body for an error "
                "status (the operations that return nothing), the body is the one upstream's "
                "OpenAPI document of release 1.43.0 names."
            ),
            # The document is the project's own work, under the project's license
            # (pyproject.toml `license`, LICENSE).
            "license": {"name": "Apache License 2.0", "identifier": LICENSE},
        },
        "servers": [{"url": base_url}],
        "tags": [{"name": api.name, "description": api.description} for api in apis],
        "paths": paths,
        "components": {
            "schemas": dict(schemas),
            "securitySchemes": {s.name: _security_scheme(s) for s in security_schemes},
        },
    }


def _models(operation: Operation) -> Iterable[type[BaseModel]]:
    if operation.request_model is not None:
        yield operation.request_model
    for response in operation.responses:
        if response.model is not None:
            yield response.model


def package_document(package: types.ModuleType, endpoints: types.ModuleType) -> JsonObject:
    """The document of the real API: `package`'s public models and `endpoints`' declarations."""
    version = getattr(package, "__version__", None)
    if not isinstance(version, str):
        raise ValueError(f"{package.__name__}.__version__ must be a string, not {version!r}")
    declared = [
        model for api in endpoints.API_CLASSES for op in api.operations for model in _models(op)
    ]
    models = list(dict.fromkeys([*public_models(package), *declared]))
    return openapi_document(
        endpoints.API_CLASSES,
        endpoints.SECURITY_SCHEMES,
        endpoints.BASE_URL,
        component_schemas(models),
        version=version,
    )


def document_json(document: Mapping[str, Any]) -> str:
    """The document as the site publishes it: indented JSON, UTF-8 text, one final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

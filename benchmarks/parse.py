"""Parse and dump the API's bodies: our models beside the alternatives, interleaved.

Every candidate reads the same text into the same data and dumps the same text back (checked
before anything is timed): our model's `model_validate_json` / `model_dump_json()`, a bare
pydantic model of the same shape (`bare_model`, `bare_shapes`) dumping with `exclude_unset`
(ours leaves unset members out by default), `json.loads` / `json.dumps`, and the upstream
model's `from_json` / `to_json` in its own environment.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

import iam_client_models as models
from benchmarks import bare_shapes
from benchmarks import payload as bodies
from benchmarks.bare_model import BareTokenResponse
from benchmarks.timing import Sampler, Series, calibrate, interleave, ns_per_op
from benchmarks.upstream import UpstreamWorker

OURS = "iam_client_models"
BARE = "bare pydantic model"
JSON = "json module"
UPSTREAM = "upstream affinidi-tdk-iam-client"

_ERROR = bare_shapes.BareInvalidParameterError
PROJECTS = 1000
TOKENS = 100
TOKEN_WITH_ID = "token response, with id_token"
TOKEN_WITHOUT_ID = "token response, without id_token"
PROJECT_LIST = f"ProjectList, {PROJECTS:,} projects"
TOKEN_LIST = f"TokenList, {TOKENS} tokens with JWKS"
ERROR = "error body with details"
ERROR_TEMPLATE = "error body with details, upstream's message"
TOKEN_PAYLOADS = (TOKEN_WITH_ID, TOKEN_WITHOUT_ID)
BODY_PAYLOADS = (PROJECT_LIST, TOKEN_LIST, ERROR)
"""The list and error bodies of the targets against the bare models."""
UPSTREAM_BODY_PAYLOADS = (PROJECT_LIST, TOKEN_LIST, ERROR_TEMPLATE)
"""The same, as upstream can read them: the error body with upstream's message template."""


@dataclass(frozen=True)
class Payload:
    """One body, and the model each candidate reads it with."""

    label: str
    text: str
    ours: type[BaseModel]
    bare: type[BaseModel]
    upstream: str
    """`module:Class` of upstream's model, below `affinidi_tdk_iam_client.models`."""


def _payloads() -> dict[str, Payload]:
    token = (models.ConsumerAuthTokenEndpointOutput, BareTokenResponse)
    token_model = "consumer_auth_token_endpoint_output:ConsumerAuthTokenEndpointOutput"
    error = (models.InvalidParameterError, _ERROR)
    error_model = "invalid_parameter_error:InvalidParameterError"
    projects = (models.ProjectList, bare_shapes.BareProjectList)
    tokens = (models.TokenList, bare_shapes.BareTokenList)
    found = [
        Payload(TOKEN_WITH_ID, bodies.token_response_json(), *token, token_model),
        Payload(TOKEN_WITHOUT_ID, bodies.token_response_json(id_token=False), *token, token_model),
        Payload(
            PROJECT_LIST,
            bodies.compact(bodies.project_list(PROJECTS)),
            *projects,
            "project_list:ProjectList",
        ),
        Payload(
            TOKEN_LIST, bodies.compact(bodies.token_list(TOKENS)), *tokens, "token_list:TokenList"
        ),
        Payload(ERROR, bodies.compact(bodies.error_body()), *error, error_model),
        # Upstream declares the message as an enumeration of its template alone, so it rejects
        # every real message; this variant is the one body it reads.
        Payload(
            ERROR_TEMPLATE,
            bodies.compact(bodies.error_body(message=bodies.INVALID_PARAMETER_TEMPLATE)),
            *error,
            error_model,
        ),
    ]
    return {payload.label: payload for payload in found}


PAYLOADS = _payloads()
"""Every payload by label, in the order of the tables."""


@dataclass(frozen=True)
class Fresh:
    """A dump candidate: `make` parses the payload afresh and gives the call to time, so no
    candidate's objects are older, or laid out otherwise in memory, than another's."""

    make: Callable[[], Callable[[], object]]

    def __call__(self) -> object:
        return self.make()()


def _local_cases(payload: Payload) -> dict[str, dict[str, Callable[[], object]]]:
    """For each operation, each in-process candidate's call on `payload`."""
    text, ours, bare = payload.text, payload.ours, payload.bare

    def bare_dump() -> Callable[[], object]:
        model = bare.model_validate_json(text)
        return lambda: model.model_dump_json(exclude_unset=True)

    def json_dump() -> Callable[[], object]:
        plain = json.loads(text)
        return lambda: json.dumps(plain, separators=(",", ":"))

    parse: dict[str, Callable[[], object]] = {
        OURS: lambda: ours.model_validate_json(text),
        BARE: lambda: bare.model_validate_json(text),
        JSON: lambda: json.loads(text),
    }
    dump: dict[str, Callable[[], object]] = {
        OURS: Fresh(lambda: ours.model_validate_json(text).model_dump_json),
        BARE: Fresh(bare_dump),
        JSON: Fresh(json_dump),
    }
    return {"parse": parse, "dump": dump}


def check_payload(payload: Payload) -> None:
    """Every local candidate must read the payload's data, and dump it back, before timing."""
    text = payload.text
    read: dict[str, Any] = {
        OURS: payload.ours.model_validate_json(text).model_dump(),
        BARE: payload.bare.model_validate_json(text).model_dump(exclude_unset=True),
    }
    for name, dump in _local_cases(payload)["dump"].items():
        read[f"{name} (dump)"] = json.loads(dump())  # type: ignore[arg-type]
    for name, data in read.items():
        if data != json.loads(text):
            # Member names only: the values may be tokens.
            raise AssertionError(f"{name} read the payload {payload.label} wrongly")


@dataclass
class ParseResults:
    """Samples per (operation, payload label) and candidate, with the upstream findings."""

    series: dict[tuple[str, str], dict[str, Series]]
    upstream_errors: dict[str, str]
    """Payload label -> the error upstream's `from_json` raised on it."""


def _sampler(function: Callable[[], object], target: float) -> Sampler:
    make = function.make if isinstance(function, Fresh) else (lambda: function)
    number = calibrate(make(), target)
    return lambda: ns_per_op(make(), number)


def run_parse(worker: UpstreamWorker, rounds: int, target_seconds: float) -> ParseResults:
    """Time every candidate on every payload it can read, one interleaved series each."""
    request = {label: {"model": p.upstream, "text": p.text} for label, p in PAYLOADS.items()}
    checks = worker.request(op="check", payloads=request)
    upstream_errors = {label: check["error"] for label, check in checks.items() if not check["ok"]}
    results: dict[tuple[str, str], dict[str, Series]] = {}
    for label, payload in PAYLOADS.items():
        check_payload(payload)
        if label not in upstream_errors and checks[label]["data"] != json.loads(payload.text):
            raise AssertionError(f"upstream read the payload {label} wrongly")
        for operation, functions in _local_cases(payload).items():
            samplers = {name: _sampler(f, target_seconds) for name, f in functions.items()}
            if label not in upstream_errors:
                case = f"{operation}:{label}"
                number = worker.request(op="calibrate", case=case, target=target_seconds)["number"]

                def remote(case: str = case, number: int = number) -> float:
                    return float(worker.request(op="sample", case=case, number=number)["ns"])

                samplers[UPSTREAM] = remote
            results[operation, label] = interleave(samplers, rounds)
    return ParseResults(results, upstream_errors)

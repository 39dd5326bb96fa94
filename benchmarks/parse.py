"""Parse and dump the API's bodies: our models beside the alternatives, interleaved.

Every candidate reads the same text into the same data and dumps the same text back (checked
before anything is timed): our model's `model_validate_json` / `model_dump_json()`, a bare
pydantic model of the same shape (`bare_model`, `bare_shapes`) dumping with `exclude_unset`
(ours leaves unset members out by default), a msgspec Struct (`structs`), `json.loads` /
`json.dumps`, and the upstream model's `from_json` / `to_json` in its own environment.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec
from pydantic import BaseModel

from benchmarks import structs, variants
from benchmarks.bare_model import BareTokenResponse
from benchmarks.bare_shapes import BareInvalidParameterError, BareProjectList, BareTokenList
from benchmarks.payload import (
    INVALID_PARAMETER_TEMPLATE,
    compact,
    error_body,
    project_list,
    token_list,
    token_response_json,
)
from benchmarks.timing import Sampler, Series, calibrate, interleave, ns_per_op
from benchmarks.upstream import UpstreamWorker
from iam_client_models import (
    ConsumerAuthTokenEndpointOutput,
    InvalidParameterError,
    ProjectList,
    TokenList,
    parse_error,
)

__all__ = [
    "BARE",
    "BODY_PAYLOADS",
    "ERROR",
    "ERROR_TEMPLATE",
    "JSON",
    "MSGSPEC",
    "OURS",
    "PARSE_ERROR",
    "PAYLOADS",
    "PROJECT_LIST",
    "TOKEN_LIST",
    "TOKEN_PAYLOADS",
    "TOKEN_WITHOUT_ID",
    "TOKEN_WITH_ID",
    "UPSTREAM",
    "UPSTREAM_BODY_PAYLOADS",
    "ParseResults",
    "Payload",
    "run_parse",
]

OURS = "iam_client_models"
BARE = "bare pydantic model"
MSGSPEC = "msgspec Struct"
JSON = "json module"
UPSTREAM = "upstream affinidi-tdk-iam-client"
PARSE_ERROR = "iam_client_models parse_error(400, body)"
"""A second way to read an error body: by status, picking the model by the body's `name`."""

PROJECTS = 1000
TOKENS = 100
_UPSTREAM_MODELS = "affinidi_tdk_iam_client.models"


@dataclass(frozen=True)
class Payload:
    """One body, and the model each candidate reads it with."""

    label: str
    text: str
    kind: str
    """`token` (the token response), `projects`, `tokens` or `error`."""
    ours: type[BaseModel]
    bare: type[BaseModel]
    struct: type[msgspec.Struct]
    upstream: str
    """`module:Class` of upstream's model."""


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


def _payloads() -> dict[str, Payload]:
    consumer = f"{_UPSTREAM_MODELS}.consumer_auth_token_endpoint_output:" + (
        "ConsumerAuthTokenEndpointOutput"
    )
    token = (ConsumerAuthTokenEndpointOutput, BareTokenResponse, structs.TokenStruct)
    error = (InvalidParameterError, BareInvalidParameterError, structs.ErrorStruct)
    error_model = f"{_UPSTREAM_MODELS}.invalid_parameter_error:InvalidParameterError"
    found = [
        Payload(TOKEN_WITH_ID, token_response_json(), "token", *token, consumer),
        Payload(TOKEN_WITHOUT_ID, token_response_json(id_token=False), "token", *token, consumer),
        Payload(
            PROJECT_LIST,
            compact(project_list(PROJECTS)),
            "projects",
            ProjectList,
            BareProjectList,
            structs.ProjectListStruct,
            f"{_UPSTREAM_MODELS}.project_list:ProjectList",
        ),
        Payload(
            TOKEN_LIST,
            compact(token_list(TOKENS)),
            "tokens",
            TokenList,
            BareTokenList,
            structs.TokenListStruct,
            f"{_UPSTREAM_MODELS}.token_list:TokenList",
        ),
        Payload(ERROR, compact(error_body()), "error", *error, error_model),
        # Upstream declares the message as an enumeration of its template alone, so it rejects
        # every real message; this variant is the one body it reads.
        Payload(
            ERROR_TEMPLATE,
            compact(error_body(message=INVALID_PARAMETER_TEMPLATE)),
            "error",
            *error,
            error_model,
        ),
    ]
    return {payload.label: payload for payload in found}


PAYLOADS = _payloads()
"""Every payload by label, in the order of the tables."""


def _dump_bare(model: BaseModel) -> Callable[[], str]:
    return lambda: model.model_dump_json(exclude_unset=True)


@dataclass(frozen=True)
class Fresh:
    """A dump candidate: `make` parses the payload afresh and gives the call to time.

    Each sample dumps an instance parsed just before it, so no candidate's objects are older,
    or laid out otherwise in memory, than another's. Called, it makes one and calls it.
    """

    make: Callable[[], Callable[[], object]]

    def __call__(self) -> object:
        return self.make()()


def _encoder(struct: msgspec.Struct) -> Callable[[], bytes]:
    return lambda: msgspec.json.encode(struct)


def _dumper(plain: object) -> Callable[[], str]:
    return lambda: json.dumps(plain, separators=(",", ":"))


def _local_cases(payload: Payload) -> dict[str, dict[str, Callable[[], object]]]:
    """For each operation, each in-process candidate's call on `payload`."""
    text = payload.text
    ours, bare = payload.ours, payload.bare
    decoder = msgspec.json.Decoder(payload.struct)
    parse: dict[str, Callable[[], object]] = {
        OURS: lambda: ours.model_validate_json(text),
        BARE: lambda: bare.model_validate_json(text),
        MSGSPEC: lambda: decoder.decode(text),
        JSON: lambda: json.loads(text),
    }
    if payload.kind == "error":
        parse[PARSE_ERROR] = lambda: parse_error(400, text)
    return {
        "parse": parse,
        "dump": {
            OURS: Fresh(lambda: ours.model_validate_json(text).model_dump_json),
            BARE: Fresh(lambda: _dump_bare(bare.model_validate_json(text))),
            MSGSPEC: Fresh(lambda: _encoder(decoder.decode(text))),
            JSON: Fresh(lambda: _dumper(json.loads(text))),
        },
    }


def check_payload(payload: Payload) -> None:
    """Every local candidate must read the payload's data, and dump it back, before timing."""
    text = payload.text
    expected = json.loads(text)
    struct = msgspec.json.Decoder(payload.struct).decode(text)
    read: dict[str, Any] = {
        OURS: payload.ours.model_validate_json(text).model_dump(),
        BARE: payload.bare.model_validate_json(text).model_dump(exclude_unset=True),
        MSGSPEC: msgspec.to_builtins(struct),
    }
    if payload.kind == "error":
        read[PARSE_ERROR] = parse_error(400, text).model_dump()
    for name, dump in _local_cases(payload)["dump"].items():
        read[f"{name} (dump)"] = json.loads(dump())  # type: ignore[arg-type]
    for name, data in read.items():
        if data != expected:
            # Member names only: the values may be tokens.
            raise AssertionError(f"{name} read the payload {payload.label} wrongly")


@dataclass
class ParseResults:
    """Samples per (operation, payload label) and candidate, with the upstream findings."""

    series: dict[tuple[str, str], dict[str, Series]]
    upstream_errors: dict[str, str]
    """Payload label -> the error upstream's `from_json` raised on it."""
    variants: dict[tuple[str, str], dict[str, Series]] = field(default_factory=dict)
    """(operation, payload label) -> our model and each replica of `benchmarks.variants`."""


def _local_sampler(function: Callable[[], object], number: int) -> Sampler:
    if isinstance(function, Fresh):
        make = function.make
        return lambda: ns_per_op(make(), number)
    return lambda: ns_per_op(function, number)


def _remote_sampler(worker: UpstreamWorker, case: str, number: int) -> Sampler:
    return lambda: float(worker.request(op="sample", case=case, number=number)["ns"])


def _samplers(functions: dict[str, Callable[[], object]], target: float) -> dict[str, Sampler]:
    return {
        name: _local_sampler(
            function,
            calibrate(function.make() if isinstance(function, Fresh) else function, target),
        )
        for name, function in functions.items()
    }


def run_parse(
    worker: UpstreamWorker, rounds: int, target_seconds: float, *, with_variants: bool = True
) -> ParseResults:
    """Time every candidate on every payload it can read, one interleaved series each."""
    request = {
        label: {"model": payload.upstream, "text": payload.text}
        for label, payload in PAYLOADS.items()
    }
    checks = worker.request(op="check", payloads=request)
    upstream_errors = {label: check["error"] for label, check in checks.items() if not check["ok"]}
    results: dict[tuple[str, str], dict[str, Series]] = {}
    for label, payload in PAYLOADS.items():
        check_payload(payload)
        if label not in upstream_errors and checks[label]["data"] != json.loads(payload.text):
            raise AssertionError(f"upstream read the payload {label} wrongly")
        for operation, functions in _local_cases(payload).items():
            samplers = _samplers(functions, target_seconds)
            if label not in upstream_errors:
                case = f"{operation}:{label}"
                number = worker.request(op="calibrate", case=case, target=target_seconds)["number"]
                samplers[UPSTREAM] = _remote_sampler(worker, case, number)
            results[operation, label] = interleave(samplers, rounds)
    found = ParseResults(results, upstream_errors)
    if with_variants:
        found.variants = run_variants(rounds, target_seconds)
    return found


def variant_cases(payload: Payload) -> dict[str, dict[str, Callable[[], object]]]:
    """Our model, the bare one and each replica of `benchmarks.variants`, on `payload`."""
    text = payload.text
    parse: dict[str, Callable[[], object]] = {OURS: lambda: payload.ours.model_validate_json(text)}
    ours = payload.ours
    dump: dict[str, Callable[[], object]] = {
        OURS: Fresh(lambda: ours.model_validate_json(text).model_dump_json)
    }
    models = {BARE: payload.bare}
    sets = variants.variant_sets(payload.kind)
    for name, items in sets.items():
        models[name] = variants.build_variant(items)[payload.kind]
    expected = json.loads(text)
    for name, model in models.items():
        items = sets.get(name, frozenset())
        override = bool(items & {"dump override", "dump override through pydantic's method"})
        dumper = Fresh(_fresh_dump(model, text, override))
        if json.loads(dumper()) != expected:  # type: ignore[arg-type]
            raise AssertionError(f"{name} does not dump {payload.label} back")
        parse[name] = _parser(model, text)
        dump[name] = dumper
    return {"parse": parse, "dump": dump}


def _fresh_dump(
    model: type[BaseModel], text: str, override: bool
) -> Callable[[], Callable[[], object]]:
    def make() -> Callable[[], object]:
        parsed = model.model_validate_json(text)
        return parsed.model_dump_json if override else _dump_bare(parsed)

    return make


def _parser(model: type[BaseModel], text: str) -> Callable[[], object]:
    return lambda: model.model_validate_json(text)


def run_variants(rounds: int, target_seconds: float) -> dict[tuple[str, str], dict[str, Series]]:
    """The differential profile: ours, bare and each replica, on the token response (with its
    ID token) and each list and error body."""
    results: dict[tuple[str, str], dict[str, Series]] = {}
    for label in (TOKEN_WITH_ID, *BODY_PAYLOADS):
        payload = PAYLOADS[label]
        for operation, functions in variant_cases(payload).items():
            results[operation, label] = interleave(_samplers(functions, target_seconds), rounds)
    return results

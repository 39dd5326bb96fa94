"""Parse and dump one token response: our model beside the alternatives, interleaved."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec

from benchmarks.bare_model import BareTokenResponse
from benchmarks.payload import token_response_json
from benchmarks.timing import Sampler, Series, calibrate, interleave, ns_per_op
from benchmarks.upstream import UpstreamWorker
from iam_client_models import ConsumerAuthTokenEndpointOutput

__all__ = ["OURS", "PAYLOADS", "ParseResults", "TokenStruct", "run_parse"]

OURS = "iam_client_models"
BARE = "bare pydantic model"
MSGSPEC = "msgspec Struct"
JSON = "json module"
UPSTREAM = "upstream affinidi-tdk-iam-client"

PAYLOADS = {
    "with id_token": token_response_json(),
    "without id_token": token_response_json(id_token=False),
}
"""The payloads by label; upstream can only parse the second (it types `id_token` int)."""


class TokenStruct(msgspec.Struct):
    """The six fields as a msgspec Struct: the native ceiling for decode and encode."""

    access_token: str | None = None
    expires_in: int | None = None
    id_token: str | None = None
    refresh_token: str | None = None
    scope: str | None = None
    token_type: str | None = None


_DECODER = msgspec.json.Decoder(TokenStruct)


def _local_cases(text: str) -> dict[str, dict[str, Callable[[], object]]]:
    """For each operation, each in-process candidate's call on `text`."""
    ours = ConsumerAuthTokenEndpointOutput.model_validate_json(text)
    bare = BareTokenResponse.model_validate_json(text)
    struct = _DECODER.decode(text)
    plain = json.loads(text)
    return {
        "parse": {
            OURS: lambda: ConsumerAuthTokenEndpointOutput.model_validate_json(text),
            BARE: lambda: BareTokenResponse.model_validate_json(text),
            MSGSPEC: lambda: _DECODER.decode(text),
            JSON: lambda: json.loads(text),
        },
        "dump": {
            OURS: ours.model_dump_json,
            BARE: bare.model_dump_json,
            MSGSPEC: lambda: msgspec.json.encode(struct),
            JSON: lambda: json.dumps(plain),
        },
    }


def _check_results(text: str) -> None:
    """Every local candidate must read the same data before it is timed."""
    expected = json.loads(text)
    got: dict[str, dict[str, Any]] = {
        OURS: ConsumerAuthTokenEndpointOutput.model_validate_json(text).model_dump(),
        BARE: BareTokenResponse.model_validate_json(text).model_dump(),
        MSGSPEC: msgspec.to_builtins(_DECODER.decode(text)),
    }
    for name, data in got.items():
        read = {key: value for key, value in data.items() if value is not None}
        if read != expected:
            # Member names only: the values are tokens.
            differ = sorted(
                key for key in read.keys() | expected.keys() if read.get(key) != expected.get(key)
            )
            raise AssertionError(f"{name} read the payload wrongly: members {differ} differ")


@dataclass
class ParseResults:
    """Samples per (operation, payload label) and candidate, with the upstream findings."""

    series: dict[tuple[str, str], dict[str, Series]]
    upstream_errors: dict[str, str]
    """Payload label -> the error upstream's `from_json` raised on it."""


def run_parse(worker: UpstreamWorker, rounds: int, target_seconds: float) -> ParseResults:
    """Time every candidate on every payload it can read, one interleaved series each."""
    checks = worker.request(op="check", payloads=PAYLOADS)
    upstream_errors = {label: check["error"] for label, check in checks.items() if not check["ok"]}
    results: dict[tuple[str, str], dict[str, Series]] = {}
    for label, text in PAYLOADS.items():
        _check_results(text)
        if label not in upstream_errors and checks[label]["data"] != json.loads(text):
            raise AssertionError(f"upstream read the payload {label} wrongly")
        for operation, functions in _local_cases(text).items():
            samplers: dict[str, Sampler] = {}
            for name, function in functions.items():
                number = calibrate(function, target_seconds)
                samplers[name] = _local_sampler(function, number)
            if label not in upstream_errors:
                case = f"{operation}:{label}"
                number = worker.request(op="calibrate", case=case, target=target_seconds)["number"]
                samplers[UPSTREAM] = _remote_sampler(worker, case, number)
            results[operation, label] = interleave(samplers, rounds)
    return ParseResults(results, upstream_errors)


def _local_sampler(function: Callable[[], object], number: int) -> Sampler:
    return lambda: ns_per_op(function, number)


def _remote_sampler(worker: UpstreamWorker, case: str, number: int) -> Sampler:
    return lambda: float(worker.request(op="sample", case=case, number=number)["ns"])

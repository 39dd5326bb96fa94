"""Times the upstream model inside its own environment (pydantic 1); driven by `upstream.py`.

Run as `python -m benchmarks.upstream_worker` with the repository root on the path. It reads
one JSON request per line on stdin and answers one JSON line on stdout:

- `{"op": "check", "payloads": {name: json_text}}`: parse each payload with `from_json`; answer
  `{name: {"ok": true, "data": to_dict()} | {"ok": false, "error": message}}`.
- `{"op": "calibrate", "case": case, "target": seconds}`: answer `{"number": calls}`.
- `{"op": "sample", "case": case, "number": calls}`: answer `{"ns": nanoseconds per call}`.

A case is `parse:<payload name>` (`from_json`) or `dump:<payload name>` (`to_json` of the
parsed model). Standard library and the upstream package only.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from typing import Any

from benchmarks.timing import calibrate, ns_per_op

MODEL_MODULE = "affinidi_tdk_iam_client.models.consumer_auth_token_endpoint_output"
MODEL_NAME = "ConsumerAuthTokenEndpointOutput"


def main() -> None:
    model: Any = getattr(importlib.import_module(MODEL_MODULE), MODEL_NAME)
    payloads: dict[str, str] = {}

    def case(name: str) -> Callable[[], object]:
        kind, payload = name.split(":", 1)
        text = payloads[payload]
        if kind == "parse":
            return lambda: model.from_json(text)
        if kind == "dump":
            dump: Callable[[], object] = model.from_json(text).to_json
            return dump
        raise ValueError(f"unknown case {name!r}")

    for line in sys.stdin:
        request = json.loads(line)
        answer: dict[str, Any]
        if request["op"] == "check":
            payloads.update(request["payloads"])
            answer = {}
            for name, text in request["payloads"].items():
                try:
                    answer[name] = {"ok": True, "data": model.from_json(text).to_dict()}
                except Exception as error:  # any failure to parse is the finding to report
                    answer[name] = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        elif request["op"] == "calibrate":
            answer = {"number": calibrate(case(request["case"]), request["target"])}
        elif request["op"] == "sample":
            answer = {"ns": ns_per_op(case(request["case"]), request["number"])}
        else:
            answer = {"error": f"unknown op {request['op']!r}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

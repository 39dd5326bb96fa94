"""Times the upstream models inside their own environment (pydantic 1); driven by `upstream.py`.

Run as `python -m benchmarks.upstream_worker` with the repository root on the path. It reads
one JSON request per line on stdin and answers one JSON line on stdout:

- `{"op": "check", "payloads": {label: {"model": "module:Class", "text": json_text}}}`: parse
  each payload with its model's `from_json`; answer
  `{label: {"ok": true, "data": to_dict()} | {"ok": false, "error": message}}`.
- `{"op": "calibrate", "case": case, "target": seconds}`: answer `{"number": calls}`.
- `{"op": "sample", "case": case, "number": calls}`: answer `{"ns": nanoseconds per call}`.

A case is `parse:<label>` (`from_json`) or `dump:<label>` (`to_json` of the parsed model) of a
payload that `check` has seen. Standard library and the upstream package only.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from typing import Any

from benchmarks.timing import calibrate, ns_per_op


def load_model(spec: str) -> Any:
    """The class `module:Class` names, below `affinidi_tdk_iam_client.models`."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(f"affinidi_tdk_iam_client.models.{module}"), name)


def main() -> None:
    payloads: dict[str, tuple[Any, str]] = {}
    cases: dict[str, Callable[[], object]] = {}

    def case(name: str) -> Callable[[], object]:
        if name not in cases:
            cases[name] = _case(name)
        return cases[name]

    def timed(name: str) -> Callable[[], object]:
        """The call a sample times: for a dump, `to_json` of an instance parsed just now."""
        made = case(name)
        if name.startswith("dump:"):
            to_json: Callable[[], object] = made()  # type: ignore[assignment]
            return to_json
        return made

    def _case(name: str) -> Callable[[], object]:
        kind, label = name.split(":", 1)
        model, text = payloads[label]
        if kind == "parse":
            return lambda: model.from_json(text)
        if kind == "dump":
            # A fresh instance per sample, as the local candidates dump (`parse.Fresh`).
            return lambda: model.from_json(text).to_json
        raise ValueError(f"unknown case {name!r}")

    for line in sys.stdin:
        request = json.loads(line)
        answer: dict[str, Any]
        if request["op"] == "check":
            answer = {}
            for label, payload in request["payloads"].items():
                model = load_model(payload["model"])
                payloads[label] = (model, payload["text"])
                cases.clear()
                try:
                    answer[label] = {"ok": True, "data": model.from_json(payload["text"]).to_dict()}
                except Exception as error:  # any failure to parse is the finding to report
                    answer[label] = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        elif request["op"] == "calibrate":
            answer = {"number": calibrate(timed(request["case"]), request["target"])}
        elif request["op"] == "sample":
            answer = {"ns": ns_per_op(timed(request["case"]), request["number"])}
        else:
            answer = {"error": f"unknown op {request['op']!r}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

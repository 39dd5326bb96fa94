"""The MkDocs hook under `mkdocs serve`: one process, many builds, source edited in between."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import copy_project

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from iam_client_docs import mkdocs_hook

    source = Path(sys.argv[1])
    output = "ConsumerAuthTokenEndpointOutput"
    pick = lambda models: [
        f.description for m in models if m.name == output for f in m.fields if f.name == "scope"
    ][0]
    before = pick(mkdocs_hook._load_models())
    text = source.read_text(encoding="utf-8")
    assert text.count(before) == 1, before
    source.write_text(text.replace(before, "Edited while serving."), encoding="utf-8")
    print(pick(mkdocs_hook._load_models()))

    endpoints = source.with_name("endpoints.py")
    summary = "The Consumer OAuth 2.0 Token Endpoint"
    text = endpoints.read_text(encoding="utf-8")
    assert text.count(summary) == 1
    endpoints.write_text(text.replace(summary, "Summary edited while serving."), "utf-8")
    apis, _, _ = mkdocs_hook._load_apis(mkdocs_hook._load_models())
    consumer = next(api for api in apis if api.name == "ConsumerAuthApi")
    print(consumer.operations[0].summary)
    """
)


def test_rebuild_in_the_same_process_sees_edited_docstrings_and_endpoints(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    source = project / "src" / "iam_client_models" / "consumer_auth.py"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(source)],
        env={**os.environ, "PYTHONPATH": str(project / "src"), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Edited while serving.", "Summary edited while serving."]

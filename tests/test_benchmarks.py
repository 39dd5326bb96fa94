"""The benchmark's harness on small inputs, and the Performance page made from its results.
Nothing here asserts a timing: these check that what it times is what it says it times."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml

import iam_client_models
from benchmarks import bytecode, lighthouse, memory, parse, results, run, serve
from benchmarks.payload import compact, error_body, project_list, token_list, token_response_json
from benchmarks.report import Target, grid, markdown_table, svg_chart
from benchmarks.run import PARTS
from benchmarks.sites import api_section, plain_config, plain_markdown, synthetic_package
from benchmarks.timing import (
    Series,
    child_env,
    differences,
    interleave,
    noise_band,
    ratios,
    round_orders,
)
from iam_client_docs.describe import describe_types
from iam_client_docs.descriptions import ModelDoc
from iam_client_docs.mkdocs_hook import PACKAGE
from iam_client_docs.render import navigation
from iam_client_models import ConsumerAuthTokenEndpointOutput, ProjectList, TokenList, parse_error
from tests.conftest import ROOT, Build, mkdocs_build


def _claims(token: str) -> list[dict[str, object]]:
    parts = token.split(".")
    assert len(parts) == 3 and all(re.fullmatch(r"[A-Za-z0-9_-]+", part) for part in parts)
    return [json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))) for p in parts[:2]]


def test_the_payloads_are_realistic_bodies_that_our_models_read_back() -> None:
    text = token_response_json()
    body = json.loads(text)
    assert 1150 <= len(text.encode()) <= 1350 and len(body["access_token"]) == 800
    (header, claims), (id_header, id_claims) = map(
        _claims, (body["access_token"], body["id_token"])
    )
    assert (header["alg"], id_header["alg"], claims["scp"]) == (
        "RS256",
        "ES256",
        ["openid", "offline"],
    )
    assert id_claims["aud"] == claims["client_id"] and body["refresh_token"].startswith("ory_rt_")
    assert ConsumerAuthTokenEndpointOutput.model_validate_json(text).model_dump() == body
    projects = project_list(1000)
    assert 250_000 <= len(compact(projects)) <= 320_000
    assert all(uuid.UUID(p["id"]).version == 4 for p in projects["projects"])
    assert 0 < sum("description" not in p for p in projects["projects"]) < 1000
    assert ProjectList.model_validate_json(compact(projects)).model_dump() == projects
    tokens = token_list(100)
    keys = [
        k
        for t in tokens["tokens"]
        for k in t["authenticationMethod"]["publicKeyInfo"]["jwks"]["keys"]
    ]
    kinds = Counter(key["kty"] for key in keys)
    assert kinds["RSA"] > 0 and kinds["EC"] > 0
    assert TokenList.model_validate_json(compact(tokens)).model_dump() == tokens
    assert parse_error(400, compact(error_body())).model_dump() == error_body()
    assert token_response_json() == text and compact(project_list(1000)) == compact(projects)


@pytest.mark.parametrize("label", list(parse.PAYLOADS))
def test_every_candidate_reads_each_payload_and_dumps_it_back(label: str) -> None:
    payload = parse.PAYLOADS[label]
    parse.check_payload(payload)  # raises on any difference
    for name, function in parse._local_cases(payload)["dump"].items():
        result = function()
        text = result.decode() if isinstance(result, bytes) else result
        assert json.loads(text) == json.loads(payload.text), name  # type: ignore[arg-type]


def test_interleave_shuffles_each_round_and_pairs_samples_by_round() -> None:
    orders = round_orders(["a", "b", "c", "d"], 200)
    assert orders == round_orders(["a", "b", "c", "d"], 200)  # seeded
    follows = Counter((order[i - 1], order[i]) for order in orders for i in range(1, 4))
    assert len(follows) == 12 and min(follows.values()) > 20  # every predecessor alike
    figures = {"a": iter([10.0, 20.0, 30.0]), "b": iter([5.0, 40.0, 10.0])}
    series = interleave({name: figures[name].__next__ for name in ("a", "b")}, 3)
    assert series["a"].samples == [10.0, 20.0, 30.0] and series["a"].median == 20.0
    assert ratios(series["a"], series["b"]) == [2.0, 0.5, 3.0]
    assert differences(series["a"], series["b"]) == [5.0, -20.0, 20.0]


def test_the_noise_band_is_the_range_of_the_medians_of_five_stretches() -> None:
    values = [1.0] * 10 + [2.0] * 10 + [3.0] * 10 + [4.0] * 10 + [5.0] * 10
    assert noise_band(values) == (1.0, 5.0)
    assert noise_band([3.0, 1.0, 2.0, 9.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0]) == (2.0, 5.5)
    assert noise_band([0.9, 1.1, 1.0]) == (0.9, 1.1)  # fewer rounds than stretches


def test_a_miss_within_the_noise_band_is_no_failure() -> None:
    def target(values: list[float], at_least: bool = True) -> Target:
        return Target("parse", "t(bare) / t(ours)", tuple(values), 0.95, at_least)

    steady = [0.94] * 50
    assert target([0.96] * 50).verdict == "PASS" and target(steady).verdict == "FAIL"
    near = [0.93] * 10 + [0.94] * 25 + [0.96] * 15  # median 0.94, one stretch at 0.96
    assert target(near).verdict == "NOISE"
    assert target(near, at_least=False).verdict == "PASS"
    assert target([1.0] * 50, at_least=False).verdict == "FAIL"
    line = target([0.9497] * 5).line()
    assert (
        line
        == "FAIL  parse: t(bare) / t(ours) = 0.9497x, noise band 0.9497 to 0.9497 (target >= 0.95x)"
    )
    broken = Target("serve", "not measured (RuntimeError: stopped)", (), 0.5, False)
    assert (
        broken.verdict == "FAIL"
        and broken.line() == "FAIL  serve: not measured (RuntimeError: stopped)"
    )


def test_child_processes_write_bytecode_and_the_check_finds_a_module_compiled_fresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = child_env([tmp_path, ROOT])
    assert "PYTHONDONTWRITEBYTECODE" not in env
    (tmp_path / "fresh_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    code = "import fresh_module\nfrom benchmarks.bytecode import report\nreport()"

    def check() -> None:
        env[bytecode.CHECK_ENV] = bytecode.now()
        found = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        bytecode.check(found.stderr, "the process")

    with pytest.raises(RuntimeError, match="'fresh_module'"):
        check()  # compiled by the very process that imported it
    bytecode.compile_paths(sys.executable, [tmp_path])
    time.sleep(0.05)
    check()


def test_tables_and_the_chart() -> None:
    table = grid(
        "Parse | a title", "ns/op", {"ours": 1234.4, "json <m>": 2468.8}, {"json <m>": 2.0}
    )
    markdown = markdown_table(table)
    assert "| **ours** | 1,234 | 1.00 (ours) |" in markdown and "Parse &#124; a title" in markdown
    assert "| json &lt;m&gt; | 2,469 | 2.00 |" in markdown
    svg = ET.fromstring(svg_chart([table, table], "A <chart>"))
    bars = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if len(r)]
    assert len(bars) == 4
    assert float(bars[1].attrib["width"]) == pytest.approx(2 * float(bars[0].attrib["width"]), 0.01)


def test_synthetic_package_adds_lazily_exported_copies_of_the_response_model(
    tmp_path: Path,
) -> None:
    files = synthetic_package(23)
    real = {path.name for path in (ROOT / "src" / PACKAGE).glob("*.py")}
    assert set(files) - real == {"synthetic_001.py", "synthetic_002.py", "synthetic_003.py"}
    assert files["synthetic_002.py"].count("\nclass ") == 10  # ten a module, as a package grows
    assert "class ConsumerAuthTokenEndpoint" not in files["synthetic_002.py"]
    package = tmp_path / PACKAGE
    package.mkdir()
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    code = (
        "import iam_client_models as p; from iam_client_docs.describe import describe_types; "
        "print(p.SyntheticModel0023.__module__, len(describe_types(p)))"
    )
    env = child_env([tmp_path, ROOT / "src"])
    output = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    module, count = output.stdout.split()
    assert module == f"{PACKAGE}.synthetic_003"
    assert int(count) == len(describe_types(iam_client_models)) + 23


def test_plain_pages_write_out_the_mkdocstrings_directives_and_drop_the_generator() -> None:
    docs = {doc.qualified_name: doc for doc in describe_types(iam_client_models)}
    for doc in docs.values():
        section = api_section(doc)
        assert f"{{ #{doc.qualified_name} }}" in section
        if isinstance(doc, ModelDoc):
            assert all(f"{{ #{doc.qualified_name}.{f.name} }}" in section for f in doc.fields)
    model = docs[f"{PACKAGE}.ConsumerAuthTokenEndpointOutput"]
    page = plain_markdown(f"## API\n\n::: {model.qualified_name}\n\nafter\n", docs)
    assert page == f"## API\n\n{api_section(model)}\n\nafter\n"
    with pytest.raises(AssertionError, match="no model"):
        plain_markdown("::: package.Missing\n", {})
    config = yaml.safe_load(plain_config((ROOT / "mkdocs.yml").read_text("utf-8"), "footer"))
    assert {"hooks", "watch"}.isdisjoint(config) and config["copyright"] == "footer"
    assert "search" in config["plugins"] and "mkdocstrings" not in str(config["plugins"])


def test_the_plain_material_site_has_our_theme_settings_and_builds(tmp_path: Path) -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = lighthouse.plain_project(tmp_path / "plain", text + "\n")
    ours = yaml.safe_load(text.replace("!ENV", ""))["theme"]
    ours.pop("custom_dir", None)
    assert yaml.safe_load(config.read_text("utf-8").replace("!ENV", ""))["theme"] == ours
    build = mkdocs_build(config.parent, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert (tmp_path / "site" / "index.html").exists()


def test_memory_driver_reports_python_and_resident_peaks(tmp_path: Path) -> None:
    path = tmp_path / "projects.json"
    path.write_text(compact(project_list(2000)), encoding="utf-8")
    for mode in memory.MODES:
        for candidate in ("iam_client_models", "json.loads"):
            command = [sys.executable, "-m", "benchmarks.memory", candidate, str(path), mode]
            found = subprocess.run(command, cwd=ROOT, env=child_env([ROOT]), capture_output=True)
            answer = json.loads(found.stdout)
            assert answer["projects"] == 2000 and answer["peak"] >= answer["held"] > 0


def _tiny_project(folder: Path) -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Home\n\nThe first line\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: tiny\nstrict: true\n", encoding="utf-8")
    return folder / "mkdocs.yml"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_serve_driver_times_an_edit_and_a_cold_build(tmp_path: Path) -> None:
    config = _tiny_project(tmp_path / "project")
    found = serve.run_serve(
        tmp_path, 1, serve.Edit(config, Path("docs/index.md"), "The first line", "")
    )
    assert set(found.series) == {serve.EDIT, serve.COLD} and found.rebuilds == [1]
    assert len(found.more["edit to page, wall"].samples) == 1
    assert (config.parent / "docs" / "index.md").read_text(encoding="utf-8").endswith("line\n")
    assert serve._process_cpu(os.getpid()) > 0


def test_the_page_part_and_the_chart_are_what_the_results_data_gives() -> None:
    data = results.load()
    assert results.SNIPPET.read_text(encoding="utf-8") == results.render(data)
    assert results.CHART.read_text(encoding="utf-8") == results.chart(data)
    assert set(data["parts"]) <= {title for title, _ in PARTS.values()}


def test_the_performance_page_states_no_figure_by_hand(site_build: Build) -> None:
    article = site_build.page("performance/").select_one("article")
    assert article is not None
    generated = article.select_one("h2#latest-results")
    assert generated is not None, "the page includes the generated results"
    # Everything before the generated part is hand-written: its prose holds no figures (a
    # figure belongs in the results data, whence the generated sentences take theirs).
    for element in generated.find_all_previous(string=True):
        if element.find_parent(["pre", "code", "script"]) is None:
            assert not re.search(r"\d", element), f"a hand-written figure: {element!r}"
    verdicts = [
        row.select("td")[0].get_text() for row in article.select("table tr") if row.select("td")
    ]
    assert {"PASS", "NOISE", "FAIL"} & set(verdicts)
    image = article.select_one('img[src$="chart.svg"]')
    assert image is not None and (site_build.site / "performance" / str(image["src"])).exists()
    assert (site_build.site / "performance" / "results.json").exists()
    assert not (site_build.site / "performance" / "results.txt").exists()


def test_the_sidebar_carries_the_open_model_group_only_so_builds_stay_linear(
    site_build: Build,
) -> None:
    # Material renders the navigation into every page: with navigation.prune a page carries the
    # group titles and its own group's links only, or a build would be quadratic in N.
    groups = navigation(describe_types(iam_client_models))
    firsts = {paths[0].removesuffix(".md") + "/" for group in groups for paths in group.values()}
    for group in groups:
        for paths in group.values():
            own = {path.removesuffix(".md") + "/" for path in paths}
            for url in own:
                sidebar = site_build.page(url).select_one("nav.md-nav--primary")
                assert sidebar is not None
                linked = {
                    urljoin("/" + url, str(a["href"])).lstrip("/").split("#")[0]
                    for a in sidebar.select("a[href]")
                }
                extra = {link for link in linked if link.startswith("models/")} - own - firsts
                assert not extra, f"{url} lists models of other groups: {extra}"


def _report_audits(elements: int, work_ms: float) -> dict[str, Any]:
    """The audits of a Lighthouse 13 report that the Lighthouse part reads, as 13.5.0 writes
    them."""
    return {
        "largest-contentful-paint": {"numericValue": 2150.0},
        "total-blocking-time": {"numericValue": 120.0},
        "mainthread-work-breakdown": {"numericValue": work_ms},
        "dom-size-insight": {
            "details": {
                "type": "table",
                "items": [
                    {
                        "statistic": "Total elements",
                        "value": {"type": "numeric", "value": elements},
                    },
                    {"statistic": "DOM depth", "value": {"value": 17}},
                ],
            }
        },
    }


def test_the_lighthouse_part_shows_what_each_page_costs_and_why_a_page_falls_behind(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    audits = {
        "home": _report_audits(1100, 2400.0),
        "API page (TokensApi)": _report_audits(3900, 3900.0),
        lighthouse.PLAIN: _report_audits(137, 900.0),
    }
    performance = {"home": 99.0, "API page (TokensApi)": 84.0, lighthouse.PLAIN: 99.0}
    pages = [*lighthouse.PAGES, lighthouse.PLAIN]

    def fake_run(workdir: Path, rounds: int, project: Path) -> lighthouse.LighthouseResults:
        scores = {
            page: {
                key: Series(key, [performance.get(page, 99.0) if key == "performance" else 100])
                for key in lighthouse.CATEGORIES
            }
            for page in pages
        }
        metrics = {
            page: {
                key: Series(key, [read(audits.get(page, audits["home"]))])
                for key, read in lighthouse.METRICS.items()
            }
            for page in pages
        }
        return lighthouse.LighthouseResults(scores, metrics, {}, Series("index", [1700.0]))

    monkeypatch.setattr(lighthouse, "run_lighthouse", fake_run)
    monkeypatch.setattr(lighthouse, "versions", lambda: {"lighthouse": "13.5.0"})
    part = run._lighthouse(1, ROOT, tmp_path)
    (table,) = part.tables
    header, rows = table["header"], {row[0]: row for row in table["rows"]}
    column = {name: header.index(name) for name in lighthouse.METRICS}
    api = rows["API page (TokensApi)"]
    assert api[column["elements"]] == "3900" and api[column["main-thread work (s)"]] == "3.9"
    assert api[column["largest contentful paint (s)"]] == "2.1"
    assert api[column["total blocking time (ms)"]] == "120"
    behind = [note for note in part.notes if "elements against" in note]
    assert behind == [
        "API page (TokensApi): performance 84 against the plain page's 99, with 3900 elements "
        "against 137 and 3.9 s of main-thread work against 0.9 s (Lighthouse's simulated phone)."
    ]

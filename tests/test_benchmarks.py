"""The benchmark's harness: payloads, candidates, bookkeeping, tables, chart, plain-site writer,
bytecode check, memory and serve drivers, each exercised on small inputs.

Nothing here asserts a timing: the benchmark (`scripts/bench`) measures, and prints its figures.
These tests check that what it times is what it says it times, and that each driver runs.
"""

from __future__ import annotations

import base64
import datetime
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
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

import iam_client_models
from benchmarks import build_profile, bytecode, imports, memory, parse, serve, variants
from benchmarks.payload import (
    ACCESS_TOKEN_LENGTH,
    compact,
    error_body,
    project_list,
    project_list_of_size,
    token_list,
    token_response,
    token_response_json,
)
from benchmarks.report import Row, Table, Target, markdown_table, svg_chart, text_table
from benchmarks.sites import (
    MODELS_PER_MODULE,
    api_section,
    plain_config,
    plain_markdown,
    synthetic_package,
)
from benchmarks.timing import (
    Sampler,
    calibrate,
    child_env,
    interleave,
    paired_difference,
    paired_ratio,
    round_orders,
)
from iam_client_docs.describe import describe_types
from iam_client_docs.descriptions import EnumDoc, ModelDoc, UnionDoc
from iam_client_docs.mkdocs_hook import PACKAGE
from iam_client_docs.render import navigation
from iam_client_models import ConsumerAuthTokenEndpointOutput, ProjectList, TokenList, parse_error
from tests.conftest import ROOT, Build

JWT = re.compile(r"^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$")
BASE64URL = re.compile(r"^[A-Za-z0-9_-]+$")


def _jwt_part(token: str, index: int) -> dict[str, object]:
    match = JWT.match(token)
    assert match, token[:20]
    part = match[index + 1]
    decoded: dict[str, object] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded


# Payloads.


def test_payload_is_a_realistic_token_response_of_about_1_2_kb() -> None:
    text = token_response_json()
    assert 1150 <= len(text.encode()) <= 1350
    assert " " not in text.replace("openid offline", "")  # compact, as servers send it
    body = token_response()
    assert list(body) == [
        "access_token",
        "expires_in",
        "id_token",
        "refresh_token",
        "scope",
        "token_type",
    ]
    assert len(body["access_token"]) == ACCESS_TOKEN_LENGTH == 800
    assert _jwt_part(body["access_token"], 0)["alg"] == "RS256"
    assert _jwt_part(body["access_token"], 1)["scp"] == ["openid", "offline"]
    assert _jwt_part(body["id_token"], 0)["alg"] == "ES256"
    assert _jwt_part(body["id_token"], 1)["aud"] == _jwt_part(body["access_token"], 1)["client_id"]
    assert body["refresh_token"].startswith("ory_rt_")
    assert (body["scope"], body["token_type"], body["expires_in"]) == (
        "openid offline",
        "bearer",
        3600,
    )
    parsed = ConsumerAuthTokenEndpointOutput.model_validate_json(text)
    assert parsed.model_dump() == body
    assert token_response_json() == text  # deterministic: every run times the same bytes


def test_payload_without_id_token_is_the_same_response_less_that_member() -> None:
    full, short = token_response(), token_response(id_token=False)
    del full["id_token"]
    assert short == full


def _is_utc_timestamp(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", text)) and bool(
        datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    )


def test_project_list_is_a_realistic_page_of_1000_projects_of_about_300_kb() -> None:
    body = project_list(1000)
    text = compact(body)
    assert 250_000 <= len(text.encode()) <= 320_000
    projects = body["projects"]
    assert len({project["id"] for project in projects}) == 1000
    for project in projects[:50]:
        assert uuid.UUID(project["id"]).version == 4
        assert uuid.UUID(project["ownerId"]).version == 4
        assert _is_utc_timestamp(project["createdAt"]) and _is_utc_timestamp(project["updatedAt"])
        assert project["updatedAt"] >= project["createdAt"]
        assert isinstance(project["identityVerificationEnabled"], bool)
    # Some projects have no description, as on a real account.
    assert 0 < sum("description" not in project for project in projects) < 1000
    key = json.loads(base64.urlsafe_b64decode(body["lastEvaluatedKey"] + "=="))
    assert key == {"projectId": projects[-1]["id"]}
    assert ProjectList.model_validate_json(text).model_dump() == body
    assert compact(project_list(1000)) == text


def test_project_list_of_size_is_just_over_the_size_asked() -> None:
    text = project_list_of_size(50_000)
    assert 50_000 <= len(text) < 51_000


def test_token_list_carries_rsa_and_ec_public_keys_as_jwks() -> None:
    body = token_list(100)
    tokens = body["tokens"]
    assert len(tokens) == 100
    kinds: Counter[str] = Counter()
    for token in tokens:
        assert token["ari"] == f"ari:iam:::token/{token['id']}"
        method = token["authenticationMethod"]
        assert method["type"] == "PRIVATE_KEY"
        keys = method["publicKeyInfo"]["jwks"]["keys"]
        assert 1 <= len(keys) <= 2
        for key in keys:
            kinds[key["kty"]] += 1
            assert key["use"] == "sig" and BASE64URL.match(key.get("n", key.get("x", "")))
            if key["kty"] == "RSA":
                assert (len(key["n"]), key["e"], key["alg"]) == (342, "AQAB", "RS256")
            else:
                assert (len(key["x"]), len(key["y"]), key["crv"]) == (43, 43, "P-256")
            assert key["alg"][:2] == method["signingAlgorithm"][:2]
    assert kinds["RSA"] > 0 and kinds["EC"] > 0
    text = compact(body)
    assert TokenList.model_validate_json(text).model_dump() == body


def test_error_body_has_details_and_reads_as_its_error_model() -> None:
    body = error_body()
    assert body["name"] == "InvalidParameterError" and body["httpStatusCode"] == 400
    assert len(body["details"]) == 3
    error = parse_error(400, compact(body))
    assert type(error).__name__ == "InvalidParameterError"
    assert error.model_dump() == body


# Candidates: every one reads the same data and dumps the same text.


@pytest.mark.parametrize("label", list(parse.PAYLOADS))
def test_every_candidate_reads_each_payload_and_dumps_it_back(label: str) -> None:
    payload = parse.PAYLOADS[label]
    parse.check_payload(payload)  # raises on any difference
    for operation, functions in parse._local_cases(payload).items():
        for name, function in functions.items():
            result = function()
            if operation == "dump":
                text = result.decode() if isinstance(result, bytes) else result
                assert json.loads(text) == json.loads(payload.text), name  # type: ignore[arg-type]


def test_the_target_payloads_are_the_ones_the_issue_names() -> None:
    assert parse.BODY_PAYLOADS == (parse.PROJECT_LIST, parse.TOKEN_LIST, parse.ERROR)
    assert parse.PAYLOADS[parse.PROJECT_LIST].text.count('"id":') == parse.PROJECTS == 1000
    assert parse.PAYLOADS[parse.TOKEN_LIST].text.count('"ari":') == parse.TOKENS == 100
    assert '"details":[' in parse.PAYLOADS[parse.ERROR].text


def test_replicas_of_our_config_read_and_dump_like_ours() -> None:
    for label in (parse.TOKEN_WITH_ID, *parse.BODY_PAYLOADS):
        cases = parse.variant_cases(parse.PAYLOADS[label])  # checks every replica's dump
        assert set(cases["parse"]) == set(cases["dump"])
        assert {parse.OURS, parse.BARE, "replica, every item"} <= set(cases["parse"])
        for function in cases["parse"].values():
            function()


@pytest.mark.parametrize("kind", list(variants.ITEMS_BY_KIND))
def test_every_item_is_left_out_once_and_added_alone_once(kind: str) -> None:
    sets = variants.variant_sets(kind)
    every = sets["replica, every item"]
    assert every == set(variants.ITEMS_BY_KIND[kind]) <= set(variants.ITEMS)
    for item in every:
        assert sets[f"replica without {item}"] == every - {item}
        assert sets[f"bare + {item}"] == {item}
    for name, items in sets.items():
        if name.startswith("replica with a "):
            assert items & set(variants.ALTERNATIVES)
    with pytest.raises(ValueError, match="unknown items"):
        variants.build_variant({"no such item"})


@pytest.mark.parametrize(
    "items",
    [
        set(variants.ITEMS_BY_KIND["tokens"]),
        set(variants.ITEMS_BY_KIND["tokens"]) - {"one-member union"} | {"callable discriminator"},
    ],
)
def test_replica_unions_reject_a_key_info_with_both_members(items: set[str]) -> None:
    model = variants.build_variant(items)["tokens"]
    body = token_list(1)
    body["tokens"][0]["authenticationMethod"]["publicKeyInfo"]["jwksUri"] = "https://a.example/k"
    with pytest.raises(ValidationError):
        model.model_validate_json(compact(body))
    one = token_list(1)
    assert model.model_validate_json(compact(one)).model_dump(
        by_alias=True, exclude_unset=True
    ) == json.loads(compact(one))


# Timing bookkeeping.


def test_round_orders_shuffle_reproducibly_with_every_candidate_once_per_round() -> None:
    names = ["a", "b", "c", "d"]
    orders = round_orders(names, 200)
    assert orders == round_orders(names, 200)  # seeded
    assert all(sorted(order) == names for order in orders)
    # Every candidate follows every other about equally often (a fixed or rotating order
    # would have each always follow the same one).
    follows = Counter((order[i - 1], order[i]) for order in orders for i in range(1, len(names)))
    assert len(follows) == 12 and min(follows.values()) > 20


def test_interleave_pairs_samples_by_round() -> None:
    calls: list[str] = []
    figures = {"a": iter([10.0, 20.0, 30.0]), "b": iter([5.0, 40.0, 10.0])}

    def sampler(name: str) -> Sampler:
        def sample() -> float:
            calls.append(name)
            return next(figures[name])

        return sample

    series = interleave({name: sampler(name) for name in ("a", "b")}, 3)
    assert sorted(calls) == ["a"] * 3 + ["b"] * 3
    assert [calls[i : i + 2] for i in (0, 2, 4)] == round_orders(["a", "b"], 3)
    assert series["a"].samples == [10.0, 20.0, 30.0]
    assert series["a"].median == 20.0
    assert paired_ratio(series["a"], series["b"]) == 2.0  # ratios 2.0, 0.5, 3.0
    assert paired_difference(series["a"], series["b"]) == 5.0  # differences 5, -20, 20


def test_calibrate_gives_a_whole_number_of_calls() -> None:
    assert calibrate(lambda: sum(range(100)), 0.001) >= 1
    assert calibrate(lambda: time.sleep(0.002), 0.001) == 1


def test_child_processes_write_bytecode_whatever_the_shell_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = child_env(["/somewhere"])
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPATH"] == "/somewhere"


def test_target_lines_say_pass_or_fail_in_both_directions() -> None:
    assert Target("parse", "t(x) / t(ours)", 6.0, 5, at_least=True).line().startswith("PASS")
    assert Target("parse", "t(x) / t(ours)", 4.9, 5, at_least=True).line().startswith("FAIL")
    # Three significant digits: a miss never prints as the limit itself.
    assert "= 0.948x" in Target("parse", "r", 0.9481, 0.95, at_least=True).line()
    assert "= 0.9497x" in Target("parse", "r", 0.94971, 0.95, at_least=True).line()
    assert "= 15.002 ms" in Target("i", "d", 15.0021, 15, at_least=False, unit=" ms").line()
    assert "= 0.95x" in Target("parse", "r", 0.95004, 0.95, at_least=True).line()
    line = Target("import", "t(ours) - t(bare)", 16.24, 15, at_least=False, unit=" ms").line()
    assert line == "FAIL  import: t(ours) - t(bare) = 16.2 ms (target <= 15 ms)"
    assert Target("build", "ratio", 1.5, 1.5, at_least=False).passed
    broken = Target("serve", "not measured (RuntimeError: stopped)", float("nan"), 0.5, False)
    assert not broken.passed
    assert broken.line() == "FAIL  serve: not measured (RuntimeError: stopped)"


# Bytecode.


def _run(code: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_stale_modules_finds_a_module_compiled_by_its_own_process(tmp_path: Path) -> None:
    (tmp_path / "fresh_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    env = child_env([tmp_path, ROOT])
    code = bytecode.check_code("import fresh_module")
    # No bytecode yet: this process compiles the module, so it was not read from disk.
    first = json.loads(_run(code, tmp_path, {**env, bytecode.CHECK_ENV: repr(time.time())}))
    assert "fresh_module" in first
    # Now it is on disk, current and older than the next process.
    bytecode.compile_paths(sys.executable, [tmp_path])
    time.sleep(0.05)
    second = json.loads(_run(code, tmp_path, {**env, bytecode.CHECK_ENV: repr(time.time())}))
    assert "fresh_module" not in second


def test_import_variants_change_exactly_the_shared_config_line(tmp_path: Path) -> None:
    folders = imports.write_variants(tmp_path)
    original = (ROOT / "src" / PACKAGE / "_base.py").read_text(encoding="utf-8")
    for variant, (old, new) in imports.VARIANTS.items():
        changed = (folders[variant] / PACKAGE / "_base.py").read_text(encoding="utf-8")
        assert changed == original.replace(old, new) != original
    commands = imports.import_commands(Path(sys.executable))
    assert imports.ONE in commands and imports.EVERY in commands and imports.UPSTREAM in commands
    name = imports.variant_name(imports.EVERY, "use_attribute_docstrings=False")
    assert commands[name][-1] == "from iam_client_models import *"


# Reports.


TABLE = Table(
    "Parse | a title",
    "ns/op",
    (Row("ours", 1234.4, None), Row("json <module>", 2468.8, 2.0)),
)


def test_text_and_markdown_tables() -> None:
    text = text_table(TABLE).splitlines()
    assert text[0] == "Parse | a title"
    assert text[2].split() == ["ours", "1,234", "1.00", "(ours)"]
    assert text[3].split() == ["json", "<module>", "2,469", "2.00"]
    markdown = markdown_table(TABLE)
    assert "| json &lt;module&gt; | 2,469 | 2.00 |" in markdown
    assert "Parse &#124; a title" in markdown
    phases = build_profile.table("Phases", [("whole build step", 2.0), ("\u00a0\u00a0of it", 0.5)])
    assert "| phase | median (s) | share of the build step |" in markdown_table(phases)
    assert "| \u00a0\u00a0of it | 0.50 | 0.25 |" in markdown_table(phases)
    assert "(ours)" not in markdown_table(phases)


def test_svg_chart_is_well_formed_with_one_bar_per_row_scaled_to_the_slowest() -> None:
    svg = svg_chart([TABLE, TABLE], "A <chart>")
    root = ET.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    bars = [
        rect for rect in root.iter(f"{namespace}rect") if rect.find(f"{namespace}title") is not None
    ]
    assert len(bars) == 4
    widths = [float(bar.attrib["width"]) for bar in bars[:2]]
    assert widths[1] == pytest.approx(2 * widths[0], rel=0.01)
    assert root.find(f"{namespace}title") is not None
    assert "A &lt;chart&gt;" in svg


# Sites.


def test_synthetic_package_adds_lazily_exported_copies_of_the_response_model(
    tmp_path: Path,
) -> None:
    files = synthetic_package(23)
    real = {path.name for path in (ROOT / "src" / PACKAGE).glob("*.py")}
    assert set(files) - real == {"synthetic_001.py", "synthetic_002.py", "synthetic_003.py"}
    module = files["synthetic_002.py"]
    # Ten a module, as a package grows; each the response model alone, not the request model.
    assert module.count("\nclass ") == MODELS_PER_MODULE == 10
    assert "class SyntheticModel0011(ResponseModel):" in module
    assert "class SyntheticModel0020(ResponseModel):" in module
    assert '"""The access token issued' in module and "ConsumerAuthTokenEndpoint" not in module
    assert files["synthetic_003.py"].count("\nclass ") == 3
    for name, text in files.items():
        compile(text, name, "exec")
    init = files["__init__.py"]
    assert f"    from {PACKAGE}.synthetic_003 import SyntheticModel0023\n" in init
    assert '    "SyntheticModel0023": "synthetic_003",\n' in init
    package = tmp_path / PACKAGE
    package.mkdir()
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    code = (
        "import iam_client_models as p; from iam_client_docs.describe import describe_types; "
        "print(p.SyntheticModel0023.__module__, "
        "[d.name for d in describe_types(p)].count('SyntheticModel0001'))"
    )
    output = _run(code, tmp_path, child_env([tmp_path, ROOT / "src"]))
    assert output.split() == [f"{PACKAGE}.synthetic_003", "1"]


def test_plain_pages_write_out_the_mkdocstrings_directive_of_every_kind_of_page() -> None:
    import iam_client_models

    docs = {doc.qualified_name: doc for doc in describe_types(iam_client_models)}
    kinds = {type(doc) for doc in docs.values()}
    assert kinds == {ModelDoc, EnumDoc, UnionDoc}
    for doc in docs.values():
        section = api_section(doc)
        assert f"{{ #{doc.qualified_name} }}" in section
        if isinstance(doc, ModelDoc):
            for field in doc.fields:
                assert f"{{ #{doc.qualified_name}.{field.name} }}" in section
    model = docs[f"{PACKAGE}.ConsumerAuthTokenEndpointOutput"]
    page = plain_markdown(f"## Python API\n\n::: {model.qualified_name}\n\nafter\n", docs)
    assert ":::" not in page
    assert page == f"## Python API\n\n{api_section(model)}\n\nafter\n"
    with pytest.raises(AssertionError, match="no model"):
        plain_markdown("::: package.Missing\n", {})


def test_plain_config_drops_the_generator_and_keeps_the_rest() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plain = plain_config(text, "footer")
    assert "hooks:" in text and "mkdocstrings" in text
    assert "hooks:" not in plain and "mkdocstrings" not in plain and "watch:" not in plain
    assert "- search" in plain and "nav:" in plain and "pymdownx.snippets" in plain
    assert "copyright: footer" in plain
    assert "!ENV" not in plain
    with_nav = plain_config(text, None, nav=[{"Home": "index.md"}, {"Models": ["models/A.md"]}])
    assert "- Models:\n  - models/A.md" in with_nav


# Drivers, on small inputs.


def test_memory_driver_reports_the_peak_of_a_parse(tmp_path: Path) -> None:
    path = tmp_path / "projects.json"
    path.write_text(compact(project_list(200)), encoding="utf-8")
    for candidate in ("iam_client_models", "json.loads"):
        output = _run(
            f"import sys; sys.argv[1:] = [{candidate!r}, {str(path)!r}]; "
            "from benchmarks.memory import main; main(sys.argv[1:])",
            ROOT,
            child_env([ROOT]),
        )
        answer = json.loads(output)
        assert answer["projects"] == 200 and answer["bytes"] == path.stat().st_size
        assert answer["peak"] >= 0
    assert "__pydantic_fields_set__" in memory.layout_note()


def _tiny_project(folder: Path) -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Home\n\nThe first line\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: tiny\nstrict: true\n", encoding="utf-8")
    return config


def test_build_profile_times_the_phases_of_two_builds_in_one_process(tmp_path: Path) -> None:
    config = _tiny_project(tmp_path)
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.build_profile", str(config), "2"],
        cwd=tmp_path,
        env=child_env([ROOT]),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    builds = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert len(builds) == 2
    for phases in builds:
        assert phases["build"] > 0 and "pages:markdown" in phases and "pages:html" in phases
        assert phases["rest"] <= phases["build"]
    assert set(build_profile.PHASES) >= {"build", "rest", "mkdocstrings:blocks"}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_serve_driver_times_an_edit_and_a_cold_build(tmp_path: Path) -> None:
    config = _tiny_project(tmp_path / "project")
    edit = serve.Edit(config, Path("docs/index.md"), "The first line", "")
    results = serve.run_serve(tmp_path, 1, edit)
    assert set(results.series) == {serve.EDIT, serve.COLD}
    assert len(results.latency.samples) == 1 and len(results.cold_wall.samples) == 1
    assert results.rebuilds == [1]  # nothing under docs/ changes during the rebuild
    assert (config.parent / "docs" / "index.md").read_text(encoding="utf-8").endswith("line\n")
    assert serve._process_cpu(os.getpid()) > 0


# The Performance page.


def test_performance_page_shows_the_latest_figures_and_chart(site_build: Build) -> None:
    page = site_build.page("performance/")
    article = page.select_one("article")
    assert article is not None
    text = article.get_text()
    assert "scripts/bench" in text
    assert "PYTHONDONTWRITEBYTECODE" in text  # how imports are measured
    image = article.select_one('img[src$=".svg"]')
    assert image is not None
    chart = site_build.site / "performance" / str(image["src"])
    assert ET.fromstring(chart.read_text(encoding="utf-8")).tag.endswith("svg")
    tables = article.select("table")
    assert len(tables) >= 5
    targets = [
        item.get_text()
        for item in article.select("li code")
        if re.match(r"(PASS|FAIL) ", item.get_text())
    ]
    assert len(targets) >= 9
    assert not list(site_build.site.glob("performance/results*"))
    assert (
        BeautifulSoup(str(article), "html.parser").find(string=re.compile("id_token")) is not None
    )


def test_the_sidebar_carries_the_open_model_group_only_so_builds_stay_linear(
    site_build: Build,
) -> None:
    # Material renders the navigation into every page: every model page listed on every page
    # would make a build quadratic in N. With navigation.prune a page carries the group titles
    # and the links of its own group only.
    groups = navigation(describe_types(iam_client_models))
    group_of = {
        path.removesuffix(".md") + "/": {other.removesuffix(".md") + "/" for other in paths}
        for group in groups
        for paths in group.values()
        for path in paths
    }
    assert len(group_of) == len(list((site_build.site / "models").glob("*/index.html")))
    # A collapsed group is one link, to its first page.
    firsts = {paths[0].removesuffix(".md") + "/" for group in groups for paths in group.values()}
    for url, own_group in group_of.items():
        sidebar = site_build.page(url).select_one("nav.md-nav--primary")
        assert sidebar is not None
        linked = {
            urljoin("/" + url, str(a["href"])).lstrip("/").split("#")[0]
            for a in sidebar.select("a[href]")
        }
        models = {link for link in linked if link.startswith("models/")}
        extra = models - own_group - firsts
        assert not extra, f"{url} lists models of other groups: {extra}"
    home = site_build.page("").select_one("article")
    assert home is not None and home.select_one('a[href^="models/"]') is not None
    with pytest.raises(AssertionError, match="no model"):
        plain_markdown("::: package.Missing\n", {})

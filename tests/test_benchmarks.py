"""The benchmark's pure parts: payload, timing bookkeeping, tables, chart, plain-site writer.

Nothing here times anything: the benchmark (`scripts/bench`) does, and prints its figures.
"""

from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from benchmarks.payload import ACCESS_TOKEN_LENGTH, token_response, token_response_json
from benchmarks.report import Row, Table, Target, markdown_table, svg_chart, text_table
from benchmarks.sites import api_section, plain_config, plain_markdown, synthetic_package
from benchmarks.timing import Sampler, interleave, paired_difference, paired_ratio
from iam_client_docs.describe import describe_model
from iam_client_docs.mkdocs_hook import PACKAGE
from iam_client_models import ConsumerAuthTokenEndpointOutput
from tests.conftest import ROOT, Build

JWT = re.compile(r"^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$")


def _jwt_part(token: str, index: int) -> dict[str, object]:
    match = JWT.match(token)
    assert match, token[:20]
    part = match[index + 1]
    decoded: dict[str, object] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded


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


def test_interleave_rotates_the_order_and_pairs_samples_by_round() -> None:
    calls: list[str] = []
    figures = {"a": iter([10.0, 20.0, 30.0]), "b": iter([5.0, 40.0, 10.0])}

    def sampler(name: str) -> Sampler:
        def sample() -> float:
            calls.append(name)
            return next(figures[name])

        return sample

    series = interleave({name: sampler(name) for name in ("a", "b")}, 3)
    assert calls == ["a", "b", "b", "a", "a", "b"]
    assert series["a"].samples == [10.0, 20.0, 30.0]
    assert series["a"].median == 20.0
    assert paired_ratio(series["a"], series["b"]) == 2.0  # ratios 2.0, 0.5, 3.0
    assert paired_difference(series["a"], series["b"]) == 5.0  # differences 5, -20, 20


def test_target_lines_say_pass_or_fail_in_both_directions() -> None:
    assert Target("parse", "t(x) / t(ours)", 6.0, 5, at_least=True).line().startswith("PASS")
    assert Target("parse", "t(x) / t(ours)", 4.9, 5, at_least=True).line().startswith("FAIL")
    # Three significant digits: a miss never prints as the limit itself.
    assert "= 0.948x" in Target("parse", "r", 0.9481, 0.95, at_least=True).line()
    line = Target("import", "t(ours) - t(bare)", 16.24, 15, at_least=False, unit=" ms").line()
    assert line == "FAIL  import: t(ours) - t(bare) = 16.2 ms (target <= 15 ms)"
    assert Target("build", "ratio", 1.5, 1.5, at_least=False).passed


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


def test_synthetic_package_adds_documented_copies_of_the_response_model() -> None:
    files = synthetic_package(3)
    real = {path.name for path in (ROOT / "src" / PACKAGE).glob("*.py")}
    assert set(files) - real == {"synthetic_0001.py", "synthetic_0002.py", "synthetic_0003.py"}
    assert "class SyntheticModel0002(BaseModel):" in files["synthetic_0002.py"]
    assert '"""The access token issued' in files["synthetic_0002.py"]
    for name, text in files.items():
        compile(text, name, "exec")
    init = files["__init__.py"]
    assert f"from {PACKAGE}.synthetic_0003 import SyntheticModel0003\n" in init
    exported = init.split("__all__ = [")[1]
    assert '"SyntheticModel0003",' in exported and '"ConsumerAuthTokenEndpointOutput"' in exported


def test_plain_pages_write_out_the_mkdocstrings_directive() -> None:
    model = describe_model(ConsumerAuthTokenEndpointOutput, PACKAGE)
    section = api_section(model)
    assert f"{{ #{model.qualified_name} }}" in section
    assert f"{{ #{model.qualified_name}.access_token }}" in section
    page = plain_markdown(
        f"## Python API\n\n::: {model.qualified_name}\n\nafter\n", {model.qualified_name: model}
    )
    assert ":::" not in page
    assert page == f"## Python API\n\n{section}\n\nafter\n"
    with pytest.raises(AssertionError, match="no model"):
        plain_markdown("::: package.Missing\n", {})


def test_plain_config_drops_the_generator_and_keeps_the_rest() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plain = plain_config(text, "footer")
    assert "hooks:" in text and "mkdocstrings" in text
    assert "hooks:" not in plain and "mkdocstrings" not in plain and "watch:" not in plain
    assert "- search" in plain and "not_in_nav" in plain and "pymdownx.snippets" in plain
    assert "copyright: footer" in plain
    assert "!ENV" not in plain


def test_performance_page_shows_the_latest_figures_and_chart(site_build: Build) -> None:
    page = site_build.page("performance/")
    article = page.select_one("article")
    assert article is not None
    assert "scripts/bench" in article.get_text()
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


def test_model_pages_are_out_of_the_sidebar_so_each_page_carries_a_fixed_navigation(
    site_build: Build,
) -> None:
    # Material renders the whole navigation into every page: N model pages listed there would
    # make a build quadratic in N. The home page's model list links them instead.
    for url in ("", "models/ConsumerAuthTokenEndpointOutput/"):
        navigation = site_build.page(url).select_one("nav.md-nav--primary")
        assert navigation is not None
        assert not [a for a in navigation.select("a[href]") if "models/" in str(a["href"])]
    home = site_build.page("").select_one("article")
    assert home is not None and home.select_one('a[href^="models/"]') is not None

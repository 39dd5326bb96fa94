"""The strict build of the real site, checked by parsing the built HTML."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

import iam_client_models
from iam_client_docs.describe import public_types
from iam_client_models import ConsumerAuthTokenEndpointInput, ConsumerAuthTokenEndpointOutput
from iam_client_models.endpoints import API_CLASSES
from tests.conftest import Build

MODEL_URL = "models/ConsumerAuthTokenEndpointOutput/"


def resolve(build: Build, page_url: str, href: str) -> tuple[Path, str]:
    """The built file and fragment a link on `page_url` points to."""
    parts = urlsplit(urljoin("http://site/" + page_url, href))
    path = parts.path.lstrip("/")
    target = build.site / path
    if path.endswith("/") or not path:
        target = target / "index.html"
    return target, parts.fragment


def assert_link_lands(build: Build, page_url: str, href: str) -> None:
    target, fragment = resolve(build, page_url, href)
    assert target.is_file(), f"{href} on {page_url} points to missing {target}"
    if fragment:
        soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
        assert soup.find(id=fragment) is not None, f"{href} on {page_url}: no #{fragment}"


def article(build: Build, url: str) -> Tag:
    node = build.page(url).select_one("article")
    assert node is not None
    return node


def test_build_is_strict_and_clean(site_build: Build) -> None:
    assert "WARNING" not in site_build.output
    assert "ERROR" not in site_build.output
    config = (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^validation:", config, re.MULTILINE)
    assert re.search(r"^\s+anchors: warn", config, re.MULTILINE)


def test_home_page_mirrors_the_upstream_readme(site_build: Build) -> None:
    home = article(site_build, "")
    headings = [h.get("id") for h in home.select("h2")]
    assert (
        headings.index("documentation-for-api-endpoints")
        < headings.index("documentation-for-models")
        < headings.index("documentation-for-authorization")
    )
    table = home.select_one("#documentation-for-api-endpoints ~ table")
    assert table is not None
    assert [th.get_text(strip=True) for th in table.select("th")] == [
        "Class",
        "Method",
        "HTTP request",
        "Description",
    ]
    rows = [
        # Without a separator: a <wbr> in a name or a path splits its text, not its words.
        [" ".join(td.get_text().split()) for td in tr.select("td")]
        for tr in table.select("tbody tr")
    ]
    declared = [[api.name, op.name] for api in API_CLASSES for op in api.operations]
    assert [row[:2] for row in rows] == declared
    # Upstream's order: by class, then by method, as its README lists them.
    assert rows[0][:3] == [
        "AuthzApi",
        "deleteAccessVfs",
        "DELETE /v1/authz/vfs/access/{granteeDid}",
    ]
    assert [
        "ConsumerAuthApi",
        "consumerAuthTokenEndpoint",
        "POST /v1/consumer/oauth2/token",
    ] in [row[:3] for row in rows]


def test_model_list_links_every_public_model(site_build: Build) -> None:
    home = article(site_build, "")
    listing = home.select_one("#documentation-for-models ~ ul")
    assert listing is not None
    links = {a.get_text(): a["href"] for a in listing.select("li > a")}
    expected = [obj.__name__ for obj in public_types(iam_client_models)]
    assert list(links) == expected
    for name, href in links.items():
        assert isinstance(href, str)
        target, _ = resolve(site_build, "", href)
        assert target.is_file()
        heading = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").select_one("h1")
        assert heading is not None and heading.get_text(strip=True).rstrip("¶") == name


def test_model_page_title_docstring_and_table(site_build: Build) -> None:
    page = article(site_build, MODEL_URL)
    h1 = page.select_one("h1")
    assert (
        h1 is not None and h1.get_text(strip=True).rstrip("¶") == "ConsumerAuthTokenEndpointOutput"
    )
    summary = page.select_one(".model-summary")
    assert summary is not None and "token endpoint" in summary.get_text()
    table = page.select_one("#properties ~ table")
    assert table is not None
    rows = table.select("tbody tr")
    fields = ConsumerAuthTokenEndpointOutput.model_fields
    assert [row.select("td")[0].get_text() for row in rows] == list(fields)  # no aliases here
    for row, info in zip(rows, fields.values(), strict=True):
        assert info.description is not None
        assert row.select("td")[3].get_text() == info.description.replace("`", "")
    id_token = rows[list(fields).index("id_token")].select("td")
    assert id_token[1].get_text() == "number"
    assert id_token[2].get_text() == "str | None"
    note_link = id_token[4].select_one("a")
    assert note_link is not None
    assert_link_lands(site_build, MODEL_URL, str(note_link["href"]))
    note = page.select_one("#ConsumerAuthTokenEndpointOutput-field-id_token")
    assert note is not None and "3.1.3.3" in note.get_text()


def test_example_has_three_linked_tabs_with_language_classes(site_build: Build) -> None:
    page = article(site_build, MODEL_URL)
    tabbed = page.select_one("#example ~ .tabbed-set")
    assert tabbed is not None
    labels = [label.get_text(strip=True) for label in tabbed.select(".tabbed-labels > label")]
    assert labels == ["TypeScript", "Python", "JSON"]
    blocks = tabbed.select(".tabbed-content > .tabbed-block")
    assert len(blocks) == 3
    for block, language in zip(blocks, ("typescript", "python", "json"), strict=True):
        assert block.select_one(f".language-{language}") is not None, language
    example = json.loads(blocks[2].get_text())
    assert ConsumerAuthTokenEndpointOutput.model_validate(example).expires_in == 3600
    config = json.loads(site_build.page(MODEL_URL).select_one("#__config").get_text())  # type: ignore[union-attr]
    assert "content.tabs.link" in config["features"]


def test_python_api_and_json_schema_sections(site_build: Build) -> None:
    page = article(site_build, MODEL_URL)
    api = page.select_one('[id="iam_client_models.ConsumerAuthTokenEndpointOutput"]')
    assert api is not None
    section = api.find_parent("div", class_="doc")
    assert section is not None
    # Each field's docstring is shown under the field; the class docstring, shown under the
    # page title already, is not repeated.
    for name, info in ConsumerAuthTokenEndpointOutput.model_fields.items():
        entry = section.select_one(
            f'[id="iam_client_models.ConsumerAuthTokenEndpointOutput.{name}"]'
        )
        assert entry is not None, name
        body = entry.find_next_sibling("div", class_="doc-contents")
        assert body is not None and info.description is not None, name
        assert body.get_text(" ", strip=True) == " ".join(info.description.replace("`", "").split())
    summary_text = page.select_one(".model-summary")
    assert summary_text is not None
    first_paragraph = summary_text.select_one("p")
    assert first_paragraph is not None
    assert first_paragraph.get_text() not in section.get_text()
    details = page.select_one("details")
    assert details is not None
    summary = details.select_one("summary")
    assert summary is not None and summary.get_text(strip=True) == "JSON Schema"
    schema = json.loads(details.select_one("code").get_text())  # type: ignore[union-attr]
    assert schema == ConsumerAuthTokenEndpointOutput.model_json_schema()


def test_three_back_links_land_on_existing_anchors(site_build: Build) -> None:
    page = article(site_build, MODEL_URL)
    back = {
        a.get_text(): str(a["href"]) for a in page.select("a") if a.get_text().startswith("[Back")
    }
    assert list(back) == ["[Back to Model list]", "[Back to API list]", "[Back to README]"]
    assert back["[Back to Model list]"].endswith("#documentation-for-models")
    assert back["[Back to API list]"].endswith("#documentation-for-api-endpoints")
    for href in back.values():
        assert_link_lands(site_build, MODEL_URL, href)


def test_material_features_users_expect(site_build: Build) -> None:
    soup = site_build.page(MODEL_URL)
    config = json.loads(soup.select_one("#__config").get_text())  # type: ignore[union-attr]
    for feature in ("content.code.copy", "navigation.instant", "search.suggest"):
        assert feature in config["features"]
    assert soup.select_one("[data-md-component=search]") is not None
    # The palette toggle: no component of the theme's script (docs/overrides/partials/palette.html).
    assert len(soup.select("form[data-md-palette] input")) == 2
    index = json.loads((site_build.site / "search" / "search_index.json").read_text("utf-8"))
    assert any("refresh_token" in doc["text"] for doc in index["docs"])


def test_a_page_waits_for_one_stylesheet_of_the_site_with_mkdocstrings_rules_first(
    site_build: Build,
) -> None:
    """mkdocstrings' rules for the Python API section lead the site's own stylesheet
    (mkdocs_theme.py): a page waits for one stylesheet fewer before it first paints, and the
    site's rules still come after them and win a tie."""
    site = site_build.site
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = [str(link["href"]) for link in soup.select('head link[rel="stylesheet"]')]
        # Material's own two, then the site's one.
        names = [href.rsplit("/", 1)[-1].split(".")[0] for href in links]
        assert names == ["main", "palette", "extra"], (path, links)
    assert not (site / "assets" / "_mkdocstrings.css").exists()
    handler = importlib.util.find_spec("mkdocstrings_handlers.python")
    assert handler is not None and handler.origin is not None
    theirs = Path(handler.origin).parent / "templates" / "material" / "style.css"
    ours = Path(__file__).resolve().parent.parent / "docs" / "stylesheets" / "extra.css"
    built = (site / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    first = built.find(theirs.read_text(encoding="utf-8").strip())
    assert 0 <= first < built.find(ours.read_text(encoding="utf-8").strip())


EXTRA_MODEL = '''
"""A model added only by the test."""

from pydantic import BaseModel, ConfigDict, Field


class ExtraTestModel(BaseModel):
    """A model that exists only in this temporary copy."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    colour: str = Field(examples=["teal"])
    """The colour of the thing, with a | pipe and <b>markup</b> kept as text."""
'''


def add_model(
    project: Path,
    source: str = EXTRA_MODEL,
    *,
    name: str = "ExtraTestModel",
    module: str = "extra_test_model",
    export: str | None = None,
) -> None:
    """Add module `module` defining class `name` to the copy's package, exported as `export`."""
    package = project / "src" / "iam_client_models"
    alias = f"\n{export} = {name}\n" if export and export != name else ""
    (package / f"{module}.py").write_text(source + alias, encoding="utf-8")
    init = package / "__init__.py"
    text = init.read_text(encoding="utf-8")
    # The model's one registration line; `__all__` and the lazy map are read from it.
    line = f"    from iam_client_models.{module} import {export or name} as {export or name}\n"
    text = text.replace("if TYPE_CHECKING:\n", f"if TYPE_CHECKING:\n{line}", 1)
    init.write_text(text, encoding="utf-8")


def test_adding_a_documented_model_adds_its_page_and_list_entry(
    build_copy: Callable[[Callable[[Path], None]], Build],
) -> None:
    build = build_copy(add_model)
    assert build.returncode == 0, build.output
    page = article(build, "models/ExtraTestModel/")
    row = page.select("#properties ~ table tbody tr")
    assert len(row) == 1
    assert row[0].select("td")[3].get_text() == (
        "The colour of the thing, with a | pipe and <b>markup</b> kept as text."
    )
    assert page.select_one("#properties ~ table b") is None
    listing = article(build, "").select_one("#documentation-for-models ~ ul")
    assert listing is not None
    assert "ExtraTestModel" in [a.get_text() for a in listing.select("li > a")]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            EXTRA_MODEL.replace('    """The colour', "    # The colour").replace(
                'as text."""', "as text."
            ),
            "ExtraTestModel.colour has no docstring",
        ),
        (
            EXTRA_MODEL.replace('Field(examples=["teal"])', "Field()"),
            "ExtraTestModel.colour has no example values",
        ),
    ],
    ids=["missing-docstring", "missing-examples"],
)
def test_undocumented_model_fails_the_build_naming_model_and_field(
    build_copy: Callable[[Callable[[Path], None]], Build], source: str, message: str
) -> None:
    build = build_copy(lambda project: add_model(project, source))
    assert build.returncode != 0
    assert message in build.output


def test_broken_back_link_target_fails_the_strict_build(
    build_copy: Callable[[Callable[[Path], None]], Build],
) -> None:
    def rename_heading(project: Path) -> None:
        index = project / "docs" / "index.md"
        text = index.read_text(encoding="utf-8")
        index.write_text(text.replace("## Documentation For Models", "## Models"), encoding="utf-8")

    build = build_copy(rename_heading)
    assert build.returncode != 0
    assert "documentation-for-models" in build.output


API_URL = "endpoints/ConsumerAuthApi/"
INPUT_URL = "models/ConsumerAuthTokenEndpointInput/"
EXAMPLE_FILE = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "iam_client_docs"
    / "examples"
    / "consumer_auth_api.py"
)


def follow(build: Build, page_url: str, link: Tag) -> str:
    """The URL path of the page a link leads to, after checking it lands (page and anchor)."""
    href = str(link["href"])
    assert_link_lands(build, page_url, href)
    target, _ = resolve(build, page_url, href)
    return target.relative_to(build.site).as_posix().removesuffix("index.html")


def link_named(container: Tag, text: str) -> Tag:
    found = [a for a in container.select("a[href]") if a.get_text(strip=True) == text]
    assert found, f"no link {text!r}"
    return found[0]


def test_reader_goes_from_home_to_the_endpoint_to_both_models_and_back(
    site_build: Build,
) -> None:
    home = article(site_build, "")
    table = home.select_one("#documentation-for-api-endpoints ~ table")
    assert table is not None
    assert "All URIs are relative to https://apse1.api.affinidi.io/iam" in home.get_text()
    method = link_named(table, "consumerAuthTokenEndpoint")
    assert follow(site_build, "", method) == API_URL
    assert str(method["href"]).endswith("#consumerauthtokenendpoint")
    assert follow(site_build, "", link_named(table, "ConsumerAuthApi")) == API_URL

    api = article(site_build, API_URL)
    parameters = api.select_one("#parameters ~ table")
    assert parameters is not None
    request = link_named(parameters, "ConsumerAuthTokenEndpointInput")
    assert follow(site_build, API_URL, request) == INPUT_URL
    response = link_named(api, "ConsumerAuthTokenEndpointOutput")
    assert follow(site_build, API_URL, response) == MODEL_URL
    statuses = api.select_one("#http-response-details ~ table")
    assert statuses is not None
    assert follow(site_build, API_URL, link_named(statuses, "ConsumerAuthTokenEndpointOutput")) == (
        MODEL_URL
    )

    for model_url in (INPUT_URL, MODEL_URL):
        page = article(site_build, model_url)
        back = link_named(page, "ConsumerAuthApi.consumerAuthTokenEndpoint")
        assert follow(site_build, model_url, back) == API_URL
        assert str(back["href"]).endswith("#consumerauthtokenendpoint")
        assert follow(site_build, model_url, link_named(page, "[Back to API list]")) == ""

    for text in ("[Back to top]", "[Back to API list]", "[Back to Model list]", "[Back to README]"):
        follow(site_build, API_URL, link_named(api, text))
    assert str(link_named(api, "[Back to API list]")["href"]).endswith(
        "#documentation-for-api-endpoints"
    )


def test_endpoint_page_sections_and_headings(site_build: Build) -> None:
    api = article(site_build, API_URL)
    h1 = api.select_one("h1")
    assert h1 is not None and h1.get("id") == "consumerauthapi"
    assert h1.get_text(strip=True).rstrip("¶") == "ConsumerAuthApi"
    section = api.select_one("h2#consumerauthtokenendpoint")
    assert section is not None
    assert [h3.get_text(strip=True).rstrip("¶") for h3 in api.select("h3")] == [
        "Example",
        "Parameters",
        "Return type",
        "Authorization",
        "HTTP request headers",
        "HTTP response details",
    ]
    rows = api.select("#http-response-details ~ table tbody tr")
    assert [row.select("td")[0].get_text(strip=True) for row in rows] == [
        "200",
        "400",
        "403",
        "500",
    ]
    title = site_build.page(API_URL).select_one("title")
    assert title is not None and title.get_text().startswith("ConsumerAuthApi")


def test_endpoint_example_tabs_share_labels_with_model_pages(site_build: Build) -> None:
    api = article(site_build, API_URL)
    example = api.select_one("#example ~ .tabbed-set")
    assert example is not None
    labels = [label.get_text(strip=True) for label in example.select(".tabbed-labels > label")]
    assert labels == ["TypeScript", "Python", "curl"]
    model_tabs = article(site_build, MODEL_URL).select_one("#example ~ .tabbed-set")
    assert model_tabs is not None
    model_labels = [
        label.get_text(strip=True) for label in model_tabs.select(".tabbed-labels > label")
    ]
    # Linked tabs (content.tabs.link): choosing Python on one page chooses it on the others.
    assert set(labels) & set(model_labels) == {"TypeScript", "Python"}
    typescript, python, curl = example.select(".tabbed-content > .tabbed-block")
    assert typescript.select_one(".language-typescript") is not None
    assert "new ConsumerAuthApi(configuration)" in typescript.get_text()
    assert curl.select_one(".language-bash") is not None
    code = python.select_one(".language-python code")
    assert code is not None
    # The page shows the example's function from the tested module, as written there.
    shown = code.get_text()
    assert "def consumer_auth_token_endpoint(" in shown
    source = EXAMPLE_FILE.read_text(encoding="utf-8")
    start = source.index("def consumer_auth_token_endpoint(")
    function = source[start:].split("\n\n\n", 1)[0].rstrip("\n")
    assert function in shown


def test_input_model_page_shows_enum_types_required_fields_and_no_secrets(
    site_build: Build,
) -> None:
    page = article(site_build, INPUT_URL)
    rows = page.select("#properties ~ table tbody tr")
    cells = {row.select("td")[0].get_text(): row.select("td") for row in rows}
    assert list(cells) == list(ConsumerAuthTokenEndpointInput.model_fields)
    assert cells["grant_type"][1].get_text() == "ConsumerAuthTokenEndpointInputGrantTypeEnum"
    assert cells["grant_type"][4].get_text() == "Required."
    assert cells["client_id"][4].get_text().startswith("Optional; default None")
    python = page.select("#example ~ .tabbed-set .tabbed-block")[1].get_text()
    printed = [line for line in python.splitlines() if line.startswith("# > ")]
    assert printed and "client_assertion=" not in printed[0] and "code=" not in printed[0]

"""Publishing: the GitHub Pages workflow, the hosted site's address, sitemap, 404 page and footer,
and the release notes."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

import iam_client_models
from iam_client_docs.render import render_footer
from tests.conftest import ROOT, Build, mkdocs_build

WORKFLOW = ROOT / ".github" / "workflows" / "docs.yml"
# The shape of the address actions/configure-pages gives a project site: no trailing slash.
PAGES_URL = "https://example.org/iam-client-models"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def readme_command(task: str) -> str:
    """The command the README's table gives for the task whose description starts with `task`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^\| {re.escape(task)}[^|]*\| `([^`]+)` \|$", readme, re.MULTILINE)
    assert match is not None, f"README has no command for {task!r}"
    return match.group(1)


def load_workflow() -> dict[Any, Any]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(workflow, dict)
    return workflow


def steps(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    found = workflow["jobs"][job]["steps"]
    assert isinstance(found, list)
    return found


def uses(step: dict[str, Any]) -> str:
    """The action a step uses, without its version: `actions/checkout`."""
    return str(step.get("uses", "")).split("@", 1)[0]


def test_workflow_builds_with_the_readme_command_after_installing_from_the_lock() -> None:
    build_steps = steps(load_workflow(), "build")
    runs = [str(step.get("run", "")).strip() for step in build_steps]
    command = readme_command("build the static site")
    assert command == "scripts/build-docs"
    assert command in runs
    build_index = runs.index(command)
    install_index = runs.index("bash scripts/_setup.sh")
    assert uses(build_steps[0]) == "actions/checkout"
    assert install_index < build_index
    setup = (ROOT / "scripts" / "_setup.sh").read_text(encoding="utf-8")
    assert re.search(r'^UV_VERSION="[0-9.]+"$', setup, re.MULTILINE)
    assert re.search(r"^uv sync --locked\b", setup, re.MULTILINE)
    build_docs = (ROOT / "scripts" / "build-docs").read_text(encoding="utf-8")
    assert 'source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"' in build_docs
    assert re.search(r"^exec uv run mkdocs build --strict \"\$@\"$", build_docs, re.MULTILINE)
    # Nothing else installs packages: everything comes from uv.lock through _setup.sh.
    for run in runs:
        words = shlex.split(run)
        assert "pip" not in words and "install" not in words, run
        assert "sync" not in words or "--locked" in words, run


def test_workflow_gives_the_build_the_pages_address_and_uploads_the_built_site() -> None:
    build_steps = steps(load_workflow(), "build")
    (pages,) = [step for step in build_steps if uses(step) == "actions/configure-pages"]
    (build,) = [step for step in build_steps if step.get("run") == "scripts/build-docs"]
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL, ", config, re.MULTILINE)
    # upload-pages-artifact takes MkDocs's default output folder, which mkdocs.yml keeps.
    assert not re.search(r"^site_dir:", config, re.MULTILINE)
    (upload,) = [step for step in build_steps if uses(step) == "actions/upload-pages-artifact"]
    assert upload["with"]["path"] == "site"
    assert uses(build_steps[-1]) == "actions/upload-pages-artifact"


def test_workflow_deploys_only_from_main_with_pages_permissions() -> None:
    workflow = load_workflow()
    # YAML 1.1 reads the key `on` as the boolean true.
    triggers = workflow[True]
    assert set(triggers) == {"push", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["environment"]["name"] == "github-pages"
    assert [uses(step) for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert set(workflow["jobs"]) == {"build", "deploy"}


def test_readme_says_how_the_hosted_docs_are_published() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Publishing", 1)[1].split("\n## ", 1)[0]
    for needed in (".github/workflows/docs.yml", "scripts/build-docs", "uv.lock", "SITE_URL"):
        assert needed in section, needed


@pytest.fixture(scope="module")
def hosted_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site as the workflow builds it, for a project site under a path."""
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("hosted") / "site", site_url=PAGES_URL)
    assert build.returncode == 0, build.output
    return build


def page_urls(build: Build) -> list[str]:
    """The URL path of every page built, as the sitemap lists them (the 404 page is none)."""
    pages = [path.relative_to(build.site) for path in build.site.rglob("index.html")]
    return sorted("" if path.parent == Path() else f"{path.parent.as_posix()}/" for path in pages)


def sitemap(build: Build) -> list[str]:
    tree = ElementTree.parse(build.site / "sitemap.xml")
    return sorted(str(loc.text) for loc in tree.getroot().findall("s:url/s:loc", SITEMAP_NS))


def test_sitemap_lists_every_page_at_the_pages_address(hosted_build: Build) -> None:
    urls = page_urls(hosted_build)
    assert "models/ConsumerAuthTokenEndpointOutput/" in urls
    assert sitemap(hosted_build) == [f"{PAGES_URL}/{url}" for url in urls]
    canonical = hosted_build.page("models/ConsumerAuthTokenEndpointOutput/").select_one(
        'link[rel="canonical"]'
    )
    assert canonical is not None
    assert canonical["href"] == f"{PAGES_URL}/models/ConsumerAuthTokenEndpointOutput/"


def test_local_build_names_the_address_scripts_serve_uses(site_build: Build) -> None:
    serve = (ROOT / "scripts" / "serve").read_text(encoding="utf-8")
    match = re.search(r"--dev-addr ([0-9.]+:[0-9]+)", serve)
    assert match is not None
    assert sitemap(site_build) == [
        f"http://{match.group(1)}/{url}" for url in page_urls(site_build)
    ]


def test_404_page_loads_its_assets_from_any_missing_path(hosted_build: Build) -> None:
    page = hosted_build.page("404.html")
    heading = page.select_one("article h1")
    assert heading is not None and heading.get_text(strip=True) == "404 - Not found"
    # A host serves 404.html at whatever path was missing: relative asset links would break.
    refs = [
        str(tag.get("href") or tag.get("src")) for tag in page.select("link[href], script[src]")
    ]
    local = [ref for ref in refs if not ref.startswith(("https://", "http://"))]
    assert any(ref.startswith("/iam-client-models/assets/stylesheets/main.") for ref in local)
    assert any(ref.endswith("/stylesheets/extra.css") for ref in local)
    assert [ref for ref in local if not ref.startswith("/iam-client-models/")] == []


def footer(build: Build, url: str) -> str:
    node = build.page(url).select_one(".md-copyright__highlight")
    assert node is not None, url
    return node.get_text(strip=True)


def test_every_page_names_the_package_version_in_the_footer(site_build: Build) -> None:
    expected = render_footer(iam_client_models.__version__)
    assert expected == f"iam-client-models {iam_client_models.__version__}"
    for url in [*page_urls(site_build), "404.html"]:
        assert footer(site_build, url) == expected


def set_version(project: Path, version: str) -> None:
    init = project / "src" / "iam_client_models" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    new = re.sub(r'^__version__ = "[^"]*"$', f'__version__ = "{version}"', text, flags=re.M)
    assert new != text
    init.write_text(new, encoding="utf-8")


def test_footer_follows_the_one_version_in_the_package(
    build_copy: Callable[[Callable[[Path], None]], Build],
) -> None:
    build = build_copy(lambda project: set_version(project, "9.8.7rc1"))
    assert build.returncode == 0, build.output
    assert footer(build, "") == "iam-client-models 9.8.7rc1"


def test_a_package_without_a_version_string_fails_the_build_naming_it(
    build_copy: Callable[[Callable[[Path], None]], Build],
) -> None:
    def drop_version(project: Path) -> None:
        init = project / "src" / "iam_client_models" / "__init__.py"
        text = init.read_text(encoding="utf-8")
        init.write_text(re.sub(r"^__version__ = .*$", "", text, flags=re.M), encoding="utf-8")

    build = build_copy(drop_version)
    assert build.returncode != 0
    assert "iam_client_models.__version__ must be the release string, not None" in build.output


def test_changelog_has_an_entry_for_the_current_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+)", changelog, re.MULTILINE)
    assert headings, "CHANGELOG.md has no release entries"
    assert headings[0] == iam_client_models.__version__
    entry = changelog.split(f"## {headings[0]}", 1)[1].split("\n## ", 1)[0]
    assert "### Added" in entry

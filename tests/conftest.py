"""Shared fixtures: the repository root, one strict build of the real site per session, and one
server and one Chromium for every browser test."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

from iam_client_docs.describe_api import credential_variable
from iam_client_models.endpoints import SECURITY_SCHEMES
from tests.mock_iam_server import MockIamServer, client_assertion

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from tests.upstream_dts import Package

ROOT = Path(__file__).resolve().parent.parent
# `-f` names the config for ProperDocs, which looks for properdocs.yml first; MkDocs reads the same.
STRICT_BUILD = ("build", "--strict", "-f", "mkdocs.yml")

# The machines are shared and noisy: no per-example deadline. With CI set, Hypothesis loads its
# own "ci" profile instead (derandomized, no deadline, no example database).
if not os.environ.get("CI"):
    settings.register_profile("local", deadline=None)
    settings.load_profile("local")


def pytest_report_header() -> str:
    # A log then says whether the property tests ran derandomized (the "ci" profile) or on a
    # random seed with the example database.
    current = settings.default
    assert current is not None
    return (
        f"hypothesis profile {settings.get_current_profile_name()!r}: "
        f"derandomize={current.derandomize}"
    )


@dataclass(frozen=True)
class Build:
    """The result of one `mkdocs build --strict` run."""

    returncode: int
    output: str
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """Parse a built page, given as its URL path (``models/Name/``)."""
        target = self.site / url_path
        if url_path.endswith("/") or not url_path:
            target = target / "index.html"
        return BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")


def mkdocs_build(
    project: Path,
    site: Path,
    *,
    extra_pythonpath: Path | None = None,
    generator: str = "mkdocs",
    site_url: str | None = None,
) -> Build:
    """Run the strict build of `project` into `site`, exactly as the README says (no `-q`).

    `generator` is `mkdocs` (the default) or `properdocs`, its drop-in fork. `site_url` is the
    `SITE_URL` the hosted build passes; without it the build uses mkdocs.yml's default.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)  # a value left in the developer's shell must not change the site
    if site_url is not None:
        env["SITE_URL"] = site_url
    if extra_pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            [str(extra_pythonpath), *filter(None, [env.get("PYTHONPATH")])]
        )
    result = subprocess.run(
        [sys.executable, "-m", generator, *STRICT_BUILD, "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_project(destination: Path) -> Path:
    """Copy what the site build reads (sources, docs, config) into `destination`."""
    for name in ("src", "docs"):
        shutil.copytree(
            ROOT / name,
            destination / name,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test session."""
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def properdocs_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test session with ProperDocs instead of MkDocs."""
    build = mkdocs_build(
        ROOT, tmp_path_factory.mktemp("properdocs") / "site", generator="properdocs"
    )
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def build_copy(tmp_path: Path) -> Callable[[Callable[[Path], None]], Build]:
    """Build a modified copy of the project: the callback edits the copy before the build."""

    def run(edit: Callable[[Path], None]) -> Build:
        project = copy_project(tmp_path / "project")
        edit(project)
        return mkdocs_build(project, tmp_path / "site", extra_pythonpath=project / "src")

    return run


# The browser tests: Debian's Chromium, headless, driven by Playwright. No browser is downloaded:
# Playwright launches /usr/bin/chromium (`scripts/test` installs it with apt-get when it runs as
# root). Without Chromium the tests skip locally, saying what to install, and fail when CI is set.
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL = "apt-get install chromium chromium-driver (Debian's Chromium at /usr/bin/chromium)"


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests, but Chromium is missing: {INSTALL}")
        pytest.skip(f"the browser tests need Chromium: {INSTALL}")
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site_build: Build) -> Iterator[str]:
    """The session's site build, served on 127.0.0.1 (a free port) by the standard library."""
    handler = functools.partial(_QuietHandler, directory=str(site_build.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every browser test of the session."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def upstream() -> Package:
    """What the pinned `@affinidi-tdk/iam-client` declares, read once per session by the
    pinned TypeScript compiler under the pinned Node (tests/typescript/dts-json.mjs)."""
    from tests.examples import NODE_MODULES, UPSTREAM_PACKAGE, require_typescript
    from tests.upstream_dts import Package

    require_typescript(node=False)  # the pinned node is in node_modules, not on PATH
    return Package.load(NODE_MODULES / UPSTREAM_PACKAGE)


@pytest.fixture
def read_dts(tmp_path: Path, upstream: Package) -> Callable[[str], Package]:
    """Read declarations written in a test as `upstream` is read (it needs the same tools)."""
    from tests.upstream_dts import Package

    def read(source: str) -> Package:
        path = tmp_path / f"sample{len(list(tmp_path.iterdir()))}.d.ts"
        path.write_text(source, encoding="utf-8")
        return Package.load(path)

    return read


@pytest.fixture(scope="session")
def mock_iam_server() -> Iterator[MockIamServer]:
    """A local stand-in for the IAM token endpoint on 127.0.0.1, for the whole session."""
    with MockIamServer() as server:
        yield server


@pytest.fixture
def example_env(mock_iam_server: MockIamServer) -> dict[str, str]:
    """Variables added to the environment of every Python example the tests run.

    An example that calls the HTTP endpoint reads its base URL, its client assertion and the
    token of its authorization scheme from the environment (the variables the pages name):
    they point it at the local stand-in server, with credentials it accepts.
    """
    return {
        "IAM_API_BASE_URL": mock_iam_server.base_url,
        credential_variable("client_assertion"): client_assertion(),
        **{
            credential_variable(scheme.name): f"example-{scheme.name.lower()}-token"
            for scheme in SECURITY_SCHEMES
        },
    }


# The `site` marker: tests that need a docs build, a browser, Node or a wheel build. scripts/test
# runs the rest, the model tests, with `pytest -m "not site"` on every other CPython 3.10-3.13 it
# finds. A test is marked when it uses one of these fixtures, directly or through another fixture,
# or lives in one of these modules; a test may also carry `@pytest.mark.site` itself.
SITE_FIXTURES = frozenset(
    {
        "site_build",  # the strict MkDocs build of the real site
        "properdocs_build",  # the same with ProperDocs
        "build_copy",  # a build of an edited copy of the project
        "hosted_build",  # test_publish.py: the build the Pages workflow makes
        "typescript_check",  # test_examples.py: tsc under Node
        "upstream",  # the pinned upstream package that `npm ci` installs, read under Node
        "read_dts",  # declarations written in a test, read the same way
        "browser",  # test_browser.py: Chromium
    }
)
SITE_MODULES = frozenset(
    {
        "test_browser.py",  # Chromium, on the built site
        "test_reader.py",  # Chromium and axe-core, on the built site
        "test_package.py",  # `uv build`, and the wheel in fresh environments
    }
)


# `--part`: scripts/test runs the suite on the default Python as two processes side by side, one
# per core. `shared-site` runs the tests that use the session's builds of the real site or its
# Chromium (through these fixtures, directly or not): they share one build and one browser, so
# they stay in one process. `rest` runs all the others, which build nothing they could share.
SHARED_SITE_FIXTURES = frozenset({"site_build", "properdocs_build", "browser"})
PARTS = ("all", "shared-site", "rest")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--part",
        choices=PARTS,
        default="all",
        help="run only the tests that share the site build and the browser (shared-site), "
        "or only the others (rest); scripts/test runs both at once",
    )


def in_part(item: pytest.Item, part: str) -> bool:
    if part == "all":
        return True
    shared = not SHARED_SITE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))
    return shared == (part == "shared-site")


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if item.path.name in SITE_MODULES or not SITE_FIXTURES.isdisjoint(fixtures):
            item.add_marker(pytest.mark.site)
    part = config.getoption("part")
    deselected = [item for item in items if not in_part(item, part)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if in_part(item, part)]

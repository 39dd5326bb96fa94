"""The built site in a real browser: Debian's Chromium, headless, driven by Playwright.

The site is served on 127.0.0.1 (a free port) by the standard library. No browser is downloaded:
Playwright launches /usr/bin/chromium (`scripts/test` installs it with apt-get when it runs as
root). Without Chromium the tests skip locally, saying what to install, and fail when CI is set.
Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from iam_client_models import ConsumerAuthTokenEndpointOutput
from tests.conftest import ROOT, Build

MODEL = "ConsumerAuthTokenEndpointOutput"
MODEL_URL = f"models/{MODEL}/"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
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


@pytest.fixture(scope="module")
def site_url(site_build: Build) -> Iterator[str]:
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser, site_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    try:
        yield opened
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        opened.screenshot(path=ARTIFACTS / f"{request.node.name}-end.png", full_page=True)
        context.close()
    assert errors == [], errors


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png")


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def test_model_page_shows_the_properties_table(page: Page) -> None:
    page.goto(MODEL_URL)
    table = page.locator("article table").first
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(ConsumerAuthTokenEndpointOutput.model_fields))
    expect(rows.first.locator("td").first).to_have_text("access_token")
    shot(page, "model-page")


def tab_set(page: Page, heading_id: str) -> Any:
    """The first set of content tabs after the heading with `heading_id`."""
    return page.locator(f"#{heading_id} ~ .tabbed-set").first


def test_python_tab_shows_the_python_example_and_the_choice_follows_to_other_pages(
    page: Page,
) -> None:
    page.goto(MODEL_URL)
    example = tab_set(page, "example")
    python_code = example.locator(".tabbed-block").nth(1).locator("code")
    expect(python_code).to_be_hidden()  # TypeScript is shown first
    example.scroll_into_view_if_needed()
    example.locator(".tabbed-labels > label", has_text=re.compile("^Python$")).click()
    expect(python_code).to_be_visible()
    expect(python_code).to_contain_text(f"{MODEL}.model_validate_json(body)")
    expect(example.locator(".tabbed-block").first.locator("code")).to_be_hidden()
    shot(page, "python-tab")

    # The Validation page's tabs list JSON first: Python shows only if the choice was kept.
    page.locator("nav.md-nav--primary a[href$='validation/']").first.click()
    page.wait_for_url(re.compile(r"/validation/$"))
    unknown = tab_set(page, "unknown-members")
    expect(unknown.locator(".tabbed-block").nth(1).locator("code")).to_be_visible()
    expect(unknown.locator(".tabbed-block").nth(1).locator("code")).to_contain_text(
        "model_validate_json(body)"
    )
    expect(unknown.locator(".tabbed-block").first.locator("code")).to_be_hidden()
    unknown.scroll_into_view_if_needed()
    shot(page, "choice-kept-on-validation-page")

    # And after a full load too (Material keeps the choice in local storage).
    page.reload()
    expect(tab_set(page, "unknown-members").locator(".tabbed-block").nth(1)).to_be_visible()


@pytest.mark.parametrize(
    "label", ["[Back to Model list]", "[Back to API list]", "[Back to README]"]
)
def test_back_links_land_on_their_anchor(page: Page, site_url: str, label: str) -> None:
    page.goto(MODEL_URL)
    link = page.locator("article a", has_text=label)
    href = link.get_attribute("href")
    assert href is not None
    target = urlsplit(urljoin(urljoin(site_url, MODEL_URL), href))
    link.click()
    page.wait_for_url(re.compile(re.escape(target.path) + r"(#.*)?$"))
    assert path_of(page) == target.path
    if target.fragment:
        anchor = page.locator(f"[id='{target.fragment}']")
        expect(anchor).to_be_visible()
        expect(anchor).to_be_in_viewport()
        assert urlsplit(page.url).fragment == target.fragment
    else:
        expect(page.locator("article h1")).to_be_in_viewport()
    shot(page, f"back-link-{label.strip('[]').replace(' ', '-').lower()}")


def test_search_for_refresh_token_reaches_the_model_page(page: Page) -> None:
    page.goto("")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    query = page.locator("input.md-search__input")
    expect(query).to_be_focused()
    query.press_sequentially("refresh_token", delay=20)
    result = page.locator(".md-search-result__item a", has=page.locator("h1, h2, h3")).filter(
        has_text=MODEL
    )
    expect(result.first).to_be_visible(timeout=15_000)
    shot(page, "search-results")
    result.first.click()
    page.wait_for_url(re.compile(re.escape(MODEL_URL)))
    expect(page.locator("article h1")).to_contain_text(MODEL)

"""The built site in a real browser: Debian's Chromium, headless, driven by Playwright.

The site is served on 127.0.0.1 (a free port) by the standard library, and Playwright launches
/usr/bin/chromium, once per session for every browser test (`tests/conftest.py`: `site_url`,
`browser`).
Screenshots go to test-artifacts/browser/. One test walks every generated page at a 1280-pixel-wide
window and measures its tables: each fits the article, scrolls nowhere sideways, cuts off no cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypedDict, cast
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from iam_client_models import ConsumerAuthTokenEndpointOutput
from tests.conftest import ROOT, Build

MODEL = "ConsumerAuthTokenEndpointOutput"
MODEL_URL = f"models/{MODEL}/"
ARTIFACTS = ROOT / "test-artifacts" / "browser"


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


def palette_state(page: Page) -> dict[str, Any]:
    """The palette a page shows: the body's scheme, the toggle shown, the colour meta tags."""
    return cast(
        "dict[str, Any]",
        page.evaluate(
            """() => ({
              scheme: document.body.getAttribute("data-md-color-scheme"),
              toggles: [...document.querySelectorAll("form[data-md-palette] label")]
                .filter((label) => !label.hidden).map((label) => label.title),
              colorScheme: document.querySelector('meta[name="color-scheme"]').content,
              themeColor: document.querySelector('meta[name="theme-color"]').content,
              background: getComputedStyle(document.body).backgroundColor,
            })"""
        ),
    )


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_palette_follows_the_system_until_the_reader_chooses_one(
    browser: Browser, site_url: str, system: Literal["light", "dark"]
) -> None:
    """docs/overrides/partials/palette.html does the theme's palette work as the header is
    parsed: the palette of the system's preference first, one toggle to the other, the choice
    kept from page to page (instant loading and a full load), Enter switching as a click does."""
    context = browser.new_context(
        base_url=site_url, viewport={"width": 1280, "height": 900}, color_scheme=system
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(MODEL_URL)
        other = {"light": "dark", "dark": "light"}[system]
        schemes = {"light": "default", "dark": "slate"}
        first = palette_state(page)
        assert first["scheme"] == schemes[system], first
        assert first["toggles"] == [f"Switch to {other} mode"], first
        assert first["colorScheme"] == system, first
        assert re.fullmatch(r"#[0-9a-f]{6}", first["themeColor"]), first

        page.locator("form[data-md-palette] label:not([hidden])").click()
        switched = palette_state(page)
        assert switched["scheme"] == schemes[other], switched
        assert switched["toggles"] == [f"Switch to {system} mode"], switched
        assert switched["colorScheme"] == other, switched
        assert switched["background"] != first["background"], (first, switched)
        shot(page, f"palette-{system}-switched")

        # Another page, loaded by Material's instant loading, then in full: the choice stays.
        page.locator("nav.md-nav--primary a[href$='validation/']").first.click()
        page.wait_for_url(re.compile(r"/validation/$"))
        assert palette_state(page) == switched
        page.reload()
        assert palette_state(page) == switched

        # Enter on the focused option switches back, as the theme's own palette does.
        page.locator("form[data-md-palette] input:checked").focus()
        page.keyboard.press("Enter")
        assert palette_state(page) == first
        page.goto(MODEL_URL)
        assert palette_state(page) == first
    finally:
        context.close()
    assert errors == [], errors


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
    # The result titled with the model's name (the Differences page's, which quotes the name
    # in its table, may come first).
    result = page.locator(
        ".md-search-result__item a", has=page.locator("h1, h2, h3", has_text=MODEL)
    )
    expect(result.first).to_be_visible(timeout=15_000)
    shot(page, "search-results")
    result.first.click()
    page.wait_for_url(re.compile(re.escape(MODEL_URL)))
    expect(page.locator("article h1")).to_contain_text(MODEL)


# Every generated page at the window the reference is written for: its tables must fit it.
FIT_WINDOW: ViewportSize = {"width": 1280, "height": 800}
# Pages of each section whose tables the fit test also shows in a screenshot (`tables-*.png`),
# with every page that has a table that does not fit.
FIT_SHOWCASE = frozenset({"", "differences/", "endpoints/TokensApi/", "models/TokenDto/"})
# Measures the tables of the article on the page, after its fonts load. A table fits when it
# lies within the article's content box, no element around it up to the article (Material's
# scroll wrapper, the table itself) scrolls or clips sideways, and no cell's content overflows it.
FIT_SCRIPT = """async () => {
  await document.fonts.ready;
  const px = (n) => `${Math.round(n * 10) / 10}px`;
  const text = (node) => node.innerText.replace(/\\s+/g, " ").trim();
  const widestLine = (cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return Math.max(0, ...Array.from(range.getClientRects(), (rect) => rect.width));
  };
  const article = document.querySelector("article");
  if (article === null) return { tables: 0, page: ["the page has no <article>"], misfits: [] };
  const page = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth) {
    page.push(`the page scrolls sideways: ${root.scrollWidth}px wide in ${root.clientWidth}px`);
  }
  const style = getComputedStyle(article);
  const box = article.getBoundingClientRect();
  const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
  const right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
  const tables = [...article.querySelectorAll("table")];
  const misfits = [];
  tables.forEach((table, index) => {
    const headers = Array.from(table.querySelectorAll("thead th"), text);
    const problems = [];
    if (table.getClientRects().length === 0) {
      problems.push("it is not rendered, so its fit cannot be measured");
    } else {
      const rect = table.getBoundingClientRect();
      if (rect.left < left - 0.5 || rect.right > right + 0.5) {
        problems.push(
          `it spans ${px(rect.left)} to ${px(rect.right)}, ` +
            `outside the article's content box (${px(left)} to ${px(right)})`,
        );
      }
      for (let node = table; node !== null && node !== article; node = node.parentElement) {
        const overflow = getComputedStyle(node).overflowX;
        if (overflow !== "visible" && node.scrollWidth > node.clientWidth) {
          const wrapper = `its <${node.localName} class="${node.className}">`;
          const name = node === table ? "the table" : wrapper;
          const does = overflow === "hidden" || overflow === "clip" ? "clips" : "scrolls sideways";
          const sizes = `${node.scrollWidth}px of content in ${node.clientWidth}px`;
          problems.push(`${name} ${does}: ${sizes}`);
        }
      }
      for (const cell of table.querySelectorAll("th, td")) {
        if (cell.scrollWidth > cell.clientWidth + 1) {
          const by = cell.scrollWidth - cell.clientWidth;
          const column = headers[cell.cellIndex] ?? "";
          const content = JSON.stringify(text(cell).slice(0, 80));
          problems.push(`a ${column} cell overflows by ${by}px: ${content}`);
        }
      }
    }
    if (problems.length === 0) return;
    let widest = null;
    for (const cell of table.querySelectorAll("td")) {
      const width = widestLine(cell);
      if (widest === null || width > widest.width) {
        widest = { column: headers[cell.cellIndex] ?? "", text: text(cell).slice(0, 100), width };
      }
    }
    misfits.push({ index, headers, width: table.getBoundingClientRect().width, problems, widest });
  });
  return { tables: tables.length, page, misfits };
}"""


class WidestCell(TypedDict):
    column: str
    text: str
    width: float


class Misfit(TypedDict):
    index: int
    headers: list[str]
    width: float
    problems: list[str]
    widest: WidestCell | None


class TableFit(TypedDict):
    tables: int
    page: list[str]
    misfits: list[Misfit]


@dataclass
class FitWindow:
    """One browser page at `FIT_WINDOW`, shared by the fit tests, and the errors it reported."""

    page: Page
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def fit_window(browser: Browser, site_url: str) -> Iterator[FitWindow]:
    context = browser.new_context(base_url=site_url, viewport=FIT_WINDOW)
    window = FitWindow(context.new_page())
    window.page.on("pageerror", lambda error: window.errors.append(str(error)))
    try:
        yield window
    finally:
        context.close()


def generated_pages(site: Path, section: str) -> list[str]:
    """The URL paths of the built site's generated pages in `section`, as the build made them."""
    if section == "home":
        found = [site / "index.html"]
    elif section == "differences":
        found = [site / "differences" / "index.html"]
    else:
        found = sorted((site / section).glob("*/index.html"))
    return [
        "" if path.parent == site else f"{path.parent.relative_to(site).as_posix()}/"
        for path in found
        if path.is_file()
    ]


def misfit_lines(url: str, fit: TableFit, errors: list[str]) -> list[str]:
    lines = [f"/{url}: {problem}" for problem in fit["page"]]
    lines += [f"/{url}: a script failed: {error}" for error in errors]
    for misfit in fit["misfits"]:
        lines.append(
            f"/{url} table {misfit['index']} ({' | '.join(misfit['headers'])}), "
            f"{misfit['width']:.0f}px wide:"
        )
        lines += [f"    {problem}" for problem in misfit["problems"]]
        widest = misfit["widest"]
        if widest is not None:
            lines.append(
                f"    widest cell: {widest['column']}, {widest['width']:.0f}px: {widest['text']!r}"
            )
    return lines


@pytest.mark.parametrize("section", ["home", "differences", "models", "endpoints"])
def test_every_table_fits_a_1280_pixel_window(
    fit_window: FitWindow, site_build: Build, section: str
) -> None:
    """No table of a generated page is cut off or scrolls sideways at 1280x800.

    The pages are those the build wrote: the home page (the API list), Differences from
    upstream, every model page (enumerations and unions among them) and every API page.
    """
    urls = generated_pages(site_build.site, section)
    assert urls, f"the build wrote no {section} page"
    page = fit_window.page
    tables = misfits = 0
    failures: list[str] = []
    for url in urls:
        fit_window.errors.clear()
        page.goto(url)
        fit = cast(TableFit, page.evaluate(FIT_SCRIPT))
        tables += fit["tables"]
        misfits += len(fit["misfits"])
        lines = misfit_lines(url, fit, fit_window.errors)
        failures += lines
        if lines or url in FIT_SHOWCASE:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = url.strip("/").replace("/", "-") or "home"
            page.screenshot(path=ARTIFACTS / f"tables-{name}.png", full_page=True)
    assert tables > 0, f"no table on the {len(urls)} {section} page(s) to measure"
    if failures:
        pytest.fail(
            f"{misfits} of {tables} tables on {len(urls)} {section} page(s) do not fit a "
            f"{FIT_WINDOW['width']}x{FIT_WINDOW['height']} window (screenshots: "
            f"{ARTIFACTS.relative_to(ROOT)}/tables-*.png):\n" + "\n".join(failures)
        )

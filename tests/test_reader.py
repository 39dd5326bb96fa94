"""The built site as its readers meet it, in Debian's Chromium (the session's one browser).

- Accessible: axe-core (pinned by tests/typescript/package-lock.json) finds no violation of the
  WCAG 2.2 A and AA rules, nor of its best practices, on any page, at a desktop and a phone
  width, in the light and the dark palette.
- Private: a page asks no other origin for anything (fonts, scripts, images).
- Whole names: no sidebar or table-of-contents label is cut, and a long identifier breaks only
  where one of its words ends.
- Said once: the Differences page repeats no paragraph.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, cast
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from tests.conftest import ROOT, Build

AXE = ROOT / "tests" / "typescript" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
# Material's palettes (mkdocs.yml): the light one is `default`, the dark one `slate`.
SCHEMES = {"light": "default", "dark": "slate"}


def site_pages(site: Path) -> list[str]:
    """The URL path of every page the build wrote, the 404 page among them."""
    pages = [
        "" if path.parent == site else f"{path.parent.relative_to(site).as_posix()}/"
        for path in sorted(site.rglob("index.html"))
    ]
    return [*pages, "404.html"]


# Starts axe-core on the page at its current width and keeps the result in the page, so that
# several pages are checked at once. Every content tab is shown first: a reader may open any of
# them (the Python and JSON examples are hidden behind the TypeScript tab on load), and axe-core
# checks only what is shown. The page is checked in the palette it loaded in (light), then the
# dark palette is set as Material's toggle sets it (the body's data-md-color-scheme), and the
# rules whose outcome depends on colour run again: the palettes differ in colour only. The same
# page is then resized to the phone width and checked again: the layout follows the width, as
# when a reader turns a tablet, without a second load of the page.
AXE_START = """([options, colourRules]) => {
  window.__axeResult = null;
  (async () => {
    const body = document.body;
    if (window.__axeScheme === undefined) {
      window.__axeScheme = body.getAttribute("data-md-color-scheme");
      await document.fonts.ready;
      const style = document.createElement("style");
      style.textContent =
        ".tabbed-set > .tabbed-content > .tabbed-block { display: block !important }"
        // Material eases colour changes over 125 ms: a check right after the switch would
        // read the colours half way.
        + " *, *::before, *::after { transition: none !important }";
      document.head.append(style);
    }
    body.setAttribute("data-md-color-scheme", window.__axeScheme);
    // Material and the site's script give a code block or a table that scrolls a tab stop when
    // they see its size change, once it is laid out at this width.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const found = (result, scheme) => result.violations.map((rule) => ({
      id: rule.id,
      help: rule.help,
      scheme,
      nodes: rule.nodes.map((node) => ({
        target: node.target.join(" "),
        summary: (node.failureSummary || "").split("\\n").slice(1, 3).join(" ").trim(),
      })),
    }));
    const schemes = [body.getAttribute("data-md-color-scheme")];
    const background = [getComputedStyle(body).backgroundColor];
    const violations = found(await axe.run(document, options), schemes[0]);
    body.setAttribute("data-md-color-scheme", "slate");
    schemes.push(body.getAttribute("data-md-color-scheme"));
    background.push(getComputedStyle(body).backgroundColor);
    const dark = { ...options, runOnly: { type: "rule", values: colourRules } };
    violations.push(...found(await axe.run(document, dark), schemes[1]));
    return { schemes, background, violations };
  })().then(
    (result) => { window.__axeResult = result; },
    (error) => { window.__axeResult = { error: String(error && error.stack || error) }; },
  );
}"""
# axe-core's rules (of the tags above) that read colours: the dark palette runs these again.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The widths each page is checked at, in this order.
WIDTHS = {"1280px": DESKTOP, "390px": PHONE}
# Browser pages checking site pages at once: while one loads its page or waits on Python, the
# others run axe-core, so both cores stay busy.
CHECKERS = 3


class AxeNode(TypedDict):
    target: str
    summary: str


class AxeViolation(TypedDict):
    id: str
    help: str
    scheme: str
    nodes: list[AxeNode]


class AxeResult(TypedDict, total=False):
    schemes: list[str]
    background: list[str]
    violations: list[AxeViolation]
    error: str


@dataclass
class Checker:
    """One browser page, checking one site page at a time: `url` at the width `widths[0]`
    while `widths` is not empty."""

    page: Page
    url: str = ""
    widths: tuple[str, ...] = ()


# The search index is no part of what axe-core checks (the search dialog is closed), but each
# page load would have Material's search worker index all of it: the pages get an empty one.
EMPTY_SEARCH_INDEX = json.dumps(
    {"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": []}, "docs": []}
)


@pytest.fixture(scope="module")
def checkers(browser: Browser, site_url: str) -> Iterator[list[Checker]]:
    """The browser pages the axe check runs in, in one context: light, with axe-core loaded."""
    context = browser.new_context(base_url=site_url, viewport=DESKTOP, color_scheme="light")
    try:
        context.add_init_script(AXE.read_text(encoding="utf-8"))
        context.route(
            "**/search/search_index.json",
            lambda route: route.fulfill(
                status=200, content_type="application/json", body=EMPTY_SEARCH_INDEX
            ),
        )
        yield [Checker(context.new_page()) for _ in range(CHECKERS)]
    finally:
        context.close()


def _axe_check(pages: list[str], checkers: list[Checker]) -> Iterator[tuple[str, str, AxeResult]]:
    """Each page's result at each width, as the checkers finish them (page, width, result)."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    waiting = list(reversed(pages))

    def start(checker: Checker) -> None:
        checker.page.set_viewport_size(WIDTHS[checker.widths[0]])  # a no-op at the first width
        checker.page.evaluate(AXE_START, [options, COLOUR_RULES])

    while waiting or any(checker.widths for checker in checkers):
        advanced = False
        for checker in checkers:
            if not checker.widths:
                if not waiting:
                    continue
                checker.url, checker.widths = waiting.pop(), tuple(WIDTHS)
                # Loaded at the first width, as a reader's browser loads it.
                checker.page.set_viewport_size(WIDTHS[checker.widths[0]])
                checker.page.goto(checker.url)
                start(checker)
                advanced = True
                continue
            result = checker.page.evaluate("() => window.__axeResult")
            if result is None:
                continue
            yield checker.url, checker.widths[0], cast(AxeResult, result)
            checker.widths = checker.widths[1:]
            if checker.widths:
                start(checker)
            advanced = True
        if not advanced:
            time.sleep(0.02)


def test_axe_core_finds_no_violation_on_any_page(
    checkers: list[Checker], site_build: Build
) -> None:
    """WCAG 2.2 A and AA and axe-core's best practices, on every page, at two widths, in the
    light and the dark palette."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing: run `npm ci` in tests/typescript ({AXE} not found)")
    pages = site_pages(site_build.site)
    assert len(pages) > 40, pages
    failures: list[str] = []
    counts: dict[str, int] = {}
    checked: set[tuple[str, str]] = set()
    start = time.monotonic()
    for url, width, result in _axe_check(pages, checkers):
        checked.add((url, width))
        if "error" in result:
            failures.append(f"/{url} ({width}): axe-core failed: {result['error']}")
            continue
        light, dark = result["background"]
        if result["schemes"] != list(SCHEMES.values()) or light == dark:
            failures.append(
                f"/{url} ({width}): the palettes did not apply: "
                f"{result['schemes']}, backgrounds {light} and {dark}"
            )
        for violation in result["violations"]:
            counts[violation["id"]] = counts.get(violation["id"], 0) + len(violation["nodes"])
            palette = "dark" if violation["scheme"] == SCHEMES["dark"] else "light"
            failures += [
                f"{violation['id']} on /{url} ({width} {palette}) at {node['target']}: "
                f"{node['summary'] or violation['help']}"
                for node in violation["nodes"]
            ]
    took = time.monotonic() - start
    assert checked == {(url, width) for url in pages for width in WIDTHS}
    summary = ", ".join(f"{rule} {count}" for rule, count in sorted(counts.items()))
    assert not failures, (
        f"axe-core {len(failures)} violation(s) on {len(pages)} pages x {len(WIDTHS)} widths "
        f"x 2 palettes ({summary}; {took:.0f} s):\n" + "\n".join(failures)
    )


# One page of each kind.
SAMPLE = {
    "home": "",
    "model": "models/TokenDto/",
    "union": "models/TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo/",
    "enumeration": "models/RightsEnum/",
    "API": "endpoints/TokensApi/",
    "differences": "differences/",
    "validation": "validation/",
    "performance": "performance/",
    "404": "404.html",
}


def test_sample_pages_exist(site_build: Build) -> None:
    pages = site_pages(site_build.site)
    assert set(SAMPLE.values()) <= set(pages), set(SAMPLE.values()) - set(pages)


def test_a_page_asks_no_other_origin_for_anything(browser: Browser, site_url: str) -> None:
    """Every request of a page of each kind (fonts, styles, scripts, the search index) goes to
    the site's own server: no third party learns who reads it, and it works offline."""
    context = browser.new_context(base_url=site_url, viewport=DESKTOP)
    page = context.new_page()
    requests: list[tuple[str, str]] = []
    current = [""]
    page.on("request", lambda request: requests.append((current[0], request.url)))
    try:
        for kind, url in SAMPLE.items():
            current[0] = kind
            page.goto(url, wait_until="networkidle")
    finally:
        context.close()
    own = urlsplit(site_url).netloc
    assert len({kind for kind, _ in requests}) == len(SAMPLE), requests
    foreign = [
        f"{kind} page: {url}"
        for kind, url in requests
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own
    ]
    assert not foreign, "requests to another origin:\n" + "\n".join(foreign)


# For each sidebar and table-of-contents label shown: its text, whether it is cut (its content
# is wider than its box, or its style would cut it) and the style that would.
LABELS_SCRIPT = """() => {
  const shown = (element) => element.getClientRects().length > 0
    && getComputedStyle(element).visibility !== "hidden";
  const labels = [];
  const lists = [];
  for (const link of document.querySelectorAll(".md-nav__link")) {
    if (!shown(link)) continue;
    const label = link.querySelector(".md-ellipsis") || link;
    const style = getComputedStyle(label);
    const cut = label.scrollWidth > label.clientWidth + 1
      || (style.textOverflow === "ellipsis" && style.overflow !== "visible"
          && label.scrollWidth > label.clientWidth)
      || style.whiteSpace === "nowrap" && label.scrollWidth > label.clientWidth;
    labels.push({
      text: label.textContent.replace(/\\s+/g, " ").trim(),
      toc: link.closest(".md-nav--secondary") !== null,
      list: lists.indexOf(link.closest("ul")) === -1
        ? lists.push(link.closest("ul")) - 1
        : lists.indexOf(link.closest("ul")),
      cut,
      widths: `${label.scrollWidth}px of text in ${label.clientWidth}px`,
    });
  }
  return labels;
}"""


class Label(TypedDict):
    text: str
    toc: bool
    list: int
    cut: bool
    widths: str


# Pages whose sidebar or table of contents holds long names: the union (its alternatives are
# headings), a model of the longest group, the enumeration, an API page and the Differences page.
LABEL_PAGES = [
    SAMPLE["union"],
    "models/TokenPrivateKeyAuthenticationMethodDto/",
    "models/ConsumerAuthTokenEndpointInput/",
    SAMPLE["enumeration"],
    SAMPLE["API"],
    SAMPLE["differences"],
]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_every_navigation_label_reads_whole(
    browser: Browser, site_url: str, viewport: ViewportSize
) -> None:
    """No sidebar or table-of-contents entry is cut, and no two entries read the same.

    On a phone the sidebar is the drawer: it is opened, with the page's table of contents in it.
    """
    context = browser.new_context(base_url=site_url, viewport=viewport)
    page = context.new_page()
    problems: list[str] = []
    seen = 0
    try:
        for url in LABEL_PAGES:
            page.goto(url)
            if viewport is PHONE:
                page.locator("label.md-header__button[for='__drawer']").click()
                page.wait_for_timeout(300)  # the drawer slides in
                # The page's own entry opens its table of contents inside the drawer.
                toc = page.locator(".md-nav--primary .md-nav__link--active[for='__toc']")
                if toc.count():
                    toc.first.click()
                    page.wait_for_timeout(300)
            labels = cast(list[Label], page.evaluate(LABELS_SCRIPT))
            seen += len(labels)
            problems += [
                f"/{url}: {'toc' if label['toc'] else 'sidebar'} label {label['text']!r} is cut "
                f"({label['widths']})"
                for label in labels
                if label["cut"]
            ]
            # Entries of one list (an operation's sections under each operation) are neighbours.
            for index in {label["list"] for label in labels}:
                texts = [label["text"] for label in labels if label["list"] == index]
                twins = sorted({text for text in texts if texts.count(text) > 1})
                problems += [f"/{url}: two neighbours read {text!r}" for text in twins]
    finally:
        context.close()
    assert seen > 10 * len(LABEL_PAGES), f"only {seen} labels shown on {len(LABEL_PAGES)} pages"
    assert not problems, "\n".join(problems)


# For each text node of the page's title, tables and lists: the offsets in it where a line of
# text starts, other than the first, found from the rendered boxes of its characters.
BREAKS_SCRIPT = """() => {
  const roots = [...document.querySelectorAll(
    "article h1, article h2, article h3, article table, article ul, article ol",
  )].filter((root) => root.closest(".doc") === null);
  const found = [];
  const range = document.createRange();
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = node.data;
      let top = null;
      const starts = [];
      for (let i = 0; i < text.length; i++) {
        if (/\\s/.test(text[i])) continue;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect === undefined) continue;
        if (top !== null && rect.top > top + rect.height / 2) starts.push(i);
        top = rect.top;
      }
      if (starts.length) found.push({ text, starts, parent: node.parentElement.localName });
    }
  }
  return found;
}"""


class Breaks(TypedDict):
    text: str
    starts: list[int]
    parent: str


@pytest.mark.parametrize("url", [SAMPLE["union"], SAMPLE["differences"]])
def test_long_names_break_only_where_a_word_ends(browser: Browser, site_url: str, url: str) -> None:
    """At 390 px no line of a title, table or list starts inside a word.

    The Python API section (mkdocstrings' rendering of the source, `.doc`) is not the
    generator's, and not checked.

    A name's words are separate text nodes (the generator puts a `<wbr>` between them), so a
    line may start at a text node's beginning, or after a space or a hyphen in it: a line that
    starts anywhere else starts inside a word.
    """
    context = browser.new_context(base_url=site_url, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(url)
        page.evaluate("document.fonts.ready")
        found = cast(list[Breaks], page.evaluate(BREAKS_SCRIPT))
        names = page.evaluate("document.querySelectorAll('article wbr').length")
    finally:
        context.close()
    assert names > 10, f"/{url} marks only {names} places where a name may break"
    inside = [
        f"{item['text'][:start]!r} | {item['text'][start:]!r} (in <{item['parent']}>)"
        for item in found
        for start in item["starts"]
        if not re.match(r"[\s\-/]", item["text"][start - 1])
    ]
    assert not inside, f"/{url}: lines that start inside a word:\n" + "\n".join(inside)


def test_the_differences_page_says_each_paragraph_once(site_build: Build) -> None:
    """A reason several fields share is stated once, with links to the fields it covers."""
    soup = site_build.page("differences/")
    article = soup.find("article")
    assert article is not None
    # A row's pointer to a shared reason is a link, not the reason said again.
    texts = [
        " ".join(p.get_text().split())
        for p in article.find_all("p")
        if not (len(p.contents) == 1 and p.find("a", href=re.compile("^#shared-reason-")))
    ]
    repeated = sorted({text for text in texts if texts.count(text) > 1})
    assert not repeated, "paragraphs said more than once:\n" + "\n".join(repeated)
    shared = article.select(".shared-reasons li")
    assert shared, "no reason is shared"
    for item in shared:
        anchor = item.get("id")
        covers = [str(a["href"]) for a in item.select("p a")]
        assert len(covers) > 1, item
        rows = [article.find("tr", id=href.removeprefix("#")) for href in covers]
        assert all(rows), covers
        for row in rows:
            assert row is not None
            assert row.find("a", href=f"#{anchor}") is not None, row

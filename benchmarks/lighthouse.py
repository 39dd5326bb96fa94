"""Lighthouse on five pages of the built site, beside a one-page plain Material site.

Both sites are built afresh and served on 127.0.0.1. Lighthouse (pinned with its Node in
`benchmarks/lighthouse/`, installed on first use, never by `scripts/test`) loads each page in
Debian's Chromium with its defaults (mobile emulation, simulated throttling), every page once
per round in a shuffled order. The plain site has our theme settings (without `custom_dir`),
site description and search plugin, and one page of Markdown: what Material itself scores here.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from benchmarks.timing import Series, child_env, free_port, round_orders, run_process

HERE = Path(__file__).resolve().parent / "lighthouse"
ROOT = HERE.parent.parent
NODE = HERE / "node_modules" / ".bin" / "node"
CLI = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
# No network: nothing but the page under test is fetched (a request elsewhere simply fails).
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
    "--disable-extensions --disable-background-networking --disable-component-update "
    "--disable-sync --disable-default-apps"
)
PAGES = {
    "home": "",
    "model page (TokenDto)": "models/TokenDto/",
    "union page (…PublicKeyInfo)": "models/TokenPrivateKeyAuthenticationMethodDtoPublicKeyInfo/",
    "API page (TokensApi)": "endpoints/TokensApi/",
    "Differences page": "differences/",
}
"""Each page of our site Lighthouse loads, by the name the table gives it, and its URL path."""
PLAIN = "plain Material, one page"
CATEGORIES = {"performance": "performance", "accessibility": "accessibility"}
CATEGORIES |= {"best-practices": "best practices", "seo": "SEO"}
PLAIN_PAGE = """# A plain page

Material with this site's theme settings: a paragraph, a [link](#a-table), `inline code`.

## A table

| name | type |
| --- | --- |
| expires_in | int |
"""


def install() -> None:
    """`npm ci` in `benchmarks/lighthouse/` unless its lock is installed already."""
    installed = HERE / "node_modules" / ".package-lock.json"
    lock = HERE / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        print("installing the pinned Lighthouse and Node (npm ci) ...", flush=True)
        command = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
        subprocess.run(command, cwd=HERE, check=True)


def versions() -> dict[str, str]:
    package = json.loads((CLI.parent.parent / "package.json").read_text(encoding="utf-8"))
    found = {"lighthouse": package["version"]}
    for name, tool in (("node", str(NODE)), ("chromium", CHROMIUM)):
        found[name] = subprocess.run(
            [tool, "--version"], capture_output=True, text=True
        ).stdout.strip()
    return found


def plain_project(folder: Path, config_text: str) -> Path:
    """The plain site's project in `folder`, with the theme settings of `config_text`."""
    ours = yaml_load(config_text)
    theme = {key: value for key, value in ours["theme"].items() if key != "custom_dir"}
    config = {"site_name": "plain", "site_description": ours.get("site_description")}
    config |= {"site_url": "!SITE_URL", "theme": theme, "plugins": ["search"]}
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(PLAIN_PAGE, encoding="utf-8")
    text = yaml.safe_dump(config, sort_keys=False)
    text = text.replace("'!SITE_URL'", "!ENV [SITE_URL, 'http://127.0.0.1:8000/']")
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
    return folder / "mkdocs.yml"


def _build(project: Path, site: Path, port: int) -> None:
    """A strict build of `project` for `http://127.0.0.1:{port}/` (canonical links, sitemap)."""
    env = {**child_env([project / "src", ROOT]), "SITE_URL": f"http://127.0.0.1:{port}/"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"]
    built = run_process([*command, "--site-dir", str(site)], cwd=project, env=env)
    if built.returncode != 0:
        raise RuntimeError(f"the build of {project} failed:\n{built.output}")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A static host as readers meet one: text files gzip-compressed when the browser asks, as
    GitHub Pages and every common static host serve them (Python's own server never does)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # its redirect to the folder's URL
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in _COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


# The text types a static host compresses.
_COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".md"}


@contextmanager
def _serve(site: Path, port: int) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _lighthouse(url: str, output: Path) -> dict[str, Any]:
    command = [str(NODE), str(CLI), url, "--output=json", f"--output-path={output}", "--quiet"]
    command += [f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    ran = run_process(command, cwd=output.parent, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if ran.returncode != 0:
        raise RuntimeError(f"lighthouse {url} failed:\n{ran.output}")
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return report


def _elements(audits: dict[str, Any]) -> float:
    items = audits["dom-size-insight"]["details"]["items"]
    (total,) = (item for item in items if item["statistic"] == "Total elements")
    return float(total["value"]["value"])


# What a page costs the browser, read from each report, by the name the table gives it: where
# a page's performance score falls short, these say why (Lighthouse's simulated phone scales
# the main thread's time, and the number of elements drives how long restyling takes).
METRICS: dict[str, Callable[[dict[str, Any]], float]] = {
    "largest contentful paint (s)": lambda audits: float(
        audits["largest-contentful-paint"]["numericValue"] / 1000
    ),
    "total blocking time (ms)": lambda audits: float(audits["total-blocking-time"]["numericValue"]),
    "main-thread work (s)": lambda audits: float(
        audits["mainthread-work-breakdown"]["numericValue"] / 1000
    ),
    "elements": _elements,
}


@dataclass
class LighthouseResults:
    """By page (PLAIN among them): each category's score (0 to 100) and each of METRICS per
    round, the audits below full marks in a run (performance aside); and Lighthouse's measure
    of this machine's CPU speed per run."""

    scores: dict[str, dict[str, Series]]
    metrics: dict[str, dict[str, Series]]
    missed: dict[str, dict[str, list[str]]]
    benchmark_index: Series


def run_lighthouse(workdir: Path, rounds: int, project: Path = ROOT) -> LighthouseResults:
    """Build both sites, serve them and run Lighthouse `rounds` times on every page."""
    install()
    ports = {"site": free_port(), "plain": free_port()}
    _build(project, workdir / "lh-site", ports["site"])
    config_text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plain_config = plain_project(workdir / "lh-plain", config_text)
    _build(plain_config.parent, workdir / "lh-plain-site", ports["plain"])
    names = [*PAGES, PLAIN]
    scores = {name: {key: Series(key) for key in CATEGORIES} for name in names}
    metrics = {name: {key: Series(key) for key in METRICS} for name in names}
    missed: dict[str, dict[str, set[str]]] = {name: {} for name in names}
    index = Series("benchmarkIndex")
    with (
        _serve(workdir / "lh-site", ports["site"]) as site,
        _serve(workdir / "lh-plain-site", ports["plain"]) as plain,
    ):
        urls = {**{name: site + path for name, path in PAGES.items()}, PLAIN: plain}
        for order in round_orders(names, rounds):
            for name in order:
                report = _lighthouse(urls[name], workdir / "lighthouse.json")
                index.samples.append(float(report["environment"]["benchmarkIndex"]))
                for key, read in METRICS.items():
                    metrics[name][key].samples.append(read(report["audits"]))
                for key, category in report["categories"].items():
                    scores[name][key].samples.append(round(category["score"] * 100))
                    if key == "performance":
                        continue
                    for ref in category["auditRefs"]:
                        score = report["audits"][ref["id"]]["score"]
                        if ref["weight"] > 0 and score is not None and score < 1:
                            missed[name].setdefault(key, set()).add(ref["id"])
    listed = {
        name: {key: sorted(ids) for key, ids in found.items()} for name, found in missed.items()
    }
    return LighthouseResults(scores, metrics, listed, index)

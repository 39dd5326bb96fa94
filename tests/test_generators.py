"""The same site from ProperDocs, the drop-in fork of MkDocs 1.x (docs/maintaining.md)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import iam_client_models
from iam_client_docs.describe import public_models
from iam_client_docs.markup import model_page_path
from tests.conftest import ROOT, STRICT_BUILD, Build

# What is allowed to differ: the generator's name, and the sitemap's build date.
GENERATOR_META = re.compile(r'<meta name="generator" content="[^"]*">')
LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


def generator(build: Build) -> str:
    meta = build.page("").select_one('meta[name="generator"]')
    assert meta is not None
    return str(meta["content"])


def normalized(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
        path = path.with_suffix("")
    if path.suffix in {".html", ".xml"}:
        text = data.decode("utf-8")
        return LASTMOD.sub("", GENERATOR_META.sub("", text)).encode("utf-8")
    return data


def files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def test_properdocs_builds_the_site_strictly_and_cleanly(properdocs_build: Build) -> None:
    assert "WARNING" not in properdocs_build.output
    assert "ERROR" not in properdocs_build.output
    assert generator(properdocs_build).startswith("mkdocs-ProperDocs ")


def test_model_pages_have_the_same_article_under_both_generators(
    site_build: Build, properdocs_build: Build
) -> None:
    assert generator(site_build).startswith("mkdocs-1.")
    for model in public_models(iam_client_models):
        url = model_page_path(model.__name__).removesuffix(".md") + "/"
        articles = [
            build.page(url).select_one("article") for build in (site_build, properdocs_build)
        ]
        assert articles[0] is not None and articles[0].select_one("table") is not None, url
        assert articles[0] == articles[1], url


def test_every_file_is_the_same_but_for_the_generator_name(
    site_build: Build, properdocs_build: Build
) -> None:
    assert files(site_build.site) == files(properdocs_build.site)
    differing = [
        name
        for name in files(site_build.site)
        if normalized(site_build.site / name) != normalized(properdocs_build.site / name)
    ]
    assert differing == []
    # Two different generators really ran: unnormalized, the pages differ in the generator tag.
    home = [(build.site / "index.html").read_bytes() for build in (site_build, properdocs_build)]
    assert home[0] != home[1]


def test_maintaining_page_gives_the_commands_the_scripts_and_tests_run(site_build: Build) -> None:
    table = site_build.page("maintaining/").select_one("article table")
    assert table is not None
    rows = {
        cells[0]: cells[1:]
        for cells in (
            [td.get_text(strip=True) for td in row.select("td")] for row in table.select("tbody tr")
        )
    }
    assert set(rows) == {"MkDocs (default)", "ProperDocs"}
    build_docs = (ROOT / "scripts" / "build-docs").read_text(encoding="utf-8")
    serve = (ROOT / "scripts" / "serve").read_text(encoding="utf-8")
    # The scripts put the `uv` they install (.tools/bin/uv) on their own PATH.
    uv = ".tools/bin/uv"
    assert f"exec {rows['MkDocs (default)'][0].replace(uv, 'uv')} " in build_docs
    assert f"exec {rows['MkDocs (default)'][1].replace(uv, 'uv')} " in serve
    assert rows["ProperDocs"][0] == " ".join([f"{uv} run properdocs", *STRICT_BUILD])
    assert rows["ProperDocs"][1] == rows["ProperDocs"][0].replace(" build ", " serve ")

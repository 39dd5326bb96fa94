"""The MkDocs hook under `mkdocs serve`: one process, many builds, source edited in between."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from iam_client_docs import build, mkdocs_hook
from tests.conftest import copy_project, mkdocs_build

# Two builds of a copy in one process, as `mkdocs serve` makes them: the config loaded again
# for the second (MkDocs keeps the hook module), each file edited in between. The copy's
# mkdocs.yml has no plugins (mkdocstrings and search cost most of a build and have nothing
# to do with the hook).
SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project, site = Path(sys.argv[1]), Path(sys.argv[2])
    edits = [
        # (file, text, replacement, the page that shows it, what it shows)
        ("src/iam_client_docs/render.py", '"## Properties"', '"## Properties (edited)"',
         "models/TokenDto/index.html", "Properties (edited)"),
        ("src/iam_client_models/consumer_auth.py", "The type of the token issued",
         "Edited while serving. The type of the token issued",
         "models/ConsumerAuthTokenEndpointOutput/index.html", "Edited while serving."),
        ("src/iam_client_models/endpoints.py", "The Consumer OAuth 2.0 Token Endpoint",
         "Summary edited while serving", "endpoints/ConsumerAuthApi/index.html",
         "Summary edited while serving"),
        # The theme hook's filter (the sidebar's labels): that hook file is kept too.
        ("src/iam_client_docs/markup.py", 'return "<wbr>".join(_words(markup))',
         'return "<wbr data-edited>".join(_words(markup))', "models/TokenDto/index.html",
         "Token<wbr data-edited>Dto"),
    ]

    def run():
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        build(config)
        return {page: (site / page).read_text(encoding="utf-8") for *_, page, _ in edits}

    before = run()
    for file, text, replacement, *_ in edits:
        source = project / file
        content = source.read_text(encoding="utf-8")
        assert content.count(text) == 1, (file, text)
        source.write_text(content.replace(text, replacement), encoding="utf-8")
    after = run()
    for file, *_, page, shown in edits:
        print(file, shown in before[page], shown in after[page])
    """
)


def run_script(project: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `script` with the copy `project` and `args` as its arguments, in a process of its own
    that imports the copy's packages; with no `SITE_URL`, as `mkdocs_build` builds."""
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    command = [sys.executable, "-c", script, str(project), *args]
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def without_plugins(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("\nplugins:")] + "\nplugins: []\n", encoding="utf-8")


def test_a_rebuild_in_the_same_process_runs_the_edited_generator_and_models(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    without_plugins(project / "mkdocs.yml")
    result = run_script(project, SCRIPT, str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "src/iam_client_docs/render.py False True",
        "src/iam_client_models/consumer_auth.py False True",
        "src/iam_client_models/endpoints.py False True",
        "src/iam_client_docs/markup.py False True",
    ]


# Builds of a copy with every plugin, as `mkdocs serve` makes them (on_startup says "serve"): the
# first; the second of the same sources; then one after each step of `EDITS`. Prints what each build
# did afresh: the pages whose Markdown it converted, the pages Material's search parsed and the
# Jinja templates compiled.
SERVE_SCRIPT = textwrap.dedent(
    """
    import json
    import sys
    from pathlib import Path

    import jinja2
    from material.plugins.search import plugin as search
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from mkdocs.structure.pages import Page

    project, site, edits = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
    converted, parsed, compiled = [], [], []
    render, feed, compile_ = Page.render, search.Parser.feed, jinja2.Environment.compile

    def counted_render(self, *args):
        if self.markdown:  # with a mkdocstrings directive or a snippet, or not
            reads_more = ":::" in self.markdown or "--8<--" in self.markdown
            converted.append([self.file.src_uri, reads_more])
        return render(self, *args)

    def counted_feed(self, data):
        parsed.append(data)
        return feed(self, data)

    def counted_compile(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_(self, source, name, *args, **kwargs)

    Page.render, search.Parser.feed = counted_render, counted_feed
    jinja2.Environment.compile = counted_compile

    def run(first=False):
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
        for found in (converted, parsed, compiled):
            found.clear()
        build(config, serve_url=config.site_url)
        return {"converted": converted[:], "parsed": len(parsed), "compiled": sorted(set(compiled))}

    found = [run(first=True), run()]
    for step in edits:
        for file, text, replacement in step:
            source = project / file
            content = source.read_text(encoding="utf-8")
            assert content.count(text) == 1, (file, text)
            source.write_text(content.replace(text, replacement), encoding="utf-8")
        found.append(run())
    print(json.dumps(found))
    """
)
EDITS = [
    # (file, text, replacement) in two steps. A generator module, whose code the conversion of
    # every page depends on (mkdocs.yml names its Markdown extension).
    [
        (
            "src/iam_client_docs/render.py",
            '"Members not listed here are kept',
            '"Members not listed here (generator edited) are kept',
        )
    ],
    # A model's field docstring, an endpoint's summary, a hand-written page (these change the
    # text of pages, not their headings), a template of mkdocstrings (docs/templates) and one of
    # the theme (docs/overrides).
    [
        (
            "src/iam_client_models/consumer_auth.py",
            '"""The type of the token issued',
            '"""Docstring edited while serving. The type of the token issued',
        ),
        (
            "src/iam_client_models/endpoints.py",
            "The Consumer OAuth 2.0 Token Endpoint",
            "Summary edited while serving. The Consumer OAuth 2.0 Token Endpoint",
        ),
        ("docs/validation.md", "The models parse with pydantic", "Page edited. The models parse"),
        (
            "docs/templates/python/material/pydantic_model.html.jinja",
            "{% block docstring scoped %}",
            "{% block docstring scoped %}<p>mkdocstrings template edited</p>",
        ),
        (
            "docs/overrides/partials/toc-item.html",
            'class="md-nav__link">',
            'class="md-nav__link" title="theme template edited">',
        ),
    ],
]


@pytest.mark.site
def test_a_rebuild_under_serve_reuses_unchanged_work_and_equals_a_cold_build(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    result = run_script(project, SERVE_SCRIPT, str(tmp_path / "site"), json.dumps(EDITS))
    assert result.returncode == 0, result.stderr
    first, again, generator, edited = json.loads(result.stdout.splitlines()[-1])
    cold = mkdocs_build(project, tmp_path / "cold", extra_pythonpath=project / "src")
    assert cold.returncode == 0, cold.output
    rebuilt = sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*"))
    assert rebuilt == sorted(p.relative_to(cold.site) for p in cold.site.rglob("*"))
    differing = [
        path
        for path in rebuilt
        if (tmp_path / "site" / path).is_file()
        and (tmp_path / "site" / path).read_bytes() != (cold.site / path).read_bytes()
    ]
    assert differing == []
    # Every edit shows in the page; those outside the Python API section (which the search
    # index leaves out) in the search index too.
    page = (cold.site / "models/ConsumerAuthTokenEndpointOutput/index.html").read_text("utf-8")
    index = (cold.site / "search/search_index.json").read_text("utf-8")
    for shown in ("Docstring edited", "(generator edited)"):
        assert shown in page and shown in index
    assert "mkdocstrings template edited" in page and 'title="theme template edited"' in page
    for path, shown in [
        ("endpoints/ConsumerAuthApi/index.html", "Summary edited while serving."),
        ("validation/index.html", "Page edited."),
    ]:
        assert shown in (cold.site / path).read_text("utf-8") and shown in index
    # Nothing changed: only the pages with a mkdocstrings directive (:::) or a snippet were
    # converted, no page parsed for the search index, and of the templates only the language
    # partials, which Material's search plugin loads into an environment of its own.
    assert ["endpoints/TokensApi.md", False] in first["converted"]
    assert [page for page, reads_more in again["converted"] if not reads_more] == []
    assert first["parsed"] > 0 and again["parsed"] == 0
    assert "main.html" in first["compiled"]
    assert [name for name in again["compiled"] if not name.startswith("partials/language")] == []
    # The generator edited: every page converted again. Then the other edits: some pages were
    # converted and parsed again (the edited ones among them), not all; the edited templates
    # were compiled.
    assert len(generator["converted"]) == len(first["converted"])
    assert len(again["converted"]) < len(edited["converted"]) < len(first["converted"])
    assert {"endpoints/ConsumerAuthApi.md", "validation.md"} <= {p for p, _ in edited["converted"]}
    assert 0 < edited["parsed"] < first["parsed"]
    assert {"pydantic_model.html.jinja", "partials/toc-item.html"} <= set(edited["compiled"])


def wait_for(changes: Callable[[], list[str]], name: str, count: int = 1) -> None:
    """Until the watcher has reported `count` changes to a file named `name` (it polls every
    0.5 s)."""
    deadline = time.monotonic() + 60
    while sum(name in change for change in changes()) < count:
        assert time.monotonic() < deadline, f"no change to {name} reported: {changes()}"
        time.sleep(0.05)


def test_bytecode_written_under_the_watched_source_sets_off_no_rebuild(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = tmp_path / "src"
    (source / "package" / "sub").mkdir(parents=True)
    (source / "package" / "module.py").write_text("A = 1\n", encoding="utf-8")
    (source / "package" / "sub" / "other.py").write_text("B = 1\n", encoding="utf-8")
    cache = source / "package" / "__pycache__"
    cache.mkdir()
    (cache / "module.cpython-311.pyc").write_bytes(b"old")
    config = cast(MkDocsConfig, SimpleNamespace(watch=[str(source)]))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server = mkdocs_hook.on_serve(server, config, None)
    for item in config.watch:  # what `mkdocs serve` does next
        server.watch(item)

    # The watcher logs each change it rebuilds for, at debug level.
    caplog.set_level(logging.DEBUG, logger="mkdocs.livereload")

    def changes() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "mkdocs.livereload"]

    server.observer.start()
    try:
        (source / "package" / "module.py").write_text("A = 2\n", encoding="utf-8")
        wait_for(changes, "module.py")  # the watcher is running: the bytecode comes next
        (cache / "module.cpython-311.pyc").write_bytes(b"new")
        (cache / "other.cpython-311.pyc").write_bytes(b"new")
        (source / "package" / "sub" / "__pycache__").mkdir()
        (source / "package" / "sub" / "__pycache__" / "other.cpython-311.pyc").write_bytes(b"x")
        (source / "package" / "sub" / "other.py").write_text("B = 2\n", encoding="utf-8")
        wait_for(changes, "other.py")
        # One more change: whatever the bytecode writes set off has been reported by now.
        (source / "package" / "module.py").write_text("A = 3\n", encoding="utf-8")
        wait_for(changes, "module.py", count=2)
    finally:
        server.observer.stop()
        server.observer.join()
    assert [change for change in changes() if "__pycache__" in change] == []
    assert any("other.py" in change for change in changes())


def page_on(source: str) -> Page:
    return Page(None, File(source, "docs", "site", use_directory_urls=True), MkDocsConfig())


def test_links_to_source_files_in_raw_html_become_the_urls_mkdocs_serves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mkdocs_hook, "_current", mkdocs_hook._Build(build, None))
    files = Files([File(p, "docs", "site", True) for p in ("models/TokenDto.md", "index.md")])
    page = page_on("endpoints/TokensApi.md")
    html = (
        '<td><a href="../models/TokenDto.md#field-ari">TokenDto</a></td>'
        '<a href="../../models/TokenDto/">made by MkDocs from a Markdown link</a>'
        '<a href="https://example.org/README.md">elsewhere</a><a href="#top">here</a>'
        '<a href="../index.md">home</a>'
    )
    assert mkdocs_hook.on_page_content(html, page, MkDocsConfig(), files) == (
        '<td><a href="../../models/TokenDto/#field-ari">TokenDto</a></td>'
        '<a href="../../models/TokenDto/">made by MkDocs from a Markdown link</a>'
        '<a href="https://example.org/README.md">elsewhere</a><a href="#top">here</a>'
        '<a href="../../">home</a>'
    )


def test_a_raw_html_link_to_no_page_fails_the_build_naming_page_and_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mkdocs_hook, "_current", mkdocs_hook._Build(build, None))
    html = '<a href="Missing.md">gone</a>'
    with pytest.raises(PluginError, match=r"docs/models/TokenDto.md links to 'Missing.md'"):
        mkdocs_hook.on_page_content(html, page_on("models/TokenDto.md"), MkDocsConfig(), Files([]))

"""MkDocs hook for the theme: the `word_breaks` template filter of the overrides in
docs/overrides, the Python API section's headings left out of the search index, code blocks
with fewer elements (`markup.compact_highlight`), and one stylesheet of the site's own instead
of two.

The overridden sidebar and table-of-contents items pass each label through the filter, so a
long model name wraps where one of its words ends, as it does in the pages (`markup.breakable`).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Looked up at each build, not imported with this file: MkDocs keeps a hook module for the
    # whole `mkdocs serve` process, while the other hook imports `iam_client_docs` afresh for
    # each build, so an edit to `markup` shows in the next rebuild.
    markup = importlib.import_module("iam_client_docs.markup")
    env.filters["word_breaks"] = markup.breakable_html
    return env


# mkdocstrings' headings (the class and each field, in the Python API section) open sections of
# their own in Material's search index, after the section heading that `render` marks: each is
# marked too (mkdocstrings' templates give no way to add an attribute). Material's search plugin
# drops the attribute from the page once it has read it.
_DOC_HEADING = re.compile(r'(<h[1-6] )(?=[^>]*class="doc doc-heading")')


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markup = importlib.import_module("iam_client_docs.markup")
    html = _DOC_HEADING.sub(r'\1data-search-exclude="true" ', html)
    compact: str = markup.compact_highlight(html)
    return compact


# mkdocstrings links a stylesheet of its own (its rules for the Python API section) before the
# site's. Each stylesheet in the head is one more request the first paint waits for (Lighthouse
# lists each as render-blocking): its rules go at the start of the site's stylesheet instead, in
# the same order, so they keep the lower priority mkdocstrings gives them, and a page links one.
MKDOCSTRINGS_CSS = "assets/_mkdocstrings.css"
SITE_CSS = "stylesheets/extra.css"


@event_priority(-100)  # after mkdocstrings has added its stylesheet to the list
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if MKDOCSTRINGS_CSS in config.extra_css and SITE_CSS in config.extra_css:
        config.extra_css.remove(MKDOCSTRINGS_CSS)
    return config


@event_priority(-100)  # after mkdocstrings has written its stylesheet
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    theirs, ours = site / MKDOCSTRINGS_CSS, site / SITE_CSS
    if theirs.is_file() and ours.is_file() and MKDOCSTRINGS_CSS not in config.extra_css:
        rules = theirs.read_text(encoding="utf-8")
        ours.write_text(f"{rules}\n{ours.read_text(encoding='utf-8')}", encoding="utf-8")
        theirs.unlink()

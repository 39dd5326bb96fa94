"""MkDocs hook for the theme: the `word_breaks` template filter of the overrides in
docs/overrides, and the Python API section's headings left out of the search index.

The overridden sidebar and table-of-contents items pass each label through the filter, so a
long model name wraps where one of its words ends, as it does in the pages (`markup.breakable`).
"""

from __future__ import annotations

import importlib
import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
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
    return _DOC_HEADING.sub(r'\1data-search-exclude="true" ', html)

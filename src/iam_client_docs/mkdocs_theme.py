"""MkDocs hook for the theme overrides in docs/overrides: the `word_breaks` template filter.

The overridden sidebar and table-of-contents items pass each label through it, so a long
model name wraps where one of its words ends, as it does in the pages (`markup.breakable`).
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from iam_client_docs.markup import breakable_html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["word_breaks"] = breakable_html
    return env

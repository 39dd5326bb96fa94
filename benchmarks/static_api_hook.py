"""A variant of the site hook for the docs-build benchmark: no mkdocstrings.

The real hook does everything as in the real site; only the `::: package.Model` directive is
written out as static Markdown (`sites.api_section`) instead of being left to mkdocstrings.
Built with a config that drops the mkdocstrings plugin, it shows what the generated site costs
when the hook writes the Python API section itself.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from benchmarks.sites import plain_markdown
from iam_client_docs import mkdocs_hook as real

on_config = real.on_config
on_files = real.on_files
on_nav = real.on_nav
on_page_content = real.on_page_content
on_post_build = real.on_post_build


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = real.on_page_markdown(markdown, page, config, files)
    models = {model.qualified_name: model for model in real._state().reference.models}
    return plain_markdown(markdown, models)

"""Build-time generator of the reference site: model introspection and page rendering.

Not part of the wheel. `describe` reads models, `render` turns the descriptions into Markdown
pages, and `mkdocs_hook` is the thin MkDocs glue that calls both.
"""

"""`python -m iam_client_docs [FOLDER]`: the site's pages on disk, for a generator that runs no
MkDocs hook (Zensical, for one).

`FOLDER/docs/` gets the hand-written pages of `docs/` and every generated file, the home page's
lists filled in; `FOLDER/mkdocs.yml` is the project's `mkdocs.yml` for them, with the generated
navigation and footer and without the hook. `FOLDER` is `generated/` (git-ignored) unless given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from iam_client_docs.build import DocsError, generate, site_config, write_docs

PROJECT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m iam_client_docs",
        description="Write the reference site's pages and a config for them into FOLDER.",
    )
    parser.add_argument("folder", nargs="?", type=Path, default=PROJECT / "generated")
    folder: Path = parser.parse_args(argv).folder.resolve()
    try:
        reference = generate()
        written = write_docs(reference, PROJECT / "docs", folder / "docs")
        config = site_config(PROJECT, reference, folder / "docs")
    except DocsError as error:
        print(f"iam-client-models reference: {error}", file=sys.stderr)
        return 1
    (folder / "mkdocs.yml").write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    print(f"{len(written)} files in {folder / 'docs'}; the config: {folder / 'mkdocs.yml'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The two parts scripts/test runs the suite on the default Python as (`pytest --part`): every test
is in exactly one, and those that use the session's site build or its Chromium are together."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import pytest

from tests.conftest import PARTS, in_part


def item(*fixtures: str) -> pytest.Item:
    # A collected test as the hook sees it: its fixture closure, what it uses through others too.
    return cast(pytest.Item, SimpleNamespace(fixturenames=[*fixtures, "request"]))


SHARED = [
    item("site_build"),
    item("site_url", "site_build", "browser"),  # a browser test
    item("page", "browser", "site_url", "site_build"),
    item("checkers", "browser", "site_url", "site_build", "tmp_path"),
    item("blocks", "site_build", "example_env", "mock_iam_server"),  # a Python example's run
    item("properdocs_build"),
    item("browser"),
]
REST = [
    item(),
    item("tmp_path"),
    item("build_copy", "tmp_path"),  # builds a copy of its own
    item("hosted_build", "tmp_path_factory"),
    item("upstream"),
    item("dists"),
    item("example_env", "mock_iam_server"),
]


def test_each_test_is_in_exactly_one_part_and_every_test_in_all() -> None:
    assert PARTS == ("all", "shared-site", "rest")
    for test in SHARED + REST:
        assert in_part(test, "all")
        assert in_part(test, "shared-site") != in_part(test, "rest"), test


def test_the_site_build_and_browser_users_share_one_part_and_the_others_the_other() -> None:
    assert [in_part(test, "shared-site") for test in SHARED] == [True] * len(SHARED)
    assert [in_part(test, "rest") for test in REST] == [True] * len(REST)

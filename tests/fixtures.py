"""Fixtures shared across the suite (registered from tests/conftest.py)."""

import pytest


@pytest.fixture
def site_tree(db):
    from tests.factories import build_site_tree

    return build_site_tree()

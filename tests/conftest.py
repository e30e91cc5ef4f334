"""Configuration shared by the whole suite.

Shared fixtures live in tests/fixtures.py (registered here) and the factories in
tests/factories.py, so that this file stays small.
"""

import pytest

# tests.browser.support: the one Chromium (a session fixture) for every browser test,
# wherever in the suite it lives.
pytest_plugins = ["tests.fixtures", "tests.browser.support"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so rate-limit counters never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

"""Helpers for asserting that a page's query count does not grow with its data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries)


def assert_queries_constant(client, url, grow, *, max_queries):
    """Measures `url`, lets `grow()` add more data, measures again: both must be equal and small."""
    client.get(url)  # warm the per-process caches (site root paths) so both counts compare alike
    small = count_queries(client, url)
    grow()
    large = count_queries(client, url)
    assert large == small, f"{url}: {small} queries before growing the data, {large} after"
    assert large <= max_queries, f"{url}: {large} queries, expected at most {max_queries}"

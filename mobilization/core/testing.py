"""Helpers for the tests of every app."""

from collections.abc import Callable

from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext


def count_queries(fetch: Callable[[], HttpResponse]) -> int:
    """How many SQL queries answering one request takes; the request must succeed."""
    with CaptureQueriesContext(connection) as context:
        response = fetch()
    assert response.status_code == 200, f"the page answered {response.status_code}"
    return len(context.captured_queries)


def assert_queries_do_not_grow(
    fetch: Callable[[], HttpResponse], add_rows: Callable[[], object], *, at_most: int | None = None
) -> int:
    """A list takes no more queries after `add_rows()` than before: no query runs once per row.

    Every list page of the platform is checked with it. Returns the number of queries.
    """
    few = count_queries(fetch)
    add_rows()
    many = count_queries(fetch)
    assert many <= few, f"{few} queries before the rows were added, {many} after: a query runs per row"
    if at_most is not None:
        assert many <= at_most, f"{many} queries, more than the {at_most} this list should need"
    return many

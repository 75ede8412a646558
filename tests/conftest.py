"""Fixtures of the project-level tests: the route table's world, built once per test module."""

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.access import callers


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The world of the route table (`callers.build_world()`), built once for a test module.

    It is written inside a transaction that stays open while the module runs and is rolled back after
    it: each test runs in a savepoint of that transaction (the `db` fixture), so what a test changes is
    undone before the next one, exactly as when each test built its own world — five members, their
    notifications, a district, a place and every pillar's objects, which took a third of the route
    table's time. The objects are shared: read them, change the database through the pages.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        yield callers.build_world()
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def world(module_world, db):
    """The module's world, with an empty cache (rate limits, cached pages) for each test."""
    cache.clear()
    yield module_world
    cache.clear()

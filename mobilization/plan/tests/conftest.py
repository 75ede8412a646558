"""Fixtures of the plan's tests: Paris's published plan, a small objective, the people who use them."""

import pytest
from django.core.cache import cache

from mobilization.accounts.tests.factories import make_member
from mobilization.core import roles
from mobilization.plan import trajectory
from mobilization.plan.models import Objective
from mobilization.plan.paris import load_paris_plan
from mobilization.plan.tests.factories import ObjectiveWithSeriesFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


# The year every test of this app judges the plan in, whatever the calendar says.
TEST_YEAR = 2026


@pytest.fixture(autouse=True)
def this_year(monkeypatch):
    """Pins the year the status is judged in to 2026: without it Paris's 2018 footprint would turn "no
    recent data" in 2029 and its next target would move to 2050 in 2031, and the tests would fail then.
    The pages and the API read the year through `trajectory.current_year()`, in this thread and in the
    live server's. A test that needs another year calls `this_year(2029)`."""

    def pin(year: int) -> None:
        monkeypatch.setattr(trajectory, "current_year", lambda: year)

    pin(TEST_YEAR)
    return pin


@pytest.fixture
def paris_plan(db):
    load_paris_plan()
    return {objective.slug: objective for objective in Objective.objects.all()}


@pytest.fixture
def city_staff(db):
    return make_member("claire@paris.example", "Claire", (roles.CITY_STAFF,))


@pytest.fixture
def volunteer(db):
    return make_member("amina@example.org", "Amina")


@pytest.fixture
def objective(db):
    """ "Objective heat": 100 ktCO2e in 2016 and 90 in 2020, a −30 % target in 2040."""
    return ObjectiveWithSeriesFactory(slug="heat")

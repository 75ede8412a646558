"""Fixtures of the plan's tests: Paris's published plan, a small objective, the people who use them."""

import pytest
from django.core.cache import cache

from mobilization.core import roles
from mobilization.plan import trajectory
from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target
from mobilization.plan.paris import load_paris_plan
from tests.access.callers import make_member


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


def make_objective(slug="heat", *, values=((2016, 100.0), (2020, 90.0)), direction="down", position=0):
    """An objective with a -30 % target in 2040 against 2016 and a headline series."""
    objective = Objective.objects.create(
        slug=slug,
        title=f"Objective {slug}",
        metric="Emissions",
        unit="ktCO2e",
        direction=direction,
        baseline_year=2016,
        baseline_value=100.0,
        position=position,
    )
    Target.objects.create(objective=objective, year=2040, percent_of_baseline=-30)
    indicator = Indicator.objects.create(
        objective=objective, slug=f"{slug}-total", title=f"{slug} total", unit="ktCO2e", is_headline=True
    )
    for year, value in values:
        IndicatorValue.objects.create(
            indicator=indicator,
            year=year,
            value=value,
            source_citation="City report",
            source_url="https://example.org/report",
        )
    objective.refresh_from_db()
    return objective


@pytest.fixture
def objective(db):
    return make_objective()

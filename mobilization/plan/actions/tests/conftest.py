"""Fixtures of the plan actions' tests: objectives of the plan, actions, staff."""

from pathlib import Path

import pytest

from mobilization.accounts.tests.factories import make_member
from mobilization.core import roles
from mobilization.plan.tests.factories import ObjectiveFactory

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def data_file():
    return lambda name: (DATA / name).read_bytes()


@pytest.fixture
def objectives(db):
    specs = [
        ("carbon-footprint", "Carbon footprint", "ktCO2e"),
        ("local-emissions", "Local emissions", "ktCO2e"),
        ("renewable-share", "Renewable share", "%"),
    ]
    return {
        slug: ObjectiveFactory(
            slug=slug, title=title, metric=title, unit=unit, baseline_year=2004, baseline_value=100
        )
        for slug, title, unit in specs
    }


@pytest.fixture
def staff(db):
    return make_member("climate-team@example.org", "Climate team", (roles.CITY_STAFF,))


@pytest.fixture
def superuser(db):
    """An administrator, with the authenticator app staff must have to reach the admin."""
    return make_member("admin@example.org", "Administrator", (), is_staff=True, is_superuser=True)


@pytest.fixture
def volunteer(db):
    return make_member("volunteer@example.org", "Volunteer")

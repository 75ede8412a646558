from datetime import date

import pytest
from django.core.cache import cache

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.commitments import services
from mobilization.commitments.tests.factories import CommitmentFactory, OrganisationFactory
from mobilization.core import roles


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(db):
    return MemberFactory(roles=(roles.CITY_STAFF,))


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def representative(organisation):
    return organisation.representatives.get()


@pytest.fixture
def commitment(organisation):
    return CommitmentFactory(organisation=organisation)


# The day every test of this app judges commitments on, whatever the calendar says: the usual commitment
# (from 2021, yearly) then owes its 2021 report on 2022-03-31, not yet due.
TEST_DAY = date(2022, 2, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Pins `services.today()`; a test that needs another day calls `today(date(...))`."""

    def pin(day: date) -> None:
        monkeypatch.setattr(services, "today", lambda: day)

    pin(TEST_DAY)
    return pin

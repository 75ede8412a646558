import pytest

from mobilization.challenges import services
from mobilization.challenges.tests.factories import DAY_ONE, ChallengeActionFactory, ChallengeFactory
from mobilization.territory.tests.factories import ArrondissementFactory


class Clock:
    """The day the services see (services.today), fixed by the test."""

    def __init__(self, day):
        self.day = day

    def __call__(self):
        return self.day


@pytest.fixture
def clock(monkeypatch):
    fixed = Clock(DAY_ONE)
    monkeypatch.setattr(services, "today", fixed)
    return fixed


@pytest.fixture
def challenge(db):
    return ChallengeFactory()


@pytest.fixture
def car_free(challenge):
    return ChallengeActionFactory(challenge=challenge)


@pytest.fixture
def eleventh(db):
    return ArrondissementFactory(number=11, name="11e arrondissement")


@pytest.fixture(autouse=True)
def _empty_cache():
    """The leaderboards are cached by challenge: a challenge of an earlier test may have had the same pk."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

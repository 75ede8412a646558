import pytest

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.events.tests.factories import EventsArrondissementFactory
from mobilization.learning.tests.factories import SessionFactory, TrainingFactory
from mobilization.territory import services as territory_services


@pytest.fixture(autouse=True)
def _fresh_geometry_caches():
    territory_services.forget_caches()
    yield
    territory_services.forget_caches()


@pytest.fixture
def district(db):
    return EventsArrondissementFactory()


@pytest.fixture
def trainer(db):
    return MemberFactory(display_name="Tania Trainer")


@pytest.fixture
def volunteer(db):
    return MemberFactory(display_name="Victor Volunteer")


@pytest.fixture
def training(db, trainer):
    return TrainingFactory(code="heatwave-buddy", title="Binôme solidarité canicule", trainers=[trainer])


@pytest.fixture
def session(db, district, training):
    return SessionFactory(training=training)


@pytest.fixture
def make_member(db):
    def make(**kwargs):
        return MemberFactory(**kwargs)

    return make

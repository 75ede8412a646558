"""Fixtures of the events' tests: an arrondissement, an organiser with a published initiative, volunteers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mobilization.events import services
from mobilization.events.models import Event
from mobilization.initiatives.models import Initiative, Partnership
from mobilization.territory import services as territory_services
from mobilization.territory.tests.factories import ArrondissementFactory
from tests.access.callers import make_member

# Inside the test arrondissement (a square of about 1.5 km around 48.86, 2.35).
INSIDE = (48.861, 2.351)
OUTSIDE = (48.70, 2.10)


@pytest.fixture(autouse=True)
def _fresh_geometry_caches():
    territory_services.forget_caches()
    yield
    territory_services.forget_caches()


@pytest.fixture
def district(db):
    return ArrondissementFactory(number=4, code="75104", name="4e arrondissement")


@pytest.fixture
def organiser(db):
    return make_member("organiser@example.org", "Olga Organiser")


@pytest.fixture
def volunteer(db):
    return make_member("volunteer@example.org", "Victor Volunteer")


@pytest.fixture
def make_volunteer(db):
    counter = iter(range(1000))

    def make(name=None):
        n = next(counter)
        return make_member(f"person-{n}@example.org", name or f"Person {n}")

    return make


def make_initiative(
    organiser, district, *, title="Repair café du Marais", status=Initiative.Status.PUBLISHED, **extra
):
    return Initiative.objects.create(
        title=title,
        summary="We fix things together instead of throwing them away.",
        description="Every month.",
        themes=extra.pop("themes", ["waste_repair"]),
        district=district,
        lat=INSIDE[0],
        lon=INSIDE[1],
        organiser=organiser,
        status=status,
        published_at=timezone.now() if status == Initiative.Status.PUBLISHED else None,
        **extra,
    )


@pytest.fixture
def initiative(organiser, district):
    return make_initiative(organiser, district)


@pytest.fixture
def partner_initiative(district, make_volunteer, initiative):
    other_organiser = make_volunteer("Paula Partner")
    partner = make_initiative(other_organiser, district, title="Jardins partagés du 4e", themes=["greening"])
    Partnership.objects.create(
        requester=partner, partner=initiative, status=Partnership.Status.ACCEPTED, created_by=other_organiser
    )
    return partner


def tomorrow_at(hour: int, minute: int = 0):
    day = timezone.localtime(timezone.now(), services.city_zone()).date() + timedelta(days=1)
    from datetime import datetime, time

    return datetime.combine(day, time(hour, minute), tzinfo=services.city_zone())


def details(**overrides) -> services.EventDetails:
    starts = overrides.pop("starts_at", timezone.now() + timedelta(days=7))
    values = {
        "title": "Repair café",
        "description": "Bring a **broken** toaster.",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "address": "12 rue des Rosiers, 75004 Paris",
        "lat": INSIDE[0],
        "lon": INSIDE[1],
        "capacity": None,
    }
    values.update(overrides)
    return services.EventDetails(**values)


@pytest.fixture
def make_event(initiative, organiser):
    def make(**overrides) -> Event:
        host = overrides.pop("initiative", initiative)
        return Event.objects.create(initiative=host, created_by=organiser, **vars(details(**overrides)))

    return make


@pytest.fixture
def event(make_event):
    return make_event()


@pytest.fixture
def call_command_output():
    from io import StringIO

    from django.core.management import call_command

    def run(name, *args):
        out = StringIO()
        call_command(name, *args, stdout=out)
        return out.getvalue()

    return run

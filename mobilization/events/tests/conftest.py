"""Fixtures of the events' tests: an arrondissement, an organiser with a public host, volunteers.

The host of the events is an initiative (the one kind of host so far), built by `HostFactory`."""

import pytest

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.events.models import Event
from mobilization.events.tests.factories import EventFactory, EventsArrondissementFactory, HostFactory
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
def organiser(db):
    return MemberFactory(email="organiser@example.org", display_name="Olga Organiser")


@pytest.fixture
def volunteer(db):
    return MemberFactory(email="volunteer@example.org", display_name="Victor Volunteer")


@pytest.fixture
def make_volunteer(db):
    def make(name=None):
        return MemberFactory(display_name=name) if name else MemberFactory()

    return make


@pytest.fixture
def host(organiser, district):
    """The organiser's published initiative, which hosts the events of the tests."""
    return HostFactory(organiser=organiser, district=district, title="Repair café du Marais")


@pytest.fixture
def cohost(district, make_volunteer):
    """Another public initiative, to co-host an event."""
    return HostFactory(
        organiser=make_volunteer("Paula Partner"), district=district, title="Jardins partagés du 4e"
    )


@pytest.fixture
def make_event(host, organiser):
    """An upcoming event of `host` (the organiser's initiative unless told), created by the organiser."""
    default_host = host

    def make(host=None, **overrides) -> Event:
        return EventFactory(initiative=host or default_host, created_by=organiser, **overrides)

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

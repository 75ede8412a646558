"""Factories of events, their hosts, registrations and calendar tokens, for every app's tests.

`EventFactory()` is an upcoming event of a public host in the test arrondissement; `RegistrationFactory`
registers a new member to it (use `services.register` to go through the waiting list). The events app
imports nothing of the apps that host events: `HostFactory` builds the one kind of host there is so far,
an initiative, by its model's label ("initiatives.Initiative", a reference by name as the Event model's
own foreign key is).
"""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.events import services
from mobilization.events.models import CalendarToken, Event, Registration
from mobilization.territory.tests.factories import ArrondissementFactory

# Inside the test arrondissement of ArrondissementFactory (a square of about 1.5 km around 48.86, 2.35).
INSIDE = (48.861, 2.351)
OUTSIDE = (48.70, 2.10)


class EventsArrondissementFactory(ArrondissementFactory):
    """The test arrondissement (the 4th), which INSIDE is in: every host is there unless told otherwise."""

    class Meta:
        django_get_or_create = ("city", "level", "code")

    number = 4
    code = "75104"
    name = "4e arrondissement"


class HostFactory(DjangoModelFactory):
    """A published initiative, organised by a new member, in the test arrondissement (or `district=`).

    `HostFactory(draft=True)` is one that is not public: its events are hidden."""

    class Meta:
        model = "initiatives.Initiative"

    title = factory.Sequence(lambda number: f"Repair café {number}")
    summary = "We fix things together instead of throwing them away."
    description = "Every month."
    themes = factory.LazyFunction(lambda: ["waste_repair"])
    district = factory.SubFactory(EventsArrondissementFactory)
    lat, lon = INSIDE
    organiser = factory.SubFactory(MemberFactory)
    status = "published"
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status="draft", published_at=None)


class EventFactory(DjangoModelFactory):
    """An upcoming event (in a week, for three hours), open to anyone, created by its host's organiser."""

    class Meta:
        model = Event

    initiative = factory.SubFactory(HostFactory)
    created_by = factory.LazyAttribute(lambda event: event.initiative.organiser)
    title = "Repair café"
    description = "Bring a **broken** toaster."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=3))
    address = "12 rue des Rosiers, 75004 Paris"
    lat, lon = INSIDE
    capacity = None


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(MemberFactory)
    status = Registration.Status.REGISTERED


class CalendarTokenFactory(DjangoModelFactory):
    class Meta:
        model = CalendarToken

    user = factory.SubFactory(MemberFactory)


def event_details(**overrides) -> services.EventDetails:
    """What an organiser types (for the services), starting in a week for three hours unless told."""
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


def tomorrow_at(hour: int, minute: int = 0) -> datetime:
    """Tomorrow at that time, in the city's time zone."""
    day = timezone.localtime(timezone.now(), services.city_zone()).date() + timedelta(days=1)
    return datetime.combine(day, time(hour, minute), tzinfo=services.city_zone())

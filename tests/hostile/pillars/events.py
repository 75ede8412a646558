"""Hostile-input declarations of the events app (see tests/hostile/forms.py for the building blocks)."""

from datetime import timedelta

from django.utils import timezone

from tests.access.callers import ANONYMOUS, OWNER
from tests.hostile import corpus
from tests.hostile.forms import (
    REFUSED,
    Attack,
    HostileForm,
    QueryString,
    Shown,
    refused,
    typed_text,
)
from tests.hostile.pillars.learning import as_link  # what a URL field stores

POINT = ("48.852", "2.355")  # inside the route table's district
DATES = corpus.union(corpus.tagged(corpus.DATE), corpus.SAMPLE)
NUMBERS = corpus.union(corpus.NUMBERS, corpus.SAMPLE)
PAGES = corpus.union(corpus.NUMBERS, corpus.SAMPLE)


def _event_model():
    from mobilization.events.models import Event

    return Event


def _local(moment) -> str:
    from mobilization.events.services import city_zone

    return timezone.localtime(moment, city_zone()).strftime("%Y-%m-%dT%H:%M")


def _baseline(world, n: int) -> dict:
    # Each accepted submission makes a new event that starts a little earlier than the one before, so that
    # the newest comes first in the list of upcoming events, where its title and address are looked for.
    starts = timezone.now() + timedelta(days=2) - timedelta(minutes=n + 1)
    return {
        "title": "Atelier vélo",
        "description": "Venez avec votre vélo.",
        "starts_at": _local(starts),
        "ends_at": _local(starts + timedelta(hours=2)),
        "address": "3 place des Vosges, 75004 Paris",
        "lat": POINT[0],
        "lon": POINT[1],
        "capacity": "12",
    }


def _edit_baseline(world, n: int) -> dict:
    event = world.events_event_a
    return {**_baseline(world, n), "starts_at": _local(event.starts_at), "ends_at": _local(event.ends_at)}


def _rows_of_a(world, data) -> list:
    return list(
        _event_model()
        .objects.filter(initiative=world.events_initiative_a)
        .order_by("pk")
        .values("pk", "title", "description", "address", "lat", "lon", "capacity", "status", "starts_at")
    )


def _newest(name):
    return lambda world, data: getattr(
        _event_model().objects.filter(initiative=world.events_initiative_a).latest("pk"), name
    )


def _event_a(name):
    return lambda world, data: getattr(_event_model().objects.get(pk=world.events_event_a.pk), name)


def as_capacity(value: str):
    """What the capacity stores: a whole number from 1 to 100,000 (Python reads any Unicode digits and
    underscores), or no limit when blank."""
    if not value.strip():
        return None
    try:
        number = int(value.strip())
    except ValueError:
        return REFUSED
    return number if 1 <= number <= 100_000 else REFUSED


def _as_owner(world, data):
    return world.user(OWNER)


SHOWN = (Shown("events:list", _as_owner, fields=("title", "address")),)


def _attacks(read) -> tuple:
    return (
        Attack("title", saved=read("title"), normalise=typed_text(is_a_name=True)),
        Attack("description", saved=read("description"), normalise=typed_text(multiline=True)),
        Attack("address", saved=read("address"), normalise=typed_text(is_a_name=True)),
        # No hostile value is a future time: every one is refused.
        Attack("starts_at", values=DATES, normalise=refused),
        Attack("ends_at", values=DATES, normalise=refused),
        # No hostile number is a point inside Paris.
        Attack("lat", values=NUMBERS, normalise=refused),
        Attack("lon", values=NUMBERS, normalise=refused),
        Attack("capacity", values=NUMBERS, saved=read("capacity"), normalise=as_capacity),
        Attack("online_url", saved=read("online_url"), normalise=as_link),
    )


def _uncancel_event_a(client, world, user) -> None:
    """Each reason is tried on a scheduled event: the one an accepted value cancelled is scheduled again."""
    Event = _event_model()
    Event.objects.filter(pk=world.events_event_a.pk).update(
        status=Event.Status.SCHEDULED, cancellation_reason=""
    )


FORMS: tuple = (
    HostileForm(
        "events:create",
        caller=OWNER,
        kwargs=lambda world: {"host_pk": world.events_initiative_a.pk},
        baseline=_baseline,
        attacks=_attacks(_newest),
        rows=_rows_of_a,
        shown_on=SHOWN,
    ),
    HostileForm(
        "events:edit",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.events_event_a.pk},
        baseline=_edit_baseline,
        attacks=_attacks(_event_a),
        rows=_rows_of_a,
        shown_on=SHOWN,
    ),
    HostileForm(
        "events:cancel",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.events_event_a.pk},
        before=_uncancel_event_a,
        baseline=lambda world, n: {"reason": "The park is closed."},
        attacks=(
            Attack("reason", saved=_event_a("cancellation_reason"), normalise=typed_text(multiline=True)),
        ),
        rows=_rows_of_a,
    ),
)

FILTERS = {
    "district": corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
    "theme": corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
    "date_from": DATES,
    "date_to": DATES,
}

QUERY_STRINGS: tuple = (
    QueryString(
        "events:list",
        caller=ANONYMOUS,
        baseline={"district": "75104", "theme": "food", "date_from": "2026-01-01"},
        parameters={**FILTERS, "page": PAGES},
    ),
    QueryString("events:download_csv", caller=ANONYMOUS, baseline={"theme": "food"}, parameters=FILTERS),
    QueryString("events:download_geojson", caller=ANONYMOUS, baseline={"theme": "food"}, parameters=FILTERS),
    QueryString("events:mine", caller=OWNER, parameters={"page": PAGES}),
)

NOT_FORMS: dict[str, str] = {
    "events:register": "no field: registers the caller to the event in the path",
    "events:cancel_registration": "no field: cancels the caller's registration to the event in the path",
    "events:my_calendar": "no field: makes a new secret address for the caller's calendar feed",
}

"""Hostile-input declarations of solidarity's extreme events: the CAP upload (a coordinator's), and the
buttons that take no field (state changes, dispatch, a buddy's answer)."""

from tests.access.callers import COORDINATOR
from tests.hostile import corpus
from tests.hostile.forms import (
    Attack,
    HostileForm,
    Shown,
    a_ticked_box,
    only_empty,
    reauthenticate,
    refused,
    typed_text,
)

DATES = corpus.union(corpus.tagged(corpus.DATE), corpus.SAMPLE)
CHOICES = corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP))


def _event_rows(world, data) -> list:
    from mobilization.solidarity.models import CapMessage, ExtremeEvent

    return [
        list(ExtremeEvent.objects.order_by("pk").values()),
        list(CapMessage.objects.order_by("pk").values()),
    ]


FORMS: tuple = (
    # No hostile file is a CAP 1.2 alert for the city: every one is refused with the reason.
    HostileForm(
        "solidarity:event_import",
        caller=COORDINATOR,
        baseline=lambda world, n: {},
        attacks=(Attack("file", values=corpus.hostile_uploads(1_000_000), normalise=refused),),
        rows=_event_rows,
    ),
)


def _extracts_of_the_coordinator(world):
    from mobilization.solidarity.models import PrefectExtract

    return PrefectExtract.objects.filter(created_by=world.user(COORDINATOR))


def _extract_rows(world, data) -> list:
    return list(_extracts_of_the_coordinator(world).order_by("pk").values("pk", "event_id", "row_count"))


def _newest_event(name):
    def read(world, data):
        from mobilization.solidarity.models import ExtremeEvent

        return getattr(ExtremeEvent.objects.latest("pk"), name)

    return read


def _event_a(world):
    from mobilization.solidarity.models import ExtremeEvent

    return ExtremeEvent.objects.get(pk=world.solidarity_event_a.pk)


def _event_a_rows(world, data) -> list:
    event = _event_a(world)
    return [
        (event.level, event.expected_end_at, event.revision),
        sorted(event.districts.values_list("pk", flat=True)),
    ]


def _new_event(world, n) -> dict:
    return {
        "hazard": "heatwave",
        "level": "orange",
        "districts": [str(world.district.pk)],
        "starts_at": "2026-07-14T08:00",
        "expected_end_at": "2026-07-18T20:00",
        "headline": "Canicule",
        "description": "Fortes chaleurs.",
    }


def _coordinator(world, data):
    return world.user(COORDINATOR)


FORMS += (
    # An event made by hand: every field is a choice, a date or a typed text.
    HostileForm(
        "solidarity:event_create",
        caller=COORDINATOR,
        baseline=_new_event,
        attacks=(
            Attack("hazard", values=CHOICES, normalise=refused),
            Attack("level", values=CHOICES, normalise=refused),
            Attack("districts", values=CHOICES, normalise=refused, is_list=True),
            Attack("starts_at", values=DATES, normalise=refused),
            # Optional: left empty, the event has no expected end.
            Attack(
                "expected_end_at",
                values=DATES,
                saved=_newest_event("expected_end_at"),
                normalise=only_empty(None),
            ),
            Attack("headline", saved=_newest_event("headline"), normalise=typed_text(is_a_name=True)),
            Attack("description", saved=_newest_event("description"), normalise=typed_text(multiline=True)),
        ),
        rows=_event_rows,
        shown_on=(Shown("solidarity:events", _coordinator, fields=("headline",)),),
    ),
    HostileForm(
        "solidarity:event_edit",
        caller=COORDINATOR,
        kwargs=lambda world: {"pk": world.solidarity_event_a.pk},
        baseline=lambda world, n: {
            "level": "red",
            "districts": [str(world.district.pk)],
            "expected_end_at": "2099-07-18T20:00",
        },
        attacks=(
            Attack("level", values=CHOICES, normalise=refused),
            Attack("districts", values=CHOICES, normalise=refused, is_list=True),
            Attack(
                "expected_end_at",
                values=DATES,
                saved=lambda world, data: _event_a(world).expected_end_at,
                normalise=only_empty(None),
            ),
        ),
        rows=_event_a_rows,
    ),
    # The coordinator says the extract is for the prefect's alert plan (a box to tick), after confirming
    # their password: any ticked value produces one extract, anything else none.
    HostileForm(
        "solidarity:extract_start",
        caller=COORDINATOR,
        kwargs=lambda world: {"pk": world.solidarity_event_a.pk},
        before=reauthenticate,
        baseline=lambda world, n: {"alert_plan": "on"},
        attacks=(
            Attack(
                "alert_plan",
                values=corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
                saved=lambda world, data: _extracts_of_the_coordinator(world).exists(),
                normalise=a_ticked_box,
            ),
        ),
        rows=_extract_rows,
    ),
)

QUERY_STRINGS: tuple = ()

NOT_FORMS: dict[str, str] = {
    "solidarity:event_activate": "no field: activates the event in the path",
    "solidarity:event_stand_down": "no field: stands the event in the path down",
    "solidarity:event_close": "no field: closes the event in the path",
    "solidarity:event_dispatch": "no field: dispatches the event in the path",
    "solidarity:offer_accept": "no field: accepts the offer in the path",
    "solidarity:offer_decline": "no field: declines the offer in the path",
}

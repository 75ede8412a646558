"""Hostile-input declarations of solidarity's extreme events: the CAP upload (a coordinator's), and the
buttons that take no field (state changes, dispatch, a buddy's answer)."""

from tests.access.callers import COORDINATOR
from tests.hostile import corpus
from tests.hostile.forms import Attack, HostileForm, a_ticked_box, reauthenticate, refused


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


FORMS += (
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

"""Hostile-input declarations of solidarity's extreme events: the CAP upload (a coordinator's), and the
buttons that take no field (state changes, dispatch, a buddy's answer)."""

from tests.access.callers import COORDINATOR
from tests.hostile import corpus
from tests.hostile.forms import Attack, HostileForm, refused


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

QUERY_STRINGS: tuple = ()

NOT_FORMS: dict[str, str] = {
    "solidarity:event_activate": "no field: activates the event in the path",
    "solidarity:event_stand_down": "no field: stands the event in the path down",
    "solidarity:event_close": "no field: closes the event in the path",
    "solidarity:event_dispatch": "no field: dispatches the event in the path",
    "solidarity:offer_accept": "no field: accepts the offer in the path",
    "solidarity:offer_decline": "no field: declines the offer in the path",
}

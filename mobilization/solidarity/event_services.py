"""Extreme events: create and change one, and move it through its states (always with `transition()`).

    watch ──activate──▶ active ──stand down──▶ standing down ──close──▶ closed
      │                   ▲                        │
      └──────close────────┼──────(re-activate)─────┘

Activating dispatches the event's buddies (dispatching.py) at once, in a transaction of its own: the
activation stands even if no buddy can be found. Standing down keeps the assignments (the last
check-ins); closing ends the offers not yet answered, so that no buddy is asked about a closed event.
Audit records name the event by number; no notice is sent from here (the dispatch tells the buddies).
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilization.core import audit
from mobilization.core.errors import DomainError
from mobilization.core.transitions import transition, transition_all
from mobilization.solidarity import dispatching
from mobilization.solidarity.event_models import Assignment, DispatchRun, ExtremeEvent

Status = ExtremeEvent.Status
EVENT_FIELDS = ("hazard", "level", "headline", "description", "starts_at", "expected_end_at")


def _check_times(values: dict) -> None:
    start, end = values.get("starts_at"), values.get("expected_end_at")
    if start and end and end < start:
        raise DomainError(_("The expected end is before the start."))


def create_event(*, by, values: dict, districts, cap: dict | None = None) -> ExtremeEvent:
    """A new event on watch. `cap`: the identifier, sender and sent time of the alert it came from."""
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"not fields of an event: {sorted(unknown)}")
    _check_times(values)
    districts = list(districts)
    if not districts:
        raise DomainError(_("Choose at least one arrondissement."))
    with transaction.atomic():
        event = ExtremeEvent.objects.create(
            created_by=by,
            **values,
            **{f"cap_{k}": v for k, v in (cap or {}).items()},
        )
        event.districts.set(districts)
        audit.record(by, "solidarity.event_created", event, level=event.level, hazard=event.hazard)
    return event


def update_event(event: ExtremeEvent, *, by, values: dict, districts=None) -> ExtremeEvent:
    """Change what the event says (level, times, arrondissements); a closed event does not change.
    Its revision goes up, so that its CAP export is an update of the one before."""
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"not fields of an event: {sorted(unknown)}")
    merged = {name: getattr(event, name) for name in EVENT_FIELDS} | values
    _check_times(merged)
    if districts is not None and not list(districts):
        raise DomainError(_("Choose at least one arrondissement."))
    with transaction.atomic():
        transition(
            event,
            by=by,
            action="solidarity.event_updated",
            allowed_from=[Status.WATCH, Status.ACTIVE, Status.STANDING_DOWN],
            changes={**values, "revision": lambda e: e.revision + 1},
            refresh=["revision"],
            message=_("A closed event does not change."),
        )
        if districts is not None:
            event.districts.set(districts)
    return event


def activate(event: ExtremeEvent, *, by, now: datetime | None = None) -> DispatchRun | None:
    """Watch (or standing down) → active; then dispatch. Returns the dispatch run (None if it failed)."""
    now = now or timezone.now()
    transition(
        event,
        by=by,
        action="solidarity.event_activated",
        allowed_from=[Status.WATCH, Status.STANDING_DOWN],
        to=Status.ACTIVE,
        changes={"activated_at": lambda e: e.activated_at or now, "stood_down_at": None},
        refresh=["activated_at"],
    )
    return dispatching.dispatch(event, by=by, trigger=DispatchRun.Trigger.ACTIVATION, now=now)


def stand_down(event: ExtremeEvent, *, by, now: datetime | None = None) -> ExtremeEvent:
    now = now or timezone.now()
    return transition(
        event,
        by=by,
        action="solidarity.event_stood_down",
        allowed_from=[Status.ACTIVE],
        to=Status.STANDING_DOWN,
        changes={"stood_down_at": now},
    )


def close(event: ExtremeEvent, *, by, now: datetime | None = None) -> ExtremeEvent:
    """Closed for good: the offers not answered expire (accepted ones stay, as the history)."""
    now = now or timezone.now()
    with transaction.atomic():
        transition(
            event,
            by=by,
            action="solidarity.event_closed",
            allowed_from=[Status.WATCH, Status.ACTIVE, Status.STANDING_DOWN],
            to=Status.CLOSED,
            changes={"closed_at": now},
        )
        transition_all(
            Assignment.objects.filter(event=event),
            by=by,
            action="solidarity.offer_expired",
            allowed_from=[Assignment.Status.OFFERED],
            to=Assignment.Status.EXPIRED,
            changes={"answered_at": now},
            details={"reason": "event_closed"},
        )
    return event

"""A buddy's answer to an offer: accept, decline, or let it expire; a person declined is dispatched again.

Every answer locks the event's row first (as the dispatch does), then the assignment's (through
`transition()`), so that an answer and a dispatch never cross: the buddy answers the offer the dispatch
left, or is told it is no longer theirs. A decline, or an offer left unanswered for
`SOLIDARITY_OFFER_HOURS` (the periodic task `expire_offers`), gives the person to another buddy at
once: the solver runs again for that person alone, without anyone who declined them in this event
(dispatching.reassign); if nobody is left, they go to the coordinators' call list.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilization.core.errors import DomainError
from mobilization.core.transitions import lock, transition
from mobilization.solidarity import checkins, dispatching
from mobilization.solidarity.event_models import Assignment, DispatchRun, ExtremeEvent

Status = Assignment.Status
DEFAULT_OFFER_HOURS = 6.0


def offer_lifetime() -> timedelta:
    return timedelta(hours=float(getattr(settings, "SOLIDARITY_OFFER_HOURS", DEFAULT_OFFER_HOURS)))


def offers_of(user):
    """The buddy's offers and accepted assignments in the events not closed, newest event first."""
    return (
        Assignment.objects.filter(buddy__user_id=user.pk, status__in=Assignment.LIVE)
        .exclude(event__status=ExtremeEvent.Status.CLOSED)
        .select_related("event", "resident__district")
        .defer(*(f"resident__{name}" for name in _encrypted()))
        .order_by("-event__starts_at", "status", "offered_at", "pk")
    )


def _encrypted():
    from mobilization.solidarity.models import ENCRYPTED_FIELDS

    return ENCRYPTED_FIELDS


def _event_active(assignment):
    def check(_obj):
        if assignment.event.status != ExtremeEvent.Status.ACTIVE:
            raise DomainError(_("This event is not active any more: nothing to answer."))

    return check


def accept(assignment: Assignment, *, by, now: datetime | None = None) -> Assignment:
    now = now or timezone.now()
    with transaction.atomic():
        lock(assignment.event, fields=["status"])
        transition(
            assignment,
            by=by,
            action="solidarity.offer_accepted",
            allowed_from=[Status.OFFERED],
            to=Status.ACCEPTED,
            changes={"answered_at": now},
            check=_event_active(assignment),
            message=_("This offer is no longer open."),
        )
        checkins.generate_for_assignment(assignment, now)  # the first call or visit, due now
        return assignment


def decline(assignment: Assignment, *, by, now: datetime | None = None) -> Assignment:
    """The buddy cannot take this person: another buddy is looked for at once."""
    now = now or timezone.now()
    with transaction.atomic():
        lock(assignment.event, fields=["status"])
        transition(
            assignment,
            by=by,
            action="solidarity.offer_declined",
            allowed_from=[Status.OFFERED],
            to=Status.DECLINED,
            changes={"answered_at": now},
            message=_("This offer is no longer open."),
        )
        dispatching.reassign(
            assignment.event, assignment.resident_id, trigger=DispatchRun.Trigger.DECLINE, now=now
        )
    return assignment


def expire_offers(now: datetime | None = None) -> int:
    """Mark the offers left unanswered past their lifetime as expired and give their people to another
    buddy. One event at a time, under its lock. Returns how many expired."""
    now = now or timezone.now()
    limit = now - offer_lifetime()
    expired = 0
    events = (
        Assignment.objects.filter(status=Status.OFFERED, offered_at__lt=limit)
        .values_list("event_id", flat=True)
        .distinct()
    )
    for event in ExtremeEvent.objects.filter(pk__in=list(events)).order_by("pk"):
        with transaction.atomic():
            lock(event, fields=["status"])
            stale = list(
                Assignment.objects.select_for_update()
                .filter(event=event, status=Status.OFFERED, offered_at__lt=limit)
                .order_by("resident_id")
            )
            for assignment in stale:
                transition(
                    assignment,
                    by=None,
                    action="solidarity.offer_expired",
                    allowed_from=[Status.OFFERED],
                    to=Status.EXPIRED,
                    changes={"answered_at": now},
                )
            for assignment in stale:
                dispatching.reassign(
                    event, assignment.resident_id, trigger=DispatchRun.Trigger.EXPIRY, now=now
                )
            expired += len(stale)
    return expired

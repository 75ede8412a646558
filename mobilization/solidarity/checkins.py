"""Check-ins: the calls and visits owed during an active event, and the outcomes buddies record.

The rules, each with its setting:

- **Cadence.** An active event's level sets how often each resident is checked on (`event.cadence`: two
  days in orange, one in red; `SOLIDARITY_CADENCE_DAYS`). Windows run from the event's activation, one
  cadence long. For every accepted assignment, `generate_checkins()` makes one check-in per window, due at
  the window's start (or at the acceptance, when later): idempotent, run by a task every few minutes and
  after each acceptance. A resident who still has a check-in to do gets no second one.
- **No answer.** An unanswered call is tried again, `SOLIDARITY_NO_ANSWER_ATTEMPTS` times in all (3)
  within `SOLIDARITY_NO_ANSWER_HOURS` (48): the next attempt is due a third of that later (16 hours).
  The third unanswered attempt in a row escalates the person to the coordinators, and so does silence:
  48 hours after a first unanswered attempt without anyone reaching the person since
  (`escalations.escalate_silent`, a task).
- **Needs help.** Escalated at once, with the needs; "medical" is the buddy's cue to call 15 first.
- **One outcome per key.** Each outcome carries a key (a UUID) made on the buddy's phone. The first
  sending records it; any later sending of the same key answers the first result and records nothing.

Every read of a resident's card is written to the audit log (services.record_read).
"""

import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilization.core.errors import AlreadyDone, DomainError, InvalidTransition, NotAllowed
from mobilization.core.transitions import transition
from mobilization.solidarity import escalations
from mobilization.solidarity.escalations import no_answer_attempts, no_answer_window
from mobilization.solidarity.models import (
    Absence,
    Assignment,
    BuddyProfile,
    CheckIn,
    ExtremeEvent,
    Need,
    VulnerableResident,
)

Outcome = CheckIn.Outcome


def retry_delay() -> timedelta:
    """How long after an unanswered attempt the next one is due: the attempts fit in the window."""
    return no_answer_window() / no_answer_attempts()


# --- Cadence windows ------------------------------------------------------------------------------------


def event_start(event: ExtremeEvent) -> datetime:
    return event.activated_at or event.starts_at


def window_start(event: ExtremeEvent, now: datetime | None = None) -> datetime | None:
    """The start of the cadence window `now` falls in (None when the level asks for no check-ins)."""
    cadence = event.cadence
    if not cadence:
        return None
    now = now or timezone.now()
    start = event_start(event)
    if now <= start:
        return start
    return start + cadence * math.floor((now - start) / cadence)


def mode_for(resident: VulnerableResident, buddy: BuddyProfile) -> str:
    """The resident's preferred contact when the buddy offers it, else what the buddy offers."""
    modes = buddy.modes()
    if resident.preferred_contact in modes or not modes:
        return resident.preferred_contact
    return modes[0]


def _absent_on(day) -> set[int]:
    return set(
        Absence.objects.filter(starts_on__lte=day, ends_on__gte=day).values_list("resident_id", flat=True)
    )


@transaction.atomic
def generate_checkins(event: ExtremeEvent, now: datetime | None = None, *, residents=None) -> int:
    """Make this window's check-in for every accepted assignment of an active event; returns how many.

    Idempotent. An open check-in whose assignment is no longer accepted (declined, replaced) moves to
    the buddy who accepted the person since, or waits for one. `residents` (ids): only theirs (a buddy
    just accepted one)."""
    now = now or timezone.now()
    start = window_start(event, now)
    if not event.is_active or start is None:
        return 0
    assignments = Assignment.objects.filter(event=event, status=Assignment.Status.ACCEPTED)
    if residents is not None:
        assignments = assignments.filter(resident_id__in=residents)
    accepted = list(assignments.select_related("buddy", "resident"))
    by_resident = {assignment.resident_id: assignment for assignment in accepted}
    ours = CheckIn.objects.filter(event=event)
    if residents is not None:
        ours = ours.filter(resident_id__in=residents)
    _follow_reassignments(ours, by_resident)
    has_this_window = set(ours.filter(window_starts_at=start).values_list("resident_id", flat=True))
    has_open = set(ours.open().values_list("resident_id", flat=True))
    skipped = has_this_window | has_open | _absent_on(timezone.localdate(now))
    new = [
        CheckIn(
            event=event,
            resident=assignment.resident,
            assignment=assignment,
            buddy=assignment.buddy,
            window_starts_at=start,
            attempt=1,
            due_at=max(start, assignment.answered_at or start),
            mode=mode_for(assignment.resident, assignment.buddy),
        )
        for assignment in accepted
        if assignment.resident_id not in skipped
    ]
    CheckIn.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _follow_reassignments(checkins: QuerySet, by_resident: dict[int, Assignment]) -> None:
    """Open check-ins go with the person's accepted assignment: to its buddy, or to nobody meanwhile."""
    stale = checkins.open().exclude(assignment__status=Assignment.Status.ACCEPTED)
    for checkin in stale.select_related("resident"):
        assignment = by_resident.get(checkin.resident_id)
        checkin.assignment = assignment
        checkin.buddy = assignment.buddy if assignment else None
        checkin.save(update_fields=["assignment", "buddy", "updated_at"])


def generate_for_assignment(assignment: Assignment, now: datetime | None = None) -> int:
    """The check-in of a buddy who just accepted a resident (called by offers.accept)."""
    return generate_checkins(assignment.event, now, residents=[assignment.resident_id])


def generate_for_active_events(now: datetime | None = None) -> int:
    return sum(generate_checkins(event, now) for event in ExtremeEvent.objects.active())


# --- What a buddy sees ------------------------------------------------------------------------------------


def todays_checkins(user, now: datetime | None = None) -> QuerySet[CheckIn]:
    """The buddy's check-ins to do today (and those overdue), and those done today, in active events
    they accepted; earliest due first."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    end_of_day = local.replace(hour=23, minute=59, second=59, microsecond=0)
    start_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        CheckIn.objects.filter(
            buddy__user_id=user.pk,
            event__status=ExtremeEvent.Status.ACTIVE,
            assignment__status=Assignment.Status.ACCEPTED,
        )
        .filter(Q(status=CheckIn.Status.DUE, due_at__lte=end_of_day) | Q(recorded_at__gte=start_of_day))
        .select_related("resident", "resident__district", "event")
        .defer(*(f"resident__{name}" for name in _SEALED), "resident__consent_wording")
        .order_by("status", "due_at", "pk")
    )


# The list never decrypts these: a card does, and its reading is logged.
_SEALED = ("address", "access_notes", "phone", "other_phone", "emergency_contact", "care_service")


def buddy_assignment(user, resident: VulnerableResident) -> Assignment | None:
    """The accepted assignment of this buddy to this resident in an active event, or None."""
    return (
        Assignment.objects.filter(
            resident=resident,
            buddy__user_id=user.pk,
            status=Assignment.Status.ACCEPTED,
            event__status=ExtremeEvent.Status.ACTIVE,
        )
        .select_related("event", "buddy")
        .order_by("-answered_at", "-pk")
        .first()
    )


def open_checkin_of(resident: VulnerableResident, assignment: Assignment) -> CheckIn | None:
    return (
        CheckIn.objects.filter(resident=resident, event=assignment.event, buddy=assignment.buddy)
        .open()
        .order_by("due_at", "pk")
        .first()
    )


def is_visit_day(resident: VulnerableResident, user, now: datetime | None = None) -> bool:
    """Is a visit to this resident due today from this buddy? Only then are the access notes shown."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    return CheckIn.objects.filter(
        resident=resident,
        buddy__user_id=user.pk,
        mode=CheckIn.Mode.VISIT,
        event__status=ExtremeEvent.Status.ACTIVE,
        assignment__status=Assignment.Status.ACCEPTED,
        status=CheckIn.Status.DUE,
        due_at__date__lte=day,
    ).exists()


def history_of(resident: VulnerableResident, event: ExtremeEvent) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(resident=resident, event=event, recorded_at__isnull=False).order_by(
        "-recorded_at", "-pk"
    )


# --- Recording an outcome ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    """What recording an outcome did: the check-in, whether this sending recorded it (False: the key had
    been recorded before, this is its first result), the retry made and the escalation opened, if any."""

    checkin: CheckIn
    is_new: bool
    retry: CheckIn | None = None
    escalation: object | None = None


def may_record(user, checkin: CheckIn) -> bool:
    """The buddy the check-in is for, while the event is active and they hold the assignment."""
    return (
        checkin.buddy is not None
        and checkin.buddy.user_id == user.pk
        and checkin.event.status == ExtremeEvent.Status.ACTIVE
        and checkin.assignment is not None
        and checkin.assignment.status == Assignment.Status.ACCEPTED
    )


def _first_result(key: uuid.UUID, by) -> Recorded | None:
    earlier = CheckIn.objects.filter(outcome_key=key).select_related("event", "buddy").first()
    if earlier is None:
        return None
    if earlier.recorded_by_id != by.pk:
        raise NotAllowed(_("This outcome was sent from another account."))
    return Recorded(earlier, is_new=False)


def record_outcome(
    checkin: CheckIn,
    *,
    by,
    outcome: str,
    key: uuid.UUID,
    needs=(),
    note: str = "",
    now: datetime | None = None,
) -> Recorded:
    """Record what came of a check-in, once per key; then retry or escalate as the rules say."""
    if outcome not in Outcome.values:
        raise ValueError(outcome)
    needs = [need for need in Need.values if need in set(needs)] if outcome == Outcome.NEEDS_HELP else []
    if outcome == Outcome.NEEDS_HELP and not needs:
        raise DomainError(_("Say what the person needs."))
    now = now or timezone.now()
    first = _first_result(key, by)
    if first is not None:
        return first
    try:
        with transaction.atomic():
            transition(
                checkin,
                by=by,
                action="solidarity.checkin_recorded",
                allowed_from=[CheckIn.Status.DUE],
                to=CheckIn.Status.DONE,
                changes={
                    "outcome": outcome,
                    "needs": needs,
                    "note": note.strip(),
                    "outcome_key": key,
                    "recorded_at": now,
                    "recorded_by": by,
                },
                message=_("This check-in already has an outcome."),
                details={"outcome": outcome, "attempt": checkin.attempt},
            )
            retry = escalation = None
            if outcome == Outcome.NEEDS_HELP:
                escalation = escalations.escalate(
                    checkin.event, checkin.resident, reason="needs_help", checkin=checkin, needs=needs, by=by
                )
            elif outcome == Outcome.NO_ANSWER:
                if unanswered_in_a_row(checkin.event, checkin.resident) >= no_answer_attempts():
                    escalation = escalations.escalate(
                        checkin.event, checkin.resident, reason="no_answer", checkin=checkin, by=by
                    )
                elif checkin.buddy_id is not None:  # a coordinator calls again from their list
                    retry = _retry(checkin, now)
    except (InvalidTransition, IntegrityError):
        # The same key sent twice at once: the other request recorded it first.
        first = _first_result(key, by)
        if first is not None:
            return first
        raise AlreadyDone(_("This check-in already has an outcome.")) from None
    return Recorded(checkin, is_new=True, retry=retry, escalation=escalation)


def unanswered_in_a_row(event: ExtremeEvent, resident: VulnerableResident) -> int:
    """How many of the latest recorded outcomes for this person are "no answer", in a row."""
    count = 0
    outcomes = (
        CheckIn.objects.filter(event=event, resident=resident, recorded_at__isnull=False)
        .order_by("-recorded_at", "-pk")
        .values_list("outcome", flat=True)
    )
    for outcome in outcomes.iterator():
        if outcome != Outcome.NO_ANSWER:
            break
        count += 1
    return count


def _retry(checkin: CheckIn, now: datetime) -> CheckIn:
    """The next attempt, by the same buddy, due `retry_delay()` later."""
    attempt = (
        CheckIn.objects.filter(
            event=checkin.event, resident=checkin.resident, window_starts_at=checkin.window_starts_at
        )
        .order_by("-attempt")
        .values_list("attempt", flat=True)
        .first()
        or checkin.attempt
    ) + 1
    return CheckIn.objects.create(
        event=checkin.event,
        resident=checkin.resident,
        assignment=checkin.assignment,
        buddy=checkin.buddy,
        window_starts_at=checkin.window_starts_at,
        attempt=attempt,
        due_at=now + retry_delay(),
        mode=checkin.mode,
    )


def record_call(
    event: ExtremeEvent,
    resident: VulnerableResident,
    *,
    by,
    outcome: str,
    key: uuid.UUID,
    needs=(),
    note: str = "",
    now: datetime | None = None,
) -> Recorded:
    """A coordinator's own call (a person on the call list, or unreached): a check-in made and recorded
    at once, under the same rules (needs help and the third unanswered attempt escalate)."""
    if event.status == ExtremeEvent.Status.CLOSED:
        raise DomainError(_("This event is closed."))
    first = _first_result(key, by)
    if first is not None:
        return first
    now = now or timezone.now()
    start = window_start(event, now) or now
    with transaction.atomic():
        last = (
            CheckIn.objects.filter(event=event, resident=resident, window_starts_at=start)
            .order_by("-attempt")
            .values_list("attempt", flat=True)
            .first()
        )
        checkin = CheckIn.objects.create(
            event=event,
            resident=resident,
            window_starts_at=start,
            attempt=(last or 0) + 1,
            due_at=now,
            mode=CheckIn.Mode.CALL,
        )
        return record_outcome(checkin, by=by, outcome=outcome, key=key, needs=needs, note=note, now=now)

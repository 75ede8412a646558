"""Escalations: a resident handed to the coordinators, taken in hand, noted, resolved.

A resident is escalated when they need help (at once, from the buddy's outcome) or when nobody reaches
them (the third unanswered attempt in a row, or 48 hours of silence after a first one: checkins.py).
One unresolved escalation per person and event: a second reason joins it (its needs, a note) instead of
opening another. The coordinators who follow the person's arrondissement are told (in-app, e-mail, and
SMS for those who chose it: the kind is urgent); the message holds a link, never a name or a need.

Its states: open → in hand (a coordinator takes it: its owner) → resolved (with what was done). Every
change goes through the kernel's `transition()`; notes are rows of their own, each audited.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilization.core import audit, roles
from mobilization.core.errors import DomainError
from mobilization.core.transitions import lock, transition
from mobilization.notifications.services import notify
from mobilization.solidarity.models import (
    CheckIn,
    Escalation,
    EscalationNote,
    ExtremeEvent,
    Need,
    VulnerableResident,
)

Status = Escalation.Status
KIND = "solidarity_escalation_opened"


def no_answer_attempts() -> int:
    """How many unanswered attempts in a row before the coordinators take over (3 by default)."""
    return max(1, int(getattr(settings, "SOLIDARITY_NO_ANSWER_ATTEMPTS", 3)))


def no_answer_window() -> timedelta:
    """The time within which those attempts are made (48 hours by default)."""
    return timedelta(hours=float(getattr(settings, "SOLIDARITY_NO_ANSWER_HOURS", 48)))


def coordinators_of(district_id: int) -> QuerySet:
    """The active coordinators who follow this arrondissement (those with no scope follow them all)."""
    return (
        get_user_model()
        .objects.filter(groups__name=roles.SOLIDARITY_COORDINATOR, is_active=True)
        .filter(Q(solidarity_scope__isnull=True) | Q(solidarity_scope__districts__pk=district_id))
        .distinct()
    )


@transaction.atomic
def escalate(
    event: ExtremeEvent,
    resident: VulnerableResident,
    *,
    reason: str,
    checkin: CheckIn | None = None,
    needs=(),
    by=None,
) -> Escalation:
    """Hand the resident to the coordinators; joins their unresolved escalation when there is one."""
    if reason not in Escalation.Reason.values:
        raise ValueError(reason)
    needs = [need for need in Need.values if need in set(needs)]
    lock(resident)  # two buddies' outcomes at once open one escalation
    unresolved = Escalation.objects.filter(event=event, resident=resident, status__in=Escalation.UNRESOLVED)
    current = unresolved.first()
    if current is not None:
        merged = [need for need in Need.values if need in set(current.needs) | set(needs)]
        helps = Escalation.Reason.NEEDS_HELP
        stronger = helps if helps in (reason, current.reason) else reason
        return transition(
            current,
            by=by,
            action="solidarity.escalation_joined",
            allowed_from=None,
            changes={"needs": merged, "reason": stronger, "checkin": checkin or current.checkin},
            details={"reason": reason},
        )
    escalation = Escalation.objects.create(
        event=event, resident=resident, checkin=checkin, reason=reason, needs=needs
    )
    audit.record(by, "solidarity.escalation_opened", escalation, reason=reason, resident=resident.pk)
    notify(list(coordinators_of(resident.district_id)), KIND, {"url": escalation.get_absolute_url()})
    return escalation


def take(escalation: Escalation, *, by) -> Escalation:
    """A coordinator takes the escalation in hand (or takes it over from another): its owner."""
    return transition(
        escalation,
        by=by,
        action="solidarity.escalation_taken",
        allowed_from=Escalation.UNRESOLVED,
        to=Status.IN_HAND,
        changes={"owner": by},
        message=_("This escalation is resolved."),
    )


def add_note(escalation: Escalation, *, by, text: str) -> EscalationNote:
    text = text.strip()
    if not text:
        raise DomainError(_("Write the note."))
    note = EscalationNote.objects.create(escalation=escalation, author=by, text=text)
    audit.record(by, "solidarity.escalation_noted", escalation)
    return note


def resolve(escalation: Escalation, *, by, resolution: str, note: str = "") -> Escalation:
    """Close the escalation with what was done; its owner is whoever resolves it if nobody had taken it."""
    if resolution not in Escalation.Resolution.values:
        raise ValueError(resolution)
    if resolution == Escalation.Resolution.OTHER and not note.strip():
        raise DomainError(_("Say what was done."))
    return transition(
        escalation,
        by=by,
        action="solidarity.escalation_resolved",
        allowed_from=Escalation.UNRESOLVED,
        to=Status.RESOLVED,
        changes={
            "resolution": resolution,
            "resolution_note": note.strip(),
            "resolved_at": timezone.now(),
            "owner": lambda obj: obj.owner or by,
        },
        refresh=["owner"],
        message=_("This escalation is already resolved."),
        details={"resolution": resolution},
    )


def escalate_silent(now: datetime | None = None) -> int:
    """Escalate everyone a buddy first failed to reach more than the no-answer window ago (48 hours)
    and whom nobody has reached since; returns how many. Run by a task (idempotent)."""
    now = now or timezone.now()
    since = now - no_answer_window()
    count = 0
    for event in ExtremeEvent.objects.active():
        unresolved = set(
            Escalation.objects.filter(event=event, status__in=Escalation.UNRESOLVED).values_list(
                "resident_id", flat=True
            )
        )
        recorded = (
            CheckIn.objects.filter(event=event, recorded_at__isnull=False)
            .exclude(resident_id__in=unresolved)
            .order_by("resident_id", "recorded_at", "pk")
            .values_list("resident_id", "outcome", "recorded_at", "pk")
        )
        first_silence: dict[int, tuple] = {}
        for resident_id, outcome, recorded_at, pk in recorded.iterator():
            if outcome == CheckIn.Outcome.NO_ANSWER:
                first_silence.setdefault(resident_id, (recorded_at, pk))
            else:
                first_silence.pop(resident_id, None)  # reached since: the count starts again
        # Escalated once for this silence already (and resolved since: "away"): not again.
        last_escalated = dict(
            Escalation.objects.filter(event=event, resident_id__in=list(first_silence))
            .order_by("resident_id", "created_at")
            .values_list("resident_id", "created_at")
        )
        due = {
            rid: pk
            for rid, (at, pk) in first_silence.items()
            if at <= since and (rid not in last_escalated or last_escalated[rid] < at)
        }
        residents = VulnerableResident.objects.in_bulk(list(due))
        for resident_id, checkin_pk in due.items():
            escalate(
                event,
                residents[resident_id],
                reason=Escalation.Reason.NO_ANSWER,
                checkin=CheckIn.objects.filter(pk=checkin_pk).first(),
            )
            count += 1
    return count


def open_escalations(user, event: ExtremeEvent | None = None) -> QuerySet[Escalation]:
    """The unresolved escalations in the coordinator's arrondissements, needs-help and oldest first."""
    from mobilization.solidarity.services import coordinator_districts

    escalations = Escalation.objects.filter(status__in=Escalation.UNRESOLVED)
    if event is not None:
        escalations = escalations.filter(event=event)
    districts = None if user.is_superuser else coordinator_districts(user)
    if districts is not None:
        escalations = escalations.filter(resident__district__in=districts)
    return escalations.select_related("resident__district", "owner__profile", "event").defer(
        *(f"resident__{name}" for name in ("address", "access_notes", "phone", "other_phone")),
        *(f"resident__{name}" for name in ("emergency_contact", "care_service", "consent_wording")),
    )

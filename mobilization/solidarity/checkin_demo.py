"""Demo content of the check-ins (after the events' seeder): in the demo's active heatwave, the buddies
accept most of their offers (the demo volunteer all of hers, so that her list of check-ins is ready), a
third of the people are reached and fine, one needs water and cooling (escalated at once), and one does
not answer three times (escalated after the third attempt). The coordinators' dashboard then shows
coverage, the unreached and two open escalations."""

import random
import uuid

from mobilization.solidarity import checkins, offers
from mobilization.solidarity.demo import DEMO_DOMAIN
from mobilization.solidarity.models import Assignment, CheckIn, ExtremeEvent

ACCEPTED_SHARE = 0.7
FINE_SHARE = 0.35


def seed(stdout, **options) -> None:
    event = ExtremeEvent.objects.active().order_by("-pk").first()
    if event is None:
        stdout.write("Solidarity check-ins: no active event; no check-in seeded.")
        return
    if CheckIn.objects.filter(event=event).exists():
        return
    rng = random.Random(12)
    volunteer = f"volunteer@{DEMO_DOMAIN}"
    offered = list(
        Assignment.objects.filter(event=event, status=Assignment.Status.OFFERED)
        .select_related("buddy__user", "event")
        .order_by("pk")
    )
    for assignment in offered:
        if assignment.buddy.user.email == volunteer or rng.random() < ACCEPTED_SHARE:
            offers.accept(assignment, by=assignment.buddy.user)
    others = list(
        CheckIn.objects.filter(event=event)
        .open()
        .exclude(buddy__user__email=volunteer)
        .select_related("buddy__user", "event", "resident", "assignment")
        .order_by("pk")
    )
    escalated = 0
    if len(others) >= 2:
        needs_help, silent = others[0], others[1]
        _record(needs_help, "needs_help", needs=["water", "cooling"])
        for _attempt in range(checkins.no_answer_attempts()):
            done = _record(silent, "no_answer")
            silent = done.retry
            if silent is None:
                break
        escalated = 2
    reached = 0
    for checkin in others[2:]:
        if rng.random() < FINE_SHARE:
            _record(checkin, "fine")
            reached += 1
    stdout.write(
        f"Solidarity check-ins: {CheckIn.objects.filter(event=event).count()} check-ins, {reached} people "
        f"reached and fine, {escalated} escalated."
    )


def _record(checkin: CheckIn, outcome: str, needs=()):
    return checkins.record_outcome(
        checkin, by=checkin.buddy.user, outcome=outcome, needs=needs, key=uuid.uuid4()
    )

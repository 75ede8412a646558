"""Races, on PostgreSQL: a phone sending the same outcome several times at once records it once; two
buddies' outcomes for the same person at once open one escalation."""

import uuid

from mobilization.core.models import AuditEvent
from mobilization.core.testing import postgres_only, run_at_once
from mobilization.solidarity import checkins, escalations
from mobilization.solidarity.models import CheckIn, Escalation
from mobilization.solidarity.tests.checkin_factories import accepted, active_event, buddy
from mobilization.solidarity.tests.factories import ResidentFactory, eleventh

pytestmark = postgres_only()


def test_the_same_key_sent_at_once_is_recorded_once():
    event = active_event([eleventh()])
    resident = ResidentFactory()
    profile = buddy("racer@example.org")
    accepted(event, resident, profile)
    checkins.generate_checkins(event)
    pk, key = CheckIn.objects.get().pk, uuid.uuid4()

    def send(_index):
        checkin = CheckIn.objects.select_related("event", "resident", "buddy").get(pk=pk)
        return checkins.record_outcome(checkin, by=profile.user, outcome="no_answer", key=key).checkin.pk

    outcomes = run_at_once(send)
    assert outcomes == [pk] * len(outcomes), outcomes
    assert AuditEvent.objects.filter(action="solidarity.checkin_recorded").count() == 1
    assert CheckIn.objects.filter(attempt=2).count() == 1  # one retry


def test_needs_help_reported_twice_at_once_opens_one_escalation():
    event = active_event([eleventh()])
    resident = ResidentFactory()

    outcomes = run_at_once(
        lambda _index: escalations.escalate(event, resident, reason="needs_help", needs=["water"]).pk
    )
    assert len(set(outcomes)) == 1, outcomes
    assert Escalation.objects.count() == 1

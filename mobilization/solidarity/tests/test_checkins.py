"""The check-in rules, on a fixed clock: cadence windows, outcomes once per key, three unanswered
attempts within 48 hours then the coordinators, needs-help at once, silence escalated by the task."""

import uuid
from datetime import timedelta

import pytest
from django.test import override_settings

from mobilization.core.errors import AlreadyDone, DomainError, NotAllowed
from mobilization.core.models import AuditEvent
from mobilization.notifications.models import Notification
from mobilization.solidarity import checkins, escalations
from mobilization.solidarity.models import Absence, Assignment, CheckIn, Escalation
from mobilization.solidarity.tests.checkin_factories import T0, accepted, active_event, buddy

pytestmark = pytest.mark.django_db
Outcome = CheckIn.Outcome
HOUR = timedelta(hours=1)


@pytest.fixture
def event(district):
    return active_event([district])


@pytest.fixture
def profile(db):
    return buddy("buddy@example.org")


@pytest.fixture
def assignment(event, resident, profile):
    return accepted(event, resident, profile)


def first_checkin(event, now=T0 + HOUR):
    checkins.generate_checkins(event, now=now)
    return CheckIn.objects.get(attempt=1, window_starts_at=checkins.window_start(event, now))


def record(checkin, outcome, *, now, needs=(), key=None):
    checkin.refresh_from_db()
    return checkins.record_outcome(
        checkin, by=checkin.buddy.user, outcome=outcome, needs=needs, key=key or uuid.uuid4(), now=now
    )


def test_each_accepted_assignment_gets_one_checkin_per_cadence_window(event, assignment, resident):
    assert checkins.generate_checkins(event, now=T0 + HOUR) == 1
    assert checkins.generate_checkins(event, now=T0 + 5 * HOUR) == 0  # idempotent
    checkin = CheckIn.objects.get()
    assert (checkin.buddy, checkin.due_at, checkin.window_starts_at) == (assignment.buddy, T0, T0)

    record(checkin, Outcome.FINE, now=T0 + 2 * HOUR)
    assert checkins.generate_checkins(event, now=T0 + 47 * HOUR) == 0  # same window (orange: 2 days)
    assert checkins.generate_checkins(event, now=T0 + 49 * HOUR) == 1
    assert CheckIn.objects.open().get().window_starts_at == T0 + timedelta(days=2)


def test_red_is_daily_and_offers_or_absences_get_no_checkin(district, resident, profile):
    event = active_event([district], level="red")
    assert checkins.window_start(event, T0 + 25 * HOUR) == T0 + timedelta(days=1)
    accepted(event, resident, profile, status=Assignment.Status.OFFERED)
    assert checkins.generate_checkins(event, now=T0 + HOUR) == 0
    Assignment.objects.update(status=Assignment.Status.ACCEPTED)
    Absence.objects.create(resident=resident, starts_on=T0.date(), ends_on=T0.date())
    assert checkins.generate_checkins(event, now=T0 + HOUR) == 0
    assert checkins.generate_checkins(event, now=T0 + 25 * HOUR) == 1


def test_an_event_on_watch_makes_no_checkin(district, resident, profile):
    event = active_event([district], status="watch")
    accepted(event, resident, profile)
    assert checkins.generate_checkins(event, now=T0 + HOUR) == 0


def test_the_same_key_records_once_and_answers_the_first_result(event, assignment):
    checkin = first_checkin(event)
    key = uuid.uuid4()
    first = record(checkin, Outcome.FINE, now=T0 + 2 * HOUR, key=key)
    again = record(checkin, Outcome.NO_ANSWER, now=T0 + 3 * HOUR, key=key)

    assert first.is_new and not again.is_new
    assert again.checkin.pk == checkin.pk and again.checkin.outcome == Outcome.FINE
    assert CheckIn.objects.count() == 1  # no retry was made by the second sending
    assert AuditEvent.objects.filter(action="solidarity.checkin_recorded").count() == 1


def test_a_second_outcome_with_another_key_is_refused(event, assignment):
    checkin = first_checkin(event)
    record(checkin, Outcome.FINE, now=T0 + 2 * HOUR)
    with pytest.raises(AlreadyDone):
        record(checkin, Outcome.REFUSED, now=T0 + 3 * HOUR)


def test_a_key_sent_from_another_account_is_refused(event, assignment, resident):
    checkin = first_checkin(event)
    key = uuid.uuid4()
    record(checkin, Outcome.FINE, now=T0 + 2 * HOUR, key=key)
    other = buddy("other@example.org")
    with pytest.raises(NotAllowed):
        checkins.record_outcome(checkin, by=other.user, outcome=Outcome.FINE, key=key, now=T0)


def test_no_answer_is_tried_three_times_within_48_hours_then_escalated(event, assignment, coordinator):
    checkin = first_checkin(event)
    now = T0 + HOUR
    for attempt in (1, 2):
        done = record(checkin, Outcome.NO_ANSWER, now=now)
        assert done.escalation is None
        assert done.retry.attempt == attempt + 1
        assert done.retry.due_at == now + timedelta(hours=16)
        checkin, now = done.retry, done.retry.due_at

    done = record(checkin, Outcome.NO_ANSWER, now=now)
    assert done.retry is None
    assert now - (T0 + HOUR) <= timedelta(hours=48)
    escalation = done.escalation
    assert (escalation.reason, escalation.status) == (Escalation.Reason.NO_ANSWER, Escalation.Status.OPEN)
    assert Notification.objects.filter(recipient=coordinator, kind="solidarity_escalation_opened").exists()


@override_settings(SOLIDARITY_NO_ANSWER_ATTEMPTS=2, SOLIDARITY_NO_ANSWER_HOURS=24)
def test_the_attempts_and_their_window_are_settings(event, assignment):
    checkin = first_checkin(event)
    done = record(checkin, Outcome.NO_ANSWER, now=T0 + HOUR)
    assert done.retry.due_at == T0 + 13 * HOUR
    assert record(done.retry, Outcome.NO_ANSWER, now=T0 + 13 * HOUR).escalation is not None


def test_reaching_the_person_starts_the_count_again(event, assignment):
    checkin = first_checkin(event)
    done = record(checkin, Outcome.NO_ANSWER, now=T0 + HOUR)
    done = record(done.retry, Outcome.NO_ANSWER, now=T0 + 17 * HOUR)
    done = record(done.retry, Outcome.FINE, now=T0 + 33 * HOUR)
    assert done.escalation is None and checkins.unanswered_in_a_row(event, checkin.resident) == 0


def test_needs_help_is_escalated_at_once_with_the_needs(event, assignment, coordinator):
    checkin = first_checkin(event)
    done = record(checkin, Outcome.NEEDS_HELP, now=T0 + HOUR, needs=["medical", "water", "nonsense"])
    assert done.escalation.reason == Escalation.Reason.NEEDS_HELP
    assert done.escalation.needs == ["water", "medical"] and done.escalation.needs_medical


def test_needs_help_without_a_need_is_refused(event, assignment):
    with pytest.raises(DomainError):
        record(first_checkin(event), Outcome.NEEDS_HELP, now=T0 + HOUR)


def test_a_second_reason_joins_the_open_escalation(event, assignment, resident):
    checkin = first_checkin(event)
    escalations.escalate(event, resident, reason="no_answer", checkin=checkin)
    joined = escalations.escalate(event, resident, reason="needs_help", needs=["cooling"])
    assert Escalation.objects.count() == 1
    assert (joined.reason, joined.needs) == ("needs_help", ["cooling"])


def test_silence_for_48_hours_after_a_first_no_answer_is_escalated_by_the_task(event, assignment):
    checkin = first_checkin(event)
    record(checkin, Outcome.NO_ANSWER, now=T0 + HOUR)  # the buddy does not try again
    assert escalations.escalate_silent(now=T0 + 40 * HOUR) == 0
    assert escalations.escalate_silent(now=T0 + 50 * HOUR) == 1
    assert escalations.escalate_silent(now=T0 + 51 * HOUR) == 0  # once
    escalation = Escalation.objects.get()
    escalations.resolve(escalation, by=None, resolution="away")
    assert escalations.escalate_silent(now=T0 + 60 * HOUR) == 0  # not again for the same silence


def test_an_escalation_is_taken_then_resolved_through_transitions(event, resident, coordinator):
    escalation = escalations.escalate(event, resident, reason="needs_help", needs=["water"])
    escalations.take(escalation, by=coordinator)
    escalations.add_note(escalation, by=coordinator, text="Eau livrée par la mairie.")
    escalations.resolve(escalation, by=coordinator, resolution="help_arranged")
    escalation.refresh_from_db()
    assert (escalation.status, escalation.owner, escalation.resolution) == (
        "resolved",
        coordinator,
        "help_arranged",
    )
    actions = set(
        AuditEvent.objects.filter(object_type="solidarity.escalation").values_list("action", flat=True)
    )
    assert {
        "solidarity.escalation_taken",
        "solidarity.escalation_resolved",
        "solidarity.escalation_noted",
    } <= actions
    with pytest.raises(DomainError):
        escalations.resolve(escalation, by=coordinator, resolution="reached_fine")


def test_a_reassigned_resident_s_open_checkin_goes_to_the_new_buddy(event, assignment, resident):
    checkin = first_checkin(event)
    Assignment.objects.filter(pk=assignment.pk).update(status=Assignment.Status.REPLACED)
    newcomer = buddy("newcomer@example.org")
    accepted(event, resident, newcomer, at=T0 + 2 * HOUR)
    checkins.generate_checkins(event, now=T0 + 3 * HOUR)
    checkin.refresh_from_db()
    assert checkin.buddy == newcomer and CheckIn.objects.count() == 1


def test_accepting_an_offer_makes_the_first_checkin_due_at_once(event, resident, profile):
    from mobilization.solidarity import offers

    assignment = accepted(event, resident, profile, status=Assignment.Status.OFFERED)
    offers.accept(assignment, by=profile.user, now=T0 + 3 * HOUR)
    checkin = CheckIn.objects.get()
    assert (checkin.buddy, checkin.due_at, checkin.status) == (profile, T0 + 3 * HOUR, CheckIn.Status.DUE)


def test_the_upkeep_command_makes_the_checkins_and_escalates_silence(event, assignment, capsys):
    from django.core.management import call_command

    call_command("checkin_upkeep")
    assert "1 check-in(s) made; 0 resident(s) escalated." in capsys.readouterr().out

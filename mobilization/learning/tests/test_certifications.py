"""Certifications: granted on attendance (and a passed quiz), valid until their expiry day, revoked when
the person is marked absent after all, asked by other pillars through holds_valid_certification()."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from mobilization.core.errors import InvalidTransition, NotAllowed
from mobilization.events import services as event_services
from mobilization.learning import services
from mobilization.learning.certifications import holds_valid_certification
from mobilization.learning.models import Certification
from mobilization.learning.tests.factories import SessionFactory, add_quiz, right_answers, wrong_answers
from mobilization.notifications.models import Notification


def _started(session):
    """The session starts in half an hour: attendance is open."""
    session.starts_at = timezone.now() + timedelta(minutes=30)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save(update_fields=["starts_at", "ends_at"])
    return session


def test_attending_a_session_certifies_the_volunteer_and_they_are_told(session, volunteer, trainer):
    event_services.register(session, volunteer)
    _started(session)

    granted = services.take_attendance(session, [volunteer.pk], by=trainer)

    assert [c.user for c in granted] == [volunteer]
    certification = granted[0]
    assert certification.granted_on == min(timezone.localdate(session.starts_at), timezone.localdate())
    assert certification.expires_on == services.add_months(certification.granted_on, 24)
    assert holds_valid_certification(volunteer, "heatwave-buddy")
    assert holds_valid_certification(volunteer, session.training)
    assert Notification.objects.filter(recipient=volunteer, kind="certification_granted").exists()


def test_attendance_taken_before_midnight_for_a_session_after_it_holds_at_once(session, volunteer, trainer):
    # 23:45 in Paris, the session starts at 00:30: attendance is open (an hour before), and the
    # certification must hold today, not from tomorrow.
    late_evening = timezone.localtime().replace(hour=23, minute=45, second=0, microsecond=0)
    session.starts_at = late_evening + timedelta(minutes=45)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save(update_fields=["starts_at", "ends_at"])
    event_services.register(session, volunteer)
    attendance_at = late_evening

    with mock.patch("django.utils.timezone.now", return_value=attendance_at):
        certification = services.take_attendance(session, [volunteer.pk], by=trainer)[0]

    assert certification.granted_on == late_evening.date()
    assert certification.granted_on < timezone.localdate(session.starts_at)
    assert holds_valid_certification(volunteer, "heatwave-buddy", on=late_evening.date())


def test_marking_attendance_twice_grants_one_certification(session, volunteer, trainer):
    event_services.register(session, volunteer)
    _started(session)
    services.take_attendance(session, [volunteer.pk], by=trainer)
    services.take_attendance(session, [volunteer.pk], by=trainer)
    assert Certification.objects.filter(user=volunteer).count() == 1


def test_a_certification_holds_until_its_expiry_day_and_not_after(session, volunteer, trainer):
    event_services.register(session, volunteer)
    _started(session)
    certification = services.take_attendance(session, [volunteer.pk], by=trainer)[0]

    assert holds_valid_certification(volunteer, "heatwave-buddy", on=certification.expires_on)
    assert not holds_valid_certification(
        volunteer, "heatwave-buddy", on=certification.expires_on + timedelta(days=1)
    )
    assert not holds_valid_certification(
        volunteer, "heatwave-buddy", on=certification.granted_on - timedelta(days=1)
    )


def test_a_training_without_validity_certifies_for_ever(session, volunteer, trainer):
    session.training.validity_months = None
    session.training.save()
    event_services.register(session, volunteer)
    _started(session)
    certification = services.take_attendance(session, [volunteer.pk], by=trainer)[0]
    assert certification.expires_on is None
    assert holds_valid_certification(volunteer, "heatwave-buddy", on=date(2099, 1, 1))


def test_marked_absent_after_all_the_certification_is_revoked(session, volunteer, trainer):
    event_services.register(session, volunteer)
    _started(session)
    services.take_attendance(session, [volunteer.pk], by=trainer)

    services.take_attendance(session, [], by=trainer)

    assert Certification.objects.get(user=volunteer).status == Certification.Status.REVOKED
    assert not holds_valid_certification(volunteer, "heatwave-buddy")


def test_nobody_else_holds_it_and_unknown_codes_are_refused(session, volunteer, trainer, make_member):
    event_services.register(session, volunteer)
    _started(session)
    services.take_attendance(session, [volunteer.pk], by=trainer)
    assert not holds_valid_certification(make_member(), "heatwave-buddy")
    assert not holds_valid_certification(volunteer, "no-such-training")


def test_when_the_training_asks_for_a_quiz_attending_alone_does_not_certify(session, volunteer, trainer):
    training = session.training
    training.requires_quiz = True
    training.save()
    questions = add_quiz(training)
    event_services.register(session, volunteer)
    _started(session)

    assert services.take_attendance(session, [volunteer.pk], by=trainer) == []
    assert not services.submit_quiz(training, volunteer, wrong_answers(questions)).passed
    assert not holds_valid_certification(volunteer, training)

    attempt = services.submit_quiz(training, volunteer, right_answers(questions))

    assert attempt.passed and attempt.score == 100
    assert holds_valid_certification(volunteer, training)


def test_a_quiz_passed_before_the_session_certifies_at_attendance(session, volunteer, trainer):
    training = session.training
    training.requires_quiz = True
    training.save()
    questions = add_quiz(training)
    services.submit_quiz(training, volunteer, right_answers(questions))
    event_services.register(session, volunteer)
    _started(session)
    assert len(services.take_attendance(session, [volunteer.pk], by=trainer)) == 1


def test_attendance_cannot_be_taken_days_before_the_session(session, volunteer, trainer):
    event_services.register(session, volunteer)
    with pytest.raises(InvalidTransition):
        services.take_attendance(session, [volunteer.pk], by=trainer)


def test_only_registered_people_can_be_marked_present(session, volunteer, trainer, make_member):
    _started(session)
    with pytest.raises(NotAllowed):
        services.take_attendance(session, [make_member().pk], by=trainer)


def test_months_are_added_on_the_calendar():
    assert services.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert services.add_months(date(2027, 11, 15), 24) == date(2029, 11, 15)


# --- Expiry reminders -------------------------------------------------------------------------------------


def _certified(session, volunteer, trainer):
    event_services.register(session, volunteer)
    _started(session)
    return services.take_attendance(session, [volunteer.pk], by=trainer)[0]


def test_an_expiring_certification_is_reminded_once_with_the_next_sessions(session, volunteer, trainer):
    certification = _certified(session, volunteer, trainer)
    next_session = SessionFactory(training=session.training, starts_at=timezone.now() + timedelta(days=20))
    day = certification.expires_on - timedelta(days=10)

    assert services.send_expiry_reminders(today=day) == 1
    assert services.send_expiry_reminders(today=day) == 0
    assert services.send_expiry_reminders(today=day + timedelta(days=1)) == 0

    reminders = Notification.objects.filter(recipient=volunteer, kind="certification_expiring")
    assert reminders.count() == 1
    assert next_session.address in reminders.get().body


def test_a_certification_far_from_expiry_is_not_reminded(session, volunteer, trainer):
    certification = _certified(session, volunteer, trainer)
    assert services.send_expiry_reminders(today=certification.expires_on - timedelta(days=90)) == 0


def test_a_new_expiry_date_is_reminded_again(session, volunteer, trainer):
    certification = _certified(session, volunteer, trainer)
    services.send_expiry_reminders(today=certification.expires_on - timedelta(days=5))
    Certification.objects.filter(pk=certification.pk).update(
        expires_on=certification.expires_on + timedelta(days=60)
    )
    assert services.send_expiry_reminders(today=certification.expires_on + timedelta(days=40)) == 1


def test_the_holders_of_a_training_are_those_the_one_person_check_accepts(session, volunteer, trainer):
    from django.contrib.auth import get_user_model

    from mobilization.learning.certifications import holders_of

    certification = _certified(session, volunteer, trainer)
    holders = get_user_model().objects.filter(pk__in=holders_of("heatwave-buddy"))
    assert list(holders) == [volunteer]
    later = certification.expires_on + timedelta(days=1)
    assert not get_user_model().objects.filter(pk__in=holders_of("heatwave-buddy", on=later)).exists()

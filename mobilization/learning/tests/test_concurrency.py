"""Once means once, under real concurrency (PostgreSQL): a trainer saving the attendance from two tabs at
once grants one certification; a reader answering "was this useful?" twice at once leaves one answer."""

from datetime import timedelta

from django.utils import timezone

from mobilization.core.testing import postgres_only, run_at_once
from mobilization.events import services as event_services
from mobilization.learning import services
from mobilization.learning.models import Certification, ResourceFeedback
from mobilization.learning.tests.factories import ResourceFactory

pytestmark = postgres_only()


def test_attendance_saved_from_several_tabs_at_once_certifies_once(session, trainer, volunteer):
    event_services.register(session, volunteer)
    session.starts_at = timezone.now() + timedelta(minutes=30)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save(update_fields=["starts_at", "ends_at"])

    outcomes = run_at_once(lambda index: services.take_attendance(session, [volunteer.pk], by=trainer))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert Certification.objects.filter(user=volunteer).count() == 1


def test_feedback_sent_twice_at_once_leaves_one_answer(db, volunteer):
    resource = ResourceFactory()

    outcomes = run_at_once(lambda index: services.give_feedback(resource, volunteer, useful=index % 2 == 0))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert ResourceFeedback.objects.filter(resource=resource, user=volunteer).count() == 1

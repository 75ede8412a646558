"""The daily reminders run twice at once (two workers, a retried task): each reminder is sent once.

Held by the unique constraint on (commitment, due date, kind), not by a check before the insert; the
threads race for real only on PostgreSQL, so this runs in CI's PostgreSQL pass."""

from datetime import date

from mobilization.commitments import services
from mobilization.commitments.models import ReportReminder
from mobilization.commitments.tests.factories import CommitmentFactory
from mobilization.core.testing import postgres_only, run_at_once
from mobilization.notifications.models import Notification

pytestmark = postgres_only()


def test_the_reminders_task_run_many_times_at_once_sends_each_reminder_once():
    commitments = [CommitmentFactory(starts_on=date(2024, 1, 1)) for _ in range(3)]

    outcomes = run_at_once(lambda _index: services.send_reminders(date(2025, 5, 2)))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert sum(outcomes) == 3
    assert ReportReminder.objects.count() == 3
    for commitment in commitments:
        representative = commitment.organisation.representatives.get()
        assert (
            Notification.objects.filter(recipient=representative, kind="progress_report_overdue").count() == 1
        )

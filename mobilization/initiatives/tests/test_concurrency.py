"""Moderators acting on the same thing at once: it happens once, the others are told it already has.
PostgreSQL only (real threads racing; SQLite serialises writers, so the race cannot happen there)."""

from mobilization.core.errors import InvalidTransition
from mobilization.core.models import AuditEvent
from mobilization.core.testing import postgres_only, run_at_once
from mobilization.initiatives import services
from mobilization.initiatives.models import ContentReport, Initiative
from mobilization.initiatives.tests.factories import ContentReportFactory
from mobilization.notifications.models import Notification

pytestmark = postgres_only()


def test_staff_publishing_at_once_publish_once_and_tell_the_organiser_once(submitted_initiative, moderator):
    outcomes = run_at_once(
        lambda index: services.publish(Initiative.objects.get(pk=submitted_initiative.pk), by=moderator)
    )

    published = [outcome for outcome in outcomes if isinstance(outcome, Initiative)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, InvalidTransition)]
    assert len(published) == 1
    assert len(refused) == len(outcomes) - 1
    assert AuditEvent.objects.filter(action="initiative.published").count() == 1
    told = Notification.objects.filter(recipient=submitted_initiative.organiser, kind="initiative_published")
    assert told.count() == 1


def test_staff_resolving_one_report_at_once_resolve_it_once(published_initiative, moderator, volunteer):
    report = ContentReportFactory(initiative=published_initiative, reporter=volunteer)

    def resolve(index):
        fresh = ContentReport.objects.select_related("initiative").get(pk=report.pk)
        return services.resolve_report(
            fresh, by=moderator, action="unpublish", resolution=f"Decision {index}"
        )

    outcomes = run_at_once(resolve)

    assert len([outcome for outcome in outcomes if isinstance(outcome, ContentReport)]) == 1
    assert AuditEvent.objects.filter(action="initiative.report_resolved").count() == 1
    assert AuditEvent.objects.filter(action="initiative.paused").count() == 1
    unpublished = Notification.objects.filter(
        recipient=published_initiative.organiser, kind="initiative_unpublished"
    )
    assert unpublished.count() == 1

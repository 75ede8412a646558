"""A buddy's offers: the page, accepting and declining, who sees the person's details (is_assigned_buddy_of),
and the periodic upkeep (offers expire, active events dispatched again)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilization.solidarity import dispatching, event_services, offers, tasks
from mobilization.solidarity.models import Assignment, ExtremeEvent
from mobilization.solidarity.rules import is_assigned_buddy_of
from mobilization.solidarity.tests.event_factories import EventFactory, trained_buddy
from mobilization.solidarity.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered(district):
    event = EventFactory(status=ExtremeEvent.Status.ACTIVE)
    buddy = trained_buddy()
    resident = ResidentFactory(district=district, first_name="Odette")
    dispatching.dispatch(event)
    return Assignment.objects.get(event=event), buddy, resident


def test_the_offer_shows_no_detail_of_the_person_until_accepted(client, offered):
    assignment, buddy, resident = offered
    client.force_login(buddy.user)
    page = client.get(reverse("solidarity:offers")).content.decode()
    assert resident.district.name in page
    for secret in ("Odette", resident.last_name, "+33199001234", "rue de la Démo", "4821A"):
        assert secret not in page
    assert not is_assigned_buddy_of(buddy.user, resident)
    response = client.post(reverse("solidarity:offer_accept", kwargs={"pk": assignment.pk}))
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ACCEPTED and assignment.answered_at
    assert is_assigned_buddy_of(buddy.user, resident)


def test_the_rule_ends_with_the_event_and_with_the_certification(offered, coordinator):
    assignment, buddy, resident = offered
    offers.accept(assignment, by=buddy.user)
    assert is_assigned_buddy_of(buddy.user, resident)
    event_services.stand_down(assignment.event, by=coordinator)
    assert not is_assigned_buddy_of(buddy.user, resident)
    event_services.activate(assignment.event, by=coordinator)
    assert is_assigned_buddy_of(buddy.user, resident)
    from mobilization.learning.models import Certification

    Certification.objects.filter(user=buddy.user).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert not is_assigned_buddy_of(buddy.user, resident)


def test_another_buddy_cannot_answer_an_offer(client, offered, district):
    assignment, _, _ = offered
    intruder = trained_buddy()
    client.force_login(intruder.user)
    assert client.post(reverse("solidarity:offer_decline", kwargs={"pk": assignment.pk})).status_code == 404
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.OFFERED
    assert not is_assigned_buddy_of(intruder.user, assignment.resident)


def test_the_upkeep_expires_offers_and_dispatches_new_residents(offered, district, settings):
    assignment, buddy, _ = offered
    settings.SOLIDARITY_OFFER_HOURS = 0
    newcomer = ResidentFactory(district=district)
    result = tasks.dispatch_upkeep.call()
    assert result["expired"] == 1
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.EXPIRED
    # The only buddy let the first offer expire: that person is on the call list; the newcomer is offered.
    assert Assignment.objects.filter(event=assignment.event, resident=newcomer, status="offered").exists()

"""The demo initiatives' events (events_demo.py): plausible events for the demo initiatives, once."""

from io import StringIO

import pytest
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.events.models import Event, Registration
from mobilization.initiatives import events_demo
from mobilization.initiatives.models import Partnership

pytestmark = pytest.mark.django_db


def test_without_initiatives_the_seeder_says_so_and_creates_nothing():
    out = StringIO()
    events_demo.seed(out)
    assert "no published initiative" in out.getvalue()
    assert not Event.objects.exists()


def test_the_seeder_creates_events_registrations_a_waiting_list_and_a_co_hosted_event_once(
    make_initiative, published_initiative, other_organiser
):
    partner = make_initiative("Jardins partagés du 11e", organiser=other_organiser, themes=["greening"])
    Partnership.objects.create(
        requester=partner,
        partner=published_initiative,
        status=Partnership.Status.ACCEPTED,
        created_by=other_organiser,
    )
    volunteer = MemberFactory(email=events_demo.VOLUNTEER, display_name="Camille")
    for email in events_demo.OTHERS:
        MemberFactory(email=email, display_name=email.split("@")[0])
    out = StringIO()

    events_demo.seed(out)

    upcoming = Event.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.count() >= 2
    assert all(e.ends_at > e.starts_at for e in Event.objects.all())
    local_hours = {timezone.localtime(e.starts_at).hour for e in upcoming}
    assert local_hours <= {10, 14, 15, 18, 19}
    assert Registration.objects.filter(user=volunteer, status=Registration.Status.REGISTERED).count() == 2
    assert Registration.objects.filter(status=Registration.Status.WAITLISTED).count() == 2
    assert Event.objects.filter(initiative=partner, cohosts=published_initiative).exists()
    count = Event.objects.count()

    again = StringIO()
    events_demo.seed(again)

    assert Event.objects.count() == count
    assert "already there" in again.getvalue()

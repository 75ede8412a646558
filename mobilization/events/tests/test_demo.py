"""The demo seeder: plausible events for the demo initiatives, once."""

from io import StringIO

import pytest
from django.utils import timezone

from mobilization.events import demo
from mobilization.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_without_initiatives_the_seeder_says_so_and_creates_nothing():
    out = StringIO()
    demo.seed(out)
    assert "no published initiative" in out.getvalue()
    assert not Event.objects.exists()


def test_the_seeder_creates_events_registrations_a_waiting_list_and_a_co_hosted_event_once(
    initiative, partner_initiative, make_volunteer
):
    from tests.access.callers import make_member

    volunteer = make_member(demo.VOLUNTEER, "Camille")
    for email in demo.OTHERS:
        make_member(email, email.split("@")[0])
    out = StringIO()

    demo.seed(out)

    upcoming = Event.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.count() >= 2
    assert all(e.ends_at > e.starts_at for e in Event.objects.all())
    local_hours = {timezone.localtime(e.starts_at).hour for e in upcoming}
    assert local_hours <= {10, 14, 15, 18, 19}
    assert Registration.objects.filter(user=volunteer, status=Registration.Status.REGISTERED).count() == 2
    assert Registration.objects.filter(status=Registration.Status.WAITLISTED).count() == 2
    assert (
        Event.objects.filter(cohosts=initiative).exists()
        or Event.objects.filter(cohosts=partner_initiative).exists()
    )
    count = Event.objects.count()

    again = StringIO()
    demo.seed(again)

    assert Event.objects.count() == count
    assert "already there" in again.getvalue()

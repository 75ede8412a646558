"""Who may do what with events (rules.py), by the permissions' names."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.events.tests.factories import HostFactory

pytestmark = pytest.mark.django_db

RUN_THE_EVENT = ("events.change_event", "events.cancel_event", "events.see_registrations_event")


@pytest.fixture
def staff(db):
    return MemberFactory(roles=[roles.CITY_STAFF])


def test_whoever_runs_the_host_adds_and_runs_its_events(organiser, host, event):
    assert organiser.has_perm("events.add_event", host)
    for permission in RUN_THE_EVENT:
        assert organiser.has_perm(permission, event), permission


def test_city_staff_run_every_event_but_add_none_to_somebodys_host(staff, host, event):
    assert not staff.has_perm("events.add_event", host)
    for permission in RUN_THE_EVENT:
        assert staff.has_perm(permission, event), permission


def test_another_member_reads_and_registers_but_runs_nothing(volunteer, host, event):
    assert volunteer.has_perm("events.view_event", event)
    assert volunteer.has_perm("events.register_event", event)
    assert not volunteer.has_perm("events.add_event", host)
    for permission in RUN_THE_EVENT:
        assert not volunteer.has_perm(permission, event), permission


def test_a_visitor_reads_an_event_and_may_not_register(event):
    visitor = AnonymousUser()

    assert visitor.has_perm("events.view_event", event)
    assert not visitor.has_perm("events.register_event", event)


def test_the_event_of_a_host_that_is_not_public_is_for_those_who_run_it(
    organiser, volunteer, staff, district, make_event
):
    draft = HostFactory(organiser=organiser, district=district, draft=True)
    event = make_event(host=draft)

    assert organiser.has_perm("events.view_event", event)
    assert organiser.has_perm("events.view_host", draft)
    assert staff.has_perm("events.view_event", event)
    assert not volunteer.has_perm("events.view_event", event)
    assert not volunteer.has_perm("events.view_host", draft)
    assert not volunteer.has_perm("events.register_event", event)

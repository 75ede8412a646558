"""The demo's check-ins: buddies accepted their offers, some people are reached, two are escalated."""

from io import StringIO

import pytest

from mobilization.accounts import demo as accounts_demo
from mobilization.core import registries
from mobilization.learning import demo as learning_demo
from mobilization.solidarity import checkin_demo, event_demo
from mobilization.solidarity import demo as solidarity_demo
from mobilization.solidarity.models import CheckIn, Escalation
from mobilization.solidarity.tests.event_factories import paris_arrondissements

pytestmark = pytest.mark.django_db


def test_the_checkins_seeder_runs_after_the_events():
    keys = [key for key, _seeder in registries.demo_seeders.items()]
    assert keys.index("solidarity_events") < keys.index("solidarity_checkins")


def test_the_demo_has_checkins_outcomes_and_an_escalation_of_each_reason():
    paris_arrondissements()
    for seeder in (accounts_demo, learning_demo, solidarity_demo, event_demo, checkin_demo):
        seeder.seed(StringIO())
    assert CheckIn.objects.filter(outcome="fine").count() > 10
    assert CheckIn.objects.filter(buddy__user__email=learning_demo.VOLUNTEER).open().exists()
    reasons = set(Escalation.objects.values_list("reason", flat=True))
    assert reasons == {"needs_help", "no_answer"}
    before = CheckIn.objects.count()
    checkin_demo.seed(StringIO())  # again: nothing added
    assert CheckIn.objects.count() == before

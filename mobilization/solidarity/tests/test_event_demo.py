"""The demo's event: an orange heatwave over Paris from a CAP file, active, its residents dispatched."""

from io import StringIO

import pytest

from mobilization.accounts import demo as accounts_demo
from mobilization.learning import demo as learning_demo
from mobilization.solidarity import demo as solidarity_demo
from mobilization.solidarity import event_demo
from mobilization.solidarity.models import Assignment, CallListEntry, CapMessage, ExtremeEvent
from mobilization.solidarity.tests.event_factories import paris_arrondissements

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_active_orange_heatwave_from_a_cap_file_with_its_dispatch():
    paris_arrondissements()
    for seeder in (accounts_demo, learning_demo, solidarity_demo, event_demo):
        seeder.seed(StringIO())
    event = ExtremeEvent.objects.get()
    assert (event.hazard, event.level, event.status) == ("heatwave", "orange", "active")
    assert event.districts.count() == 20
    assert CapMessage.objects.get(event=event).identifier == "2.49.0.0.250.0.FR.DEMO.HEATWAVE.PARIS.1"
    run = event.dispatch_runs.get()
    assigned = Assignment.objects.filter(event=event, status="offered").count()
    assert run.assigned == assigned > 100
    assert run.call_list == CallListEntry.objects.filter(event=event).count()
    # Seeding again adds nothing.
    event_demo.seed(StringIO())
    assert ExtremeEvent.objects.count() == 1

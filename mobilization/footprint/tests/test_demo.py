"""The demo's footprints: figures for some arrondissements, "fewer than 10" for others."""

from io import StringIO

import pytest

from mobilization.accounts import demo as accounts_demo
from mobilization.footprint import aggregates, demo
from mobilization.footprint.models import PersonalPlan
from mobilization.territory.tests.factories import ArrondissementFactory


@pytest.mark.django_db
def test_the_demo_shows_figures_for_some_arrondissements_and_fewer_than_10_for_others():
    for number in (4, 11, 15, 18, 20):
        ArrondissementFactory(number=number)
    accounts_demo.seed(StringIO())

    demo.seed(StringIO())
    demo.seed(StringIO())  # a second run adds nothing

    rows = {row.code: row.figures for row in aggregates.by_arrondissement()}
    # The 11th: 14 residents and Camille, the demo volunteer.
    assert rows["75111"].people == 15 and rows["75111"].plans == 12 and rows["75111"].committed_kg > 0
    assert rows["75118"].people == 12 and rows["75118"].plans is None
    assert rows["75120"].people == 10 and rows["75120"].plans == 10
    assert rows["75104"].people is None and rows["75115"].median_kg is None
    volunteer_plan = PersonalPlan.objects.get(user__email="volunteer@demo.climat.test")
    assert volunteer_plan.items.count() == 2 and volunteer_plan.committed_kg > 0

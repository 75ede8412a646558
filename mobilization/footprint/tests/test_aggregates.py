"""The anonymous figures per arrondissement: published only for groups of at least 10 people."""

import pytest

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.footprint import aggregates
from mobilization.footprint.models import PersonalPlan
from mobilization.footprint.tests.factories import SavedFootprintFactory
from mobilization.territory.tests.factories import ArrondissementFactory


def test_nine_people_have_no_figures_ten_have_their_median():
    nine = aggregates.figures([float(t) for t in range(1000, 10000, 1000)], [])
    ten = aggregates.figures([float(t) for t in range(1000, 11000, 1000)], [])

    assert (nine.people, nine.median_kg, nine.is_shown) == (None, None, False)
    assert (ten.people, ten.median_kg, ten.is_shown) == (10, 5500.0, True)


def test_committed_savings_need_ten_plans_too():
    totals = [8000.0] * 12

    nine_plans = aggregates.figures(totals, [100.0] * 9)
    ten_plans = aggregates.figures(totals, [100.0] * 10)

    assert (nine_plans.plans, nine_plans.committed_kg) == (None, None)
    assert (ten_plans.plans, ten_plans.committed_kg) == (10, 1000.0)


def test_no_plan_figure_for_a_group_too_small_to_show():
    small = aggregates.figures([8000.0] * 9, [100.0] * 9)

    assert (small.plans, small.committed_kg) == (None, None)


@pytest.fixture
def two_arrondissements(db):
    return ArrondissementFactory(number=3), ArrondissementFactory(number=11)


def people_in(district, count, total=8000.0, committed=0.0):
    people = []
    for index in range(count):
        person = MemberFactory()
        SavedFootprintFactory(user=person, district=district, total_kg=total + index)
        if committed:
            PersonalPlan.objects.create(user=person, committed_kg=committed)
        people.append(person)
    return people


def test_each_arrondissement_shows_its_figures_only_from_ten_people(two_arrondissements):
    third, eleventh = two_arrondissements
    people_in(third, 9, committed=500.0)
    people_in(eleventh, 10, total=6000.0, committed=300.0)

    rows = {row.code: row.figures for row in aggregates.by_arrondissement()}

    assert rows["75103"] == aggregates.Figures(None, None, None, None)
    assert rows["75111"] == aggregates.Figures(10, 6004.5, 10, 3000.0)
    city = rows[""]
    assert (city.people, city.plans, city.committed_kg) == (19, 19, 9 * 500.0 + 10 * 300.0)


def test_a_person_counts_once_with_their_latest_footprint_and_its_arrondissement(two_arrondissements):
    third, eleventh = two_arrondissements
    movers = people_in(third, 10, total=9000.0)
    for person in movers:
        SavedFootprintFactory(user=person, district=eleventh, total_kg=4000.0)

    rows = {row.code: row.figures for row in aggregates.by_arrondissement()}

    assert rows["75103"].people is None
    assert (rows["75111"].people, rows["75111"].median_kg) == (10, 4000.0)

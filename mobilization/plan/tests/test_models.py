"""Targets as values or changes against the baseline, and the data version every change bumps."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from mobilization.plan.models import IndicatorValue, Objective, Target

pytestmark = pytest.mark.django_db


def test_a_target_given_as_a_change_against_the_baseline_has_its_value_computed(paris_plan):
    footprint = paris_plan["carbon-footprint"]
    target = footprint.targets.get(year=2030)

    assert target.target_value == pytest.approx(17.01)  # 28.35 × (1 − 0.40)
    assert target.label == "−40% in 2030 against 2004"


def test_a_net_zero_target_is_zero_and_says_so(paris_plan):
    target = paris_plan["local-emissions"].targets.get(year=2050)

    assert target.target_value == 0
    assert "carbon neutral" in target.label


def test_a_target_in_french_reads_with_french_numbers(paris_plan):
    target = paris_plan["carbon-footprint"].targets.get(year=2030)
    with translation.override("fr"):
        assert target.label.startswith("−40")


def test_a_target_needs_exactly_one_of_value_and_percentage(objective):
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(objective=objective, year=2050, value=10, percent_of_baseline=-50)
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(objective=objective, year=2050)


def test_a_target_of_a_baseline_not_published_has_no_value(objective):
    objective.baseline_value = None
    target = Target(objective=objective, year=2050, percent_of_baseline=-50)

    assert target.target_value is None


def test_every_change_of_the_figures_bumps_the_objective_version(objective):
    version = Objective.objects.get(pk=objective.pk).data_version
    indicator = objective.indicators.get()

    value = IndicatorValue.objects.create(
        indicator=indicator, year=2022, value=85, source_citation="x", source_url="https://example.org"
    )
    after_value = Objective.objects.get(pk=objective.pk).data_version
    value.delete()
    after_delete = Objective.objects.get(pk=objective.pk).data_version
    objective.targets.first().delete()
    after_target = Objective.objects.get(pk=objective.pk).data_version

    assert version < after_value < after_delete < after_target


def test_paris_plan_loads_once_with_its_sources(paris_plan):
    from mobilization.plan.paris import load_paris_plan

    assert load_paris_plan() == {}
    assert {"carbon-footprint", "local-emissions", "energy-use", "renewable-share", "cycling"} <= set(
        paris_plan
    )
    footprint = IndicatorValue.objects.filter(indicator__slug="carbon-footprint").order_by("year")
    assert [(v.year, v.value) for v in footprint] == [
        (2004, 28.35),
        (2014, 25.57),
        (2018, 22.63),
        (2021, 18.54),
        (2022, 19.28),
    ]
    assert all(v.source_url == "https://www.paris.fr/pages/plan-climat-20189" for v in footprint)
    assert "published as 24" in footprint[0].note
    derived = footprint.get(year=2022)
    # The 2022 footprint is published as −32 % against 2004 only: 28.35 × 0.68 = 19.278, not published itself.
    assert derived.is_derived
    assert not derived.is_provisional
    assert "Derived by the platform" in derived.note
    assert "28.35 × (1 − 0.32) = 19.28" in derived.note
    assert "Calculé par la plateforme" in derived.note_fr
    energy_2004 = IndicatorValue.objects.get(indicator__slug="energy-use", year=2004)
    assert energy_2004.is_derived and energy_2004.value == 33.9  # 31.5 TWh in 2014 is −7 % against 2004
    assert "derived by the platform" in paris_plan["energy-use"].baseline_note
    published = IndicatorValue.objects.exclude(pk__in=[derived.pk, energy_2004.pk])
    assert set(published.values_list("status", flat=True)) == {IndicatorValue.Status.FINAL}
    shares = IndicatorValue.objects.filter(indicator__sector__in=["Air travel", "Food"]).order_by(
        "year", "value"
    )
    assert [(v.indicator.sector, v.year, v.value) for v in shares] == [
        ("Air travel", 2018, 34.0),
        ("Food", 2021, 21.0),
        ("Air travel", 2021, 23.0),
        ("Air travel", 2022, 26.0),
    ]
    press = IndicatorValue.objects.get(indicator__slug="cycling-facilities", year=2021)
    assert "second-hand" in press.source_citation


def test_the_demo_seeds_paris_plan_once_and_says_what_it_did(db):
    import io

    from mobilization.plan import demo

    first, second = io.StringIO(), io.StringIO()
    demo.seed(first)
    demo.seed(second)

    assert "12 objectives, 16 targets, 28 indicators, 70 values" in first.getvalue()
    assert "already there" in second.getvalue()
    assert Objective.objects.count() == 12


def test_the_summary_reads_french_numbers_in_french(paris_plan):
    from mobilization.plan.trajectory import trajectory_for

    with translation.override("fr"):
        summary = trajectory_for(paris_plan["local-emissions"]).summary
        explanation = trajectory_for(paris_plan["carbon-footprint"]).status_explanation

    assert "−36" in summary  # 4.72 in 2022 against 7.42 in 2004
    assert "2030" in summary
    assert "13,3" in explanation  # the footprint's projection in 2030
    assert "17,0" in explanation  # against a target of 28.35 × 0.6 = 17.01


def test_paris_plan_is_seeded_in_french_and_in_english(paris_plan):
    footprint = paris_plan["carbon-footprint"]
    air_travel = footprint.indicators.get(slug="carbon-footprint-air-travel")
    neutrality = paris_plan["local-emissions"].targets.get(year=2050)

    with translation.override("fr"):
        assert footprint.title == "Empreinte carbone"
        assert footprint.metric.startswith("Gaz à effet de serre")
        assert "par rapport à 2004" in footprint.description
        assert footprint.baseline_note.startswith("28,35 MtCO2e")
        assert air_travel.title == "Part du transport aérien dans l'empreinte"
        assert air_travel.sector == "Transport aérien"
        assert neutrality.note.startswith("Neutralité carbone : zéro émission locale")
    with translation.override("en"):
        assert footprint.title == "Carbon footprint"
        assert air_travel.sector == "Air travel"
    for objective in paris_plan.values():
        assert objective.title_fr
        assert objective.metric_fr
        assert objective.description_fr
        assert objective.baseline_note_fr
        assert objective.title_en
        assert objective.metric_en
    assert not IndicatorValue.objects.filter(note_fr="").exclude(note_en="").exists()


def test_a_text_without_its_french_version_shows_the_text_itself(objective):
    with translation.override("fr"):
        assert objective.title == "Objective heat"

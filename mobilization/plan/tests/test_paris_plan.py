"""Paris's Climate Plan seed uses every figure the City published (../shared/data/paris/README.md), and no
objective says "no data yet" when the City has published a figure for it."""

import re

import pytest
from django.urls import reverse

from conftest import SHARED_DATA
from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target

pytestmark = pytest.mark.django_db

README = SHARED_DATA / "paris" / "README.md"


def _numbers(text: str) -> set[float]:
    """The figures of a text: "1,094" is 1094, "−32 %" is 32; years, dates and "CO2" are not figures."""
    text = re.sub(r"\d{4}-\d{2}-\d{2}", " ", text)  # dates
    text = re.sub(r"CO2e?|\[P\d\d\]", " ", text)  # units and source keys
    found = set()
    for token in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
        value = float(token.replace(",", ""))
        if not (1990 <= value <= 2060 and value.is_integer()):
            found.add(round(value, 2))
    return found


def published_figures() -> set[float]:
    """Every figure of the README's section "Paris Climate Plan figures"."""
    text = README.read_text(encoding="utf-8")
    return _numbers(text[text.index("## Paris Climate Plan figures") :])


def seeded_figures() -> set[float]:
    """Every figure of the seeded plan: values, baselines, targets, and the figures its texts give."""
    figures = set()
    for value in IndicatorValue.objects.all():
        figures |= {round(value.value, 2)} | _numbers(value.note)
    for objective in Objective.objects.all():
        figures |= _numbers(f"{objective.description} {objective.baseline_note} {objective.metric}")
        if objective.baseline_value is not None:
            figures.add(round(objective.baseline_value, 2))
    for target in Target.objects.select_related("objective"):
        figures |= {round(abs(n), 2) for n in (target.value, target.percent_of_baseline) if n is not None}
        figures |= _numbers(target.note)
        if target.target_value is not None:
            figures.add(round(target.target_value, 2))
    for indicator in Indicator.objects.all():
        figures |= _numbers(indicator.title)
    return figures


def test_the_readme_lists_many_published_figures():
    figures = published_figures()

    assert {28.35, 7.42, 18.54, 4.72, 31.5, 19, 11, 1094, 63000, 4500, 483, 120000, 7500} <= figures


def test_the_seed_uses_every_figure_paris_published(paris_plan):
    missing = sorted(published_figures() - seeded_figures())

    assert missing == []


def test_every_objective_with_a_published_figure_shows_a_value(client, paris_plan):
    dashboard = client.get(reverse("plan:dashboard")).content.decode()

    assert "No data yet" not in dashboard
    for objective in Objective.objects.all():
        page = client.get(reverse("plan:objective", kwargs={"slug": objective.slug})).content.decode()
        assert "No data yet" not in page, objective.slug
        assert objective.indicators.get(is_headline=True).values.exists()


def test_the_series_are_the_climate_city_contracts_with_the_first_published_figures_in_notes(paris_plan):
    footprint = IndicatorValue.objects.filter(indicator__slug="carbon-footprint").order_by("year")
    local = IndicatorValue.objects.filter(indicator__slug="local-emissions").order_by("year")

    assert [(v.year, v.value) for v in footprint] == [
        (2004, 28.35),
        (2014, 25.57),
        (2018, 22.63),
        (2021, 18.54),
        (2022, 19.28),
    ]
    assert [(v.year, v.value) for v in local] == [
        (2004, 7.42),
        (2014, 5.96),
        (2018, 5.28),
        (2021, 4.82),
        (2022, 4.72),
    ]
    assert "22.7" in footprint.get(year=2018).note
    assert footprint.get(year=2022).status == IndicatorValue.Status.DERIVED
    assert "Climate City Contract" in footprint.get(year=2021).source_citation
    assert "second-hand" in IndicatorValue.objects.get(indicator__slug="trees-planted").source_citation

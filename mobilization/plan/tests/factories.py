"""Factories of the plan's objectives, targets, indicators and their figures, for every app's tests.

`ObjectiveWithSeriesFactory()` is the usual objective of a test: a −30 % target in 2040 against 100 in
2016, and a headline series (100 in 2016, 90 in 2020 unless `series=` says otherwise).
"""

import factory
from factory.django import DjangoModelFactory


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = "plan.Objective"
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda number: f"objective-{number}")
    title = factory.LazyAttribute(lambda objective: f"Objective {objective.slug}")
    metric = "Emissions"
    unit = "ktCO2e"
    direction = "down"
    baseline_year = 2016
    baseline_value = 100.0


class TargetFactory(DjangoModelFactory):
    """A change against the baseline by default (−30 % in 2040); give `value=` and
    `percent_of_baseline=None` for an absolute one."""

    class Meta:
        model = "plan.Target"

    objective = factory.SubFactory(ObjectiveFactory)
    year = 2040
    percent_of_baseline = -30


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = "plan.Indicator"

    objective = factory.SubFactory(ObjectiveFactory)
    slug = factory.Sequence(lambda number: f"indicator-{number}")
    title = factory.LazyAttribute(lambda indicator: f"Indicator {indicator.slug}")
    unit = factory.LazyAttribute(lambda indicator: indicator.objective.unit if indicator.objective else "")


class IndicatorValueFactory(DjangoModelFactory):
    class Meta:
        model = "plan.IndicatorValue"

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2020
    value = 100.0
    source_citation = "City report"
    source_url = "https://example.org/report"


class ObjectiveWithSeriesFactory(ObjectiveFactory):
    """An objective with a target (−30 % in 2040) and a headline indicator whose yearly figures are
    `series` ((year, value) pairs)."""

    slug = factory.Sequence(lambda number: f"heat-{number}")

    @factory.post_generation
    def series(objective, create, extracted, **kwargs):
        if not create:
            return
        TargetFactory(objective=objective)
        indicator = IndicatorFactory(
            objective=objective,
            slug=f"{objective.slug}-total",
            title=f"{objective.slug} total",
            is_headline=True,
        )
        for year, value in ((2016, 100.0), (2020, 90.0)) if extracted is None else extracted:
            IndicatorValueFactory(indicator=indicator, year=year, value=value)
        objective.refresh_from_db()  # the data version its figures bumped

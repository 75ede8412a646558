"""Where each objective of the plan stands against its targets, and where its recent trend leads.

The mathematics (target path, trend, projection, status) work on plain numbers and live in
`mobilization.core.trajectory`, with the long "How we compute this" they follow; the commitments of
organisations use them too. This module reads the plan's objectives, targets and headline series from the
database (`load_trajectories()` reads it once per model for any number of objectives), hands them to
`assess()`, and says the outcome in words (`summary_sentence`, `status_explanation`, `method_text`).

"This year" is `current_year()` unless the caller gives `as_of_year`: tests pin it, so that what they
assert does not change with the calendar.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from mobilization.core.trajectory import (
    DEFAULT_RECENT_YEARS,
    Assessment,
    Point,
    Projection,
    Status,
    TargetPoint,
    assess,
    meets,
    percent_of,
)

# --- The objectives, read from the database --------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    """A line of an objective's targets table: the target, and the trend's value in its year (None when
    the year is before the latest figure, or there is no trend)."""

    target: object
    projection: Projection | None


@dataclass(frozen=True)
class MethodText:
    """ "How we compute this", in the visitor's language, with the parameters the assessment used."""

    path: str
    trend: str
    status: str


@dataclass
class ObjectiveTrajectory:
    objective: object
    targets: list
    headline: object | None
    values: list  # the headline series (IndicatorValue), year order
    assessment: Assessment

    @property
    def status(self) -> Status:
        return self.assessment.status

    @property
    def latest_value(self):
        return self.values[-1] if self.values else None

    @property
    def target_rows(self) -> list[TargetRow]:
        projections = {projection.year: projection for projection in self.assessment.projections}
        return [TargetRow(target, projections.get(target.year)) for target in self.targets]

    @property
    def summary(self) -> str:
        return summary_sentence(self)

    @property
    def status_explanation(self) -> str:
        return status_explanation(self)

    @property
    def method(self) -> MethodText:
        return method_text(self.assessment)


def current_year() -> int:
    """The year the status is judged in when the caller does not say (tests pin it with monkeypatch)."""
    return timezone.localdate().year


def recent_years_setting() -> int:
    return int(getattr(settings, "PLAN_RECENT_DATA_YEARS", DEFAULT_RECENT_YEARS))


def build_trajectory(
    objective, targets, headline, values, *, as_of_year: int | None = None
) -> ObjectiveTrajectory:
    """From rows already read: no query here."""
    annual = sorted((value for value in values if value.period_date is None), key=lambda value: value.year)
    baseline = (
        Point(objective.baseline_year, objective.baseline_value)
        if objective.baseline_value is not None
        else None
    )
    for target in targets:
        target.objective = objective  # target_value and label read the baseline without a query
    assessment = assess(
        direction=objective.direction,
        baseline=baseline,
        targets=[TargetPoint(target.year, target.target_value) for target in targets],
        points=[Point(value.year, value.value, value.is_provisional, value.is_derived) for value in annual],
        as_of_year=as_of_year if as_of_year is not None else current_year(),
        recent_years=recent_years_setting(),
    )
    return ObjectiveTrajectory(objective, sorted(targets, key=lambda t: t.year), headline, annual, assessment)


# What pages, charts and the API read of a value (not its timestamps: converting them costs the most).
VALUE_FIELDS = (
    "id",
    "indicator_id",
    "year",
    "period_date",
    "value",
    "status",
    "source_citation",
    "source_url",
    "note",  # with its French and English versions (modeltranslation's only() adds them)
)


def load_trajectories(objectives, *, as_of_year: int | None = None) -> list[ObjectiveTrajectory]:
    """The trajectories of many objectives in three queries (targets, headline indicators, values)."""
    from mobilization.plan.models import Indicator, IndicatorValue, Target

    objectives = list(objectives)
    ids = [objective.pk for objective in objectives]
    targets = defaultdict(list)
    target_fields = (
        "id",
        "objective_id",
        "year",
        "value",
        "percent_of_baseline",
        "is_net_zero",
        "source",
        "note",
    )
    for target in Target.objects.filter(objective_id__in=ids).only(*target_fields).order_by("year"):
        targets[target.objective_id].append(target)
    headlines = {
        indicator.objective_id: indicator
        for indicator in Indicator.objects.filter(objective_id__in=ids, is_headline=True).only(
            "id", "objective_id", "slug", "title", "unit", "sector", "is_headline"
        )
    }
    values = defaultdict(list)
    headline_ids = [indicator.pk for indicator in headlines.values()]
    for value in IndicatorValue.objects.filter(
        indicator_id__in=headline_ids, period_date__isnull=True
    ).order_by("year"):
        values[value.indicator_id].append(value)
    trajectories = []
    for objective in objectives:
        headline = headlines.get(objective.pk)
        series = values.get(headline.pk, []) if headline else []
        trajectories.append(
            build_trajectory(objective, targets[objective.pk], headline, series, as_of_year=as_of_year)
        )
    return trajectories


def trajectory_for(objective, *, as_of_year: int | None = None) -> ObjectiveTrajectory:
    return load_trajectories([objective], as_of_year=as_of_year)[0]


# --- Words ------------------------------------------------------------------------------------------------


def _amount(trajectory: ObjectiveTrajectory, value: float) -> str:
    """A value as a change against the baseline when there is one ("−29 %"), else with its unit."""
    from mobilization.plan.formatting import format_number, format_percent

    objective = trajectory.objective
    change = percent_of(value, objective.baseline_value) if not is_a_share(objective) else None
    if change is not None:
        return format_percent(change, signed=True)
    return f"{format_number(value)} {objective.unit}"


def is_a_share(objective) -> bool:
    """A share (in %) is said in points of its own unit ("19 % in 2023"), never as a change of itself
    ("+90 % since 2004" would read as the share's value)."""
    return objective.unit.strip() == "%"


def summary_sentence(trajectory: ObjectiveTrajectory) -> str:
    """ "−19 % since 2004; on the current trend −29 % in 2030, target −40 %." """
    from mobilization.plan.formatting import format_number, format_percent

    assessment = trajectory.assessment
    objective = trajectory.objective
    latest = assessment.latest
    if latest is None:
        return gettext("No data yet: the city has not published a figure for this objective.")
    if (
        assessment.change_since_baseline_percent is not None
        and latest.year != objective.baseline_year
        and not is_a_share(objective)
    ):
        first = gettext("%(change)s since %(year)s") % {
            "change": format_percent(assessment.change_since_baseline_percent, signed=True),
            "year": objective.baseline_year,
        }
    else:
        first = gettext("%(value)s %(unit)s in %(year)s") % {
            "value": format_number(latest.value),
            "unit": objective.unit,
            "year": latest.year,
        }
    target = assessment.next_target
    if target is not None and assessment.is_past_last_target:
        words = {"first": first, "target": _amount(trajectory, target.value), "year": target.year}
        if meets(latest.value, target.value, assessment.direction):
            return gettext("%(first)s; the last target, %(target)s in %(year)s, is met.") % words
        return gettext("%(first)s; the last target, %(target)s in %(year)s, is not met.") % words
    if assessment.trend is None or target is None:
        return gettext("%(first)s; not enough data for a trend.") % {"first": first}
    projected = assessment.trend.value_in(target.year)
    return gettext("%(first)s; on the current trend %(projected)s in %(year)s, target %(target)s.") % {
        "first": first,
        "projected": _amount(trajectory, projected),
        "year": target.year,
        "target": _amount(trajectory, target.value),
    }


def status_explanation(trajectory: ObjectiveTrajectory) -> str:
    """The status in a sentence, with the gap in the objective's unit."""
    from mobilization.plan.formatting import format_number

    assessment = trajectory.assessment
    unit = trajectory.objective.unit
    status = assessment.status
    if status == Status.NO_DATA:
        return gettext("No figure has been published yet.")
    if status == Status.NO_RECENT_DATA:
        return gettext("The latest figure is from %(year)s: too old to judge the trend.") % {
            "year": assessment.latest.year
        }
    if status == Status.ACHIEVED:
        return gettext(
            "The %(year)s target is already met (latest figure: %(value)s %(unit)s in %(latest)s)."
        ) % {
            "year": assessment.achieved_target.year,
            "value": format_number(assessment.latest.value),
            "unit": unit,
            "latest": assessment.latest.year,
        }
    if status == Status.NOT_ENOUGH_DATA:
        if assessment.next_target is None:
            if not trajectory.targets:
                return gettext("The plan sets no figure to reach: the figures are shown as published.")
            return gettext("No target can be computed yet (the baseline is not published).")
        return gettext("One figure only: a trend needs at least two years.")
    if assessment.is_past_last_target:
        return gettext(
            "The last target, %(target)s %(unit)s in %(year)s, is past: the latest figure, %(value)s "
            "%(unit)s in %(latest)s, is %(gap)s %(unit)s short of it."
        ) % {
            "target": format_number(assessment.next_target.value),
            "unit": unit,
            "year": assessment.next_target.year,
            "value": format_number(assessment.latest.value),
            "latest": assessment.latest.year,
            "gap": format_number(abs(assessment.gap_at_next)),
        }
    values = {
        "projected": format_number(assessment.projected_at_next),
        "target": format_number(assessment.next_target.value),
        "unit": unit,
        "year": assessment.next_target.year,
        "gap": format_number(abs(assessment.gap_at_next)),
    }
    if status == Status.ON_TRACK:
        return (
            gettext(
                "On the current trend, %(projected)s %(unit)s in %(year)s: the target of %(target)s "
                "%(unit)s is within reach."
            )
            % values
        )
    return (
        gettext(
            "On the current trend, %(projected)s %(unit)s in %(year)s against a target of %(target)s "
            "%(unit)s: %(gap)s %(unit)s short."
        )
        % values
    )


def method_text(assessment: Assessment) -> MethodText:
    """The method in words, from the numbers the assessment really used (not from copies of them)."""
    from mobilization.plan.formatting import format_percent

    tolerance = assessment.tolerance_ratio * 100
    tolerance_decimals = 0 if round(tolerance, 6).is_integer() else 1
    count = assessment.trend_points
    years = assessment.recent_years
    return MethodText(
        path=gettext(
            "Target path: a straight line from the baseline to each target in turn (dashed on the chart)."
        ),
        trend=ngettext(
            "Trend: a constant yearly rate of change fitted (least squares on the logarithms) on the last "
            "%(count)s published figure. The projection starts from the latest figure and goes on at that "
            "rate (dotted on the chart). When a figure or a target is zero or below (carbon neutrality, a "
            "net figure), a straight line is fitted instead.",
            "Trend: a constant yearly rate of change fitted (least squares on the logarithms) on the last "
            "%(count)s published figures; with two figures, the compound rate between them; with one, no "
            "trend. The projection starts from the latest figure and goes on at that rate (dotted on the "
            "chart). When a figure or a target is zero or below (carbon neutrality, a net figure), a "
            "straight line is fitted instead.",
            count,
        )
        % {"count": count},
        status=ngettext(
            "Status, against the next target: achieved when the latest figure already meets it (or the "
            "final one); on track when the projection meets it, within %(tolerance)s of the baseline; off "
            "track otherwise, with the gap in the objective's unit. Once every target year is past, the "
            "latest figure itself is compared with the last target. No recent data when the latest figure "
            "is more than %(years)s year old.",
            "Status, against the next target: achieved when the latest figure already meets it (or the "
            "final one); on track when the projection meets it, within %(tolerance)s of the baseline; off "
            "track otherwise, with the gap in the objective's unit. Once every target year is past, the "
            "latest figure itself is compared with the last target. No recent data when the latest figure "
            "is more than %(years)s years old.",
            years,
        )
        % {"tolerance": format_percent(tolerance, decimals=tolerance_decimals), "years": years},
    )

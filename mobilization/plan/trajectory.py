"""Where an objective stands against its targets, and where its recent trend leads.

How we compute this (the same text, in words, is on every objective's page, built by `method_text()` from
the parameters actually used):

1. **Target path.** A straight line from the baseline (year, value) to each target (year, value) in year
   order: between two of them the path is their linear interpolation; after the last target it stays at
   the last target's value. A target given as a change against the baseline ("−50 % against 2004") is
   `baseline × (1 + change / 100)`; it has no value while the baseline is not published.
2. **Where the latest value stands.** The path's value at the latest value's year, and the gap between
   them in the objective's unit and in % of the path's value. For an objective where lower is better, a
   positive gap is behind the path; where higher is better, a negative one is.
3. **Trend.** A constant annual rate of change (compound, "geometric") fitted by least squares on
   log(value) over the last N values of the headline series (N = 3 by default): `log value(year) =
   a + b × year`, the annual rate being `exp(b) − 1`. With exactly two values this is the compound
   rate between them; with one value there is no trend ("not enough data"). When a value used is 0 or
   negative, or a target is 0 or below (a "carbon neutral" target, a net figure), a logarithm cannot be
   taken or never reaches the target: we then fit a straight line (`value = a + b × year`, least squares)
   and say so. **The projection starts from the latest value** and goes on at the fitted rate:
   `latest × exp(b × (year − latest year))`, or `latest + b × (year − latest year)` for a straight line.
   Starting from the fitted curve instead would make the projection begin away from the last published
   figure (the fit does not pass through it when it uses three values), and a reader could not tell
   which of the two the city's future is drawn from.
4. **Status**, judged against the *next* target (the first whose year is this year or later):
   - *no data yet*: the series is empty;
   - *no recent data*: the latest value is older than `recent_years` (10 by default, setting
     `PLAN_RECENT_DATA_YEARS`: cities publish a carbon footprint every 4 to 10 years — Paris in 2004,
     2014, 2018 — so a shorter span would flag every footprint between two inventories);
   - *achieved*: the latest value already meets the next or the final target, in the good direction;
   - *not enough data*: one value only, or no target with a value, so no projection;
   - *on track*: the projection meets the next target in the good direction, within a tolerance of 2 %
     of the baseline value (of the target, without a baseline);
   - *off track*: it does not; the gap at that target's year is the projection minus the target.

   When **every target year is past** there is nothing left to project to: the latest value is compared
   with the last target's value itself, without a tolerance (the deadline is over, the figure is what it
   is). *Achieved* when it meets it, else *off track* with the gap `latest − target`. Projecting the trend
   back to a year already measured would judge the city on a fitted value instead of its figure.

An objective where higher is better (the share of renewable energy) is judged symmetrically.

"This year" is `current_year()` unless the caller gives `as_of_year`: tests pin it, so that what they
assert does not change with the calendar.

The functions of the first part work on plain numbers (`Point`, `Goal`) and are tested with
hand-computed cases; `load_trajectories()` at the end reads the database once per model for any number
of objectives.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

DOWN = "down"
UP = "up"
DEFAULT_TREND_POINTS = 3
DEFAULT_RECENT_YEARS = 10
DEFAULT_TOLERANCE = 0.02
GEOMETRIC = "geometric"
LINEAR = "linear"


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NOT_ENOUGH_DATA = "not_enough_data"
    NO_RECENT_DATA = "no_recent_data"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    Status.ACHIEVED: _("Achieved"),
    Status.ON_TRACK: _("On track"),
    Status.OFF_TRACK: _("Off track"),
    Status.NOT_ENOUGH_DATA: _("Not enough data"),
    Status.NO_RECENT_DATA: _("No recent data"),
    Status.NO_DATA: _("No data yet"),
}


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    is_provisional: bool = False
    is_derived: bool = False  # computed by the platform from published figures, not published itself


@dataclass(frozen=True)
class Goal:
    """A target as a number: `value` is None when it is a change against a baseline not yet known."""

    year: int
    value: float | None


@dataclass(frozen=True)
class Trend:
    method: str  # GEOMETRIC or LINEAR
    intercept: float
    slope: float  # per year: of log(value) when geometric, of the value when linear
    years: tuple[int, ...]  # the years of the values the fit used
    start: Point  # the latest value the fit used: the projection starts from it

    @property
    def annual_rate(self) -> float | None:
        """The constant annual rate of change (−0.0137 is −1.37 % a year); None for a linear fit."""
        return math.exp(self.slope) - 1 if self.method == GEOMETRIC else None

    def fitted_value_in(self, year: int) -> float:
        """The fitted curve itself (it need not pass through the latest value)."""
        if self.method == GEOMETRIC:
            return math.exp(self.intercept + self.slope * year)
        return self.intercept + self.slope * year

    def value_in(self, year: int) -> float:
        """The projection: from the latest value, at the fitted rate (or by the fitted yearly change)."""
        elapsed = year - self.start.year
        if self.method == GEOMETRIC:
            return self.start.value * math.exp(self.slope * elapsed)
        return self.start.value + self.slope * elapsed


@dataclass(frozen=True)
class Projection:
    year: int
    target: float | None
    projected: float
    gap: float | None  # projected − target, in the objective's unit
    meets: bool | None


@dataclass
class Assessment:
    status: Status
    direction: str
    baseline: Point | None
    latest: Point | None
    path: list[Point] = field(default_factory=list)
    path_at_latest: float | None = None
    gap_to_path: float | None = None  # latest − path value at its year
    gap_to_path_percent: float | None = None
    trend: Trend | None = None
    projections: list[Projection] = field(default_factory=list)
    next_goal: Goal | None = None
    achieved_goal: Goal | None = None
    projected_at_next: float | None = None
    gap_at_next: float | None = None  # projected (or, every target past, latest) − target, off/on track
    change_since_baseline_percent: float | None = None
    is_past_last_target: bool = False  # every target year is past: judged on the latest value itself
    # The parameters the assessment used, so that the method text says what was really done.
    trend_points: int = DEFAULT_TREND_POINTS
    recent_years: int = DEFAULT_RECENT_YEARS
    tolerance_ratio: float = DEFAULT_TOLERANCE

    @property
    def is_linear_fallback(self) -> bool:
        return self.trend is not None and self.trend.method == LINEAR

    @property
    def is_ahead_of_path(self) -> bool | None:
        if self.gap_to_path is None:
            return None
        return self.gap_to_path <= 0 if self.direction == DOWN else self.gap_to_path >= 0


# --- Pure functions ---------------------------------------------------------------------------------------


def target_path(baseline: Point | None, goals: list[Goal]) -> list[Point]:
    """The baseline, then every target with a value after it, in year order."""
    start = baseline.year if baseline is not None else None
    points = [baseline] if baseline is not None else []
    for goal in sorted(goals, key=lambda goal: goal.year):
        if goal.value is None or (start is not None and goal.year <= start):
            continue
        points.append(Point(goal.year, goal.value))
    return points


def path_value_at(path: list[Point], year: int) -> float | None:
    """The path's value in a year: interpolated between two of its points, flat after the last one."""
    if not path or year < path[0].year:
        return None
    for before, after in zip(path, path[1:], strict=False):
        if before.year <= year <= after.year:
            share = (year - before.year) / (after.year - before.year)
            return before.value + share * (after.value - before.value)
    return path[-1].value


def _least_squares(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Intercept and slope of the straight line closest to the points (ordinary least squares)."""
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    return mean_y - slope * mean_x, slope


def fit_trend(points: list[Point], *, n: int = DEFAULT_TREND_POINTS, linear: bool = False) -> Trend | None:
    """The trend of the last `n` values (see the module's docstring); None with fewer than two years."""
    recent = sorted(points, key=lambda point: point.year)[-n:]
    if len({point.year for point in recent}) < 2:
        return None
    years = [float(point.year) for point in recent]
    values = [point.value for point in recent]
    used = tuple(point.year for point in recent)
    if linear or any(value <= 0 for value in values):
        intercept, slope = _least_squares(years, values)
        return Trend(LINEAR, intercept, slope, used, recent[-1])
    intercept, slope = _least_squares(years, [math.log(value) for value in values])
    return Trend(GEOMETRIC, intercept, slope, used, recent[-1])


def meets(value: float, target: float, direction: str, tolerance: float = 0.0) -> bool:
    """The value is at or beyond the target in the good direction (give or take the tolerance)."""
    if direction == UP:
        return value >= target - tolerance
    return value <= target + tolerance


def assess(
    *,
    direction: str,
    baseline: Point | None,
    goals: list[Goal],
    points: list[Point],
    as_of_year: int,
    trend_points: int = DEFAULT_TREND_POINTS,
    recent_years: int = DEFAULT_RECENT_YEARS,
    tolerance_ratio: float = DEFAULT_TOLERANCE,
) -> Assessment:
    """Everything the dashboard and an objective page say of an objective, from plain numbers."""
    points = sorted(points, key=lambda point: point.year)
    latest = points[-1] if points else None
    path = target_path(baseline, goals)
    result = Assessment(
        Status.NO_DATA,
        direction,
        baseline,
        latest,
        path,
        trend_points=trend_points,
        recent_years=recent_years,
        tolerance_ratio=tolerance_ratio,
    )
    if latest is None:
        return result
    if baseline is not None and baseline.value:
        result.change_since_baseline_percent = (latest.value / baseline.value - 1) * 100
    result.path_at_latest = path_value_at(path, latest.year) if len(path) > 1 else None
    if result.path_at_latest is not None:
        result.gap_to_path = latest.value - result.path_at_latest
        if result.path_at_latest:
            result.gap_to_path_percent = result.gap_to_path / abs(result.path_at_latest) * 100

    valued = sorted((goal for goal in goals if goal.value is not None), key=lambda goal: goal.year)
    has_a_zero_target = any(goal.value <= 0 for goal in valued)
    result.trend = fit_trend(points, n=trend_points, linear=has_a_zero_target)
    if result.trend is not None:
        result.projections = [
            _projection(result.trend, goal, direction) for goal in valued if goal.year >= latest.year
        ]
    if valued:
        upcoming = [goal for goal in valued if goal.year >= as_of_year]
        result.next_goal = upcoming[0] if upcoming else valued[-1]
        result.is_past_last_target = not upcoming

    if latest.year < as_of_year - recent_years:
        result.status = Status.NO_RECENT_DATA
        return result
    if not valued:
        result.status = Status.NOT_ENOUGH_DATA
        return result
    if result.is_past_last_target:
        return _judge_on_the_latest_value(result, result.next_goal)
    for goal in (result.next_goal, valued[-1]):
        if meets(latest.value, goal.value, direction):
            result.status, result.achieved_goal = Status.ACHIEVED, goal
            return result
    if result.trend is None:
        result.status = Status.NOT_ENOUGH_DATA
        return result
    reference = baseline.value if baseline is not None and baseline.value else result.next_goal.value
    tolerance = tolerance_ratio * abs(reference or latest.value)
    projected = result.trend.value_in(result.next_goal.year)
    result.projected_at_next = projected
    result.gap_at_next = projected - result.next_goal.value
    on_track = meets(projected, result.next_goal.value, direction, tolerance)
    result.status = Status.ON_TRACK if on_track else Status.OFF_TRACK
    return result


def _judge_on_the_latest_value(result: Assessment, last_goal: Goal) -> Assessment:
    """Every target year is past: the latest value meets the last target, or falls short by the gap."""
    if meets(result.latest.value, last_goal.value, result.direction):
        result.status, result.achieved_goal = Status.ACHIEVED, last_goal
    else:
        result.status = Status.OFF_TRACK
        result.gap_at_next = result.latest.value - last_goal.value
    return result


def _projection(trend: Trend, goal: Goal, direction: str) -> Projection:
    projected = trend.value_in(goal.year)
    return Projection(
        goal.year, goal.value, projected, projected - goal.value, meets(projected, goal.value, direction)
    )


def percent_of(value: float | None, baseline: float | None) -> float | None:
    """The change from the baseline in %: 22.7 against 28 is −18.9."""
    if value is None or not baseline:
        return None
    return (value / baseline - 1) * 100


# --- The service: the objectives read from the database -------------------------------------------------


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
    goals = [Goal(target.year, target.target_value) for target in targets]
    assessment = assess(
        direction=objective.direction,
        baseline=baseline,
        goals=goals,
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
    "note",
    "note_fr",
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
        "note_fr",
    )
    for target in Target.objects.filter(objective_id__in=ids).only(*target_fields).order_by("year"):
        targets[target.objective_id].append(target)
    headlines = {
        indicator.objective_id: indicator
        for indicator in Indicator.objects.filter(objective_id__in=ids, is_headline=True).only(
            "id", "objective_id", "slug", "title", "title_fr", "unit", "sector", "sector_fr", "is_headline"
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
    change = percent_of(value, objective.baseline_value)
    if change is not None:
        return format_percent(change, signed=True)
    return f"{format_number(value)} {objective.unit}"


def summary_sentence(trajectory: ObjectiveTrajectory) -> str:
    """ "−19 % since 2004; on the current trend −29 % in 2030, target −40 %." """
    from mobilization.plan.formatting import format_number, format_percent

    assessment = trajectory.assessment
    objective = trajectory.objective
    latest = assessment.latest
    if latest is None:
        return gettext("No data yet: the city has not published a figure for this objective.")
    if assessment.change_since_baseline_percent is not None and latest.year != objective.baseline_year:
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
    goal = assessment.next_goal
    if goal is not None and assessment.is_past_last_target:
        words = {"first": first, "target": _amount(trajectory, goal.value), "year": goal.year}
        if meets(latest.value, goal.value, assessment.direction):
            return gettext("%(first)s; the last target, %(target)s in %(year)s, is met.") % words
        return gettext("%(first)s; the last target, %(target)s in %(year)s, is not met.") % words
    if assessment.trend is None or goal is None:
        return gettext("%(first)s; not enough data for a trend.") % {"first": first}
    projected = assessment.trend.value_in(goal.year)
    return gettext("%(first)s; on the current trend %(projected)s in %(year)s, target %(target)s.") % {
        "first": first,
        "projected": _amount(trajectory, projected),
        "year": goal.year,
        "target": _amount(trajectory, goal.value),
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
            "year": assessment.achieved_goal.year,
            "value": format_number(assessment.latest.value),
            "unit": unit,
            "latest": assessment.latest.year,
        }
    if status == Status.NOT_ENOUGH_DATA:
        if assessment.next_goal is None:
            return gettext("No target can be computed yet (the baseline is not published).")
        return gettext("One figure only: a trend needs at least two years.")
    if assessment.is_past_last_target:
        return gettext(
            "The last target, %(target)s %(unit)s in %(year)s, is past: the latest figure, %(value)s "
            "%(unit)s in %(latest)s, is %(gap)s %(unit)s short of it."
        ) % {
            "target": format_number(assessment.next_goal.value),
            "unit": unit,
            "year": assessment.next_goal.year,
            "value": format_number(assessment.latest.value),
            "latest": assessment.latest.year,
            "gap": format_number(abs(assessment.gap_at_next)),
        }
    values = {
        "projected": format_number(assessment.projected_at_next),
        "target": format_number(assessment.next_goal.value),
        "unit": unit,
        "year": assessment.next_goal.year,
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

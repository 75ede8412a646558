"""Where a series of figures stands against its targets, and where its recent trend leads: the maths.

Plain numbers in, plain numbers out: no model, no database. The Climate Plan judges its objectives with
it (`mobilization.plan.trajectory` reads the objectives, targets and figures and hands them over as
`Point`s and `TargetPoint`s), and the organisations' commitments track their progress against their
targets the same way.

How we compute this (the same text, in words, is on every objective's page, built by the plan's
`method_text()` from the parameters actually used):

1. **Target path.** A straight line from the baseline (year, value) to each target (year, value) in year
   order: between two of them the path is their linear interpolation; after the last target it stays at
   the last target's value. A target given as a change against the baseline ("−50 % against 2004") is
   `baseline × (1 + change / 100)` (`value_of_change()`); it has no value while the baseline is not
   published.
2. **Where the latest value stands.** The path's value at the latest value's year, and the gap between
   them in the series' unit and in % of the path's value. Where lower is better, a positive gap is behind
   the path; where higher is better, a negative one is.
3. **Trend.** A constant annual rate of change (compound, "geometric") fitted by least squares on
   log(value) over the last N values of the series (N = 3 by default): `log value(year) =
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
   - *no recent data*: the latest value is older than `recent_years` (10 by default; the plan reads it
     from the setting `PLAN_RECENT_DATA_YEARS`: cities publish a carbon footprint every 4 to 10 years —
     Paris in 2004, 2014, 2018 — so a shorter span would flag every footprint between two inventories);
   - *achieved*: the latest value already meets the next or the final target, in the good direction;
   - *not enough data*: one value only, or no target with a value, so no projection;
   - *on track*: the projection meets the next target in the good direction, within a tolerance of 2 %
     of the baseline value (of the target, without a baseline);
   - *off track*: it does not; the gap at that target's year is the projection minus the target.

   When **every target year is past** there is nothing left to project to: the latest value is compared
   with the last target's value itself, without a tolerance (the deadline is over, the figure is what it
   is). *Achieved* when it meets it, else *off track* with the gap `latest − target`. Projecting the trend
   back to a year already measured would judge the city on a fitted value instead of its figure.

A series where higher is better (the share of renewable energy) is judged symmetrically.

"This year" is given by the caller (`as_of_year`): the plan passes its `current_year()`, which tests pin,
so that what they assert does not change with the calendar.

Every function here is tested with hand-computed cases (`core/tests/test_trajectory.py`).
"""

import math
from dataclasses import dataclass, field
from enum import StrEnum

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
class TargetPoint:
    """A target as a number: its year, and its value (None when it is a change against a baseline not yet
    known)."""

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
    gap: float | None  # projected − target, in the series' unit
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
    next_target: TargetPoint | None = None
    achieved_target: TargetPoint | None = None
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


def target_path(baseline: Point | None, targets: list[TargetPoint]) -> list[Point]:
    """The baseline, then every target with a value after it, in year order."""
    start = baseline.year if baseline is not None else None
    points = [baseline] if baseline is not None else []
    for target in sorted(targets, key=lambda target: target.year):
        if target.value is None or (start is not None and target.year <= start):
            continue
        points.append(Point(target.year, target.value))
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
    targets: list[TargetPoint],
    points: list[Point],
    as_of_year: int,
    trend_points: int = DEFAULT_TREND_POINTS,
    recent_years: int = DEFAULT_RECENT_YEARS,
    tolerance_ratio: float = DEFAULT_TOLERANCE,
) -> Assessment:
    """Everything there is to say of a series against its targets (the plan's dashboard and objective
    pages say all of it), from plain numbers."""
    points = sorted(points, key=lambda point: point.year)
    latest = points[-1] if points else None
    path = target_path(baseline, targets)
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

    valued = sorted(
        (target for target in targets if target.value is not None), key=lambda target: target.year
    )
    has_a_zero_target = any(target.value <= 0 for target in valued)
    result.trend = fit_trend(points, n=trend_points, linear=has_a_zero_target)
    if result.trend is not None:
        result.projections = [
            _projection(result.trend, target, direction) for target in valued if target.year >= latest.year
        ]
    if valued:
        upcoming = [target for target in valued if target.year >= as_of_year]
        result.next_target = upcoming[0] if upcoming else valued[-1]
        result.is_past_last_target = not upcoming

    if latest.year < as_of_year - recent_years:
        result.status = Status.NO_RECENT_DATA
        return result
    if not valued:
        result.status = Status.NOT_ENOUGH_DATA
        return result
    if result.is_past_last_target:
        return _judge_on_the_latest_value(result, result.next_target)
    for target in (result.next_target, valued[-1]):
        if meets(latest.value, target.value, direction):
            result.status, result.achieved_target = Status.ACHIEVED, target
            return result
    if result.trend is None:
        result.status = Status.NOT_ENOUGH_DATA
        return result
    reference = baseline.value if baseline is not None and baseline.value else result.next_target.value
    tolerance = tolerance_ratio * abs(reference or latest.value)
    projected = result.trend.value_in(result.next_target.year)
    result.projected_at_next = projected
    result.gap_at_next = projected - result.next_target.value
    on_track = meets(projected, result.next_target.value, direction, tolerance)
    result.status = Status.ON_TRACK if on_track else Status.OFF_TRACK
    return result


def _judge_on_the_latest_value(result: Assessment, last_target: TargetPoint) -> Assessment:
    """Every target year is past: the latest value meets the last target, or falls short by the gap."""
    if meets(result.latest.value, last_target.value, result.direction):
        result.status, result.achieved_target = Status.ACHIEVED, last_target
    else:
        result.status = Status.OFF_TRACK
        result.gap_at_next = result.latest.value - last_target.value
    return result


def _projection(trend: Trend, target: TargetPoint, direction: str) -> Projection:
    projected = trend.value_in(target.year)
    return Projection(
        target.year,
        target.value,
        projected,
        projected - target.value,
        meets(projected, target.value, direction),
    )


def percent_of(value: float | None, baseline: float | None) -> float | None:
    """The change from the baseline in %: 22.7 against 28 is −18.9."""
    if value is None or not baseline:
        return None
    return (value / baseline - 1) * 100


def value_of_change(baseline: float | None, percent: float | None) -> float | None:
    """A target given as a change against the baseline, as a value: −40 % against 28 is 16.8. None while
    the baseline (or the change) is not known."""
    if baseline is None or percent is None:
        return None
    return baseline * (1 + percent / 100)

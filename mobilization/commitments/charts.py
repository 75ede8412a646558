"""A commitment's chart: the plan's SVG chart component (`plan.charts.render_chart`), fed with the
commitment's figures.

The plan's component draws a series against its target path, its trend's projection and its targets; it
reads a trajectory's `objective` (title, unit, baseline), `assessment`, `values` and `summary`. Here the
"objective" is the commitment, the values its reports (one a year), and self-declared figures are drawn
as the plan draws provisional ones (hollow squares): the page says so beside the chart. Charts are cached
under the commitment's last change, layout and language.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mobilization.commitments import services
from mobilization.core.trajectory import Assessment
from mobilization.plan import charts as plan_charts
from mobilization.plan.formatting import format_number, format_percent

CHART_CACHE_SECONDS = 60 * 60 * 24
WIDE, NARROW = plan_charts.WIDE, plan_charts.NARROW


@dataclass(frozen=True)
class Subject:
    """What the plan's chart calls the objective: a title, a unit and a baseline."""

    title: str
    unit: str
    baseline_year: int
    baseline_value: float


@dataclass(frozen=True)
class Figure:
    year: int
    value: float
    is_provisional: bool
    is_derived: bool = False


@dataclass
class CommitmentTrajectory:
    objective: Subject
    assessment: Assessment
    values: list

    @property
    def summary(self) -> str:
        return summary_sentence(self)


def trajectory_of(commitment, reports=None) -> CommitmentTrajectory:
    reports = list(commitment.reports.all()) if reports is None else reports
    assessment = services.assessment_of(commitment, reports)
    values = [Figure(p.year, p.value, p.is_provisional) for p in services.yearly_points(reports)]
    subject = Subject(commitment.title, commitment.unit, commitment.baseline_year, commitment.baseline_value)
    return CommitmentTrajectory(subject, assessment, values)


def summary_sentence(trajectory: CommitmentTrajectory) -> str:
    assessment, subject = trajectory.assessment, trajectory.objective
    latest = assessment.latest
    if latest is None:
        return _("No report yet.")
    words = {
        "value": format_number(latest.value),
        "unit": subject.unit,
        "year": latest.year,
        "baseline": format_number(subject.baseline_value),
        "baseline_year": subject.baseline_year,
        "status": assessment.status.label,
    }
    sentence = (
        _("%(value)s %(unit)s in %(year)s, against %(baseline)s in %(baseline_year)s: %(status)s.") % words
    )
    if assessment.change_since_baseline_percent is not None:
        sentence += " " + _("Change since the baseline: %(change)s.") % {
            "change": format_percent(assessment.change_since_baseline_percent, signed=True)
        }
    return sentence


def chart_title(commitment) -> str:
    return _("Chart: %(title)s") % {"title": commitment.title}


def cache_key(commitment, layout: str) -> str:
    version = commitment.updated_at.timestamp() if commitment.updated_at else 0
    return f"commitments:chart:v1:{commitment.pk}:{version}:{services.this_year()}:{layout}:{get_language()}"


def chart_svg(commitment, layout: str = WIDE) -> str:
    key = cache_key(commitment, layout)
    svg = cache.get(key)
    if svg is None:
        svg = plan_charts.render_chart(trajectory_of(commitment), layout)
        cache.set(key, svg, CHART_CACHE_SECONDS)
    return svg

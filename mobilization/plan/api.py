"""Climate Plan in the public API: objectives with their targets, status and trajectory; indicator series."""

from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import get_language
from ninja import Field, Path, Query, Router, Schema, Status

from mobilization.core.openapi import api_enum
from mobilization.core.opendata import text_columns
from mobilization.plan.models import Indicator, IndicatorValue, Objective
from mobilization.plan.services import objectives_version
from mobilization.plan.trajectory import current_year, load_trajectories, trajectory_for

router = Router(tags=["plan"])

SLUG = Path(..., max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")
MAX_INDICATORS_PER_PAGE = 200
API_CACHE_SECONDS = 60 * 60  # the key holds the objectives' data versions: a change is served at once

IndicatorValueStatus = api_enum("IndicatorValueStatus", IndicatorValue.Status)
ObjectiveDirection = api_enum("ObjectiveDirection", Objective.Direction)


class Message(Schema):
    detail: Any


class TargetOut(Schema):
    year: int
    value: float | None = Field(
        description="In the objective's unit; null while the baseline is unpublished."
    )
    percent_of_baseline: float | None = Field(
        description="The target as a change against the baseline, in %."
    )
    is_net_zero: bool = Field(description="A carbon neutral (zero) target.")
    label: str


class LatestOut(Schema):
    year: int
    value: float
    status: IndicatorValueStatus


class YearValue(Schema):
    year: int
    value: float


class ProjectionOut(Schema):
    method: str = Field(
        description="“geometric” (constant yearly rate) or “linear” (zero target, net figure)."
    )
    annual_rate: float | None = Field(description="Yearly rate of change as a fraction; null when linear.")
    years_used: list[int]
    values: list[YearValue] = Field(
        description="The trend projected to each target year from the latest year."
    )


class ObjectiveOut(Schema):
    slug: str
    title: str = Field(
        description="Its title in the language asked for (Accept-Language), else in the other one."
    )
    title_fr: str = Field(description="Its French version; empty when the city gave none.")
    title_en: str = Field(description="Its English version; empty when the city gave none.")
    metric: str
    metric_fr: str
    metric_en: str
    unit: str
    direction: ObjectiveDirection
    baseline_year: int
    baseline_value: float | None
    targets: list[TargetOut]
    latest: LatestOut | None
    status: str = Field(description="achieved, on_track, off_track, not_enough_data, no_recent_data, no_data")
    status_label: str
    next_target_year: int | None
    projected_at_next_target: float | None
    gap_at_next_target: float | None = Field(
        description="Projection minus the next target, in the unit; once every target year is past, the "
        "latest figure minus the last target."
    )
    summary: str
    url: str


class SeriesPoint(Schema):
    year: int
    value: float
    status: IndicatorValueStatus
    source: str
    source_url: str
    note: str
    note_fr: str
    note_en: str


class ObjectiveDetailOut(ObjectiveOut):
    series: list[SeriesPoint] = Field(description="The headline indicator's yearly values.")
    target_path: list[YearValue]
    projection: ProjectionOut | None
    gap_to_path: float | None = Field(
        description="Latest value minus the target path in its year, in the unit."
    )
    gap_to_path_percent: float | None


class IndicatorOut(Schema):
    slug: str
    title: str = Field(
        description="Its title in the language asked for (Accept-Language), else in the other one."
    )
    title_fr: str = Field(description="Its French version; empty when the city gave none.")
    title_en: str = Field(description="Its English version; empty when the city gave none.")
    unit: str
    sector: str = Field(description="The sector of a breakdown; empty for a total.")
    sector_fr: str
    sector_en: str
    objective: str | None
    is_headline: bool
    values_count: int
    url: str


class IndicatorList(Schema):
    total: int
    limit: int
    offset: int
    items: list[IndicatorOut]


class IndicatorValueOut(Schema):
    year: int
    date: str | None
    value: float
    status: IndicatorValueStatus
    source: str
    source_url: str
    note: str
    note_fr: str
    note_en: str


class IndicatorDetailOut(IndicatorOut):
    description: str
    description_fr: str
    description_en: str
    series: list[IndicatorValueOut]


class PageQuery(Schema):
    limit: int = Field(100, ge=1, le=MAX_INDICATORS_PER_PAGE)
    offset: int = Field(0, ge=0, le=2**31)


def _objective(request, trajectory) -> dict:
    objective = trajectory.objective
    assessment = trajectory.assessment
    latest = trajectory.latest_value
    return {
        "slug": objective.slug,
        **text_columns(objective, "title"),
        **text_columns(objective, "metric"),
        "unit": objective.unit,
        "direction": objective.direction,
        "baseline_year": objective.baseline_year,
        "baseline_value": objective.baseline_value,
        "targets": [
            {
                "year": target.year,
                "value": target.target_value,
                "percent_of_baseline": target.percent_of_baseline,
                "is_net_zero": target.is_net_zero,
                "label": target.label,
            }
            for target in trajectory.targets
        ],
        "latest": {"year": latest.year, "value": latest.value, "status": latest.status} if latest else None,
        "status": str(assessment.status),
        "status_label": assessment.status.label,
        "next_target_year": assessment.next_target.year if assessment.next_target else None,
        "projected_at_next_target": assessment.projected_at_next,
        "gap_at_next_target": assessment.gap_at_next,
        "summary": trajectory.summary,
        "url": request.build_absolute_uri(objective.get_absolute_url()),
    }


@router.get(
    "/plan/objectives",
    response={200: list[ObjectiveOut]},
    url_name="plan_objectives",
    summary="Climate Plan objectives",
)
def list_objectives(request):
    """Every objective with its targets, latest figure, status and the gap at its next target (see the
    method on any objective's page: "How we compute this")."""
    version = ":".join(map(str, objectives_version()))
    # The year too: a status ("no recent data") changes with it, not only with the data.
    where = f"{get_language()}:{request.scheme}:{request.get_host()}"
    key = f"plan:api-objectives:v2:{version}:{current_year()}:{where}"
    payload = cache.get(key)
    if payload is None:
        payload = [
            _objective(request, trajectory) for trajectory in load_trajectories(Objective.objects.all())
        ]
        cache.set(key, payload, API_CACHE_SECONDS)
    return payload


@router.get(
    "/plan/objectives/{slug}",
    response={200: ObjectiveDetailOut, 404: Message, 422: Message},
    url_name="plan_objective",
    summary="One Climate Plan objective",
)
def get_objective(request, slug: str = SLUG):
    """An objective with its headline series, the target path and the projection of the recent trend."""
    objective = Objective.objects.filter(slug=slug).first()
    if objective is None:
        return Status(404, {"detail": "Not Found"})
    trajectory = trajectory_for(objective)
    assessment = trajectory.assessment
    data = _objective(request, trajectory)
    trend = assessment.trend
    data.update(
        series=[
            {
                "year": value.year,
                "value": value.value,
                "status": value.status,
                "source": value.source_citation,
                "source_url": value.source_url,
                **text_columns(value, "note"),
            }
            for value in trajectory.values
        ],
        target_path=[{"year": point.year, "value": point.value} for point in assessment.path],
        projection=None
        if trend is None
        else {
            "method": trend.method,
            "annual_rate": trend.annual_rate,
            "years_used": list(trend.years),
            "values": [{"year": p.year, "value": p.projected} for p in assessment.projections],
        },
        gap_to_path=assessment.gap_to_path,
        gap_to_path_percent=assessment.gap_to_path_percent,
    )
    return data


def _indicator(request, indicator) -> dict:
    return {
        "slug": indicator.slug,
        **text_columns(indicator, "title"),
        "unit": indicator.unit,
        **text_columns(indicator, "sector"),
        "objective": indicator.objective.slug if indicator.objective else None,
        "is_headline": indicator.is_headline,
        "values_count": indicator.values_count,
        "url": request.build_absolute_uri(indicator.get_absolute_url()),
    }


@router.get(
    "/plan/indicators",
    response={200: IndicatorList, 422: Message},
    url_name="plan_indicators",
    summary="Climate Plan indicators",
)
def list_indicators(request, page: Query[PageQuery]):
    """The indicators (sector breakdowns included), a page at a time; `total` counts them all."""
    indicators = Indicator.objects.select_related("objective").annotate(values_count=Count("values"))
    indicators = indicators.order_by(
        "objective__position", "objective__title", "-is_headline", "position", "slug"
    )
    total = Indicator.objects.count()
    items = indicators[page.offset : page.offset + page.limit]
    return {
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
        "items": [_indicator(request, indicator) for indicator in items],
    }


@router.get(
    "/plan/indicators/{slug}",
    response={200: IndicatorDetailOut, 404: Message, 422: Message},
    url_name="plan_indicator",
    summary="One indicator and its series",
)
def get_indicator(request, slug: str = SLUG):
    indicator = (
        Indicator.objects.select_related("objective")
        .annotate(values_count=Count("values"))
        .filter(slug=slug)
        .first()
    )
    if indicator is None:
        return Status(404, {"detail": "Not Found"})
    data = _indicator(request, indicator)
    data.update(
        **text_columns(indicator, "description"),
        series=[
            {
                "year": value.year,
                "date": value.period_date.isoformat() if value.period_date else None,
                "value": value.value,
                "status": value.status,
                "source": value.source_citation,
                "source_url": value.source_url,
                **text_columns(value, "note"),
            }
            for value in indicator.values.order_by("year", "period_date")
        ],
    )
    return data

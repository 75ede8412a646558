"""Published initiatives in the public API: the list's filters, one initiative, impact totals.

Only public initiatives (published, paused, finished) and only what their public page shows: no e-mail,
no organiser id, no members. Licence of the data: Licence Ouverte / Open Licence 2.0 (Etalab).
"""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import QueryDict
from ninja import Field, Path, Query, Router, Schema, Status

from mobilization.core.opendata import LICENCE_OUVERTE
from mobilization.core.registries import organisers_shown
from mobilization.core.themes import Theme
from mobilization.initiatives import services
from mobilization.initiatives.filters import (
    LIST_FIELDS,
    STATUS_CHOICES,
    InitiativeFilter,
    attach_next_events,
    detail_url_pattern,
    distance_km,
    listing_queryset,
)
from mobilization.initiatives.models import Initiative

router = Router(tags=["initiatives"])

MAX_PER_PAGE = 200
LICENCE = str(LICENCE_OUVERTE)  # "Licence Ouverte / Open Licence 2.0 (https://…)", as the downloads
API_FIELDS = (*LIST_FIELDS, "description", "skills_wanted")

StatusFilter = Literal[tuple(value for value, _label in STATUS_CHOICES)]  # type: ignore[valid-type]
ThemeKey = Literal[tuple(Theme.values)]  # type: ignore[valid-type]


class Message(Schema):
    detail: Any


class ImpactTotal(Schema):
    unit: str = Field(description="people, events, kg_waste, trees or t_co2e.")
    label: str
    total: Decimal


class ThemeImpact(Schema):
    theme: str
    label: str
    totals: list[ImpactTotal]


class InitiativeOut(Schema):
    id: int
    title: str
    summary: str
    description: str = Field(description="Markdown, as the organiser wrote it.")
    themes: list[str] = Field(description="Theme keys.")
    theme_labels: list[str]
    district: str = Field(description="INSEE code of the arrondissement, e.g. 75111.")
    district_name: str
    lat: float
    lon: float
    status: str = Field(description="published, paused or finished.")
    published_at: datetime | None
    volunteers_needed: int
    needs: str
    skills_wanted: list[str]
    website: str
    next_event_at: datetime | None = Field(description="Start of the next scheduled event, if any.")
    distance_km: float | None = Field(description="With lat/lon or near_district: km from that point.")
    search_score: float | None = Field(description="With q: the relevance score (higher is better).")
    url: str = Field(description="The initiative's page on the platform.")
    organisation: str | None = Field(None, description="The organisation that runs it, if one does.")
    organisation_url: str | None = Field(None, description="That organisation's page on the platform.")


class InitiativeDetailOut(InitiativeOut):
    impact: list[ImpactTotal]


class InitiativePage(Schema):
    total: int = Field(description="How many initiatives match the filters, on all pages.")
    limit: int
    offset: int
    licence: str
    items: list[InitiativeOut]


class ImpactOut(Schema):
    initiatives: int = Field(description="How many initiatives match the filters.")
    totals: list[ImpactTotal]
    by_theme: list[ThemeImpact]


class InitiativeQuery(Schema):
    q: str | None = Field(None, max_length=200, description="Full-text search; accents and case ignored.")
    theme: ThemeKey | None = None
    district: str | None = Field(
        None, max_length=12, pattern=r"^[0-9A-Za-z]+$", description="Arrondissement INSEE code, e.g. 75111."
    )
    status: StatusFilter | None = Field(None, description="Default: published; `all` for every public one.")
    needs_volunteers: bool = False
    has_upcoming_event: bool = False
    sort: Literal["relevance", "newest", "nearest"] | None = Field(
        None, description="Default: relevance when searching, nearest with a point, else newest."
    )
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    near_district: str | None = Field(None, max_length=12, pattern=r"^[0-9A-Za-z]+$")


class PageQuery(InitiativeQuery):
    limit: int = Field(20, ge=1, le=MAX_PER_PAGE)
    offset: int = Field(0, ge=0, le=2**31)


def _filter_for(filters: InitiativeQuery, queryset=None) -> InitiativeFilter:
    """The list's filter with the API's parameters. A `near_district` that is no arrondissement is left out
    (the answer is then not sorted from it): the document allows any code, so it is no error."""
    data = QueryDict(mutable=True)
    for name in ("q", "theme", "district", "status", "sort", "lat", "lon", "near_district"):
        value = getattr(filters, name)
        if value not in (None, ""):
            data[name] = str(value)
    for name in ("needs_volunteers", "has_upcoming_event"):
        if getattr(filters, name):
            data[name] = "true"
    initiative_filter = InitiativeFilter(data, queryset=queryset)
    if filters.near_district and not _is_a_choice(initiative_filter, "near_district", filters.near_district):
        del data["near_district"]
        initiative_filter = InitiativeFilter(data, queryset=queryset)
    return initiative_filter


def _is_a_choice(initiative_filter: InitiativeFilter, name: str, code: str) -> bool:
    return initiative_filter.form.fields[name].queryset.filter(code=code).exists()


def _item(initiative: Initiative, pattern: str, shown: dict) -> dict:
    """`shown`: the organisations that run initiatives, by initiative (`registries.organisers_shown`)."""
    score = getattr(initiative, "search_score", None)
    organisation = shown.get(initiative.pk)
    return {
        "organisation": organisation.name if organisation else None,
        "organisation_url": organisation.url if organisation else None,
        "id": initiative.pk,
        "title": initiative.title,
        "summary": initiative.summary,
        "description": initiative.description,
        "themes": list(initiative.themes),
        "theme_labels": [str(label) for label in initiative.theme_labels()],
        "district": initiative.district.code,
        "district_name": initiative.district.name,
        "lat": initiative.lat,
        "lon": initiative.lon,
        "status": initiative.status,
        "published_at": initiative.published_at,
        "volunteers_needed": initiative.volunteers_needed,
        "needs": initiative.needs,
        "skills_wanted": list(initiative.skills_wanted or []),
        "website": initiative.website,
        "next_event_at": getattr(initiative, "next_event_at", None),
        "distance_km": round(distance_km(initiative), 3) if distance_km(initiative) is not None else None,
        "search_score": round(score, 4) if score is not None else None,
        "url": pattern.replace("999999999", str(initiative.pk)),
    }


def _api_queryset():
    return listing_queryset().select_related("district").only(*API_FIELDS)


@router.get(
    "/initiatives",
    response={200: InitiativePage, 422: Message},
    url_name="list_initiatives",
    summary="Initiatives",
)
def list_initiatives(request, filters: Query[PageQuery]):
    """Public initiatives, filtered and sorted like the list at /initiatives/ (the same parameters).

    Without `status`, only the published (active) ones. Pages: `limit` (at most 200) and `offset`;
    `total` counts every match. An arrondissement that does not exist matches nothing."""
    initiative_filter = _filter_for(filters, queryset=_api_queryset())
    if filters.district and not _is_a_choice(initiative_filter, "district", filters.district):
        return {"total": 0, "limit": filters.limit, "offset": filters.offset, "licence": LICENCE, "items": []}
    if not initiative_filter.is_valid():
        return Status(422, {"detail": initiative_filter.errors.get_json_data()})
    results = initiative_filter.sorted_qs
    total = results.count()
    pattern = request.build_absolute_uri(detail_url_pattern())
    page = attach_next_events(results[filters.offset : filters.offset + filters.limit])
    shown = organisers_shown(initiative.pk for initiative in page)
    return {
        "total": total,
        "limit": filters.limit,
        "offset": filters.offset,
        "licence": LICENCE,
        "items": [_item(initiative, pattern, shown) for initiative in page],
    }


# Declared before /initiatives/{initiative_id}: the fixed path is tried first.
@router.get(
    "/initiatives/impact",
    response={200: ImpactOut, 422: Message},
    url_name="initiatives_impact",
    summary="Impact of initiatives",
)
def initiatives_impact(request, filters: Query[InitiativeQuery]):
    """The impact recorded by the initiatives matching the filters: totals per unit and per theme (an
    initiative with two themes counts in both). An arrondissement that does not exist matches nothing."""
    initiative_filter = _filter_for(filters, queryset=Initiative.objects.all())  # public: the filter
    if filters.district and not _is_a_choice(initiative_filter, "district", filters.district):
        # An arrondissement that does not exist matches nothing, as in the list.
        return {"initiatives": 0, "totals": [], "by_theme": []}
    if not initiative_filter.is_valid():
        return Status(422, {"detail": initiative_filter.errors.get_json_data()})
    initiatives = initiative_filter.qs.order_by()
    return {
        "initiatives": initiatives.count(),
        "totals": services.impact_totals(initiatives),
        "by_theme": services.impact_totals_by_theme(initiatives),
    }


@router.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeDetailOut, 404: Message, 422: Message},
    url_name="initiative",
    summary="One initiative",
)
def get_initiative(request, initiative_id: int = Path(..., ge=1, le=2**63 - 1)):
    """One public initiative with its impact totals; a draft, submitted or rejected one is a 404."""
    initiative = _api_queryset().filter(pk=initiative_id).first()
    if initiative is None:
        return Status(404, {"detail": "Not Found"})
    attach_next_events([initiative])
    shown = organisers_shown([initiative.pk])
    item = _item(initiative, request.build_absolute_uri(detail_url_pattern()), shown)
    item["impact"] = services.impact_totals(initiative)
    return item

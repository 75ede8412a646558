"""The registry of commitments in the public API: organisations, commitments and their reported figures.

Reading is open and without personal data: no representative, no submitter, no evidence file. The
filters are the list pages' (`filters.py`).

One endpoint writes: an organisation's own system files a progress report with the organisation's API
key (`Authorization: Bearer cmt_…`, made and revoked on the organisation's page). The key reaches that
organisation's commitments only; filing the same period again changes the report while the city has not
verified it (409 once it has); calls are limited to `REPORTS_RATE` a key, and every call is audited.
"""

import enum
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django_ratelimit.core import is_ratelimited
from ninja import Field, Path, Query, Router, Schema
from ninja.security import HttpBearer

from mobilization.commitments import charter, services
from mobilization.commitments.filters import CommitmentFilter, OrganisationFilter
from mobilization.commitments.models import (
    Coalition,
    CoalitionMembership,
    Commitment,
    Organisation,
    ProgressReport,
)
from mobilization.core import audit
from mobilization.core.errors import AlreadyDone, DomainError
from mobilization.core.openapi import api_enum
from mobilization.core.themes import Theme
from mobilization.core.validators import printable_text

# A slug in the address: what the models accept (a null byte would reach the database and fail there).
SLUG = Path(..., max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")

router = Router(tags=["commitments"])
MAX_PER_PAGE = 200

OrganisationKind = api_enum("OrganisationKind", Organisation.Kind)
OrganisationSize = api_enum("OrganisationSize", Organisation.SizeBand)
CommitmentStatus = api_enum("CommitmentStatus", Commitment.Status)
CommitmentScope = api_enum("CommitmentScope", Commitment.Scope)
CommitmentDirection = api_enum("CommitmentDirection", Commitment.Direction)
ReportingFrequency = api_enum("ReportingFrequency", Commitment.Frequency)
ReportStatus = api_enum("ReportStatus", ProgressReport.Status)
CommitmentTheme = api_enum("CommitmentTheme", Theme)


class Message(Schema):
    detail: Any


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: OrganisationKind
    size_band: OrganisationSize
    district: int | None = Field(description="The arrondissement's number.")
    website: str
    siren: str
    siret: str
    charter_level: str | None = Field(None, description="The climate charter level it reaches, if any.")
    url: str


class InterimTargetOut(Schema):
    year: int
    value: float


class ReportOut(Schema):
    period: str
    value: float
    status: ReportStatus = Field(description="verified, or self-declared (submitted, more_information).")
    narrative: str
    submitted_at: datetime


class CommitmentOut(Schema):
    id: int
    organisation: str | None = Field(description="The organisation's slug (null for a coalition's).")
    coalition: str | None = Field(None, description="The coalition's slug, for a coalition's commitment.")
    title: str
    indicator: str
    unit: str
    theme: CommitmentTheme
    scope: CommitmentScope
    direction: CommitmentDirection
    baseline_year: int
    baseline_value: float
    target_year: int
    target_value: float
    reporting_frequency: ReportingFrequency
    objectives: list[str] = Field(description="Slugs of the Climate Plan objectives it contributes to.")
    status: CommitmentStatus
    latest_value: float | None
    latest_verified_value: float | None
    progress_percent: float | None
    url: str


class CommitmentDetail(CommitmentOut):
    interim_targets: list[InterimTargetOut]
    reports: list[ReportOut] = Field(description="Rejected reports are left out.")


class OrganisationDetail(OrganisationOut):
    commitments: list[CommitmentOut]


class CoalitionCommitmentOut(Schema):
    id: int
    coalition: str = Field(description="The coalition's slug.")
    title: str
    indicator: str
    unit: str
    theme: CommitmentTheme
    scope: CommitmentScope
    direction: CommitmentDirection
    baseline_year: int
    baseline_value: float
    target_year: int
    target_value: float
    reporting_frequency: ReportingFrequency
    objectives: list[str] = Field(description="Slugs of the Climate Plan objectives it contributes to.")
    status: CommitmentStatus
    latest_value: float | None
    latest_verified_value: float | None
    progress_percent: float | None
    url: str


class CoalitionOut(Schema):
    slug: str
    name: str
    theme: CommitmentTheme
    description: str
    leads: list[str] = Field(description="Slugs of its lead organisations.")
    members: list[str] = Field(description="Slugs of its other member organisations.")
    url: str


class CoalitionDetail(CoalitionOut):
    commitments: list[CoalitionCommitmentOut]


class CoalitionFilters(Schema):
    theme: CommitmentTheme | None = None
    limit: int = Field(50, ge=1, le=MAX_PER_PAGE)
    offset: int = Field(0, ge=0, le=1_000_000)


class OrganisationFilters(Schema):
    kind: OrganisationKind | None = None
    district: int | None = Field(None, ge=1, le=20)
    theme: CommitmentTheme | None = None
    limit: int = Field(50, ge=1, le=MAX_PER_PAGE)
    offset: int = Field(0, ge=0, le=1_000_000)


MadeBy = enum.Enum("CommitmentMadeBy", {"ORGANISATION": "organisation", "COALITION": "coalition"}, type=str)


class CommitmentFilters(Schema):
    made_by: MadeBy | None = Field(None, description="organisation or coalition.")
    kind: OrganisationKind | None = None
    theme: CommitmentTheme | None = None
    status: CommitmentStatus | None = None
    district: int | None = Field(None, ge=1, le=20)
    objective: str | None = Field(None, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")
    limit: int = Field(50, ge=1, le=MAX_PER_PAGE)
    offset: int = Field(0, ge=0, le=1_000_000)


def _organisation(organisation, level=None) -> dict:
    return {
        "charter_level": level.name if level else None,
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "size_band": organisation.size_band,
        "district": organisation.district.number if organisation.district else None,
        "website": organisation.website,
        "siren": organisation.siren,
        "siret": organisation.siret,
        "url": organisation.get_absolute_url(),
    }


def _commitment(commitment) -> dict:
    return {
        **{
            name: getattr(commitment, name)
            for name in (
                "title",
                "indicator",
                "unit",
                "theme",
                "scope",
                "direction",
                "baseline_year",
                "baseline_value",
                "target_year",
                "target_value",
                "reporting_frequency",
                "status",
                "latest_value",
                "latest_verified_value",
                "progress_percent",
            )  # fmt: skip
        },
        "id": commitment.pk,
        "organisation": commitment.organisation.slug if commitment.organisation_id else None,
        "coalition": commitment.coalition.slug if commitment.coalition_id else None,
        "objectives": sorted(objective.slug for objective in commitment.objectives.all()),
        "url": commitment.get_absolute_url(),
    }


def _params(filters: Schema) -> dict:
    """The filters' values as the filter classes read them (an enum's value, not its name)."""
    return {
        name: value.value if isinstance(value, enum.Enum) else value
        for name, value in filters.dict(exclude={"limit", "offset"}).items()
        if value is not None
    }


@router.get(
    "/commitments/organisations/",
    response={200: list[OrganisationOut], 422: Message},
    url_name="commitment_organisations",
)
def list_organisations(request, filters: Query[OrganisationFilters]):
    chosen = OrganisationFilter(_params(filters), queryset=Organisation.objects.verified())
    organisations = chosen.qs.select_related("district").order_by("name", "pk")
    page = list(organisations[filters.offset : filters.offset + filters.limit])
    levels = charter.levels_of(o.pk for o in page)
    return [_organisation(o, levels.get(o.pk)) for o in page]


@router.get(
    "/commitments/organisations/{slug}/",
    response={200: OrganisationDetail, 404: Message, 422: Message},
    url_name="commitment_organisation",
)
def organisation_detail(request, slug: str = SLUG):
    organisation = get_object_or_404(Organisation.objects.verified().select_related("district"), slug=slug)
    commitments = organisation.commitments.prefetch_related("objectives").order_by("title")
    return {
        **_organisation(organisation, charter.charter_of(organisation).level),
        "commitments": [_commitment(c) for c in commitments],
    }


# Before /commitments/{pk}/: its path would take "coalitions" for a number.
def _coalition(coalition) -> dict:
    approved = [m for m in coalition.memberships.all() if m.status == CoalitionMembership.Status.APPROVED]
    return {
        "slug": coalition.slug,
        "name": coalition.name,
        "theme": coalition.theme,
        "description": coalition.description,
        "leads": sorted(m.organisation.slug for m in approved if m.is_lead),
        "members": sorted(m.organisation.slug for m in approved if not m.is_lead),
        "url": coalition.get_absolute_url(),
    }


COALITIONS = Coalition.objects.prefetch_related(
    Prefetch(
        "memberships",
        queryset=CoalitionMembership.objects.select_related("organisation").only(
            "coalition_id", "is_lead", "status", "organisation__slug"
        ),
    )
)


@router.get(
    "/commitments/coalitions/",
    response={200: list[CoalitionOut], 422: Message},
    url_name="commitment_coalitions",
)
def list_coalitions(request, filters: Query[CoalitionFilters]):
    coalitions = COALITIONS.order_by("name", "pk")
    if filters.theme:
        coalitions = coalitions.filter(theme=filters.theme)
    return [_coalition(c) for c in coalitions[filters.offset : filters.offset + filters.limit]]


@router.get(
    "/commitments/coalitions/{slug}/",
    response={200: CoalitionDetail, 404: Message, 422: Message},
    url_name="commitment_coalition",
)
def coalition_detail(request, slug: str = SLUG):
    coalition = get_object_or_404(COALITIONS, slug=slug)
    commitments = (
        coalition.commitments.select_related("coalition").prefetch_related("objectives").order_by("title")
    )
    return {
        **_coalition(coalition),
        "commitments": [{**_commitment(c), "coalition": coalition.slug} for c in commitments],
    }


@router.get("/commitments/", response={200: list[CommitmentOut], 422: Message}, url_name="commitment_list")
def list_commitments(request, filters: Query[CommitmentFilters]):
    chosen = CommitmentFilter(_params(filters), queryset=Commitment.objects.public())
    commitments = chosen.qs.select_related("organisation", "coalition").prefetch_related("objectives")
    if filters.objective:
        commitments = commitments.distinct()  # the one filter joining several rows per commitment
    commitments = commitments.order_by("pk")
    return [_commitment(c) for c in commitments[filters.offset : filters.offset + filters.limit]]


@router.get(
    "/commitments/{pk}/",
    response={200: CommitmentDetail, 404: Message, 422: Message},
    url_name="commitment_detail",
)
def commitment_detail(request, pk: int):
    commitment = get_object_or_404(
        Commitment.objects.public()
        .select_related("organisation", "coalition")
        .prefetch_related("objectives", "interim_targets"),
        pk=pk,
    )
    reports = commitment.reports.exclude(status=ProgressReport.Status.REJECTED).order_by("year", "period")
    return {
        **_commitment(commitment),
        "interim_targets": [{"year": t.year, "value": t.value} for t in commitment.interim_targets.all()],
        "reports": [
            {
                "period": r.period,
                "value": r.value,
                "status": r.status,
                "narrative": r.narrative,
                "submitted_at": r.submitted_at,
            }
            for r in reports
        ],
    }


# --- Reports filed by an organisation's own system ------------------------------------------------------

REPORTS_RATE = "60/h"


class ReportIn(Schema):
    period: str = Field(max_length=8, description="2025, 2025-H1 or 2025-Q3, as the commitment reports.")
    value: float = Field(allow_inf_nan=False, ge=-1e12, le=1e12, description="In the commitment's unit.")
    narrative: str = Field("", max_length=5000)
    links: list[str] = Field(
        default_factory=list, max_length=10, description="Addresses of evidence (https)."
    )


class OrganisationKey(HttpBearer):
    """`Authorization: Bearer cmt_…`: an organisation's API key (checked before the body is read)."""

    def authenticate(self, request, token):
        return services.organisation_of_key(token)


def _clean_links(links: list[str]) -> list[str]:
    field = forms.URLField(max_length=500, assume_scheme="https")
    cleaned = [field.clean(link) for link in links]
    if any(not link.lower().startswith(("http://", "https://")) for link in cleaned):
        raise ValidationError("Give addresses starting with https://")
    return cleaned


@router.post(
    "/commitments/{pk}/reports/",
    response={
        200: ReportOut,
        201: ReportOut,
        400: Message,
        401: Message,
        403: Message,
        404: Message,
        409: Message,
        429: Message,
    },  # fmt: skip
    url_name="commitment_report_submit",
    auth=OrganisationKey(),
)
def submit_report(request, pk: int, payload: ReportIn):
    """File (or, until the city verifies it, change) the report of one period, with the organisation's key."""
    token = request.auth
    if is_ratelimited(request, group="commitments.api_reports", key=lambda group, request: token.token_hash,
                      rate=REPORTS_RATE, increment=True):  # fmt: skip
        audit.record(None, "commitments.api_report_refused", token, reason="rate_limited")
        return 429, {"detail": f"Too many reports with this key: at most {REPORTS_RATE}."}
    commitment = get_object_or_404(Commitment.objects.select_related("organisation"), pk=pk)
    if commitment.organisation_id != token.organisation_id:
        audit.record(
            None, "commitments.api_report_refused", token, reason="other_organisation", commitment=pk
        )
        return 403, {"detail": "This key belongs to another organisation."}
    try:
        printable_text(multiline=True)(payload.narrative)
        printable_text()(payload.period)
        links = _clean_links(payload.links)
    except ValidationError as error:
        return 400, {"detail": error.messages}
    try:
        report, created = services.submit_report(
            commitment,
            by=token.created_by,
            period=payload.period,
            value=payload.value,
            narrative=payload.narrative.strip(),
            links=links,
            through_api=True,
        )
    except AlreadyDone as error:
        audit.record(None, "commitments.api_report_refused", token, reason="verified", commitment=pk)
        return 409, {"detail": str(error.message)}
    except DomainError as error:
        audit.record(None, "commitments.api_report_refused", token, reason="invalid", commitment=pk)
        return 400, {"detail": str(error.message)}
    audit.record(None, "commitments.api_report_received", report, api_token=token.pk, created=created)
    body = {
        "period": report.period,
        "value": report.value,
        "status": report.status,
        "narrative": report.narrative,
        "submitted_at": report.submitted_at,
    }
    return (201 if created else 200), body

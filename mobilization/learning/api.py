"""The learning app in the public API: published resources (searched and filtered as on the guides page),
trainings, and the check of a certification by its public code (the holder's display name only)."""

from datetime import date
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from mobilization.core.openapi import api_enum
from mobilization.core.themes import Theme
from mobilization.learning import services
from mobilization.learning.filters import ResourceFilter
from mobilization.learning.models import Certification, Resource, Training

router = Router(tags=["learning"])

MAX_PER_PAGE = 200

ResourceKind = api_enum("ResourceKind", Resource.Kind)
ResourceLevel = api_enum("ResourceLevel", Resource.Level)
ResourceLanguage = api_enum("ResourceLanguage", Resource.Language)
CertificationStatus = api_enum("CertificationStatus", Certification.Status)


class Message(Schema):
    detail: Any


class ResourceOut(Schema):
    id: int
    title: str
    summary: str
    kind: ResourceKind
    theme: str
    language: ResourceLanguage
    level: ResourceLevel
    link: str = Field(description="An outside page or video; empty when none.")
    published_at: str | None
    url: str


class ResourcePage(Schema):
    total: int
    limit: int
    offset: int
    items: list[ResourceOut]


class ResourceQuery(Schema):
    q: str | None = Field(None, max_length=1000, description="Words, accents and case ignored.")
    theme: Theme | None = None
    kind: ResourceKind | None = None
    language: ResourceLanguage | None = None
    level: ResourceLevel | None = None
    limit: int = Field(50, ge=1, le=MAX_PER_PAGE)
    offset: int = Field(0, ge=0, le=2**31)


class TrainingOut(Schema):
    code: str = Field(description="The stable name other systems use, e.g. heatwave-buddy.")
    title: str
    summary: str
    themes: list[str]
    requires_quiz: bool
    validity_months: int | None = Field(description="None: the certification does not expire.")
    url: str


class CertificationOut(Schema):
    code: str
    holder: str = Field(description="The holder's display name: nothing else of the person.")
    training: str = Field(description="The training's code.")
    granted_on: date
    expires_on: date | None
    status: CertificationStatus
    valid_today: bool


def _resource_out(request, resource) -> dict:
    return {
        "id": resource.pk,
        "title": resource.title,
        "summary": resource.summary,
        "kind": resource.kind,
        "theme": resource.theme,
        "language": resource.language,
        "level": resource.level,
        "link": resource.link,
        "published_at": resource.published_at.isoformat() if resource.published_at else None,
        "url": request.build_absolute_uri(resource.get_absolute_url()),
    }


@router.get(
    "/learning/resources",
    response={200: ResourcePage, 422: Message},
    url_name="list_resources",
    summary="Resources",
)
def list_resources(request, filters: Query[ResourceQuery]):
    """Published guides, good practices, videos and documents, newest first (best match first when
    searching); the filters combine."""
    data = {
        "q": filters.q or "",
        "theme": filters.theme.value if filters.theme else "",
        "kind": filters.kind.value if filters.kind else "",
        "language": filters.language.value if filters.language else "",
        "level": filters.level.value if filters.level else "",
    }
    resource_filter = ResourceFilter(
        data, queryset=Resource.objects.published().order_by("-published_at", "-pk")
    )
    results = resource_filter.qs if resource_filter.is_valid() else Resource.objects.none()
    total = results.count()
    page = results[filters.offset : filters.offset + filters.limit]
    return {
        "total": total,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_resource_out(request, resource) for resource in page],
    }


@router.get(
    "/learning/trainings", response={200: list[TrainingOut]}, url_name="list_trainings", summary="Trainings"
)
def list_trainings(request):
    """The published trainings."""
    return [
        {
            "code": training.code,
            "title": training.title,
            "summary": training.summary,
            "themes": list(training.themes or []),
            "requires_quiz": training.requires_quiz,
            "validity_months": training.validity_months,
            "url": request.build_absolute_uri(training.get_absolute_url()),
        }
        for training in Training.objects.filter(status=Training.Status.PUBLISHED).order_by("title", "pk")
    ]


@router.get(
    "/learning/certifications/{code}",
    response={200: CertificationOut, 404: Message, 422: Message},
    url_name="certification",
    summary="Check a certification",
)
def get_certification(
    request, code: str = Path(..., max_length=12, pattern=r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$")
):
    """A certification by its public code: whether it holds today, and the holder's display name only."""
    certification = get_object_or_404(
        Certification.objects.select_related("training", "user__profile"), code=code
    )
    return {
        "code": certification.code,
        "holder": services.holder_name(certification),
        "training": certification.training.code,
        "granted_on": certification.granted_on,
        "expires_on": certification.expires_on,
        "status": certification.status,
        "valid_today": certification.is_valid_on(timezone.localdate()),
    }

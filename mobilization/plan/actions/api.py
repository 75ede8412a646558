"""Climate Plan actions in the public API: the actions with their progress, children and milestones."""

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Path, Query, Router, Schema, Status

from mobilization.core.openapi import api_enum
from mobilization.core.opendata import text_columns
from mobilization.plan.actions.filters import ActionFilter
from mobilization.plan.actions.models import Action

router = Router(tags=["plan_actions"])

MAX_ACTIONS_PER_PAGE = 200
REFERENCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"

ActionStatus = api_enum("ActionStatus", Action.Status)
ActionSector = api_enum("ActionSector", Action.Sector)
ActionSource = api_enum("ActionSource", Action.Source)


class Message(Schema):
    detail: Any


class ActionSummary(Schema):
    reference: str
    title: str = Field(description="In the language asked for (Accept-Language), else in the other one.")
    title_fr: str = Field(description="In French; empty when the city gave none.")
    title_en: str = Field(description="In English; empty when the city gave none.")
    parent_reference: str | None
    sector: ActionSector
    department: str = Field(description="In the language asked for (Accept-Language), else in the other one.")
    department_fr: str
    department_en: str
    status: ActionStatus
    progress: Decimal = Field(
        description="Percentage, 0-100: computed from the status, the override or the children."
    )
    progress_override: Decimal | None = Field(description="The progress staff set by hand, if any.")
    objectives: list[str] = Field(description="Short names (slugs) of the plan's objectives.")
    start_date: date | None
    end_date: date | None
    budget_planned: Decimal | None = Field(description="Euros.")
    budget_spent: Decimal | None = Field(description="Euros.")
    weight: Decimal | None = Field(description="Share in the parent's progress; equal shares when absent.")
    lat: float | None
    lon: float | None
    url: str


class MilestoneOut(Schema):
    date: date
    title: str
    title_fr: str
    title_en: str
    description: str = Field(description="Markdown.")
    description_fr: str
    description_en: str
    status: ActionStatus | None
    progress: Decimal | None


class ChildOut(Schema):
    reference: str
    title: str
    status: ActionStatus
    progress: Decimal
    weight: Decimal | None


class ActionDetail(ActionSummary):
    description: str = Field(description="Markdown.")
    description_fr: str
    description_en: str
    source: ActionSource
    external_id: str = Field(description="Its id in the system it was imported from (Decidim), if any.")
    children: list[ChildOut]
    milestones: list[MilestoneOut]


class ActionPage(Schema):
    total: int = Field(description="How many actions match the filters, on all pages.")
    limit: int
    offset: int
    items: list[ActionSummary]


class ActionQuery(Schema):
    q: str | None = Field(
        None, max_length=200, pattern=r"^[^\x00]*$", description="Words in the title (no NUL character)."
    )
    objective: str | None = Field(
        None, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$", description="Objective slug."
    )
    sector: ActionSector | None = None
    department: str | None = Field(None, max_length=160)
    status: ActionStatus | None = None
    limit: int = Field(50, ge=1, le=MAX_ACTIONS_PER_PAGE)
    offset: int = Field(0, ge=0, le=2**31)


def action_payload(action: Action, *, with_details: bool = False, request=None) -> dict:
    url = action.get_absolute_url()
    payload = {
        "reference": action.reference,
        **text_columns(action, "title"),
        "parent_reference": action.parent.reference if action.parent_id else None,
        "sector": action.sector,
        **text_columns(action, "department"),
        "status": action.status,
        "progress": action.progress,
        "progress_override": action.progress_override,
        "objectives": sorted(objective.slug for objective in action.objectives.all()),
        "start_date": action.start_date,
        "end_date": action.end_date,
        "budget_planned": action.budget_planned,
        "budget_spent": action.budget_spent,
        "weight": action.weight,
        "lat": action.latitude,
        "lon": action.longitude,
        "url": request.build_absolute_uri(url) if request else url,
    }
    if with_details:
        payload.update(
            **text_columns(action, "description"),
            source=action.source,
            external_id=action.external_id,
            children=[
                {
                    "reference": child.reference,
                    "title": child.title,
                    "status": child.status,
                    "progress": child.progress,
                    "weight": child.weight,
                }
                for child in sorted(action.children.all(), key=lambda child: child.reference)
            ],
            milestones=[
                {
                    "date": milestone.date,
                    **text_columns(milestone, "title"),
                    **text_columns(milestone, "description"),
                    "status": milestone.status or None,
                    "progress": milestone.progress,
                }
                for milestone in sorted(action.milestones.all(), key=lambda m: (m.date, m.pk))
            ],
        )
    return payload


@router.get(
    "/plan/actions",
    response={200: ActionPage, 422: Message},
    url_name="list_plan_actions",
    summary="Climate Plan actions",
)
def list_actions(request, filters: Query[ActionQuery]):
    """The plan's actions with their progress, filtered like the actions page. Pages: limit (at most 200)
    and offset; `total` counts the matching actions on all pages."""
    data = {
        "q": filters.q or "",
        "objective": filters.objective or "",
        "sector": filters.sector.value if filters.sector else "",
        "department": filters.department or "",
        "status": filters.status.value if filters.status else "",
    }
    action_filter = ActionFilter(data, queryset=Action.objects.all())
    if not action_filter.is_valid():
        # An objective or a department that does not exist is a question with no action in the answer.
        if set(action_filter.errors) <= {"objective", "department"}:
            return {"total": 0, "limit": filters.limit, "offset": filters.offset, "items": []}
        return Status(422, {"detail": action_filter.errors.get_json_data()})
    actions = action_filter.qs.distinct().select_related("parent").prefetch_related("objectives")
    total = actions.count()
    page = actions.order_by("reference")[filters.offset : filters.offset + filters.limit]
    return {
        "total": total,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [action_payload(action, request=request) for action in page],
    }


@router.get(
    "/plan/actions/{reference}",
    response={200: ActionDetail, 404: Message, 422: Message},
    url_name="plan_action",
    summary="One Climate Plan action",
)
def get_action(request, reference: str = Path(..., max_length=64, pattern=REFERENCE_PATTERN)):
    """One action with its description, children and dated milestones (its timeline)."""
    action = (
        Action.objects.select_related("parent")
        .prefetch_related("objectives", "children", "milestones")
        .filter(reference=reference)
        .first()
    )
    if action is None:
        return Status(404, {"detail": "Not Found"})
    return action_payload(action, with_details=True, request=request)

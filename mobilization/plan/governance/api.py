"""Shared governance in the public API: committees, recommendations and responses, proposals (public
fields only), consultations and the results of closed ones. No e-mail address, no voter."""

from typing import Any, Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from mobilization.core.errors import DomainError
from mobilization.plan.governance import opendata, services
from mobilization.plan.governance.filters import ProposalFilter, RecommendationFilter
from mobilization.plan.governance.models import Committee, Consultation, Proposal, Recommendation

router = Router(tags=["governance"])

MAX_PER_PAGE = 200
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"  # committees' and objectives' short names


class Message(Schema):
    detail: Any


class MemberOut(Schema):
    name: str
    kind: str
    affiliation: str


class CommitteeOut(Schema):
    id: int
    name: str
    slug: str
    mandate: str
    members: list[MemberOut]
    url: str


class RecommendationOut(Schema):
    id: int
    committee: str
    reference: str
    title: str
    text: str
    issued_on: str
    response_due_on: str
    decision: str | None = Field(
        description="accepted, partly, rejected, study (under study); null: no answer"
    )
    justification: str | None
    responded_at: str | None
    implementation_due_on: str | None
    overdue: bool = Field(description="No answer, or still under study, after the due date.")
    url: str


class ProposalOut(Schema):
    id: int
    title: str
    body: str
    author: str = Field(description="The author's public display name.")
    status: str
    supports: int
    must_be_answered: bool
    threshold_reached_at: str | None
    answer: str | None
    answered_at: str | None
    url: str


class ConsultationOut(Schema):
    id: int
    title: str
    description: str
    opens_at: str
    closes_at: str
    status: str
    results_published: bool
    url: str


class OptionResultOut(Schema):
    option_id: int
    label: str
    votes: int
    percent: float


class QuestionResultOut(Schema):
    question_id: int
    text: str
    kind: str
    options: list[OptionResultOut]


class ResultsOut(Schema):
    consultation_id: int
    ballots: int
    computed_at: str
    questions: list[QuestionResultOut]


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE)


def _choices_of(filterset, name: str) -> list[str]:
    """The values a choice filter of the pages takes: the API's enum is the same list."""
    return [value for value, _label in filterset.base_filters[name].extra["choices"]]


# The choice filters' own values (django-filter's), so the document and the filter cannot disagree.
Decision = Literal[tuple(_choices_of(RecommendationFilter, "decision"))]  # type: ignore[valid-type]
ProposalStatus = Literal[tuple(_choices_of(ProposalFilter, "status"))]  # type: ignore[valid-type]
ProposalSort = Literal[tuple(_choices_of(ProposalFilter, "sort"))]  # type: ignore[valid-type]


class RecommendationQuery(PageQuery):
    committee: str | None = Field(
        None,
        max_length=80,
        pattern=SLUG_PATTERN,
        description="A public committee's slug; another matches nothing.",
    )
    decision: Decision | None = Field(None, description="The city's decision; `none`: not answered yet.")
    overdue: bool | None = None


class ProposalQuery(PageQuery):
    status: ProposalStatus | None = Field(None, description="Default: published or answered.")
    objective: str | None = Field(
        None, max_length=80, pattern=SLUG_PATTERN, description="An objective's slug; another matches nothing."
    )
    sort: ProposalSort | None = Field(None, description="Default: supported (most supported first).")


# The columns of the open-data rows that the API gives as null when the download has an empty cell.
RECOMMENDATION_OPTIONAL = ("decision", "justification", "responded_at", "implementation_due_on")
PROPOSAL_OPTIONAL = ("threshold_reached_at", "answer", "answered_at")


def _api_row(row: dict, obj, optional: tuple[str, ...]) -> dict:
    """An open-data row as the API gives it: an empty optional value is null, and the page's address."""
    return {**row, **{name: row[name] or None for name in optional}, "url": obj.get_absolute_url()}


def _slice(queryset, query: PageQuery):
    start = (query.page - 1) * query.per_page
    return queryset[start : start + query.per_page]


@router.get("/plan/committees", response=list[CommitteeOut], url_name="governance_committees")
def list_committees(request):
    today = timezone.localdate()
    committees = Committee.objects.filter(is_public=True).prefetch_related("members__user__profile")
    return [
        {
            "id": c.pk,
            "name": c.name,
            "slug": c.slug,
            "mandate": c.mandate,
            "members": [
                {"name": s.display_name, "kind": s.kind, "affiliation": s.affiliation}
                for s in c.members.all()
                if s.is_active(today)
            ],
            "url": c.get_absolute_url(),
        }
        for c in committees
    ]


@router.get(
    "/plan/recommendations",
    response={200: list[RecommendationOut], 422: Message},
    url_name="governance_recommendations",
)
def list_recommendations(request, filters: Query[RecommendationQuery]):
    data = {
        k: v for k, v in filters.dict().items() if k in ("committee", "decision", "overdue") and v is not None
    }
    if "overdue" in data:
        data["overdue"] = "true" if data["overdue"] else "false"
    found = RecommendationFilter(data, queryset=Recommendation.objects.public())
    if (
        "committee" in data
        and not found.form.fields["committee"].queryset.filter(slug=data["committee"]).exists()
    ):
        return []
    if not found.is_valid():
        return Status(422, {"detail": found.errors.get_json_data()})
    today = timezone.localdate()
    return [
        _api_row(opendata.recommendation_row(recommendation, today), recommendation, RECOMMENDATION_OPTIONAL)
        for recommendation in _slice(
            found.qs.select_related("committee", "response").order_by("-issued_on", "-pk"), filters
        )
    ]


@router.get(
    "/plan/proposals", response={200: list[ProposalOut], 422: Message}, url_name="governance_proposals"
)
def list_proposals(request, filters: Query[ProposalQuery]):
    data = {k: v for k, v in filters.dict().items() if k in ("status", "objective", "sort") and v is not None}
    found = ProposalFilter(data, queryset=Proposal.objects.public())
    if (
        "objective" in data
        and not found.form.fields["objective"].queryset.filter(slug=data["objective"]).exists()
    ):
        return []
    if not found.is_valid():
        return Status(422, {"detail": found.errors.get_json_data()})
    return [
        _api_row(opendata.proposal_row(proposal), proposal, PROPOSAL_OPTIONAL)
        for proposal in _slice(found.qs.select_related("author__profile"), filters)
    ]


def _consultation_out(c: Consultation) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "description": c.description,
        "opens_at": c.opens_at.isoformat(),
        "closes_at": c.closes_at.isoformat(),
        "status": c.status,
        "results_published": c.results_published_at is not None,
        "url": c.get_absolute_url(),
    }


@router.get(
    "/plan/consultations",
    response={200: list[ConsultationOut], 422: Message},
    url_name="governance_consultations",
)
def list_consultations(request, filters: Query[PageQuery]):
    return [_consultation_out(c) for c in _slice(Consultation.objects.all(), filters)]


@router.get(
    "/plan/consultations/{consultation_id}/results",
    response={200: ResultsOut, 404: Message, 409: Message, 422: Message},
    url_name="governance_consultation_results",
)
def consultation_results(request, consultation_id: int = Path(..., ge=1, le=2**63 - 1)):
    """Counts and percentages per option, once the consultation is closed; 409 while it is not."""
    consultation = get_object_or_404(Consultation, pk=consultation_id)
    try:
        result, questions = services.results(consultation)
    except DomainError as error:
        return Status(409, {"detail": error.message})
    return {
        "consultation_id": consultation.pk,
        "ballots": result.ballots_count,
        "computed_at": result.computed_at.isoformat(),
        "questions": [
            {
                "question_id": q.question_id,
                "text": q.text,
                "kind": q.kind,
                "options": [
                    {"option_id": o.option_id, "label": o.label, "votes": o.count, "percent": o.percent}
                    for o in q.options
                ],
            }
            for q in questions
        ],
    }

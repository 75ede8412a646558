"""Access table rows of the governance app: committees, proposals, consultations and their open data.

World: a public committee on which `owner` sits as a citizen member, with a past meeting and a
recommendation; `owner` authored the published proposal A and a proposal still awaiting moderation
(which `other` must not reach: 404), `other` authored the published proposal B; an open consultation and
a closed one with published results. City staff answer recommendations and moderate proposals.
"""

from datetime import timedelta

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone, members


def _staff_only(outcome, others=403) -> dict:
    return {
        ANONYMOUS: LOGIN,
        **dict.fromkeys((OWNER, OTHER, COORDINATOR), others),
        CITY_STAFF: outcome,
        ADMIN: outcome,
    }


def _committee_and_staff(outcome) -> dict:
    """The owner sits on the committee; staff may run it too; others are refused."""
    return {
        ANONYMOUS: LOGIN,
        OWNER: outcome,
        OTHER: 403,
        COORDINATOR: 403,
        CITY_STAFF: outcome,
        ADMIN: outcome,
    }


# A proposal awaiting moderation is its author's and staff's: the other callers get 404, as for nothing.
_HIDDEN_FROM_OUTSIDERS = {OTHER: 404, COORDINATOR: 404}

COMMITTEE = lambda world: {"slug": world.gov_committee.slug}  # noqa: E731
MEETING = lambda world: {"pk": world.gov_meeting.pk}  # noqa: E731
RECOMMENDATION = lambda world: {"pk": world.gov_recommendation.pk}  # noqa: E731
PROPOSAL_A = lambda world: {"pk": world.gov_proposal_a.pk}  # noqa: E731
PROPOSAL_B = lambda world: {"pk": world.gov_proposal_b.pk}  # noqa: E731
SUBMITTED = lambda world: {"pk": world.gov_proposal_submitted.pk}  # noqa: E731
OPEN = lambda world: {"pk": world.gov_open_consultation.pk}  # noqa: E731
CLOSED = lambda world: {"pk": world.gov_closed_consultation.pk}  # noqa: E731
READ_ONLY = {"GET": everyone(200), "POST": everyone(405)}

ROWS: tuple = (
    # Committees (public pages; members and staff run them; staff answer)
    Route("governance:index", READ_ONLY),
    Route("governance:committee", READ_ONLY, kwargs=COMMITTEE),
    Route("governance:meeting", READ_ONLY, kwargs=MEETING),
    Route("governance:recommendation", READ_ONLY, kwargs=RECOMMENDATION),
    Route(
        "governance:meeting_new",
        {"GET": _committee_and_staff(200), "POST": _committee_and_staff(200)},
        kwargs=COMMITTEE,
    ),
    Route(
        "governance:recommendation_new",
        {"GET": _committee_and_staff(200), "POST": _committee_and_staff(200)},
        kwargs=COMMITTEE,
    ),
    Route(
        "governance:publish_minutes",
        {"GET": _committee_and_staff(200), "POST": _committee_and_staff(200)},
        kwargs=MEETING,
    ),
    Route(
        "governance:answer_recommendation",
        {"GET": _staff_only(200), "POST": _staff_only(200)},
        kwargs=RECOMMENDATION,
    ),
    # Proposals
    Route("governance:proposals", READ_ONLY),
    Route("governance:proposal_new", {"GET": members(200), "POST": members(200)}),
    # A proposal awaiting moderation: its author and staff only; even its existence does not leak.
    Route(
        "governance:proposal",
        {
            "GET": {ANONYMOUS: 404, OWNER: 200, OTHER: 404, CITY_STAFF: 200, COORDINATOR: 404, ADMIN: 200},
            "POST": everyone(405),
        },
        kwargs=SUBMITTED,
    ),
    Route("governance:proposal_moderation", {"GET": _staff_only(200), "POST": everyone(405)}),
    Route("governance:support", {"GET": everyone(405), "POST": members(REDIRECT)}, kwargs=PROPOSAL_B),
    Route(
        "governance:withdraw_support", {"GET": everyone(405), "POST": members(REDIRECT)}, kwargs=PROPOSAL_B
    ),
    Route("governance:comment", {"GET": everyone(405), "POST": members(200)}, kwargs=PROPOSAL_A),
    Route(
        "governance:hide_comment",
        {"GET": everyone(405), "POST": _staff_only(200)},
        kwargs=lambda world: {"pk": world.gov_comment.pk},
    ),
    # Moderating a proposal awaiting moderation: its author sees it (403), others cannot know it exists.
    Route(
        "governance:publish_proposal",
        # (the coordinator comes after city staff, who published it: it is public then)
        {"GET": everyone(405), "POST": _staff_only(REDIRECT) | {OTHER: 404}},
        kwargs=SUBMITTED,
    ),
    Route(
        "governance:reject_proposal",
        {"GET": everyone(405), "POST": _staff_only(200) | _HIDDEN_FROM_OUTSIDERS},
        kwargs=SUBMITTED,
    ),
    Route("governance:answer_proposal", {"GET": everyone(405), "POST": _staff_only(200)}, kwargs=PROPOSAL_B),
    # Consultations
    Route("governance:consultations", READ_ONLY),
    Route("governance:consultation", READ_ONLY, kwargs=OPEN),
    Route("governance:vote", {"GET": everyone(405), "POST": members(200)}, kwargs=OPEN),
    Route(
        "governance:close_consultation", {"GET": everyone(405), "POST": _staff_only(REDIRECT)}, kwargs=OPEN
    ),
    Route("governance:recount", {"GET": everyone(405), "POST": _staff_only(200)}, kwargs=CLOSED),
    # Open data
    Route("governance:open_data", READ_ONLY),
    Route(
        "governance:download",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda world: {"dataset": "results", "fmt": "csv"},
    ),
    Route("api:governance_committees", READ_ONLY),
    Route("api:governance_recommendations", READ_ONLY),
    Route("api:governance_proposals", READ_ONLY),
    Route("api:governance_consultations", READ_ONLY),
    Route(
        "api:governance_consultation_results",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda world: {"consultation_id": world.gov_closed_consultation.pk},
    ),
)


def build(world) -> None:
    """Create the objects the rows need and store them in world.extra."""
    from django.utils import timezone

    from mobilization.plan.governance import services
    from mobilization.plan.governance.tests.factories import (
        CommitteeFactory,
        CommitteeMemberFactory,
        ConsultationFactory,
        ExpertFactory,
    )

    owner, other, staff = world.user(OWNER), world.user(OTHER), world.user(CITY_STAFF)
    now, today = timezone.now(), timezone.localdate()
    committee = CommitteeFactory(name="Comité de suivi", slug="comite-de-suivi")
    CommitteeMemberFactory(committee=committee, user=owner)
    ExpertFactory(committee=committee, name="Dr Expert")
    meeting = services.schedule_meeting(
        committee, by=owner, starts_at=now - timedelta(days=7), place="Hôtel de Ville", agenda="- Bilan"
    )
    recommendation = services.issue_recommendation(
        committee, by=owner, reference="R-1", title="Planter", text="Des arbres.",
        issued_on=today, response_due_on=today + timedelta(days=30), meeting=meeting,
    )  # fmt: skip
    proposal_a = services.publish_proposal(
        services.submit_proposal(author=owner, title="Proposal A", body="Fontaines"), by=staff
    )
    proposal_b = services.publish_proposal(
        services.submit_proposal(author=other, title="Proposal B", body="Vélos"), by=staff
    )
    submitted = services.submit_proposal(author=owner, title="Owner's draft", body="Pas encore publiée")
    comment = services.comment_on(proposal_a, author=other, body="Bonne idée")
    questions = (("Which first?", "single", 1, ("Trees", "Bikes")),)
    open_consultation = ConsultationFactory(title="Open", questions=questions)
    closed = ConsultationFactory(title="Closed", questions=questions)
    services.close_consultation(closed, by=staff)
    world.extra.update(
        gov_committee=committee,
        gov_meeting=meeting,
        gov_recommendation=recommendation,
        gov_proposal_a=proposal_a,
        gov_proposal_b=proposal_b,
        gov_proposal_submitted=submitted,
        gov_comment=comment,
        gov_open_consultation=open_consultation,
        gov_closed_consultation=closed,
    )

"""A verified volunteer votes in an open consultation; the public reads the city's response; axe checks."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.plan.governance import services
from mobilization.plan.governance.models import CityResponse, PendingBallot
from mobilization.plan.governance.tests.factories import (
    CommitteeFactory,
    CommitteeMemberFactory,
    ConsultationFactory,
    ExpertFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    """Sign in as the user: a session made by the test client, given to the browser as its cookie."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_a_verified_volunteer_votes_once_and_sees_the_vote_recorded(page, live_server, screenshot, axe_check):
    consultation = ConsultationFactory()
    voter = MemberFactory(display_name="Voter")
    sign_in(page, live_server, voter)

    page.goto(consultation.get_absolute_url())
    axe_check(page)
    page.get_by_label("Bikes").check()
    page.get_by_role("button", name="Cast my vote").click()

    expect(page.get_by_text("Your vote is recorded").first).to_be_visible()
    expect(page.get_by_role("button", name="Cast my vote")).to_have_count(0)
    screenshot(page)
    assert PendingBallot.objects.count() == 1


def test_the_public_reads_the_city_s_response_on_committee_and_proposal_pages(page, screenshot, axe_check):
    staff = MemberFactory(display_name="Staff", roles=[roles.CITY_STAFF])
    citizen = MemberFactory(display_name="Awa")
    committee = CommitteeFactory(name="Comité de suivi du Plan Climat", slug="comite", mandate="Suivre.")
    CommitteeMemberFactory(committee=committee, user=citizen)
    ExpertFactory(committee=committee, name="Dr Hélène Marchand")
    today = timezone.localdate()
    recommendation = services.issue_recommendation(
        committee,
        by=citizen,
        reference="R-1",
        title="Rénover les écoles",
        text="40 par an.",
        issued_on=today,
        response_due_on=today,
    )
    services.answer_recommendation(
        recommendation,
        by=staff,
        decision=CityResponse.Decision.ACCEPTED,
        justification="Inscrit au budget 2026.",
        implementation_due_on=today,
    )
    proposal = services.publish_proposal(
        services.submit_proposal(author=citizen, title="Des fontaines", body="Partout."), by=staff
    )

    page.goto(committee.get_absolute_url())
    expect(page.get_by_role("heading", name="Comité de suivi du Plan Climat")).to_be_visible()
    axe_check(page)
    screenshot(page, "governance_committee")
    page.get_by_role("link", name="Rénover les écoles").click()
    expect(page.get_by_text("Inscrit au budget 2026.")).to_be_visible()
    expect(page.get_by_text("Accepted").first).to_be_visible()
    screenshot(page, "governance_recommendation")
    page.goto(proposal.get_absolute_url())
    axe_check(page)
    screenshot(page, "governance_proposal")

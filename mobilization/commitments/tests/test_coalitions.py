"""Coalitions: the public list and page, a request to join answered by a lead, the coalition's own
commitments managed by its leads' representatives."""

import json

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.commitments import coalitions
from mobilization.commitments.models import CoalitionMembership, Commitment, Organisation
from mobilization.commitments.tests.factories import (
    CoalitionCommitmentFactory,
    CoalitionFactory,
    CommitmentFactory,
    OrganisationFactory,
    representative_of,
)
from mobilization.core.errors import AlreadyDone, InvalidTransition, NotAllowed
from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return OrganisationFactory(name="Biocoop Belleville")


@pytest.fixture
def coalition(lead):
    return CoalitionFactory(name="Commerces zéro déchet", lead=lead)


def test_a_commitment_belongs_to_an_organisation_or_a_coalition_never_both_nor_neither(coalition):
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(coalition=coalition)  # and an organisation
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(organisation=None)
    assert CoalitionCommitmentFactory(coalition=coalition).organisation is None


def test_a_request_to_join_is_approved_by_a_lead_and_both_sides_are_told(coalition, lead):
    joiner = OrganisationFactory(name="La Recyclerie")
    person = representative_of(joiner)
    membership = coalitions.request_to_join(coalition, joiner, by=person)
    assert membership.status == CoalitionMembership.Status.REQUESTED
    lead_person = representative_of(lead)
    assert Notification.objects.filter(recipient=lead_person, kind="coalition_join_requested").count() == 1

    coalitions.approve_membership(membership, by=lead_person)
    membership.refresh_from_db()
    assert membership.status == CoalitionMembership.Status.APPROVED and membership.decided_at
    notice = Notification.objects.get(recipient=person, kind="coalition_membership_decided")
    assert "La Recyclerie" in notice.subject
    with pytest.raises(InvalidTransition):
        coalitions.decline_membership(membership, by=lead_person)
    with pytest.raises(AlreadyDone):
        coalitions.request_to_join(coalition, joiner, by=person)


def test_a_declined_organisation_may_ask_again(coalition, lead):
    joiner = OrganisationFactory()
    person = representative_of(joiner)
    membership = coalitions.request_to_join(coalition, joiner, by=person)
    coalitions.decline_membership(membership, by=representative_of(lead))
    assert (
        coalitions.request_to_join(coalition, joiner, by=person).status
        == CoalitionMembership.Status.REQUESTED
    )


def test_only_a_representative_of_a_verified_organisation_asks_to_join(coalition):
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    with pytest.raises(NotAllowed):
        coalitions.request_to_join(coalition, pending, by=representative_of(pending))
    with pytest.raises(NotAllowed):
        coalitions.request_to_join(coalition, OrganisationFactory(), by=MemberFactory())
    assert not CoalitionMembership.objects.filter(coalition=coalition, is_lead=False).exists()


def test_the_public_list_and_page_show_members_and_the_coalitions_commitments_and_set_no_cookie(
    client, coalition, lead
):
    member = OrganisationFactory(name="Café Mémé")
    CoalitionMembership.objects.create(
        coalition=coalition, organisation=member, status=CoalitionMembership.Status.APPROVED
    )
    asking = OrganisationFactory(name="Épicerie qui attend")
    CoalitionMembership.objects.create(coalition=coalition, organisation=asking)
    CoalitionCommitmentFactory(coalition=coalition, title="Zéro emballage jetable")

    response = client.get(reverse("commitments:coalitions"))
    assert response.status_code == 200 and not response.cookies
    assert "Commerces zéro déchet" in response.text
    assert "2 organisations" in response.text and "1 commitment" in response.text

    response = client.get(coalition.get_absolute_url())
    assert response.status_code == 200 and not response.cookies
    text = response.text
    assert "Biocoop Belleville" in text and "Café Mémé" in text and "Épicerie qui attend" not in text
    assert "Zéro emballage jetable" in text and "<table" in text and "chart.svg" in text
    assert "Join the coalition" not in text and "<form" not in text.split('id="main"')[-1]


def test_the_coalition_list_takes_the_same_queries_for_one_coalition_or_many(client, coalition):
    def add_rows():
        for _ in range(5):
            CoalitionCommitmentFactory(coalition=CoalitionFactory())

    assert_queries_do_not_grow(lambda: client.get(reverse("commitments:coalitions")), add_rows, at_most=4)


def test_a_representative_asks_to_join_and_a_lead_approves_on_the_page(client, coalition, lead):
    joiner = OrganisationFactory(name="La Recyclerie")
    client.force_login(representative_of(joiner))
    page = client.get(coalition.get_absolute_url()).text
    assert "Join the coalition" in page and "La Recyclerie" in page
    response = client.post(
        reverse("commitments:coalition_join", kwargs={"slug": coalition.slug}), {"organisation": joiner.pk}
    )
    assert response.status_code == 302
    membership = CoalitionMembership.objects.get(coalition=coalition, organisation=joiner)
    # Not a lead: may not answer its own request.
    decide = reverse("commitments:membership_decide", kwargs={"slug": coalition.slug, "pk": membership.pk})
    assert client.post(decide, {"decision": "approve"}).status_code == 403

    client.force_login(representative_of(lead))
    assert "Approve La Recyclerie" in client.get(coalition.get_absolute_url()).text
    assert client.post(decide, {"decision": "approve"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == CoalitionMembership.Status.APPROVED


def test_asking_for_an_organisation_one_does_not_represent_is_refused_with_a_reason(client, coalition):
    other = OrganisationFactory()
    client.force_login(representative_of(OrganisationFactory()))
    response = client.post(
        reverse("commitments:coalition_join", kwargs={"slug": coalition.slug}), {"organisation": other.pk}
    )
    assert response.status_code == 400
    assert not CoalitionMembership.objects.filter(organisation=other).exists()


def test_a_leads_representative_makes_the_coalitions_commitment_a_member_cannot(client, coalition, lead):
    url = reverse("commitments:coalition_commitment_create", kwargs={"slug": coalition.slug})
    member = OrganisationFactory()
    CoalitionMembership.objects.create(
        coalition=coalition, organisation=member, status=CoalitionMembership.Status.APPROVED
    )
    client.force_login(representative_of(member))
    assert client.get(url).status_code == 403

    client.force_login(representative_of(lead))
    response = client.post(
        url,
        {
            "title": "Moins de déchets ensemble",
            "indicator": "Déchets résiduels des commerces",
            "unit": "t",
            "theme": "waste_repair",
            "scope": "own_operations",
            "direction": "down",
            "baseline_year": 2022,
            "baseline_value": 40,
            "target_year": 2030,
            "target_value": 20,
            "reporting_frequency": "yearly",
        },
    )
    commitment = Commitment.objects.get(title="Moins de déchets ensemble")
    assert (
        response.status_code == 302 and commitment.coalition == coalition and commitment.organisation is None
    )
    page = client.get(commitment.get_absolute_url())
    assert page.status_code == 200 and coalition.name in page.text
    assert client.get(reverse("commitments:chart", kwargs={"pk": commitment.pk})).status_code == 200
    client.logout()
    assert client.get(commitment.get_absolute_url()).status_code == 200


def test_the_downloads_and_the_api_give_coalitions_their_members_and_commitments(client, coalition, lead):
    member = OrganisationFactory(slug="cafe-meme")
    CoalitionMembership.objects.create(
        coalition=coalition, organisation=member, status=CoalitionMembership.Status.APPROVED
    )
    CoalitionMembership.objects.create(
        coalition=coalition, organisation=OrganisationFactory(slug="en-attente")
    )
    commitment = CoalitionCommitmentFactory(coalition=coalition, title="Zéro emballage jetable")

    response = client.get(reverse("commitments:download_coalitions", kwargs={"format": "json"}))
    rows = json.loads(b"".join(response.streaming_content))
    rows = rows.get("rows", rows) if isinstance(rows, dict) else rows
    row = next(r for r in rows if r["slug"] == coalition.slug)
    assert row["leads"] == lead.slug and row["members"] == "cafe-meme"
    response = client.get(reverse("commitments:download_coalition_commitments", kwargs={"format": "csv"}))
    csv = b"".join(response.streaming_content).decode()
    assert "Zéro emballage jetable" in csv and coalition.slug in csv

    data = client.get(reverse("api:commitment_coalition", kwargs={"slug": coalition.slug})).json()
    assert data["leads"] == [lead.slug] and data["members"] == ["cafe-meme"]
    assert [c["id"] for c in data["commitments"]] == [commitment.pk]
    assert data["commitments"][0]["coalition"] == coalition.slug
    listed = client.get(reverse("api:commitment_coalitions")).json()
    assert [c["slug"] for c in listed] == [coalition.slug]
    for text in (str(data), str(rows)):
        assert "@" not in text  # no representative's address


def test_a_lead_reports_on_the_coalitions_commitment_and_is_told_of_the_citys_review(coalition, lead):
    from mobilization.accounts.tests.factories import MemberFactory
    from mobilization.commitments import services
    from mobilization.core import roles

    commitment = CoalitionCommitmentFactory(coalition=coalition)
    person = representative_of(lead)
    assert person.has_perm("commitments.add_progressreport", commitment)
    assert not representative_of(OrganisationFactory()).has_perm("commitments.add_progressreport", commitment)
    report, _created = services.submit_report(commitment, by=person, period="2021", value=96)
    services.verify_report(report, by=MemberFactory(roles=(roles.CITY_STAFF,)))
    assert Notification.objects.filter(recipient=person, kind="progress_report_reviewed").count() == 1


def test_staff_see_a_coalitions_report_in_their_queue_under_the_coalitions_name(client, coalition, lead):
    from mobilization.accounts.tests.factories import MemberFactory
    from mobilization.commitments import services
    from mobilization.core import roles

    commitment = CoalitionCommitmentFactory(coalition=coalition, title="Zéro emballage jetable")
    services.submit_report(commitment, by=representative_of(lead), period="2021", value=96)
    client.force_login(MemberFactory(roles=(roles.CITY_STAFF,)))
    page = client.get(reverse("commitments:review")).text
    assert "Commerces zéro déchet — Zéro emballage jetable, 2021" in page

"""A coalition's commitments stand wherever an organisation's do: the registry (its filters and sorting),
the downloads, the API, a plan objective's page, and the reminders (its leads' representatives)."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.commitments import services
from mobilization.commitments.models import Commitment, ProgressReport, ReportReminder
from mobilization.commitments.tests.factories import (
    CoalitionCommitmentFactory,
    CoalitionFactory,
    CommitmentFactory,
    OrganisationFactory,
    ProgressReportFactory,
    representative_of,
)
from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.notifications.models import Notification
from mobilization.plan.tests.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return OrganisationFactory(name="Biocoop Belleville")


@pytest.fixture
def coalition(lead):
    return CoalitionFactory(name="Commerces zéro déchet", slug="commerces-zero-dechet", lead=lead)


@pytest.fixture
def coalition_commitment(coalition):
    return CoalitionCommitmentFactory(coalition=coalition, title="Halve the packaging of the street")


def test_a_coalitions_commitment_is_public_and_an_unverified_organisations_is_not(coalition_commitment):
    from mobilization.commitments.models import Organisation

    hidden = CommitmentFactory(organisation=OrganisationFactory(status=Organisation.Status.PENDING))
    assert coalition_commitment.is_public and not hidden.is_public
    assert set(Commitment.objects.public()) == {coalition_commitment}


def test_verifying_an_organisation_shows_its_commitments(coalition_commitment):
    from mobilization.commitments.models import Organisation

    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    hidden = CommitmentFactory(organisation=organisation)
    services.verify_organisation(organisation, by=MemberFactory())
    hidden.refresh_from_db()
    assert hidden.is_public


def test_the_registry_lists_a_coalitions_commitment_under_its_coalition_and_filters_by_maker(
    client, coalition_commitment
):
    CommitmentFactory(title="Insulate the bakery")
    text = client.get(reverse("commitments:list")).text
    assert "Halve the packaging of the street" in text and "Insulate the bakery" in text
    assert coalition_commitment.coalition.get_absolute_url() in text and "Commerces zéro déchet" in text
    text = client.get(reverse("commitments:list"), {"made_by": "coalition"}).text
    assert "Halve the packaging of the street" in text and "Insulate the bakery" not in text
    text = client.get(reverse("commitments:list"), {"made_by": "organisation"}).text
    assert "Halve the packaging of the street" not in text and "Insulate the bakery" in text


def test_the_registry_sorts_a_coalitions_commitment_with_the_others(client, coalition):
    CoalitionCommitmentFactory(coalition=coalition, title="Fast coalition", progress_percent=90)
    CommitmentFactory(title="Slow organisation", progress_percent=10)
    text = client.get(reverse("commitments:list"), {"sort": "progress"}).text
    assert text.index("Fast coalition") < text.index("Slow organisation")


def test_the_registry_takes_the_same_queries_with_coalitions_commitments(client, coalition):
    CommitmentFactory()

    def add_rows():
        for _ in range(3):
            CoalitionCommitmentFactory(coalition=CoalitionFactory())
            CommitmentFactory(organisation=OrganisationFactory(district=None))

    def get():
        cache.clear()
        return client.get(reverse("commitments:list"))

    assert_queries_do_not_grow(get, add_rows, at_most=6)


def test_a_cold_page_of_the_registry_reads_nothing_its_pieces_already_hold(
    client, coalition_commitment, django_assert_num_queries
):
    client.get(reverse("commitments:list"))
    with django_assert_num_queries(0):  # another address, the same filters: the page and rows are kept
        response = client.get(reverse("commitments:list"), {"nocache": "1"})
    assert "Halve the packaging of the street" in response.text


def test_the_downloads_hold_a_coalitions_commitment_with_its_coalition(client, coalition_commitment):
    CommitmentFactory(title="Insulate the bakery")
    response = client.get(reverse("commitments:download_commitments", kwargs={"format": "csv"}))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(content))}
    assert rows["Halve the packaging of the street"]["coalition"] == "commerces-zero-dechet"
    assert rows["Halve the packaging of the street"]["organisation"] == ""
    assert rows["Insulate the bakery"]["coalition"] == "" and rows["Insulate the bakery"]["organisation"]
    response = client.get(reverse("commitments:download_commitments", kwargs={"format": "json"}))
    body = json.loads(b"".join(response.streaming_content))
    records = body["rows"] if isinstance(body, dict) and "rows" in body else body
    assert any(row.get("coalition") == "commerces-zero-dechet" for row in records)


def test_the_api_lists_a_coalitions_commitment_and_filters_by_maker(client, coalition_commitment):
    CommitmentFactory(title="Insulate the bakery")
    listed = client.get("/api/v1/commitments/").json()
    mine = next(item for item in listed if item["id"] == coalition_commitment.pk)
    assert mine["coalition"] == "commerces-zero-dechet" and mine["organisation"] is None
    only = client.get("/api/v1/commitments/", {"made_by": "coalition"}).json()
    assert [item["id"] for item in only] == [coalition_commitment.pk]
    detail = client.get(f"/api/v1/commitments/{coalition_commitment.pk}/")
    assert detail.status_code == 200 and detail.json()["coalition"] == "commerces-zero-dechet"


def test_the_api_list_takes_the_same_queries_with_coalitions_commitments(client, coalition):
    CommitmentFactory()

    def add_rows():
        for _ in range(3):
            CoalitionCommitmentFactory(coalition=CoalitionFactory())
            CommitmentFactory()

    assert_queries_do_not_grow(lambda: client.get("/api/v1/commitments/"), add_rows)


def test_an_objective_page_counts_a_coalitions_verified_progress(client, coalition_commitment):
    from mobilization.plan.tests.factories import TargetFactory

    objective = ObjectiveFactory(unit="tCO2e")
    TargetFactory(objective=objective)
    coalition_commitment.objectives.add(objective)
    ProgressReportFactory(
        commitment=coalition_commitment, period="2021", value=90, status=ProgressReport.Status.VERIFIED
    )
    services.refresh_figures(coalition_commitment)
    text = client.get(objective.get_absolute_url()).text
    assert "Halve the packaging of the street" in text and "Commerces zéro déchet (coalition)" in text
    assert "−10.0 tCO2e" in text


def test_the_leads_representatives_are_reminded_once_of_a_coalitions_overdue_report(coalition, lead):
    member = OrganisationFactory()
    coalition.memberships.create(organisation=member, is_lead=False, status="approved")
    commitment = CoalitionCommitmentFactory(coalition=coalition, starts_on=date(2024, 1, 1))
    today = date(2025, 5, 2)  # the 2024 report was due on 2025-03-31, overdue from 2025-04-30
    assert services.send_reminders(today) == 1
    assert services.send_reminders(today) == 0
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.REPORT_OVERDUE
    assert ReportReminder.objects.get(commitment=commitment).kind == ReportReminder.Kind.OVERDUE
    reminded = Notification.objects.filter(kind="progress_report_overdue")
    assert {n.recipient for n in reminded} == {representative_of(lead)}
    assert reminded.count() == 1

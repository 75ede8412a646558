import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.commitments import services
from mobilization.commitments.models import Commitment, Organisation, ProgressReport
from mobilization.commitments.tests.factories import (
    CommitmentFactory,
    OrganisationFactory,
    ProgressReportFactory,
)
from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.notifications.models import Notification
from mobilization.plan.tests.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def test_the_registry_lists_the_commitments_of_verified_organisations_only_and_sets_no_cookie(client):
    shown = CommitmentFactory(title="Halve our waste")
    CommitmentFactory(
        title="Hidden pledge", organisation=OrganisationFactory(status=Organisation.Status.PENDING)
    )
    response = client.get(reverse("commitments:list"))
    assert response.status_code == 200 and not response.cookies
    assert "Halve our waste" in response.text and shown.organisation.name in response.text
    assert "Hidden pledge" not in response.text


def test_the_registry_filters_by_status_and_sorts_by_progress(client):
    CommitmentFactory(title="Slow one", progress_percent=10, status=Commitment.Status.OFF_TRACK)
    CommitmentFactory(title="Fast one", progress_percent=90, status=Commitment.Status.IN_PROGRESS)
    text = client.get(reverse("commitments:list"), {"sort": "progress"}).text
    assert text.index("Fast one") < text.index("Slow one")
    text = client.get(reverse("commitments:list"), {"status": "off_track"}).text
    assert "Slow one" in text and "Fast one" not in text


def test_the_lists_take_the_same_queries_for_one_commitment_or_many(client):
    CommitmentFactory()

    def add_rows():
        for _ in range(5):
            CommitmentFactory(organisation=OrganisationFactory(district=None))

    def fetch(name):
        def get():
            cache.clear()
            return client.get(reverse(name))

        return get

    assert_queries_do_not_grow(fetch("commitments:list"), add_rows, at_most=6)
    # One more for the organisations: the charter levels, read once for the page.
    assert_queries_do_not_grow(fetch("commitments:organisations"), add_rows, at_most=7)


def test_an_organisation_page_shows_each_commitment_chart_and_its_figures_table(client, commitment):
    ProgressReportFactory(
        commitment=commitment, period="2021", value=96, status=ProgressReport.Status.VERIFIED
    )
    response = client.get(commitment.organisation.get_absolute_url())
    assert response.status_code == 200 and not response.cookies
    assert reverse("commitments:chart", kwargs={"pk": commitment.pk}) in response.text
    assert "<table" in response.text and "96" in response.text
    chart = client.get(reverse("commitments:chart", kwargs={"pk": commitment.pk}))
    assert chart["Content-Type"].startswith("image/svg+xml") and b"<svg" in chart.content


def test_an_organisation_awaiting_verification_is_hidden_from_the_public(client):
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    assert client.get(organisation.get_absolute_url()).status_code == 404
    client.force_login(organisation.representatives.get())
    assert "has not verified this organisation yet" in client.get(organisation.get_absolute_url()).text


def test_an_objective_page_shows_the_commitments_serving_it_and_their_verified_progress(client):
    from mobilization.plan.tests.factories import TargetFactory

    objective = ObjectiveFactory(unit="tCO2e")
    TargetFactory(objective=objective)
    commitment = CommitmentFactory(title="Insulate the school")
    commitment.objectives.add(objective)
    ProgressReportFactory(
        commitment=commitment, period="2021", value=90, status=ProgressReport.Status.VERIFIED
    )
    services.refresh_figures(commitment)
    text = client.get(objective.get_absolute_url()).text
    assert "Insulate the school" in text
    assert "Verified change since their baselines" in text and "−10.0 tCO2e" in text
    assert "(verified)" in text


def test_a_representative_signs_up_staff_verify_it_commits_reports_and_staff_ask_then_verify(client, staff):
    objective = ObjectiveFactory(unit="tCO2e")
    person = MemberFactory()
    client.force_login(person)
    response = client.post(
        reverse("commitments:organisation_register"),
        {"name": "Café Le Terminus", "kind": "company", "size_band": "micro", "siret": "73282932000074"},
    )
    organisation = Organisation.objects.get(name="Café Le Terminus")
    assert response.status_code == 302 and organisation.status == Organisation.Status.PENDING
    staff_client = type(client)()
    staff_client.force_login(staff)
    assert "Café Le Terminus" in staff_client.get(reverse("commitments:review")).text
    staff_client.post(reverse("commitments:organisation_verify", kwargs={"slug": organisation.slug}))
    organisation.refresh_from_db()
    assert organisation.is_verified

    response = client.post(
        reverse("commitments:commitment_create", kwargs={"slug": organisation.slug}),
        {
            "title": "Halve our emissions", "indicator": "Emissions", "unit": "tCO2e", "theme": "energy",
            "scope": "own_operations", "direction": "down", "baseline_year": "2020", "baseline_value": "100",
            "target_year": "2030", "target_percent": "-50", "interim_targets": "2025: 75",
            "reporting_frequency": "yearly", "objectives": [objective.pk],
        },
    )  # fmt: skip
    commitment = Commitment.objects.get()
    assert response.status_code == 302 and commitment.target_value == 50
    response = client.post(
        reverse("commitments:report_submit", kwargs={"pk": commitment.pk}),
        {
            "period": "2021", "value": "92", "narrative": "New boiler.", "links": "https://example.org/bilan",
            "files": SimpleUploadedFile("bill.pdf", PDF, "application/pdf"),
        },
    )  # fmt: skip
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and report.evidence.count() == 2
    evidence = report.evidence.exclude(file="").get()
    assert not evidence.file.name.endswith("bill.pdf")  # the sender's name is not kept

    review = reverse("commitments:report_review", kwargs={"pk": report.pk})
    staff_client.post(review, {"decision": "more_information", "comment": "Send the invoice."})
    assert Notification.objects.filter(recipient=person, kind="progress_report_reviewed").exists()
    page = client.get(reverse("commitments:report", kwargs={"pk": report.pk})).text
    assert "Send the invoice." in page
    client.post(
        reverse("commitments:report_edit", kwargs={"pk": report.pk}),
        {"value": "91", "narrative": "Invoice attached."},
    )
    staff_client.post(review, {"decision": "verified", "comment": ""})
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.VERIFIED and report.value == 91
    assert report.revisions.count() == 1
    assert staff_client.get(reverse("commitments:evidence", kwargs={"pk": evidence.pk})).status_code == 200

    public = type(client)()
    assert "91" in public.get(organisation.get_absolute_url()).text
    assert "Halve our emissions" in public.get(objective.get_absolute_url()).text


def test_a_commitment_form_refuses_a_target_year_before_the_baseline(client, organisation, representative):
    client.force_login(representative)
    response = client.post(
        reverse("commitments:commitment_create", kwargs={"slug": organisation.slug}),
        {"title": "T", "indicator": "I", "unit": "u", "theme": "energy", "scope": "own_operations",
         "direction": "down", "baseline_year": "2020", "baseline_value": "1", "target_year": "2019",
         "target_value": "0", "reporting_frequency": "yearly"},
    )  # fmt: skip
    assert response.status_code == 200 and "must come after the baseline year" in response.text


def test_an_invalid_siret_is_refused_with_a_reason(client):
    client.force_login(MemberFactory())
    response = client.post(
        reverse("commitments:organisation_register"),
        {"name": "Café", "kind": "company", "size_band": "micro", "siret": "73282932000075"},
    )
    assert response.status_code == 200 and "This SIRET number is not valid" in response.text


def test_the_downloads_and_the_api_hold_no_personal_data(client, commitment, representative):
    ProgressReportFactory(commitment=commitment, period="2021", value=96, submitted_by=representative)
    csv = client.get(reverse("commitments:download_commitments", kwargs={"format": "csv"}))
    text = b"".join(csv.streaming_content).decode()
    assert commitment.title in text and representative.email not in text
    reports = client.get(reverse("commitments:download_reports", kwargs={"format": "json"}))
    assert b"96" in b"".join(reports.streaming_content)
    api = client.get(reverse("api:commitment_detail", kwargs={"pk": commitment.pk}))
    body = api.json()
    assert body["title"] == commitment.title and body["reports"][0]["value"] == 96
    assert representative.email not in json.dumps(body)
    listing = client.get(reverse("api:commitment_list"), {"status": "pledged"}).json()
    assert [row["id"] for row in listing] == [commitment.pk]
    organisations = client.get(reverse("api:commitment_organisations")).json()
    assert organisations[0]["slug"] == commitment.organisation.slug

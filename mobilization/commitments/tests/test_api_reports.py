"""An organisation's own system files its reports through the API with a key."""

import pytest
from django.urls import reverse

from mobilization.commitments import services
from mobilization.commitments.models import ApiToken, ProgressReport
from mobilization.commitments.tests.factories import CommitmentFactory
from mobilization.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(organisation, representative):
    _token, key = services.create_api_token(organisation, label="Energy software", by=representative)
    return key


def post(client, commitment, key, **body):
    return client.post(
        reverse("api:commitment_report_submit", kwargs={"pk": commitment.pk}),
        {"period": "2021", "value": 95.5, **body},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"} if key else {},
    )


def test_a_key_is_stored_hashed_and_shown_once(organisation, representative, client):
    token, key = services.create_api_token(organisation, label="ERP", by=representative)
    assert key.startswith("cmt_") and key not in token.token_hash and token.prefix == key[:12]
    client.force_login(representative)
    response = client.post(
        reverse("commitments:api_tokens", kwargs={"slug": organisation.slug}), {"label": "BMS"}, follow=True
    )
    shown = response.text.split('<code class="api-key">')[1].split("</code>")[0]
    assert ApiToken.objects.filter(label="BMS", token_hash=services.hash_token(shown)).exists()
    assert shown not in client.get(reverse("commitments:api_tokens", kwargs={"slug": organisation.slug})).text


def test_a_report_filed_with_the_key_is_created_then_updated_then_refused_once_verified(
    client, commitment, key, staff
):
    first = post(client, commitment, key, narrative="From our software.", links=["https://example.org/r.pdf"])
    assert first.status_code == 201 and first.json()["status"] == "submitted"
    report = ProgressReport.objects.get()
    assert report.through_api and report.evidence.get().url == "https://example.org/r.pdf"
    again = post(client, commitment, key, value=94)
    assert again.status_code == 200 and again.json()["value"] == 94
    assert report.revisions.count() == 1
    services.verify_report(ProgressReport.objects.get(), by=staff)
    assert post(client, commitment, key, value=1).status_code == 409
    assert AuditEvent.objects.filter(action="commitments.api_report_received").count() == 2
    assert AuditEvent.objects.filter(action="commitments.api_report_refused").count() == 1


def test_a_key_reaches_its_own_organisations_commitments_only(client, key):
    other = CommitmentFactory()
    assert post(client, other, key).status_code == 403
    assert not ProgressReport.objects.exists()


def test_no_key_a_wrong_key_or_a_revoked_one_is_refused(client, commitment, organisation, representative):
    assert post(client, commitment, None).status_code == 401
    assert post(client, commitment, "cmt_nope").status_code == 401
    token, key = services.create_api_token(organisation, label="Old", by=representative)
    services.revoke_api_token(token, by=representative)
    assert post(client, commitment, key).status_code == 401


def test_a_bad_period_or_link_is_answered_400_with_the_reason(client, commitment, key):
    response = post(client, commitment, key, period="2021-Q1")
    assert response.status_code == 400 and "write the period like 2025" in str(response.json()["detail"])
    assert post(client, commitment, key, links=["javascript:alert(1)"]).status_code == 400
    assert not ProgressReport.objects.exists()


def test_the_key_is_rate_limited(client, commitment, key, settings):
    from mobilization.commitments import api

    api.REPORTS_RATE = "2/h"
    try:
        statuses = [post(client, commitment, key).status_code for _ in range(3)]
    finally:
        api.REPORTS_RATE = "60/h"
    assert statuses == [201, 200, 429]

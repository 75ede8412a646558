"""Charter levels: computed from an organisation's commitments by the rules staff configure, shown on its
page with what the next level takes, and in the list, the downloads and the API."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from mobilization.commitments import charter
from mobilization.commitments.models import CharterLevel, Commitment, ProgressReport
from mobilization.commitments.tests.factories import (
    CommitmentFactory,
    OrganisationFactory,
    ProgressReportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def levels():
    return [
        CharterLevel.objects.create(
            order=1, name_fr="Signataire", name_en="Signatory", min_active_commitments=1
        ),
        CharterLevel.objects.create(
            order=2,
            name_fr="Engagée",
            name_en="Committed",
            min_active_commitments=2,
            min_verified_reports=2,
            min_share_on_track=50,
        ),
    ]


def test_the_level_is_the_highest_whose_every_minimum_is_met(levels):
    organisation = OrganisationFactory()
    assert charter.charter_of(organisation).level is None
    first = CommitmentFactory(organisation=organisation, status=Commitment.Status.IN_PROGRESS)
    CommitmentFactory(organisation=organisation, status=Commitment.Status.WITHDRAWN)  # does not count
    found = charter.charter_of(organisation)
    assert found.level == levels[0] and found.next_level == levels[1]
    assert found.standing == charter.Standing(active=1, verified_reports=0, on_track=1)
    assert found.missing == ["1 more active commitment", "2 more reports verified by the city"]

    CommitmentFactory(organisation=organisation, status=Commitment.Status.OFF_TRACK)
    ProgressReportFactory(commitment=first, period="2021", status=ProgressReport.Status.VERIFIED)
    ProgressReportFactory(commitment=first, period="2022", status=ProgressReport.Status.SUBMITTED)
    assert charter.charter_of(organisation).missing == ["1 more report verified by the city"]
    second = Commitment.objects.filter(organisation=organisation, status="off_track").get()
    ProgressReportFactory(commitment=second, period="2021", status="verified")
    found = charter.charter_of(organisation)  # 2 active, 2 verified, 1 of 2 on track: 50 %
    assert found.level == levels[1] and found.next_level is None and found.missing == []


def test_a_share_on_track_below_the_minimum_keeps_the_level_below(levels):
    organisation = OrganisationFactory()
    for status in ("off_track", "off_track", "in_progress"):
        commitment = CommitmentFactory(organisation=organisation, status=status)
        ProgressReportFactory(commitment=commitment, status="verified")
    found = charter.charter_of(organisation)
    assert found.level == levels[0]
    assert found.missing == ["50 % of its commitments on track (now 33 %)"]


def test_the_page_the_list_the_download_and_the_api_show_the_level(client, levels):
    organisation = OrganisationFactory(name="Café Le Terminus")
    CommitmentFactory(organisation=organisation)
    page = client.get(organisation.get_absolute_url()).text
    assert "Level reached: <strong>Signatory</strong>" in page
    assert "To reach the level “Committed”, it still needs:" in page and "1 more active commitment" in page
    with translation.override("fr"):
        assert "Signataire" in client.get(reverse("commitments:organisations")).text
    with translation.override("en"):
        assert "Charter: Signatory" in client.get(reverse("commitments:organisations")).text

    response = client.get(reverse("commitments:download_organisations", kwargs={"format": "json"}))
    rows = json.loads(b"".join(response.streaming_content))["rows"]
    assert rows[0]["charter_level"] == "Signataire"
    assert client.get(reverse("api:commitment_organisations")).json()[0]["charter_level"] == "Signatory"
    detail = client.get(reverse("api:commitment_organisation", kwargs={"slug": organisation.slug})).json()
    assert detail["charter_level"] == "Signatory"


def test_without_levels_configured_the_page_says_nothing_of_the_charter(client):
    organisation = OrganisationFactory()
    CommitmentFactory(organisation=organisation)
    assert "Climate charter" not in client.get(organisation.get_absolute_url()).text

"""The prefect's extract: only coordinators, after confirming their password, for the affected
arrondissements, audited, read-logged, through a link that expires."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilization.accounts.tests.factories import PASSWORD
from mobilization.core.models import AuditEvent
from mobilization.solidarity import extracts
from mobilization.solidarity.models import CoordinatorScope, PrefectExtract
from mobilization.solidarity.tests.event_factories import EventFactory, trained_buddy
from mobilization.solidarity.tests.factories import ResidentFactory
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelfth(district):
    return ArrondissementFactory(city=district.city, number=12, centroid_lat=48.84, centroid_lon=2.39)


@pytest.fixture
def event(district):
    return EventFactory(districts=[district])


def reauthenticate(client):
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def produce(client, event):
    return client.post(reverse("solidarity:extract_start", kwargs={"pk": event.pk}), {"alert_plan": "on"})


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_a_volunteer_or_a_buddy_is_told_the_page_does_not_exist(client, event, volunteer):
    buddy = trained_buddy()
    for user in (volunteer, buddy.user):
        client.force_login(user)
        assert client.get(reverse("solidarity:extract_start", kwargs={"pk": event.pk})).status_code == 404
        assert produce(client, event).status_code == 404
    assert not PrefectExtract.objects.exists()


def test_a_coordinator_without_a_fresh_password_is_sent_to_confirm_it(client, event, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("solidarity:extract_start", kwargs={"pk": event.pk}))
    assert page.status_code == 200 and "R121-8" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    response = produce(client, event)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))
    assert not PrefectExtract.objects.exists()


def test_the_box_must_be_ticked(client, event, coordinator):
    client.force_login(coordinator)
    reauthenticate(client)
    response = client.post(reverse("solidarity:extract_start", kwargs={"pk": event.pk}), {})
    assert response.status_code == 400 and "alert plan only" in response.content.decode()
    assert not PrefectExtract.objects.exists()


def test_the_extract_holds_the_affected_arrondissements_only_and_is_audited(
    client, event, coordinator, district, twelfth
):
    inside = ResidentFactory(district=district, last_name="Fictif-Dedans", phone="+33199001234")
    ResidentFactory(district=twelfth, last_name="Fictif-Dehors", lat=48.84, lon=2.39)
    long_ago = timezone.now() - timedelta(days=900)
    ResidentFactory(district=district, last_name="Fictif-Périmé", confirmed_at=long_ago)
    client.force_login(coordinator)
    reauthenticate(client)

    response = produce(client, event)
    extract = PrefectExtract.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "solidarity:extract", kwargs={"key": extract.key}
    )
    assert (extract.created_by, extract.row_count) == (coordinator, 1)
    assert list(extract.districts.all()) == [district]
    created = AuditEvent.objects.get(action="solidarity.prefect_extract_created")
    assert (created.actor, created.object_id, created.details["rows"]) == (coordinator, str(extract.pk), 1)

    page = client.get(response["Location"])
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    download = client.get(reverse("solidarity:extract_download", kwargs={"key": extract.key}))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert "no-store" in download["Cache-Control"]
    rows = rows_of(download)
    assert [row[0] for row in rows[1:]] == ["Fictif-Dedans"]
    assert "01 99 00 12 34" in rows[1] and inside.address in rows[1] and inside.care_service in rows[1]
    # The link holds no personal detail.
    assert "Fictif" not in extract.key and extract.key not in inside.address
    downloaded = AuditEvent.objects.filter(action="solidarity.prefect_extract_downloaded", actor=coordinator)
    assert downloaded.count() == 1
    read = AuditEvent.objects.get(action="solidarity.resident_viewed", object_id=str(inside.pk))
    assert read.details == {"part": "prefect_extract", "extract": extract.pk}


def test_a_coordinator_of_other_arrondissements_gets_only_theirs(client, district, twelfth, coordinator):
    event = EventFactory(districts=[district, twelfth])
    ResidentFactory(district=district, last_name="Fictif-Onze")
    ResidentFactory(district=twelfth, last_name="Fictif-Douze", lat=48.84, lon=2.39)
    CoordinatorScope.objects.create(coordinator=coordinator).districts.set([twelfth])
    extract = extracts.create_extract(event, by=coordinator)
    assert list(extract.districts.all()) == [twelfth] and extract.row_count == 1


def test_the_expired_link_refuses_with_a_page_that_says_so(client, event, coordinator, district):
    ResidentFactory(district=district)
    client.force_login(coordinator)
    extract = extracts.create_extract(event, by=coordinator, now=timezone.now() - timedelta(minutes=16))
    download = client.get(reverse("solidarity:extract_download", kwargs={"key": extract.key}))
    assert download.status_code == 410 and "has expired" in download.content.decode()
    assert not AuditEvent.objects.filter(action="solidarity.prefect_extract_downloaded").exists()


def test_the_link_is_for_the_coordinator_who_produced_it(client, event, coordinator):
    from mobilization.accounts.tests.factories import MemberFactory
    from mobilization.core import roles

    extract = extracts.create_extract(event, by=coordinator)
    colleague = MemberFactory(email="colleague@example.org", roles=(roles.SOLIDARITY_COORDINATOR,))
    client.force_login(colleague)
    assert client.get(reverse("solidarity:extract_download", kwargs={"key": extract.key})).status_code == 404


def test_the_event_page_offers_the_extract_to_coordinators(client, event, coordinator):
    client.force_login(coordinator)
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("solidarity:extract_start", kwargs={"pk": event.pk}) in page


def test_phones_read_as_the_record_shows_them():
    from mobilization.solidarity.models import VulnerableResident

    assert extracts._phone("+33199004321") == "01 99 00 43 21"
    assert extracts._phone("+441632960961") == VulnerableResident.readable_phone("+441632960961")
    assert extracts._phone("") == ""

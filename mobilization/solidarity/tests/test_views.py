"""The registry's and the buddies' pages, through the test client: who sees what, what is logged."""

import contextlib
from datetime import date

import pytest
from django.http import Http404
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.core.models import AuditEvent
from mobilization.solidarity import buddies
from mobilization.solidarity.models import BuddyProfile, VulnerableResident
from mobilization.solidarity.tests.factories import (
    BuddyProfileFactory,
    ResidentFactory,
    buddy_training,
    certify,
)

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def form_data(**overrides) -> dict:
    data = {
        "first_name": "Lucienne",
        "last_name": "Fictif-Haddad",
        "date_of_birth": "1938-03-14",
        "category": "aged_65",
        "address": "24 rue de la Démo, 75011 Paris",
        "lat": "48.85912",
        "lon": "2.38016",
        "access_notes": "Code 4821A",
        "phone": "01 99 00 43 21",
        "languages": ["fr", "ar"],
        "lives_alone": "on",
        "preferred_contact": "call",
        "preferred_time": "morning",
        "emergency_contact": "Nadia, 06 39 98 00 11",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_a_relative_registers_someone_then_sees_the_record_and_the_read_is_logged(client, district, relative):
    response = signed_in(client, relative).post(
        reverse("solidarity:register", kwargs={"kind": "relative"}), form_data()
    )

    resident = VulnerableResident.objects.get()
    assert response.status_code == 302 and response["Location"] == resident.get_absolute_url()
    assert resident.phone == "+33199004321"  # stored in the international format
    page = client.get(resident.get_absolute_url())
    assert page.status_code == 200
    assert "01 99 00 43 21" in page.content.decode() and "4821A" not in page.content.decode()  # notes sealed
    read = AuditEvent.objects.get(action="solidarity.resident_viewed", object_id=str(resident.pk))
    assert read.actor == relative and read.details == {"part": "record"}


def test_registration_without_consent_is_refused_and_nothing_is_saved(client, district, relative):
    data = form_data()
    del data["consent"]
    response = signed_in(client, relative).post(
        reverse("solidarity:register", kwargs={"kind": "relative"}), data
    )
    assert response.status_code == 200
    assert not VulnerableResident.objects.exists()


def test_a_condition_the_person_is_too_young_for_is_refused(client, district, relative):
    response = signed_in(client, relative).post(
        reverse("solidarity:register", kwargs={"kind": "relative"}), form_data(date_of_birth="1990-01-01")
    )
    assert "65 or over" in response.content.decode()
    assert not VulnerableResident.objects.exists()


def test_a_volunteer_may_not_take_a_registration_by_phone(client, district, volunteer):
    response = signed_in(client, volunteer).get(reverse("solidarity:register", kwargs={"kind": "phone"}))
    assert response.status_code == 404


def test_a_buddy_cannot_open_a_resident_and_a_volunteer_cannot_list_them(client, resident):
    buddy = BuddyProfileFactory().user
    certify(buddy)
    assert buddies.is_trained_buddy(buddy)
    signed_in(client, buddy)

    assert client.get(resident.get_absolute_url()).status_code == 404
    assert client.get(reverse("solidarity:access_notes", kwargs={"pk": resident.pk})).status_code == 404
    assert client.get(reverse("solidarity:residents")).status_code == 404
    assert not AuditEvent.objects.filter(action="solidarity.resident_viewed").exists()


def test_the_coordinator_lists_and_filters_the_registry_without_decrypting_it(client, resident, coordinator):
    from mobilization.territory.tests.factories import ArrondissementFactory

    twentieth = ArrondissementFactory(number=20, centroid_lat=48.864, centroid_lon=2.398)
    ResidentFactory(district=twentieth, lat=48.864, lon=2.398, last_name="Fictif-Vingtieme")
    signed_in(client, coordinator)

    everyone = client.get(reverse("solidarity:residents")).content.decode()
    only_20 = client.get(reverse("solidarity:residents"), {"district": twentieth.pk}).content.decode()

    assert resident.last_name in everyone and "Fictif-Vingtieme" in everyone
    assert "Fictif-Vingtieme" in only_20 and resident.last_name not in only_20
    assert "+33199001234" not in everyone


def test_the_access_notes_are_read_on_their_own_page_and_logged_apart(client, resident, coordinator):
    page = signed_in(client, coordinator).get(reverse("solidarity:access_notes", kwargs={"pk": resident.pk}))
    assert "4821A" in page.content.decode()
    assert AuditEvent.objects.filter(
        action="solidarity.resident_viewed", object_id=str(resident.pk), details__part="access_notes"
    ).exists()


def test_city_staff_review_the_read_log_filtered_by_reader(client, resident, coordinator):
    signed_in(client, coordinator).get(resident.get_absolute_url())
    client.logout()
    staff = MemberFactory(roles=(roles.CITY_STAFF,))
    signed_in(client, staff)

    page = client.get(reverse("solidarity:read_log"), {"actor": coordinator.email}).content.decode()
    other = client.get(reverse("solidarity:read_log"), {"actor": "nobody@example.org"}).content.decode()

    assert coordinator.email in page and f"#{resident.pk}" in page
    assert f"#{resident.pk}" not in other
    client.logout()
    assert signed_in(client, coordinator).get(reverse("solidarity:read_log")).status_code == 404


def test_the_registrant_withdraws_and_the_record_is_gone(client, resident, relative):
    signed_in(client, relative)
    response = client.post(reverse("solidarity:resident_withdraw", kwargs={"pk": resident.pk}))
    assert response.status_code == 302
    assert not VulnerableResident.objects.exists()
    assert client.get(resident.get_absolute_url()).status_code == 404


def test_a_volunteer_offers_to_be_a_buddy_and_is_one_once_certified(client, district, volunteer):
    training = buddy_training()
    response = signed_in(client, volunteer).post(
        reverse("solidarity:buddy"),
        {
            "checkins_per_day": "4",
            "max_distance_km": "1.5",
            "does_calls": "on",
            "languages": ["fr", "en"],
            "base": "district",
            "district": district.pk,
        },
    )
    assert response.status_code == 302
    profile = BuddyProfile.objects.get(user=volunteer)
    assert (profile.base_lat, profile.base_lon) == (48.859, 2.38)
    assert not buddies.is_trained_buddy(volunteer)
    page = client.get(reverse("solidarity:buddy")).content.decode()
    assert "once you hold a valid certification" in page
    assert reverse("learning:training_detail", kwargs={"pk": training.pk}) in page

    certification = certify(volunteer, expires_on=date(2031, 5, 12))
    assert buddies.is_trained_buddy(volunteer)
    page = client.get(reverse("solidarity:buddy")).content.decode()
    assert "You are a trained buddy" in page
    assert "May 12, 2031" in page
    assert certification.get_absolute_url() in page
    assert "once you hold a valid certification" not in page


def test_a_buddy_pauses_for_a_week_and_comes_back(client, district):
    profile = BuddyProfileFactory()
    certify(profile.user)
    signed_in(client, profile.user)

    client.post(reverse("solidarity:buddy_pause"), {"days": "7"})
    profile.refresh_from_db()
    assert profile.is_paused()
    client.post(reverse("solidarity:buddy_resume"))
    profile.refresh_from_db()
    assert not profile.is_paused()


def test_the_coordinators_list_takes_a_fixed_number_of_queries(client, district, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in(client, coordinator)
    ResidentFactory.create_batch(3, district=district)
    client.get(reverse("solidarity:residents"))  # the first request of a session reads more, once
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("solidarity:residents"))
    ResidentFactory.create_batch(20, district=district)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("solidarity:residents"))
    assert len(many) == len(few), [query["sql"][:120] for query in many.captured_queries][-5:]


def test_no_sensitive_detail_reaches_the_logs_or_the_addresses(client, district, relative, caplog):
    caplog.set_level("DEBUG")
    signed_in(client, relative)
    response = client.post(reverse("solidarity:register", kwargs={"kind": "relative"}), form_data())
    resident = VulnerableResident.objects.get()
    client.get(resident.get_absolute_url())
    client.post(
        reverse("solidarity:resident_edit", kwargs={"pk": resident.pk}),
        form_data(other_phone="01 99 00 00 12"),
    )

    for secret in ("43 21", "4321", "0012", "rue de la Démo", "4821A", "Nadia", "Lucienne", "Haddad"):
        assert secret not in caplog.text
        assert secret not in response["Location"]
    events = AuditEvent.objects.filter(object_id=str(resident.pk))
    assert "other_phone" in str(events.get(action="solidarity.resident_changed").details)
    assert "0012" not in str(list(events.values_list("details", flat=True)))


def test_an_error_report_hides_the_sensitive_fields_that_were_posted(rf, relative):
    from django.views.debug import SafeExceptionReporterFilter

    from mobilization.solidarity import views

    request = rf.post("/", form_data())
    request.user = relative
    # The kind is unknown (404): only the marks the decorator left on the request matter here.
    with contextlib.suppress(Http404):
        views.register(request, kind="nonsense")
    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    assert shown["phone"] != "01 99 00 43 21" and shown["address"].startswith("*")
    assert shown["first_name"].startswith("*") and shown["category"] == "aged_65"

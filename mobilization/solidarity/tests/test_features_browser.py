"""In Chromium, at a phone's width: a coordinator makes an event by hand, changes it, produces the prefect's
extract (confirming their password), and city staff filter the read log by part. Each page passes axe."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import PASSWORD, MemberFactory
from mobilization.core import roles
from mobilization.core.models import AuditEvent
from mobilization.solidarity.models import ExtremeEvent, PrefectExtract
from mobilization.solidarity.tests.factories import ResidentFactory
from mobilization.solidarity.tests.test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 375, "height": 800}
    )
    page = context.new_page()
    yield page
    context.close()


def test_a_coordinator_makes_an_event_by_hand_and_produces_the_prefect_s_extract(
    phone, live_server, axe_check, screenshot
):
    from mobilization.solidarity.tests.event_factories import paris_arrondissements

    paris = paris_arrondissements()
    ResidentFactory(district=paris[10], last_name="Fictif-Haddad", lat=48.859, lon=2.38)
    coordinator = MemberFactory(email="coord@example.org", roles=(roles.SOLIDARITY_COORDINATOR,))
    sign_in(phone, live_server, coordinator)

    phone.goto(reverse("solidarity:events"))
    phone.get_by_role("link", name="New event").click()
    axe_check(phone)
    phone.get_by_label("Hazard").select_option("heatwave")
    phone.get_by_label("Vigilance level").select_option("orange")
    phone.get_by_label(paris[10].name, exact=True).check()
    phone.get_by_label("Start").fill("2026-07-14T08:00")
    phone.get_by_label("Expected end").fill("2026-07-13T08:00")  # before the start: refused
    phone.get_by_label("Headline").fill("Canicule : vigilance orange")
    phone.get_by_role("button", name="Create the event").click()
    expect(phone.get_by_text("The expected end must come after the start.")).to_be_visible()
    axe_check(phone)
    phone.get_by_label("Expected end").fill("2026-07-18T20:00")
    phone.get_by_role("button", name="Create the event").click()
    expect(phone.get_by_text("The event is created, on watch")).to_be_visible()
    event = ExtremeEvent.objects.get()
    screenshot(phone, "solidarity-event-by-hand-375")

    phone.get_by_role("link", name="Change the level, arrondissements or end").click()
    axe_check(phone)
    phone.get_by_label("Vigilance level").select_option("red")
    phone.get_by_role("button", name="Save the changes").click()
    expect(phone.get_by_text("The event is updated")).to_be_visible()
    event.refresh_from_db()
    assert (event.level, event.revision) == ("red", 2)

    phone.get_by_role("link", name="Registry extract for the prefect").click()
    expect(phone.get_by_text("R121-8", exact=False)).to_be_visible()
    axe_check(phone)
    screenshot(phone, "solidarity-prefect-extract-375")
    phone.get_by_label(re.compile("alert plan is triggered")).check()
    phone.get_by_role("button", name="Produce the extract").click()
    # allauth asks for the password again, then carries on with the request.
    phone.wait_for_url(re.compile(r"/reauthenticate/"))
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name=re.compile("Confirm")).click()
    expect(phone.get_by_text("The extract is ready.")).to_be_visible()
    axe_check(phone)
    extract = PrefectExtract.objects.get()
    assert extract.row_count == 1 and extract.key in phone.url
    with phone.expect_download() as download:
        phone.get_by_role("link", name=re.compile("Download the extract")).click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Fictif-Haddad" in content and "01 99 00 12 34" in content
    assert AuditEvent.objects.filter(action="solidarity.prefect_extract_downloaded").count() == 1

    # City staff see the reads the extract made, filtered by part.
    staff = MemberFactory(email="staff@example.org", roles=(roles.CITY_STAFF,))
    sign_in(phone, live_server, staff)
    phone.goto(reverse("solidarity:read_log"))
    phone.get_by_label("Part read").select_option("prefect_extract")
    phone.get_by_role("button", name="Show").click()
    expect(phone.get_by_role("heading", name="1 entry")).to_be_visible()
    expect(phone.get_by_role("cell", name="The prefect's extract")).to_be_visible()
    axe_check(phone)
    screenshot(phone, "solidarity-read-log-by-part-375")

"""In Chromium: a coordinator uploads an orange heatwave CAP alert for Paris, activates the event (the
buddies are dispatched), sees the last run and the call list, downloads the CAP export; a buddy accepts
an offer. Axe on every page, photographed at 1280 and 375 pixels wide."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.solidarity import cap
from mobilization.solidarity.models import Assignment, ExtremeEvent
from mobilization.solidarity.tests.event_factories import paris_arrondissements, trained_buddy
from mobilization.solidarity.tests.factories import ResidentFactory
from mobilization.solidarity.tests.test_browser import look, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ALERT = Path(cap.__file__).resolve().parent / "tests" / "fixtures" / "heatwave_paris_orange.xml"


def test_a_coordinator_imports_an_alert_activates_it_and_a_buddy_accepts(
    page, live_server, axe_check, screenshot, coordinator, tmp_path
):
    page.set_default_timeout(20_000)
    arrondissements = paris_arrondissements()
    eleventh = next(d for d in arrondissements if d.number == 11)
    buddy = trained_buddy(base_district=eleventh, checkins_per_day=1)
    residents = [ResidentFactory(district=eleventh) for _ in range(3)]  # room for two: one to call

    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + reverse("solidarity:events"))
    look(page, axe_check, screenshot, "events-empty")
    page.get_by_role("link", name="Import a CAP alert").click()
    page.wait_for_url(re.compile(r"/solidarity/events/import/$"))
    look(page, axe_check, screenshot, "event-import")

    lyon = tmp_path / "lyon.xml"
    lyon.write_bytes((ALERT.parent / "flood_lyon.xml").read_bytes())
    page.get_by_label("CAP 1.2 alert (XML file)").set_input_files(str(lyon))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("The alert concerns an area outside the city.")).to_be_visible()
    look(page, axe_check, screenshot, "event-import-refused")

    page.get_by_label("CAP 1.2 alert (XML file)").set_input_files(str(ALERT))
    page.get_by_role("button", name="Import").click()
    event = ExtremeEvent.objects.get()
    page.wait_for_url(re.compile(rf"/solidarity/events/{event.pk}/$"))
    expect(page.get_by_text("The event is created, on watch")).to_be_visible()
    look(page, axe_check, screenshot, "event-watch")

    page.get_by_role("button", name="Activate and dispatch the buddies").click()
    expect(page.get_by_text("The event is active and the buddies are dispatched.")).to_be_visible()
    expect(page.get_by_text("Residents with a buddy")).to_be_visible()
    look(page, axe_check, screenshot, "event-active")
    assert Assignment.objects.filter(event=event, status="offered").count() == 2

    page.get_by_role("link", name=re.compile("The call list: 1 person")).click()
    page.wait_for_url(re.compile(rf"/solidarity/events/{event.pk}/call-list/$"))
    look(page, axe_check, screenshot, "event-call-list")
    page.goto(live_server.url + reverse("solidarity:events"))
    look(page, axe_check, screenshot, "events")

    sign_in(page, live_server, buddy.user)
    page.goto(live_server.url + reverse("solidarity:offers"))
    look(page, axe_check, screenshot, "offers")
    page.get_by_role("button", name="Accept").first.click()
    expect(page.get_by_text("Thank you: you have accepted")).to_be_visible()
    look(page, axe_check, screenshot, "offers-accepted")
    assert Assignment.objects.filter(event=event, status="accepted").count() == 1
    assert len(residents) == 3

"""A volunteer registers to an event in Chromium and adds it to their calendar."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from icalendar import Calendar

from mobilization.accounts.tests.factories import PASSWORD, MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/$"))


def test_a_volunteer_registers_downloads_the_ics_and_finds_it_in_my_events(
    page, live_server, axe_check, screenshot, make_event, cohost
):
    event = make_event(title="Repair café du samedi", capacity=10)
    event.cohosts.add(cohost)
    MemberFactory(email="camille@example.org", display_name="Camille")

    page.goto(reverse("events:list"))
    axe_check(page)
    screenshot(page, "events-list")
    page.get_by_role("link", name="Repair café du samedi").click()
    page.wait_for_url(re.compile(rf"/events/{event.pk}/$"))
    assert page.get_by_text(cohost.title).count() >= 1

    page.get_by_role("link", name="Sign in to register").click()
    page.get_by_label("Email").fill("camille@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(rf"/events/{event.pk}/$"))

    page.get_by_role("button", name="Register").click()
    page.locator("#registration-status").wait_for()
    assert "You are registered." in page.locator("#registration-status").inner_text()
    assert "9 left" in page.locator("#event-seats").inner_text()
    axe_check(page)
    screenshot(page, "event-registered")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    content = Path(download_info.value.path()).read_bytes()
    [vevent] = Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Repair café du samedi"
    response = page.request.get(reverse("events:ics", kwargs={"pk": event.pk}))
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"

    page.goto(reverse("events:mine"))
    assert page.get_by_role("link", name="Repair café du samedi").count() == 1
    assert page.get_by_role("link", name="My calendar feed (.ics)").count() == 1
    axe_check(page)

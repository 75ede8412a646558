"""In Chromium, at a phone's width: a buddy whose phone holds outcomes not yet sent is told so on any page
of the site, with a link to the check-ins; another person signed in on that phone is told nothing."""

import json

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core.testing import PHONE_VIEWPORT, signed_in_page
from mobilization.solidarity.tests.checkin_factories import buddy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def hold_outcomes(page, buddy_pk, count):
    """What checkins.js leaves in the outbox when the network is gone (the fields it reads back)."""
    items = [{"key": f"k{n}", "checkin": n, "buddy": str(buddy_pk), "outcome": "well"} for n in range(count)]
    page.evaluate("(items) => localStorage.setItem('solidarity-checkin-outbox', items)", json.dumps(items))


def test_a_buddy_with_unsent_outcomes_is_told_on_every_page(browser, live_server, screenshot):
    profile = buddy("buddy@example.org")
    page = signed_in_page(browser, live_server, profile.user)
    page.set_viewport_size(PHONE_VIEWPORT)
    page.goto("/")
    notice = page.locator("[data-outbox-notice][aria-live=polite]")
    expect(notice).to_be_empty()

    hold_outcomes(page, profile.user.pk, 2)
    page.goto(reverse("notifications:inbox"))

    expect(notice).to_have_text(
        "2 outcomes are saved on this phone, not yet sent. Go to your check-ins to send"
    )
    screenshot(page, "solidarity-outbox-notice-375")
    notice.get_by_role("link", name="Go to your check-ins to send").click()
    expect(page).to_have_url(live_server.url + reverse("solidarity:checkins"))
    expect(page.locator("[data-outbox-notice] p")).to_have_count(0)  # the check-ins say it themselves


def test_someone_else_signed_in_on_the_phone_is_told_nothing(browser, live_server):
    profile = buddy("buddy@example.org")
    page = signed_in_page(browser, live_server, MemberFactory(email="other@example.org"))
    page.goto("/")
    hold_outcomes(page, profile.user.pk, 1)
    page.goto(reverse("notifications:inbox"))
    expect(page.locator("[data-outbox-notice]")).to_be_empty()


def test_signing_out_from_any_page_asks_first_while_outcomes_wait(
    browser, live_server, axe_check, screenshot
):
    profile = buddy("buddy@example.org")
    page = signed_in_page(browser, live_server, profile.user)
    page.set_viewport_size(PHONE_VIEWPORT)
    page.goto("/")
    hold_outcomes(page, profile.user.pk, 1)
    page.goto(reverse("notifications:inbox"))

    page.get_by_text("Menu").click()  # the folded navigation of a phone
    page.get_by_role("button", name="Sign out").click()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text(
        "Signing out erases it from the phone: send it from your check-ins first."
    )
    expect(warning.get_by_role("link", name="Go to your check-ins to send")).to_be_visible()
    axe_check(page)
    screenshot(page, "solidarity-signout-warning-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator("[data-outbox-notice] p.message-warning")).to_be_hidden()  # said once, not twice
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    expect(page.locator("[data-outbox-notice] p.message-warning")).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()  # still signed in

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("alert").get_by_role("button", name="Sign out and erase them").click()
    page.wait_for_url(lambda url: "inbox" not in url)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('solidarity-checkin-outbox')") in (None, "[]")


def test_signing_out_with_nothing_waiting_is_not_delayed(browser, live_server):
    profile = buddy("buddy@example.org")
    page = signed_in_page(browser, live_server, profile.user)
    page.goto(reverse("notifications:inbox"))
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "inbox" not in url)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

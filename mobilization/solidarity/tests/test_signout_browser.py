"""In Chromium: when a buddy signs out, the check-in pages the phone kept for offline reading are gone;
outcomes saved on the phone and not yet sent are not erased without the buddy being told."""

import contextlib
import json
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from mobilization.solidarity import checkins
from mobilization.solidarity.models import CheckIn
from mobilization.solidarity.tests.checkin_factories import accepted, active_event, buddy
from mobilization.solidarity.tests.factories import ResidentFactory, eleventh
from mobilization.solidarity.tests.test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# How many caches of the check-in pages the phone holds.
KEPT = "() => caches.keys().then((names) => names.filter((n) => n.startsWith('solidarity-checkins-')).length)"
SOME_KEPT = KEPT.replace(".length)", ".length > 0)")


def until(page, predicate: str, seconds: float = 10):
    """Wait until the page says yes (the page's CSP forbids the eval that wait_for_function uses)."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(predicate):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still not: {predicate}")


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 375, "height": 800},
        service_workers="allow",
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def world(db):
    district = eleventh()
    event = active_event([district])
    profile = buddy("buddy@example.org")
    resident = ResidentFactory(district=district, first_name="Lucienne", last_name="Fictif-Haddad")
    accepted(event, resident, profile)
    checkins.generate_checkins(event)
    return event, profile, resident


def load_checkins_for_offline(phone, live_server, profile):
    sign_in(phone, live_server, profile.user)
    phone.goto(reverse("solidarity:checkins"))
    until(phone, "() => navigator.serviceWorker.controller !== null")
    phone.reload()  # through the service worker: now kept on the phone
    expect(phone.get_by_role("link", name="Lucienne Fictif-Haddad")).to_be_visible()
    until(phone, SOME_KEPT)


@contextlib.contextmanager
def signing_out(phone):
    """The sign-out's answer, once the page it leads to (the home page) has loaded."""
    home = re.compile(re.escape(reverse("home")) + "$")
    posted = lambda r: r.request.method == "POST" and "logout" in r.url  # noqa: E731
    with phone.expect_navigation(url=home, wait_until="load"), phone.expect_response(posted) as answer:
        yield answer


def sign_out(phone):
    phone.get_by_text("Menu").click()
    phone.get_by_role("button", name="Sign out").click()


def test_after_signing_out_the_check_ins_are_no_longer_readable_offline(phone, live_server, world):
    event, profile, resident = world
    load_checkins_for_offline(phone, live_server, profile)
    # Offline, before signing out: the phone shows the kept list (what the buddy needs in the field).
    phone.context.set_offline(True)
    phone.reload()
    expect(phone.get_by_role("link", name="Lucienne Fictif-Haddad")).to_be_visible()
    phone.context.set_offline(False)

    # Signed out from another page of the site (no script of ours there): the answer alone clears it all.
    phone.goto(reverse("home"))
    with signing_out(phone) as answer:
        sign_out(phone)
    assert answer.value.all_headers()["clear-site-data"] == '"cache", "storage"'
    assert phone.evaluate(KEPT) == 0

    phone.context.set_offline(True)
    with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
        phone.goto(reverse("solidarity:checkins"))  # no network, and nothing kept to answer from
    expect(phone.get_by_text("Lucienne Fictif-Haddad")).to_have_count(0)
    expect(phone.get_by_text("01 99 00 12 34")).to_have_count(0)


def test_an_outcome_not_yet_sent_is_not_erased_by_signing_out_without_a_warning(phone, live_server, world):
    event, profile, resident = world
    load_checkins_for_offline(phone, live_server, profile)
    checkin = CheckIn.objects.get()
    # An outcome saved on the phone that cannot be sent now (its answer is not the server's JSON).
    waiting = [
        {
            "key": "8d7c6f0e-1d3a-4a59-9a0e-3f1f0b7d2c11",
            "buddy": str(profile.user.pk),
            "checkin": str(checkin.pk),
            "action": "/not-a-page/",
            "fields": [["outcome", "fine"]],
            "label": "Fine",
            "savedAt": "2026-07-14T10:00:00Z",
        }
    ]
    phone.evaluate("(items) => localStorage.setItem('solidarity-checkin-outbox', items)", json.dumps(waiting))
    phone.reload()

    sign_out(phone)
    warning = phone.locator("#outbox-signout-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("One outcome saved on this phone could not be sent")
    phone.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    assert phone.url.endswith(reverse("solidarity:checkins"))
    assert len(json.loads(phone.evaluate("localStorage.getItem('solidarity-checkin-outbox')"))) == 1

    sign_out(phone)
    with signing_out(phone) as answer:
        phone.get_by_role("button", name="Sign out and erase them").click()
    assert answer.value.all_headers()["clear-site-data"] == '"cache", "storage"'
    assert phone.evaluate("localStorage.getItem('solidarity-checkin-outbox')") in (None, "[]")
    assert phone.evaluate(KEPT) == 0

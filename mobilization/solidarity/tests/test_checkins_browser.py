"""In Chromium: a buddy loses the network, records an outcome on the phone, and it is sent once when the
network returns; the coordinators' pages pass axe. Each page is photographed at 1280 and 375 px."""

import json
import re
import uuid

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.core.models import AuditEvent
from mobilization.solidarity import checkins
from mobilization.solidarity.models import CheckIn, Escalation
from mobilization.solidarity.tests.checkin_factories import accepted, active_event, buddy
from mobilization.solidarity.tests.factories import ResidentFactory, eleventh
from mobilization.solidarity.tests.test_browser import look, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def until(page, predicate: str, seconds: float = 10):
    """Wait until the page says yes (the page's CSP forbids the eval that wait_for_function uses)."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(predicate):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still not: {predicate}")


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized page of its own context (service workers allowed, no request routing: a routed
    context does not see what a service worker answers)."""
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


def test_an_outcome_recorded_offline_is_kept_on_the_phone_and_sent_once_when_the_network_returns(
    phone, live_server, world, screenshot, axe_check
):
    event, profile, resident = world
    sign_in(phone, live_server, profile.user)
    phone.goto(reverse("solidarity:checkins"))
    # The service worker takes control of the page; the list is loaded again through it, so it is kept.
    phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    until(phone, "() => navigator.serviceWorker.controller !== null")
    phone.reload()
    axe_check(phone)
    phone.get_by_role("link", name="Lucienne Fictif-Haddad").click()
    phone.wait_for_url(re.compile(rf"/checkins/residents/{resident.pk}/$"))
    expect(phone.get_by_text("01 99 00 12 34")).to_be_visible()
    axe_check(phone)
    screenshot(phone, "solidarity-checkin-card-375")

    phone.context.set_offline(True)
    phone.reload()  # from the phone: the card stays readable without network
    expect(phone.get_by_role("heading", name="Lucienne Fictif-Haddad")).to_be_visible()
    phone.get_by_label("Fine").check()
    phone.get_by_role("button", name="Record").click()
    expect(phone.get_by_text("Saved on this phone, not yet sent", exact=False).first).to_be_visible()
    screenshot(phone, "solidarity-checkin-saved-offline-375")
    assert CheckIn.objects.get().outcome == ""
    saved = phone.evaluate("localStorage.getItem('solidarity-checkin-outbox')")
    assert len(json.loads(saved)) == 1

    phone.goto(reverse("solidarity:checkins"))  # the list, from the phone too
    expect(phone.get_by_text("One outcome is saved on this phone, not yet sent.")).to_be_visible()

    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    status = phone.locator(f'[data-outbox-status-for="{CheckIn.objects.get().pk}"]')
    expect(status).to_have_text(re.compile(r"^Sent\. \(Fine\)"))
    expect(phone.locator("#outbox-summary")).to_be_hidden()
    checkin = CheckIn.objects.get()
    assert (checkin.outcome, checkin.recorded_by) == ("fine", profile.user)
    assert phone.evaluate("localStorage.getItem('solidarity-checkin-outbox')") == "[]"

    # The answer was lost on the way (the phone sends it again): recorded once all the same.
    phone.evaluate("(saved) => localStorage.setItem('solidarity-checkin-outbox', saved)", saved)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    until(phone, "() => localStorage.getItem('solidarity-checkin-outbox') === '[]'")
    assert CheckIn.objects.filter(outcome_key__isnull=False).count() == 1
    assert AuditEvent.objects.filter(action="solidarity.checkin_recorded").count() == 1


def test_the_coordinator_s_pages_pass_axe(page, live_server, world, axe_check, screenshot):
    event, profile, resident = world
    checkin = CheckIn.objects.get()
    checkins.record_outcome(
        checkin, by=profile.user, outcome="needs_help", needs=["medical"], key=uuid.uuid4()
    )
    ResidentFactory(district=resident.district, first_name="Marcel")
    coordinator = MemberFactory(display_name="Coordinatrice", roles=(roles.SOLIDARITY_COORDINATOR,))
    sign_in(page, live_server, coordinator)

    page.goto(reverse("solidarity:coordination"))
    look(page, axe_check, screenshot, "coordination")
    page.goto(reverse("solidarity:dashboard", kwargs={"pk": event.pk}))
    expect(page.get_by_role("heading", name=re.compile("Coverage: 50 %"))).to_be_visible()
    look(page, axe_check, screenshot, "dashboard")
    page.goto(reverse("solidarity:escalations"))
    look(page, axe_check, screenshot, "escalations")
    page.get_by_role("link", name="Lucienne Fictif-Haddad").click()
    expect(page.get_by_text("Medical need: make sure 15 (SAMU) was called.")).to_be_visible()
    look(page, axe_check, screenshot, "escalation")
    page.get_by_role("button", name="Take it in hand").click()
    page.get_by_label("Help arranged (water, cooling, shopping)").check()
    page.get_by_role("button", name="Resolve the escalation").click()
    expect(page.get_by_text("The escalation is resolved.")).to_be_visible()
    assert Escalation.objects.get().status == "resolved"
    page.goto(reverse("solidarity:event_report", kwargs={"pk": event.pk}))
    look(page, axe_check, screenshot, "event-report")

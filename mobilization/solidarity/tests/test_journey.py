"""The whole of issue 12's journey in Chromium, each step through the pages as a person would take it.

A coordinator uploads Météo-France's orange heatwave alert for Paris, activates the event and the
dispatch gives each of the three registered residents a buddy. The buddies accept; one sees only their
own resident (another's card is a 404), loses the network, records an outcome on the phone and it is
sent once when the network returns. Another calls three times without an answer, 16 hours apart as
the retry rules say (the platform's clock is moved on), and the person is in the coordinators'
escalations. The third finds their resident in need of a doctor; the coordinator takes the escalation
in hand and resolves it. The dashboard and the report show the coverage that follows from all this,
and the registry's read log shows every read of a resident's record made on the way.

Only the people are made through the ORM (residents, buddies, coordinator, staff) and the clock is
fixed; everything else is clicked. Axe checks the main pages; they are photographed at 375 px.
"""

import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.core.models import AuditEvent
from mobilization.core.testing import PHONE_VIEWPORT, look_at, signed_in_page
from mobilization.solidarity import checkins
from mobilization.solidarity.models import Assignment, CheckIn, Escalation, ExtremeEvent
from mobilization.solidarity.tests.checkin_factories import buddy
from mobilization.solidarity.tests.event_factories import paris_arrondissements
from mobilization.solidarity.tests.factories import ResidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALERT = Path(__file__).resolve().parents[1] / "demo_alerts" / "heatwave_paris_orange.xml"
# The alert's first afternoon (its onset is at 16:00, Paris time).
START = datetime(2026, 7, 1, 17, 0, tzinfo=ZoneInfo("Europe/Paris")).astimezone(UTC)


class Clock:
    """The platform's clock (`timezone.now`, in the test and in the live server's thread): it stands
    still until the test moves it on."""

    def __init__(self, at: datetime):
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        self.at += delta


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(START)
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def browsers(browser, live_server):
    """Opens a page of its own for each person; closes them all at the end."""
    contexts = []

    def desk(user):
        page = signed_in_page(browser, live_server, user)
        contexts.append(page.context)
        return page

    def phone(user):
        """A phone's page: 375 px, service workers allowed and no request routing (a routed context
        does not see what a service worker answers, so the pages would not be read offline)."""
        client = Client()
        client.force_login(user)
        context = browser.new_context(
            base_url=live_server.url, locale="en-GB", viewport=PHONE_VIEWPORT, service_workers="allow"
        )
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield desk, phone
    for context in contexts:
        context.close()


def until(page, predicate: str, seconds: float = 10):
    """Wait until the page says yes (the page's CSP forbids the eval that wait_for_function uses)."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(predicate):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still not: {predicate}")


def fact(page, term: str):
    """The value of a term in a page's list of facts (<dt>term</dt><dd>value</dd>)."""
    return page.locator("dt", has_text=re.compile(rf"^{re.escape(term)}$")).locator(
        "xpath=following-sibling::dd[1]"
    )


def card(resident) -> str:
    return reverse("solidarity:checkin_card", kwargs={"pk": resident.pk})


@pytest.fixture
def people(clock, db):
    """Three registered residents in the 11th, each with a trained buddy around the corner (the nearest
    buddy is the optimum, so the dispatch's answer is known); a coordinator who follows all of Paris;
    a member of the city's staff, who reviews the read log."""
    paris_arrondissements()
    lucienne = ResidentFactory(first_name="Lucienne", last_name="Fictif-Haddad", lat=48.866, lon=2.373)
    marcel = ResidentFactory(first_name="Marcel", last_name="Fictif-Durand", lat=48.857, lon=2.381)
    jeanne = ResidentFactory(first_name="Jeanne", last_name="Fictif-Martin", lat=48.851, lon=2.392)
    # Each buddy's base is 75 metres west of their resident's home; the other homes are a kilometre off.
    camille = buddy("camille@example.org", base_lat=48.866, base_lon=2.372)
    yanis = buddy("yanis@example.org", base_lat=48.857, base_lon=2.380)
    sofia = buddy("sofia@example.org", base_lat=48.851, base_lon=2.391)
    coordinator = MemberFactory(
        email="ines@example.org", display_name="Inès", roles=(roles.SOLIDARITY_COORDINATOR,)
    )
    staff = MemberFactory(email="staff@example.org", roles=(roles.CITY_STAFF,))
    return {
        "residents": (lucienne, marcel, jeanne),
        "buddies": (camille, yanis, sofia),
        "coordinator": coordinator,
        "staff": staff,
    }


def test_the_whole_journey_of_an_orange_heatwave(clock, people, browsers, live_server, axe_check, screenshot):
    desk, phone = browsers
    lucienne, marcel, jeanne = people["residents"]
    camille, yanis, sofia = people["buddies"]
    coordinator = people["coordinator"]
    reads = Counter()  # (who, record, part) of every read of a resident's record this journey makes

    # 1. The coordinator uploads the alert, activates the event: everyone in scope has a buddy. ---------
    office = desk(coordinator)
    office.goto(reverse("solidarity:events"))
    office.get_by_role("link", name="Import a CAP alert").click()
    office.wait_for_url(re.compile(r"/solidarity/events/import/$"))
    look_at(office, axe_check, screenshot, "journey-1-import")
    office.get_by_label("CAP 1.2 alert (XML file)").set_input_files(str(ALERT))
    office.get_by_role("button", name="Import").click()
    expect(office.get_by_text("The event is created, on watch")).to_be_visible()
    event = ExtremeEvent.objects.get()
    assert (event.hazard, event.level, event.status) == ("heatwave", "orange", "watch")
    expect(fact(office, "Arrondissements")).to_contain_text("11th arrondissement")

    office.get_by_role("button", name="Activate and dispatch the buddies").click()
    expect(office.get_by_text("The event is active and the buddies are dispatched.")).to_be_visible()
    expect(fact(office, "Status")).to_have_text("Active")
    expect(fact(office, "Check-ins")).to_have_text("Everyone every 2 days")
    expect(fact(office, "Residents in scope")).to_have_text("3")
    expect(fact(office, "Buddies available")).to_have_text("3")
    expect(fact(office, "Residents with a buddy")).to_have_text("3")
    expect(fact(office, "On the call list")).to_have_text("0")
    expect(office.get_by_role("link", name="The call list: 0 people no buddy can take")).to_be_visible()
    look_at(office, axe_check, screenshot, "journey-1-event-active")

    office.get_by_role("button", name="Dispatch again").click()  # idempotent: nothing changes
    expect(office.get_by_text("The dispatch is done")).to_be_visible()
    expect(fact(office, "Residents with a buddy")).to_have_text("3")
    expect(fact(office, "Kept, new offers, replaced")).to_have_text("3, 0, 0")
    offers = Assignment.objects.filter(event=event, status=Assignment.Status.OFFERED)
    assert dict(offers.values_list("resident_id", "buddy_id")) == {
        lucienne.pk: camille.pk,
        marcel.pk: yanis.pk,
        jeanne.pk: sofia.pk,
    }

    # 2. The buddies accept their offer; Camille sees only her resident, and another's card is a 404. ---
    pages = {}
    for profile in (camille, yanis, sofia):
        pages[profile] = page = phone(profile.user)
        page.goto(reverse("solidarity:offers"))
        expect(page.get_by_role("heading", name="A person in the 11th arrondissement")).to_have_count(1)
        if profile is camille:
            look_at(page, axe_check, screenshot, "journey-2-offer", phone=False)
        page.get_by_role("button", name="Accept").click()
        expect(page.get_by_text("Thank you: you have accepted to check on this person.")).to_be_visible()
    assert Assignment.objects.filter(event=event, status=Assignment.Status.ACCEPTED).count() == 3

    buddy_phone = pages[camille]
    buddy_phone.get_by_role("link", name="My check-ins today").click()
    buddy_phone.wait_for_url(re.compile(r"/checkins/$"))
    # The service worker takes control of the page; the list is loaded again through it, so it is kept.
    buddy_phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    until(buddy_phone, "() => navigator.serviceWorker.controller !== null")
    buddy_phone.reload()
    expect(buddy_phone.get_by_role("heading", name="1 to do")).to_be_visible()
    expect(buddy_phone.get_by_role("link", name="Lucienne Fictif-Haddad")).to_be_visible()
    for other in (marcel, jeanne):
        expect(buddy_phone.get_by_text(other.last_name)).to_have_count(0)
    look_at(buddy_phone, axe_check, screenshot, "journey-2-checkins", phone=False)
    for other in (marcel, jeanne):
        assert buddy_phone.goto(card(other)).status == 404
        expect(buddy_phone.get_by_text(other.last_name)).to_have_count(0)

    # 3. Camille's phone loses the network; the outcome waits on the phone and is sent once. ----------
    buddy_phone.goto(reverse("solidarity:checkins"))
    buddy_phone.get_by_role("link", name="Lucienne Fictif-Haddad").click()
    buddy_phone.wait_for_url(re.compile(rf"/checkins/residents/{lucienne.pk}/$"))
    reads["camille@example.org", lucienne.pk, "A buddy's card"] += 1
    expect(buddy_phone.get_by_text("01 99 00 12 34")).to_be_visible()
    expect(buddy_phone.get_by_text("Sealed: shown on the day of a visit.")).to_be_visible()
    look_at(buddy_phone, axe_check, screenshot, "journey-3-card", phone=False)

    buddy_phone.context.set_offline(True)
    buddy_phone.reload()  # from the phone: the card stays readable without network
    expect(buddy_phone.get_by_role("heading", name="Lucienne Fictif-Haddad")).to_be_visible()
    buddy_phone.get_by_label("Fine").check()
    buddy_phone.get_by_role("button", name="Record").click()
    expect(buddy_phone.get_by_text("Saved on this phone, not yet sent", exact=False).first).to_be_visible()
    screenshot(buddy_phone, "journey-3-saved-offline-375")
    checkin = CheckIn.objects.get(resident=lucienne)
    assert checkin.outcome == ""
    saved = buddy_phone.evaluate("localStorage.getItem('solidarity-checkin-outbox')")
    assert len(json.loads(saved)) == 1

    buddy_phone.goto(reverse("solidarity:checkins"))  # the list, from the phone too
    expect(buddy_phone.get_by_text("One outcome is saved on this phone, not yet sent.")).to_be_visible()

    buddy_phone.context.set_offline(False)
    buddy_phone.evaluate("window.dispatchEvent(new Event('online'))")
    status = buddy_phone.locator(f'[data-outbox-status-for="{checkin.pk}"]')
    expect(status).to_have_text(re.compile(r"^Sent\. \(Fine\)"))
    expect(buddy_phone.locator("#outbox-summary")).to_be_hidden()
    checkin.refresh_from_db()
    assert (checkin.outcome, checkin.recorded_by) == ("fine", camille.user)
    assert buddy_phone.evaluate("localStorage.getItem('solidarity-checkin-outbox')") == "[]"
    # The answer was lost on the way (the phone sends it again): recorded once all the same.
    buddy_phone.evaluate("(saved) => localStorage.setItem('solidarity-checkin-outbox', saved)", saved)
    buddy_phone.evaluate("window.dispatchEvent(new Event('online'))")
    until(buddy_phone, "() => localStorage.getItem('solidarity-checkin-outbox') === '[]'")
    assert CheckIn.objects.filter(resident=lucienne, outcome__gt="").count() == 1
    assert (
        AuditEvent.objects.filter(action="solidarity.checkin_recorded", object_id=str(checkin.pk)).count()
        == 1
    )

    # 4. Yanis calls Marcel three times, 16 hours apart, without an answer: the coordinators take over. --
    caller = pages[yanis]
    for attempt in (1, 2, 3):
        if attempt > 1:
            clock.advance(checkins.retry_delay())  # the next attempt falls due
        caller.goto(reverse("solidarity:checkins"))
        item = caller.get_by_role("listitem").filter(has_text="Marcel Fictif-Durand")
        if attempt > 1:
            expect(item).to_contain_text(f"attempt {attempt}")
        item.get_by_role("link", name="Marcel Fictif-Durand").click()
        caller.wait_for_url(re.compile(rf"/checkins/residents/{marcel.pk}/$"))
        reads["yanis@example.org", marcel.pk, "A buddy's card"] += 1
        caller.get_by_label("No answer").check()
        caller.get_by_role("button", name="Record").click()
        expect(caller.locator("p[data-outbox-status-for]")).to_have_text(re.compile(r"^Sent\. \(No answer\)"))
    assert (
        list(CheckIn.objects.filter(resident=marcel).order_by("attempt").values_list("outcome", flat=True))
        == ["no_answer"] * 3
    )
    assert clock() - START == timedelta(hours=32)  # three attempts within 48 hours
    caller.goto(reverse("solidarity:checkins"))
    expect(caller.get_by_role("heading", name="0 to do")).to_be_visible()  # the coordinators have it

    office.goto(reverse("solidarity:coordination"))
    look_at(office, axe_check, screenshot, "journey-4-coordination")
    office.get_by_role("link", name="1 open escalation").click()
    row = office.get_by_role("row").filter(has_text="Marcel Fictif-Durand")
    expect(row).to_contain_text("Not reached")
    expect(row).to_contain_text("nobody")
    assert Escalation.objects.get().reason == "no_answer"

    # 5. Sofia finds Jeanne in need of a doctor; the coordinator takes it in hand and resolves it. -------
    visitor = pages[sofia]
    visitor.goto(reverse("solidarity:checkins"))
    visitor.get_by_role("link", name="Jeanne Fictif-Martin").click()
    visitor.wait_for_url(re.compile(rf"/checkins/residents/{jeanne.pk}/$"))
    reads["sofia@example.org", jeanne.pk, "A buddy's card"] += 1
    visitor.get_by_label("Needs help").check()
    visitor.get_by_label("Medical: call 15 (SAMU) first").check()
    visitor.get_by_role("button", name="Record").click()
    expect(visitor.locator("p[data-outbox-status-for]")).to_have_text(
        "Sent. — Medical: call 15 (SAMU) now if it is not done."
    )
    screenshot(visitor, "journey-5-needs-help-375")

    office.goto(reverse("solidarity:escalations"))
    expect(office.get_by_role("heading", name="2 to resolve")).to_be_visible()
    expect(office.get_by_role("row").filter(has_text="Jeanne Fictif-Martin")).to_contain_text(
        "Needs help (Medical: call 15 (SAMU) first)"
    )
    look_at(office, axe_check, screenshot, "journey-5-escalations")
    office.get_by_role("link", name="Jeanne Fictif-Martin").click()
    reads["ines@example.org", jeanne.pk, "An escalation"] += 1
    expect(office.get_by_text("Medical need: make sure 15 (SAMU) was called.")).to_be_visible()
    look_at(office, axe_check, screenshot, "journey-5-escalation")
    office.get_by_role("button", name="Take it in hand").click()
    reads["ines@example.org", jeanne.pk, "An escalation"] += 1
    expect(office.get_by_text("You are in charge of this escalation.")).to_be_visible()
    expect(fact(office, "In charge")).to_have_text("Inès")
    office.get_by_label("Help arranged (water, cooling, shopping)").check()
    office.get_by_role("button", name="Resolve the escalation").click()
    reads["ines@example.org", jeanne.pk, "An escalation"] += 1
    expect(office.get_by_text("The escalation is resolved.")).to_be_visible()
    resolved = Escalation.objects.get(resident=jeanne)
    assert (resolved.reason, resolved.needs, resolved.status, resolved.owner) == (
        "needs_help",
        ["medical"],
        "resolved",
        coordinator,
    )

    # 6. The dashboard: two of the three reached within the two days, Marcel still escalated. ------------
    office.goto(reverse("solidarity:coordination"))
    office.get_by_role("link", name=re.compile(r"^Dashboard")).click()
    expect(office.get_by_role("heading", name="Coverage: 67 % (2 of 3)")).to_be_visible()
    eleventh_row = office.get_by_role("row", name=re.compile(r"^11th arrondissement"))
    expect(eleventh_row.get_by_role("cell")).to_have_text(["3", "3", "2", "67 %"])
    expect(office.get_by_role("heading", name="1 open escalation")).to_be_visible()
    expect(office.get_by_role("heading", name="1 not reached")).to_be_visible()
    unreached = office.get_by_role("row").filter(has_text="Marcel Fictif-Durand").get_by_role("cell")
    # Due since, last attempt: none open (the coordinators have him), three made.
    expect(unreached.nth(1)).to_have_text("—")
    expect(unreached.nth(2)).to_contain_text("No answer")
    expect(office.get_by_role("heading", name="3 buddies active")).to_be_visible()
    expect(office.get_by_text("Every resident in scope has a buddy.")).to_be_visible()
    look_at(office, axe_check, screenshot, "journey-6-dashboard")

    office.get_by_role("link", name="The report").click()
    expect(fact(office, "Residents")).to_have_text("3")
    expect(fact(office, "Reached at least once")).to_have_text("2 (67 %)")
    expect(fact(office, "Escalations")).to_have_text(
        re.compile(r"^2: Not reached 1, Needs help 1; medical 1$")
    )
    look_at(office, axe_check, screenshot, "journey-6-report")

    # 7. City staff find every read of a resident's record in the read log. -----------------------------
    log = desk(people["staff"])
    log.goto(reverse("solidarity:read_log"))
    log.get_by_label("What happened").select_option(label="Read a record")
    log.get_by_role("button", name="Show").click()
    total = sum(reads.values())
    expect(log.get_by_role("heading", name=f"{total} entries")).to_be_visible()
    rows = log.locator("tbody tr")
    seen = Counter()
    for index in range(rows.count()):
        cells = rows.nth(index).get_by_role("cell").all_inner_texts()
        assert cells[2] == "Read a record"
        seen[cells[1], int(cells[3].lstrip("#")), cells[4]] += 1
    assert seen == reads
    look_at(log, axe_check, screenshot, "journey-7-read-log")

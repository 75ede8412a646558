"""Hostile values stored where people write them, then shown in Chromium: no injected script ever runs.

Each page is opened with a trap set before any of its own scripts: `window.__pwned` (what every script of
the corpus sets) records who set it, `alert`/`confirm`/`prompt` record their calls, a dialog is recorded
and dismissed, and every Content Security Policy violation (the `securitypolicyviolation` event and the
console message) is one too. A page passes when nothing was recorded, and when the hostile value shows as
the text it is.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.accounts.models import Profile
from mobilization.notifications.models import Notification
from mobilization.notifications.services import notify
from mobilization.territory.models import Place
from mobilization.territory.tests.test_browser import wait_until_the_map_is_at_rest
from tests.access import callers
from tests.hostile import corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set in every page before its own scripts. What it catches goes to the test at once (through the exposed
# `__reportInjection`), so that nothing is lost when the next page replaces this one.
TRAP = """
(() => {
  const fired = [];
  const report = (what) => {
    fired.push(what);
    window.__reportInjection(what);
  };
  Object.defineProperty(window, "__trapFired", { value: fired });
  Object.defineProperty(window, "__pwned", {
    get() { return undefined; },
    set(value) { report("window.__pwned = " + String(value) + " on " + location.pathname); },
  });
  for (const name of ["alert", "confirm", "prompt"]) {
    window[name] = (...args) => { report(name + "(" + args.join(", ") + ") on " + location.pathname); };
  }
  document.addEventListener("securitypolicyviolation", (event) => {
    const where = event.blockedURI + " on " + location.pathname;
    report("CSP violation: " + event.violatedDirective + " " + where);
  });
})();
"""

# Elements the corpus's markup would create if it were parsed as HTML in a marker, a tooltip or a popup.
INJECTED_ELEMENTS = (
    "#places-map :is(.leaflet-marker-pane, .leaflet-tooltip-pane, .leaflet-popup-pane) "
    ":is(img, svg, script, b, details, iframe, textarea, style)"
)

# What is stored and shown: markup of every kind, and text that only looks like markup.
HOSTILE = corpus.union(
    corpus.tagged(corpus.MARKUP), corpus.named("right_to_left_override", "zero_width_inside")
)


class Watch:
    """What a page did that it must not: injected script, dialogs, CSP violations, script errors."""

    def __init__(self, page):
        self.page = page
        self.events: list[str] = []
        page.expose_function("__reportInjection", self._report)
        page.add_init_script(TRAP)
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.events.append(f"script error: {error}"))

    def _report(self, what: str) -> None:
        self.events.append(what)

    def _dialog(self, dialog):
        self.events.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.events.append(f"console: {message.text}")

    def open(self, path: str):
        response = self.page.goto(path)
        assert response.status < 500, f"{path} answers {response.status}"
        self.page.wait_for_load_state("load")
        return response

    def assert_nothing_fired(self):
        self.page.evaluate(
            "() => window.__trapFired.length"
        )  # a round trip: reports sent before have arrived
        assert not self.events, "\n".join(self.events)


@pytest.fixture
def watch(page):
    return Watch(page)


@pytest.fixture
def world(transactional_db):
    return callers.build_world()


def test_the_trap_catches_a_script_that_runs_and_one_the_policy_blocks(page, live_server):
    """The harness itself: a page that runs an injected script, and one whose policy blocks it."""
    injected = "<!DOCTYPE html><title>t</title><script>window.__pwned = 1; alert('x')</script>"
    policy = {"Content-Security-Policy": "script-src 'self'"}
    for path, headers in (("/trap/runs/", {}), ("/trap/blocked/", policy)):
        page.route(f"{live_server.url}{path}", _serve(injected, headers))
    watch = Watch(page)

    watch.open("/trap/runs/")
    assert page.evaluate("window.__trapFired") == [
        "window.__pwned = 1 on /trap/runs/",
        "alert(x) on /trap/runs/",
    ]
    watch.open("/trap/blocked/")
    page.wait_for_function("() => window.__trapFired.length > 0")
    assert page.evaluate("window.__trapFired")[0].startswith("CSP violation: script-src")
    watch.open(reverse("home"))  # what the pages before did is kept

    with pytest.raises(AssertionError) as caught:
        watch.assert_nothing_fired()
    report = str(caught.value)
    assert "window.__pwned = 1 on /trap/runs/" in report
    assert "CSP violation: script-src" in report
    assert "console: " in report
    assert "Content Security Policy" in report


def _serve(html: str, headers: dict):
    return lambda route: route.fulfill(body=html, content_type="text/html", headers=headers)


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_a_hostile_profile_is_shown_as_text_on_the_profile_and_its_form(page, live_server, watch, world):
    owner = world.user(callers.OWNER)
    sign_in(page, live_server, owner)
    for value in HOSTILE:
        name = value.value.strip()[:80]
        Profile.objects.filter(user=owner).update(
            display_name=name, other_skills=value.value[:200], bio=value.value
        )

        watch.open(reverse("accounts:profile"))
        expect(page.locator("dl.profile-fields dd").first).to_have_text(name)
        watch.open(reverse("accounts:profile_edit"))
        expect(page.get_by_label("Display name")).to_have_value(name)
        expect(page.get_by_label("About me")).to_have_value(value.value)
    watch.assert_nothing_fired()


def test_hostile_notifications_are_shown_as_text_in_the_inbox_and_on_their_page(
    page, live_server, watch, world
):
    owner = world.user(callers.OWNER)
    Notification.objects.filter(recipient=owner).delete()
    for value in HOSTILE[:8]:
        # The kind's body template shows the event it is told about, in plain text.
        notify([owner], "account_security", {"event": value.value})
    for value in HOSTILE:
        Notification.objects.create(
            recipient=owner, kind="test_message", subject=value.value[:200], body=value.value
        )
    sign_in(page, live_server, owner)

    for inbox_page in (reverse("notifications:inbox"), reverse("notifications:inbox") + "?page=2"):
        watch.open(inbox_page)
    watch.open(reverse("notifications:inbox"))
    # Marked read with htmx (the item is swapped in place), then without (the page says so in a message).
    page.locator(".notification.is-unread").first.get_by_role("button", name="Mark as read").click()
    page.locator(".notification.is-read").first.wait_for()
    unread = Notification.objects.filter(recipient=owner, read_at__isnull=True).first()
    with page.expect_navigation():
        page.locator(f"#notification-{unread.pk} form").evaluate("form => form.submit()")
    expect(page.locator(".message-success")).to_have_text(f"“{unread.subject}” is marked as read.")
    for notification in Notification.objects.filter(recipient=owner):
        watch.open(reverse("notifications:open", kwargs={"pk": notification.pk}))
        expect(page.get_by_role("heading", level=1)).to_have_text(notification.subject)
    watch.assert_nothing_fired()


@pytest.fixture
def hostile_places(world):
    """A place named with each hostile value, close enough to one another for the map to cluster them."""
    Place.objects.exclude(source_dataset="hostile").delete()
    places = []
    for index, value in enumerate(HOSTILE):
        text = value.value
        places.append(
            Place.objects.create(
                kind=list(Place.Kind)[index % 3],
                name=text[:255],
                category=text[:120],
                address=text[:255],
                lat=48.85 + 0.0004 * (index % 5),
                lon=2.35 + 0.0004 * (index // 5),
                district=world.district,
                is_available=index % 4 != 0,
                accessibility_notes=text,
                opening_hours={"0": [["09:00", "18:00"]]},
                details={"unavailable_reason": text, "hours_period": text, "model": text},
                source_dataset="hostile",
                source_id=str(index),
            )
        )
    return places


def test_hostile_place_names_are_text_in_the_list_the_map_its_popups_and_their_pages(
    page, live_server, watch, hostile_places
):
    watch.open(reverse("territory:places"))
    expect(page.locator("#places-map.is-loaded")).to_be_visible()
    expect(page.locator("#places-map-status")).to_have_text(f"Places on the map: {len(hostile_places)}.")

    # No element of the corpus's markup became an element of the map.
    assert page.locator(INJECTED_ELEMENTS).count() == 0

    # Open clusters until places show, then a place's popup: places.js builds it from the API's JSON.
    markers = page.locator("#places-map .leaflet-marker-icon.place-marker:visible")
    for _attempt in range(6):
        wait_until_the_map_is_at_rest(page)
        if markers.count():
            break
        page.locator("#places-map .marker-cluster:visible").first.dispatch_event("click")
        page.wait_for_function("() => !document.querySelector('#places-map .leaflet-cluster-anim')")
    markers.first.dispatch_event("click")
    popup = page.locator("#places-map .leaflet-popup-content")
    expect(popup.locator(".popup-title")).to_be_visible()
    assert popup.locator(".popup-title").inner_text() in {place.name for place in hostile_places}
    assert page.locator(INJECTED_ELEMENTS).count() == 0

    for place in hostile_places:
        watch.open(place.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text(place.name)
    watch.assert_nothing_fired()


def test_hostile_query_strings_are_never_run_on_the_places_and_sign_in_pages(page, live_server, watch, world):
    for value in corpus.tagged(corpus.MARKUP)[:10]:
        hostile = {"kind": value.value, "district": value.value, "page": value.value, "lat": value.value}
        query = "&".join(f"{name}={_quoted(text)}" for name, text in hostile.items())
        watch.open(f"{reverse('territory:places')}?{query}")
        expect(page.locator("#places-map-status")).not_to_be_empty()
        watch.open(f"{reverse('account_login')}?next={_quoted(value.value)}")
    watch.assert_nothing_fired()


def _quoted(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")

"""Every shape of page on a 375 px phone: nothing scrolls sideways, the header leaves the screen to the
page, the menu folds behind one button that works from the keyboard, maps come before their filters.

One page of each shape (home, lists, each pillar's detail pages, map pages, an objective with its
chart, dashboards, forms, account pages, the staff pages) is visited as the person who may see it.
Screenshots of each at 375 and 1280 px go to tests/test-artifacts/phone-*.png, to be looked at.
"""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.access import callers
from tests.access.table import ROUTES  # noqa: F401 - loads the pillars before build_world() asks for them

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
WIDE = {"width": 1280, "height": 900}
HEADER_SHARE_AT_MOST = 0.25


@dataclass
class Shape:
    name: str
    url: str
    caller: str = callers.ANONYMOUS


def shapes(world) -> list[Shape]:
    initiative = world.initiative_a
    objective = world.objective
    return [
        Shape("home", reverse("home")),
        Shape("initiatives-list", reverse("initiatives:list")),
        Shape("initiatives-map", reverse("initiatives:map")),
        Shape("initiative", reverse("initiatives:detail", kwargs={"pk": initiative.pk})),
        Shape("district", reverse("initiatives:district", kwargs={"code": world.district.code})),
        Shape("events-list", reverse("events:list")),
        Shape("event", world.events_event_a.get_absolute_url()),
        Shape("places-map", reverse("territory:places")),
        Shape("place", reverse("territory:place", kwargs={"pk": world.place.pk})),
        Shape("plan-dashboard", reverse("plan:dashboard")),
        Shape("plan-objective", reverse("plan:objective", kwargs={"slug": objective.slug})),
        Shape("plan-indicator", reverse("plan:indicator", kwargs={"slug": world.plan_indicator.slug})),
        Shape("plan-open-data", reverse("plan:open_data")),
        Shape("plan-actions", reverse("plan_actions:list")),
        Shape("plan-action", world.plan_actions_action.get_absolute_url()),
        Shape("governance", reverse("governance:index")),
        Shape("committee", world.gov_committee.get_absolute_url()),
        Shape("proposals", reverse("governance:proposals")),
        Shape("proposal", world.gov_proposal_a.get_absolute_url()),
        Shape("consultations", reverse("governance:consultations")),
        Shape("sign-in", reverse("account_login")),
        Shape("sign-up", reverse("account_signup")),
        Shape("privacy", reverse("accounts:privacy")),
        Shape("profile", reverse("accounts:profile"), callers.OWNER),
        Shape("profile-form", reverse("accounts:profile_edit"), callers.OWNER),
        Shape("inbox", reverse("notifications:inbox"), callers.OWNER),
        Shape("preferences", reverse("notifications:preferences"), callers.OWNER),
        Shape("new-initiative", reverse("initiatives:create"), callers.OWNER),
        Shape("new-proposal", reverse("governance:proposal_new"), callers.OWNER),
        Shape("my-events", reverse("events:mine"), callers.OWNER),
        Shape("moderation", reverse("initiatives:moderation"), callers.CITY_STAFF),
        Shape("record", reverse("plan:add_value", kwargs={"slug": objective.slug}), callers.CITY_STAFF),
        Shape("actions-import", reverse("plan_actions:import"), callers.CITY_STAFF),
        Shape("proposal-moderation", reverse("governance:proposal_moderation"), callers.CITY_STAFF),
    ]


@pytest.fixture
def world(transactional_db):
    cache.clear()
    built = callers.build_world()
    yield built
    cache.clear()


def signed_in_context(browser, live_server, world, caller, viewport, locale="fr-FR"):
    """A browser context of its own, signed in as `caller` (through a session the test client opened)."""
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale=locale)
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.fulfill(status=204))
    if caller != callers.ANONYMOUS:
        client = Client()
        client.force_login(world.user(caller))
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context


def layout_faults(page) -> list[str]:
    faults = []
    scroll_width, inner_width, inner_height, header_height = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth, window.innerHeight,"
        " document.querySelector('.site-header').getBoundingClientRect().height]"
    )
    if scroll_width > inner_width:
        wide = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                 .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                              && !e.closest('.table-scroll, .leaflet-container'))
                 .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className)"""
        )
        faults.append(f"scrolls sideways ({scroll_width} px > {inner_width} px): {wide}")
    if header_height > HEADER_SHARE_AT_MOST * inner_height:
        faults.append(f"the header takes {header_height / inner_height:.0%} of the first screen")
    return faults


def test_every_shape_of_page_fits_a_phone_and_its_header_leaves_room(browser, live_server, world, screenshot):
    faults = {}
    contexts = {}
    try:
        for shape in shapes(world):
            if shape.caller not in contexts:
                contexts[shape.caller] = signed_in_context(browser, live_server, world, shape.caller, PHONE)
            page = contexts[shape.caller].new_page()
            answer = page.goto(shape.url)
            assert answer.status == 200, f"{shape.name}: {shape.url} answered {answer.status}"
            assert page.url.endswith(shape.url), f"{shape.name} was sent on to {page.url}"
            page.wait_for_load_state("networkidle")
            if problems := layout_faults(page):
                faults[shape.name] = problems
            screenshot(page, f"phone-{shape.name}-375")
            page.set_viewport_size(WIDE)
            page.reload(wait_until="networkidle")  # the wide layout's own images (the chart's)
            screenshot(page, f"phone-{shape.name}-1280")
            page.close()
    finally:
        for context in contexts.values():
            context.close()

    report = "\n".join(f"- {name}: {'; '.join(problems)}" for name, problems in faults.items())
    assert not faults, f"On a 375 px phone:\n{report}"


def test_the_menu_folds_behind_one_button_that_the_keyboard_opens_and_closes(
    browser, live_server, world, axe_check
):
    context = signed_in_context(browser, live_server, world, callers.ANONYMOUS, PHONE, locale="en-GB")
    phone = context.new_page()
    phone.goto(reverse("home"))
    events_link = phone.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Events")
    menu = phone.locator(".site-menu > summary")

    assert menu.is_visible() and menu.inner_text().strip() == "Menu"
    assert not events_link.is_visible(), "the links wait behind the button"
    phone.keyboard.press("Tab")  # the skip link
    phone.keyboard.press("Tab")  # the platform's name
    phone.keyboard.press("Tab")
    assert menu.evaluate("element => element === document.activeElement"), "the button comes next"
    phone.keyboard.press("Enter")
    assert events_link.is_visible()
    axe_check(phone)  # the open menu, as the accessibility engine reads it
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent.trim()") == "Initiatives"
    with phone.expect_navigation():
        events_link.press("Enter")
    assert phone.url.endswith(reverse("events:list"))
    phone.locator(".site-menu > summary").focus()
    phone.keyboard.press("Space")
    assert phone.locator(".site-menu").evaluate("element => element.open")
    phone.keyboard.press("Space")
    assert not phone.locator(".site-menu").evaluate("element => element.open")
    context.close()


def test_on_wide_screens_the_links_show_and_the_button_does_not(browser, live_server, world):
    context = signed_in_context(browser, live_server, world, callers.ANONYMOUS, WIDE, locale="en-GB")
    page = context.new_page()
    page.goto(reverse("home"))

    assert not page.locator(".site-menu > summary").is_visible()
    navigation = page.get_by_role("navigation", name="Main navigation")
    for name in ("Initiatives", "Events", "Climate Plan", "Have your say", "Sign in"):
        assert navigation.get_by_role("link", name=name).is_visible()
    context.close()


MAP_PAGES = [("initiatives:map", ".initiative-filters"), ("territory:places", ".places-filters")]


@pytest.mark.parametrize(("route", "filters"), MAP_PAGES)
def test_on_a_phone_the_map_comes_before_its_filters(browser, live_server, world, route, filters):
    context = signed_in_context(browser, live_server, world, callers.ANONYMOUS, PHONE)
    page = context.new_page()
    page.goto(reverse(route))

    def tops():
        map_box = page.locator(".leaflet-container, [role=region]").first.bounding_box()
        return map_box["y"], page.locator(filters).bounding_box()["y"]

    map_top, filters_top = tops()
    assert map_top < filters_top < map_top + 500, "the map first, the filters right under it"
    page.set_viewport_size(WIDE)
    map_top, filters_top = tops()
    assert filters_top < map_top, "on a wide screen the filters stay above the map"
    context.close()

"""The organiser's journey in Chromium: create near a similar initiative, submit, get published by staff,
a volunteer joins, the organiser posts news and the member reads it in their inbox."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import PASSWORD, make_member
from mobilization.core import roles
from mobilization.initiatives.models import Initiative
from mobilization.territory.tests import test_browser as places_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email, code_secret=None):
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if code_secret:
        from allauth.mfa.totp.internal.auth import (
            format_hotp_value,
            hotp_value,
            yield_hotp_counters_from_time,
        )

        page.get_by_role("heading", name="Two-Factor Authentication").wait_for()
        counters = list(yield_hotp_counters_from_time())
        page.get_by_label("Code").fill(
            format_hotp_value(hotp_value(code_secret, counters[len(counters) // 2]))
        )
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/$"))


def sign_out(page):
    page.goto(reverse("home"))
    page.get_by_role("button", name="Sign out").click()
    cache.clear()


def test_an_organiser_is_shown_the_similar_initiative_submits_and_reaches_a_member(
    page, live_server, make_initiative, other_organiser, eleventh, axe_check, screenshot
):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    existing = make_initiative("Compost partagé du square Gardette", organiser=other_organiser)
    organiser = make_member("org@example.org", "Nadia", (roles.VOLUNTEER, roles.ORGANISER))
    make_member("vol@example.org", "Camille")
    staff = make_member("staff2@example.org", "Louis", (roles.CITY_STAFF,))
    Authenticator.objects.filter(user=staff).delete()
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    sign_in(page, organiser.email)
    page.goto(reverse("initiatives:list"))
    page.get_by_role("link", name="Start an initiative").click()
    axe_check(page)
    page.get_by_label("Title").fill("Composteur collectif du square Gardette")
    page.get_by_label("Summary").fill("Un compost pour les épluchures des voisins.")
    page.get_by_label("Description").fill("Nous compostons les déchets de cuisine du quartier.")
    page.get_by_label("Waste and repair").check()
    page.get_by_label("Arrondissement").select_option(str(eleventh.pk))
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("heading", name="Similar initiatives nearby — join one of them instead?").wait_for()
    assert existing.title in page.inner_text("main")
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("is sent to the moderators").wait_for()
    created = Initiative.objects.get(organiser=organiser)
    sign_out(page)

    sign_in(page, staff.email, code_secret=secret)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Moderation").click()
    axe_check(page)
    page.get_by_role("button", name=f"Publish “{created.title}”").click()
    page.get_by_text("is published").wait_for()
    sign_out(page)

    sign_in(page, "vol@example.org")
    page.goto(created.get_absolute_url())
    page.get_by_label("A message to the organiser (optional)").fill("Libre le samedi")
    page.get_by_role("button", name="Join this initiative").click()
    page.get_by_text("You joined").wait_for()
    sign_out(page)

    sign_in(page, organiser.email)
    page.goto(reverse("initiatives:list"))
    page.get_by_role("link", name="My initiatives").click()
    page.get_by_role("link", name=created.title).click()
    page.get_by_role("link", name="Manage: status, events, news, messages, impact, partners").click()
    axe_check(page)
    page.get_by_label("Title").fill("Premier retournement du compost")
    page.get_by_label("Text").fill("Rendez-vous samedi à 10 h.")
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_text("Your news is posted").wait_for()
    axe_check(page)
    screenshot(page, "initiatives-detail")
    sign_out(page)

    sign_in(page, "vol@example.org")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Inbox").click()
    assert "Premier retournement du compost" in page.inner_text("main")


def test_a_volunteer_writes_to_the_organiser_who_answers_on_the_platform(
    page, live_server, make_initiative, organiser, axe_check, screenshot
):
    initiative = make_initiative("Repair café de la Roquette", organiser=organiser)
    make_member("camille@example.org", "Camille")

    sign_in(page, "camille@example.org")
    page.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="Contact the organiser").click()
    page.get_by_label("Your message").fill("Puis-je apporter un grille-pain à réparer ?")
    page.get_by_role("button", name="Send the message").click()
    page.get_by_text("Your message is sent to the organiser").wait_for()
    sign_out(page)

    sign_in(page, organiser.email)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Inbox").click()
    page.get_by_role("link", name=re.compile("A message about")).click()
    page.get_by_role("heading", name="Answer a message").wait_for()
    assert "Puis-je apporter un grille-pain" in page.inner_text("main")
    axe_check(page)
    page.get_by_label("Your reply").fill("Oui, samedi de 10 h à 13 h.")
    page.get_by_role("button", name="Send the reply").click()
    page.get_by_text("Your reply is sent").wait_for()
    assert "Answered on" in page.inner_text("main")
    screenshot(page, "initiatives-messages-received")
    sign_out(page)

    sign_in(page, "camille@example.org")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Inbox").click()
    page.get_by_role("link", name=re.compile("answered you")).click()
    page.get_by_role("heading", name="My messages to organisers").wait_for()
    assert "Oui, samedi de 10 h à 13 h." in page.inner_text("main")
    axe_check(page)
    assert organiser.email not in page.content()


# The places map's checks, pointed at the initiatives map: the outlines' answer held back until just after
# the markers' (they reach the map while it is still zooming to the markers, as on a slow connection), and
# "the map has neither panned nor zoomed for half a second".
OUTLINES_ARRIVE_LAST = places_browser.OUTLINES_ARRIVE_LAST.replace('"/places"', '"/map.geojson"')
MAP_AT_REST = places_browser.MAP_AT_REST.replace('"places-map"', '"initiatives-map"')


def test_the_borrowed_checks_point_at_the_initiatives_map():
    assert 'includes("/map.geojson")' in OUTLINES_ARRIVE_LAST
    assert 'getElementById("initiatives-map")' in MAP_AT_REST


@pytest.mark.parametrize("outlines", ["in their own time", "after the initiatives"])
def test_the_map_of_an_arrondissement_frames_its_outline(page, make_initiative, twentieth, outlines):
    make_initiative("Compost du 11e")
    make_initiative("Jardin du 20e", district=twentieth, lat=48.86, lon=2.39)
    if outlines == "after the initiatives":
        page.add_init_script(OUTLINES_ARRIVE_LAST)

    page.goto(reverse("initiatives:map") + "?district=75111")

    the_map = page.get_by_role("region", name="Map of the initiatives listed beside it")
    expect(page.locator("#initiatives-map-status")).to_have_text("Initiatives on the map: 1.")
    expect(the_map.locator("path.district-outline")).to_have_count(2)
    chosen = the_map.locator("path.district-outline.is-chosen")
    expect(chosen).to_have_count(1)
    expect(the_map.locator(".district-label.is-chosen")).to_have_text("11")
    expect(page.locator("#initiatives-map.is-loaded")).to_be_visible()
    page.wait_for_function(MAP_AT_REST, polling=100)
    frame = the_map.bounding_box()
    eleventh = chosen.bounding_box()
    assert eleventh["width"] > frame["width"] * 0.6 or eleventh["height"] > frame["height"] * 0.6
    assert frame["x"] <= eleventh["x"]
    assert eleventh["x"] + eleventh["width"] <= frame["x"] + frame["width"]
    assert frame["y"] <= eleventh["y"]
    assert eleventh["y"] + eleventh["height"] <= frame["y"] + frame["height"]


def test_an_initiative_page_shows_its_point_and_the_form_places_it_with_a_click(
    page, make_initiative, organiser, axe_check
):
    initiative = make_initiative("Compost du square")

    page.goto(initiative.get_absolute_url())
    expect(page.locator("#initiative-map.is-loaded")).to_be_visible()
    expect(page.locator("#initiative-map .initiative-point-marker")).to_have_count(1)
    axe_check(page)

    sign_in(page, organiser.email)
    page.goto(reverse("initiatives:edit", kwargs={"pk": initiative.pk}))
    picker = page.get_by_role("region", name="Map: click to place the initiative (optional)")
    expect(page.locator("#point-picker.is-loaded")).to_be_visible()
    picker.click(position={"x": 300, "y": 220})
    expect(page.get_by_label("Latitude")).not_to_have_value("48.86")
    expect(picker.locator(".initiative-point-marker")).to_have_count(1)

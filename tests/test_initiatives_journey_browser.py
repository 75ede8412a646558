"""A volunteer's journey in Chromium, as issue 4's "Done means" says: find an initiative by searching
without accents, see it on the map, join it, register to its event and add the event to a calendar."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mobilization.accounts.tests.factories import PASSWORD, make_member
from mobilization.events.models import Event
from mobilization.initiatives.models import Membership
from mobilization.initiatives.tests.factories import InitiativeFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def a_neighbourhood():
    """A bike workshop with an upcoming event, among initiatives in three arrondissements."""
    organiser = person("organiser@example.org", display_name="Association Roquette")
    bikes = InitiativeFactory(
        title="Atelier vélo de la Roquette",
        summary="Réparer son vélo avec des bénévoles, outils fournis.",
        description="Chaque samedi matin, dans la cour de la maison des associations.",
        district_number=11,
        lat=48.8575,
        lon=2.3795,
        organiser=organiser,
        volunteers_needed=3,
        needs="Quelqu'un qui sait régler les freins",
    )
    InitiativeFactory(
        title="Jardin partagé des Amandiers",
        summary="Cultiver légumes et fleurs entre voisins.",
        themes=["greening"],
        district_number=20,
        organiser=organiser,
    )
    InitiativeFactory(
        title="Vélo-école du 15e",
        summary="Apprendre à rouler en ville en toute confiance.",
        district_number=15,
        organiser=organiser,
    )
    InitiativeFactory(
        title="Repair café des Épinettes", summary="Réparer ensemble petits appareils.", district_number=1
    )
    starts = (timezone.now() + timedelta(days=6)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = Event.objects.create(
        initiative=bikes,
        title="Atelier freins et dérailleurs",
        description="Apportez votre vélo.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        address="8 rue de la Roquette, 75011 Paris",
        lat=48.8553,
        lon=2.3725,
        capacity=12,
        created_by=organiser,
    )
    return bikes, event


def test_a_volunteer_finds_the_workshop_on_the_map_joins_registers_and_adds_it_to_a_calendar(
    page, live_server, axe_check, screenshot
):
    bikes, event = a_neighbourhood()
    volunteer = make_member("camille@example.org", "Camille")

    # The list, then a search typed without accents.
    page.goto(reverse("initiatives:list"))
    assert page.get_by_role("heading", name="Local climate initiatives").is_visible()
    axe_check(page)
    screenshot(page, "initiatives-list")
    page.get_by_role("searchbox", name="Search").fill("velo")
    page.get_by_role("button", name="Show initiatives").click()
    page.wait_for_url(re.compile(r"[?&]q=velo"))
    results = page.locator(".initiative-cards")
    assert results.get_by_role("link", name="Atelier vélo de la Roquette").is_visible()
    assert results.get_by_role("link", name="Vélo-école du 15e").is_visible()
    assert "Jardin partagé" not in results.inner_text()

    # The same search on the map: markers (or clusters) drawn, and the initiative in the map's list.
    page.get_by_role("link", name="See them on a map").click()
    page.wait_for_url(re.compile(r"/initiatives/map/\?.*q=velo"))
    page.locator("#initiatives-map-status").get_by_text("Initiatives on the map: 2.").wait_for()
    drawn = page.locator("#initiatives-map .leaflet-marker-icon, #initiatives-map .marker-cluster")
    assert drawn.count() >= 1
    in_the_map_list = page.locator(".map-list").get_by_role("link", name="Atelier vélo de la Roquette")
    assert in_the_map_list.is_visible()
    axe_check(page)
    screenshot(page, "initiatives-map")

    # The initiative's page: sign in from it, come back to it, join.
    in_the_map_list.click()
    page.wait_for_url(re.compile(rf"/initiatives/{bikes.pk}/$"))
    assert page.get_by_role("heading", name="Atelier freins et dérailleurs").is_visible()
    page.get_by_role("link", name="Sign in to join or follow this initiative").click()
    page.get_by_label("Email").fill(volunteer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(rf"/initiatives/{bikes.pk}/$"))
    page.get_by_label("A message to the organiser (optional)").fill("Je sais régler les freins.")
    page.get_by_role("button", name="Join this initiative").click()
    page.get_by_text("You joined").wait_for()
    assert Membership.objects.filter(initiative=bikes, user=volunteer).exists()
    axe_check(page)
    screenshot(page, "initiative-page")

    # Its event: register, then add it to a calendar.
    page.get_by_role("link", name="Atelier freins et dérailleurs").click()
    page.wait_for_url(re.compile(rf"/events/{event.pk}/$"))
    page.get_by_role("button", name="Register").click()
    page.locator("#registration-status").wait_for()
    assert "You are registered." in page.locator("#registration-status").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    [vevent] = Calendar.from_ical(Path(download_info.value.path()).read_bytes()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Atelier freins et dérailleurs"
    answer = page.request.get(reverse("events:ics", kwargs={"pk": event.pk}))
    assert answer.headers["content-type"].startswith("text/calendar")
    assert "SUMMARY:Atelier freins et dérailleurs" in answer.text()

"""A resident looks for a drinking fountain on the map, in a real browser, with an accessibility engine on."""

import re

import pytest
from playwright.sync_api import expect

from mobilization.territory.importers import import_districts
from mobilization.territory.models import Place
from mobilization.territory.services import district_at
from mobilization.territory.tests.factories import PlaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALWAYS_OPEN = {str(day): [["00:00", "24:00"]] for day in range(7)}


@pytest.fixture
def places_around_notre_dame(transactional_db, paris_data):
    import_districts(paris_data / "arrondissements.geojson", paris_data / "quartier_paris.geojson")
    spots = [(48.8530 + 0.004 * (index % 5), 2.3499 + 0.006 * (index // 5)) for index in range(25)]
    for index, (lat, lon) in enumerate(spots):
        kind = [Place.Kind.FOUNTAIN, Place.Kind.COOL_PLACE, Place.Kind.GREEN_SPACE][index % 3]
        PlaceFactory(
            kind=kind,
            name=f"{kind.label} {index:02d}",
            lat=lat,
            lon=lon,
            district=district_at(lat, lon),
            opening_hours=ALWAYS_OPEN if kind != Place.Kind.FOUNTAIN else {},
        )


def test_a_resident_filters_the_map_to_fountains_and_reads_the_list(
    page, screenshot, axe_check, places_around_notre_dame
):
    page.goto("/places/")

    the_map = page.get_by_role("region", name="Map of the places listed below")
    expect(the_map).to_be_visible()
    expect(page.locator("#places-map-status")).to_have_text("Places on the map: 25.")
    expect(the_map.locator(".leaflet-marker-icon").first).to_be_visible()

    # The filters are an ordinary form: choose with the keyboard, send with Enter.
    page.get_by_label("Kind of place").select_option("fountain")
    page.get_by_role("button", name="Show places").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"kind=fountain"))

    expect(page.locator("#places-map-status")).to_have_text("Places on the map: 9.")
    expect(page.get_by_role("heading", name="9 places")).to_be_visible()
    kinds = page.locator(".places-table tbody tr td:nth-child(2)").all_inner_texts()
    assert len(kinds) == 9 and all(kind.startswith("Drinking fountain") for kind in kinds)
    markers = the_map.locator(".leaflet-marker-icon")
    expect(markers.first).to_be_visible()

    # A click on the map chooses the point the list is measured from.
    the_map.click(position={"x": 200, "y": 150})
    expect(page.locator("#id_lat")).not_to_have_value("")
    expect(page.locator("#places-map-status")).to_contain_text("Point chosen")
    page.get_by_role("button", name="Show places").click()
    page.wait_for_url(re.compile(r"lat=\d"))
    expect(page.locator(".places-table thead")).to_contain_text("Distance")

    screenshot(page, "places-map-fountains")
    axe_check(page)


def test_a_place_page_shows_its_hours_and_passes_axe(page, axe_check, screenshot, places_around_notre_dame):
    place = Place.objects.filter(kind=Place.Kind.COOL_PLACE).first()

    page.goto(place.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text(place.name)
    expect(page.get_by_role("table", name="Opening hours")).to_contain_text("Open all day")
    expect(page.locator("#place-map.is-loaded")).to_be_visible()
    screenshot(page, "place-detail")
    axe_check(page)

"""A resident looks for a drinking fountain on the map, in a real browser, with an accessibility engine on."""

import re

import pytest
from django.urls import reverse
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


# True once the map has neither panned nor zoomed for half a second: screenshots are not taken mid-flight.
MAP_AT_REST = """() => {
  const map = document.getElementById("places-map");
  const pane = map.querySelector(".leaflet-map-pane"), proxy = map.querySelector(".leaflet-proxy");
  const state = pane.style.transform + "|" + (proxy ? proxy.style.transform : "");
  if (window.lastMapState !== state) {
    window.lastMapState = state;
    window.lastMapMove = performance.now();
    return false;
  }
  return performance.now() - window.lastMapMove > 500 && !map.querySelector(".leaflet-zoom-anim");
}"""


def wait_until_the_map_is_at_rest(page):
    page.wait_for_function(MAP_AT_REST, polling=100)


def test_a_resident_filters_the_map_to_fountains_and_reads_the_list(
    page, screenshot, axe_check, places_around_notre_dame
):
    page.goto(reverse("territory:places"))

    the_map = page.get_by_role("region", name="Map of the places listed below")
    expect(the_map).to_be_visible()
    expect(page.locator("#places-map-status")).to_have_text("Places on the map: 25.")
    expect(the_map.locator(".leaflet-marker-icon").first).to_be_visible()
    # Under the markers, the 20 arrondissements with their numbers: Paris, even without tiles.
    expect(the_map.locator("path.district-outline")).to_have_count(20)
    expect(the_map.locator(".district-label")).to_have_count(20)
    expect(the_map.locator(".district-outline.is-chosen")).to_have_count(0)

    # The filters are an ordinary form: choose with the keyboard, send with Enter.
    page.get_by_label("Kind of place").select_option("fountain")
    page.get_by_role("button", name="Show places").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"kind=fountain"))

    expect(page.locator("#places-map-status")).to_have_text("Places on the map: 9.")
    expect(page.get_by_role("heading", name="9 places")).to_be_visible()
    kinds = page.locator(".places-table tbody tr td:nth-child(2)").all_inner_texts()
    assert len(kinds) == 9
    assert all(kind.startswith("Drinking fountain") for kind in kinds)
    markers = the_map.locator(".leaflet-marker-icon")
    expect(markers.first).to_be_visible()

    # A click on the map chooses the point the list is measured from.
    the_map.click(position={"x": 200, "y": 150})
    expect(page.locator("#id_lat")).not_to_have_value("")
    expect(page.locator("#places-map-status")).to_contain_text("Point chosen")
    page.get_by_role("button", name="Show places").click()
    page.wait_for_url(re.compile(r"lat=\d"))
    expect(page.locator(".places-table thead")).to_contain_text("Distance")

    expect(page.locator("#places-map.is-loaded")).to_be_visible()
    wait_until_the_map_is_at_rest(page)
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


# Holds back the outlines' answer until just after the places have been framed: they reach the map
# while it is still zooming to the places, as on a slow connection.
OUTLINES_ARRIVE_LAST = """(() => {
  const fetchNow = window.fetch;
  let placesLoaded;
  const placesAnswered = new Promise((resolve) => { placesLoaded = resolve; });
  window.fetch = (url, options) => {
    const answer = fetchNow(url, options);
    if (String(url).includes("/places")) {
      answer.then(() => setTimeout(placesLoaded, 60));
      return answer;
    }
    if (!String(url).includes("/districts/outlines")) return answer;
    return Promise.all([answer, placesAnswered]).then(([response]) => response);
  };
})();"""


@pytest.mark.parametrize("outlines", ["in their own time", "after the places"])
def test_a_resident_chooses_an_arrondissement_and_the_map_frames_it(
    page, screenshot, axe_check, places_around_notre_dame, outlines
):
    if outlines == "after the places":
        page.add_init_script(OUTLINES_ARRIVE_LAST)
    page.goto(reverse("territory:places"))
    expect(page.locator("#places-map-status")).to_have_text("Places on the map: 25.")

    page.get_by_label("Arrondissement", exact=True).select_option("75104")
    page.get_by_role("button", name="Show places").click()
    page.wait_for_url(re.compile(r"district=75104"))

    the_map = page.get_by_role("region", name="Map of the places listed below")
    chosen = the_map.locator("path.district-outline.is-chosen")
    expect(chosen).to_have_count(1)
    expect(the_map.locator(".district-label.is-chosen")).to_have_text("4")
    expect(page.locator("#places-map.is-loaded")).to_be_visible()
    wait_until_the_map_is_at_rest(page)
    # Framed: the 4th fills the map's width or height, and lies inside the map.
    frame = the_map.bounding_box()
    fourth = chosen.bounding_box()
    assert fourth["width"] > frame["width"] * 0.6 or fourth["height"] > frame["height"] * 0.6
    assert frame["x"] <= fourth["x"]
    assert fourth["x"] + fourth["width"] <= frame["x"] + frame["width"]
    assert frame["y"] <= fourth["y"]
    assert fourth["y"] + fourth["height"] <= frame["y"] + frame["height"]

    if outlines == "in their own time":
        screenshot(page, "places-map-arrondissement")
        axe_check(page)


def test_the_map_shows_the_places_when_the_outlines_cannot_be_loaded(page, places_around_notre_dame):
    page.route("**/api/v1/districts/outlines", lambda route: route.fulfill(status=503, body=""))

    page.goto(reverse("territory:places"))

    expect(page.locator("#places-map-status")).to_have_text("Places on the map: 25.")
    expect(page.locator("#places-map .leaflet-marker-icon").first).to_be_visible()
    expect(page.locator("path.district-outline")).to_have_count(0)

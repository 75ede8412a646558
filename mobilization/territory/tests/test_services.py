"""Where a point is, and what is nearest: on the real Paris districts and places (imported once here)."""

import pytest

from mobilization.territory import geo
from mobilization.territory.models import District, Place
from mobilization.territory.services import (
    CLOSED,
    ReferencePoint,
    district_at,
    nearest_places,
    search_places,
)

pytestmark = pytest.mark.django_db

NOTRE_DAME = (48.8530, 2.3499)
EIFFEL_TOWER = (48.8584, 2.2945)
SACRE_COEUR = (48.8867, 2.3431)
VERSAILLES = (48.8049, 2.1204)
VINCENNES_TOWN_HALL = (48.8475, 2.4390)


@pytest.mark.parametrize(
    "point, number",
    [(NOTRE_DAME, 4), (EIFFEL_TOWER, 7), (SACRE_COEUR, 18)],
    ids=["Notre-Dame", "Eiffel Tower", "Sacré-Cœur"],
)
def test_a_landmark_is_in_its_arrondissement(paris_import, point, number):
    district = district_at(*point)
    assert district.level == District.Level.ARRONDISSEMENT
    assert district.number == number


@pytest.mark.parametrize("point", [VERSAILLES, VINCENNES_TOWN_HALL, (0.0, 0.0)])
def test_a_point_outside_paris_is_in_no_district(paris_import, point):
    assert district_at(*point) is None


def test_the_quartier_of_a_point(paris_import):
    assert district_at(*NOTRE_DAME, level=District.Level.QUARTIER).name == "Notre-Dame"
    assert district_at(*EIFFEL_TOWER, level=District.Level.QUARTIER).name == "Gros-Caillou"


def test_the_polygons_are_prepared_once_and_checked_with_one_cheap_query(
    paris_import, django_assert_num_queries
):
    district_at(*NOTRE_DAME)
    with django_assert_num_queries(1):
        assert district_at(*EIFFEL_TOWER).number == 7


def test_the_polygons_are_rebuilt_when_the_districts_change(paris_import):
    assert district_at(*NOTRE_DAME).number == 4

    fourth = District.objects.get(level=District.Level.ARRONDISSEMENT, number=4)
    seventh = District.objects.get(level=District.Level.ARRONDISSEMENT, number=7)
    fourth.geometry, seventh.geometry = seventh.geometry, fourth.geometry
    fourth.save()
    seventh.save()

    assert district_at(*NOTRE_DAME).number == 7


def test_the_nearest_fountains_are_those_a_brute_force_search_finds(paris_import):
    nearest = nearest_places(*NOTRE_DAME, limit=10, kind=Place.Kind.FOUNTAIN)

    distances = [place.distance_m for place in nearest]
    assert len(nearest) == 10
    assert distances == sorted(distances)
    assert all(place.kind == Place.Kind.FOUNTAIN for place in nearest)
    brute_force = sorted(
        (geo.great_circle_m(*NOTRE_DAME, lat, lon), pk)
        for pk, lat, lon in Place.objects.filter(kind=Place.Kind.FOUNTAIN).values_list("pk", "lat", "lon")
    )[:10]
    assert [place.pk for place in nearest] == [pk for _, pk in brute_force]
    assert distances == pytest.approx([distance for distance, _ in brute_force], rel=2e-3)
    assert distances[0] < 100, "a fountain stands in the square behind Notre-Dame"


def test_nearest_places_among_a_selection_and_within_a_distance(paris_import):
    free_cool_places = Place.objects.filter(kind=Place.Kind.COOL_PLACE, is_free=True)

    nearest = nearest_places(*EIFFEL_TOWER, limit=5, queryset=free_cool_places, max_distance_m=800)

    assert 0 < len(nearest) <= 5
    assert all(place.kind == Place.Kind.COOL_PLACE for place in nearest)
    assert all(place.is_free for place in nearest)
    assert all(place.distance_m <= 800 for place in nearest)
    assert nearest_places(*VERSAILLES, limit=5, max_distance_m=1000) == []


def test_a_new_place_is_found_at_once(paris_import):
    assert nearest_places(*SACRE_COEUR, limit=1)[0].name != "Fontaine du parvis"

    Place.objects.create(
        kind=Place.Kind.FOUNTAIN,
        name="Fontaine du parvis",
        lat=SACRE_COEUR[0],
        lon=SACRE_COEUR[1],
        source_dataset="tests",
        source_id="parvis",
    )

    (nearest,) = nearest_places(*SACRE_COEUR, limit=1)
    assert nearest.name == "Fontaine du parvis"
    assert nearest.distance_m == pytest.approx(0, abs=0.01)


def test_a_filtered_list_is_ranked_by_distance_a_page_at_a_time(paris_import, django_assert_num_queries):
    fountains_in_the_4th = Place.objects.filter(kind=Place.Kind.FOUNTAIN, district__number=4)

    ranked = search_places(fountains_in_the_4th, near=ReferencePoint(*NOTRE_DAME))

    assert fountains_in_the_4th.count() == 33, "35 say the 4th, 2 of them stand in the 1st and 12th"
    assert fountains_in_the_4th.filter(is_available=True).count() == 29
    assert len(ranked) == 26, "in service, once each: Place Louis Lépine and Place des Vosges list 3 twice"
    with django_assert_num_queries(1):
        first_page = ranked[0:10]
    assert [place.distance_m for place in first_page] == sorted(place.distance_m for place in first_page)
    assert first_page[0].district.number == 4
    assert ranked[10:20][0].distance_m >= first_page[-1].distance_m


HOTEL_DE_VILLE = (48.8566, 2.3522)


def test_nearest_means_usable_now_on_the_real_data(paris_import):
    """In front of the Hôtel de Ville, the nearest record is a fountain out of service (32 m): it is not
    offered; every place offered is in service, and those closed now come after all the others."""
    out_of_service = Place.objects.get(source_dataset="fontaines-a-boire", source_id="450085411")
    assert not out_of_service.is_available

    ranked = search_places(Place.objects.all(), near=ReferencePoint(*HOTEL_DE_VILLE))
    offered = ranked[0 : len(ranked)]

    assert out_of_service not in offered
    assert all(place.is_available for place in offered)
    assert offered[0].name == "Paris Rendez Vous"
    states = [place.state for place in offered]
    first_closed = states.index(CLOSED)
    assert CLOSED not in states[:first_closed] and set(states[first_closed:]) == {CLOSED}
    ids = [place.pk for place in offered]
    assert len(ids) == len(set(ids))
    by_name = {}
    for place in offered:
        by_name.setdefault((place.kind, place.name.casefold()), []).append(place)
    twice = [
        (first.name, second.name)
        for same_name in by_name.values()
        for index, first in enumerate(same_name)
        for second in same_name[index + 1 :]
        if geo.great_circle_m(first.lat, first.lon, second.lat, second.lon) < 30
    ]
    assert twice == [], "a place the exports list twice is offered once"
    assert Place.objects.filter(name="Jardin du Gymnase Alice Milliat").count() == 2
    assert [place.name for place in offered].count("Jardin du Gymnase Alice Milliat") == 1


def test_the_projection_keeps_city_distances_within_a_few_parts_per_thousand():
    projected = geo.project([NOTRE_DAME[0], SACRE_COEUR[0]], [NOTRE_DAME[1], SACRE_COEUR[1]], lat0=48.86)
    planar = float(((projected[0] - projected[1]) ** 2).sum() ** 0.5)
    assert planar == pytest.approx(geo.great_circle_m(*NOTRE_DAME, *SACRE_COEUR), rel=2e-3)

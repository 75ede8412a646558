"""The territory in the open data API: GeoJSON that any map library or GIS reads as it is."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import shapely
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from shapely.geometry import shape

from mobilization.territory import hours
from mobilization.territory.api import DistrictOutlineCollection, PlaceCollection
from mobilization.territory.importers import import_districts
from mobilization.territory.models import District, Place
from mobilization.territory.tests.factories import ArrondissementFactory, PlaceFactory, square

pytestmark = pytest.mark.django_db

ALWAYS_OPEN = {str(day): [hours.ALL_DAY] for day in range(7)}
NEVER_OPEN = {str(day): [] for day in range(7)}


@pytest.fixture
def fourth(db):
    return ArrondissementFactory(number=4, name="4ème Ardt", official_name="Hôtel-de-Ville")


@pytest.fixture
def notre_dame_quartier(fourth):
    return District.objects.create(
        city=fourth.city,
        level=District.Level.QUARTIER,
        parent=fourth,
        code="7510404",
        number=16,
        name="Notre-Dame",
        geometry=square(48.853, 2.35, 0.005),
        area_m2=1_000_000,
        centroid_lat=48.853,
        centroid_lon=2.35,
    )


@pytest.fixture
def eleventh(db):
    return ArrondissementFactory(number=11, name="11ème Ardt")


@pytest.fixture
def places(fourth, eleventh):
    return [
        PlaceFactory(name="Fontaine A", district=fourth, lat=48.8530, lon=2.3499),
        PlaceFactory(name="Fontaine B", district=fourth, lat=48.8550, lon=2.3550, is_available=False),
        PlaceFactory(
            kind=Place.Kind.COOL_PLACE,
            name="Musée C",
            district=eleventh,
            is_free=False,
            opening_hours={"0": [["10:00", "18:00"]]},
            details={"hours_period": "du 01/01/20 au 01/01/32", "internal_note": "not public"},
            lat=48.8600,
            lon=2.3800,
        ),
        PlaceFactory(
            kind=Place.Kind.GREEN_SPACE,
            name="Square D",
            district=eleventh,
            is_free=None,
            opening_hours=ALWAYS_OPEN,
            geometry=square(48.8610, 2.3810, 0.001),
            lat=48.8610,
            lon=2.3810,
        ),
    ]


def test_the_districts_are_a_geojson_feature_collection(client, notre_dame_quartier, eleventh):
    collection = client.get("/api/v1/districts").json()

    assert collection["type"] == "FeatureCollection"
    assert [feature["id"] for feature in collection["features"]] == ["75104", "75111", "7510404"]
    feature = collection["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "Polygon"
    assert feature["properties"] == {
        "code": "75104",
        "level": "arrondissement",
        "number": 4,
        "name": "4ème Ardt",
        "official_name": "Hôtel-de-Ville",
        "parent_code": None,
        "area_km2": 2.0,
        "centroid_lat": 48.86,
        "centroid_lon": 2.35,
    }


def test_the_districts_of_one_level(client, notre_dame_quartier):
    collection = client.get("/api/v1/districts", {"level": "quartier"}).json()

    assert [feature["properties"]["name"] for feature in collection["features"]] == ["Notre-Dame"]
    assert collection["features"][0]["properties"]["parent_code"] == "75104"
    assert client.get("/api/v1/districts", {"level": "region"}).status_code == 422


def test_one_district_by_its_code(client, notre_dame_quartier):
    response = client.get("/api/v1/districts/7510404")

    assert response.status_code == 200
    assert response.json()["properties"]["name"] == "Notre-Dame"
    assert client.get("/api/v1/districts/75199").status_code == 404


@pytest.fixture
def paris_arrondissements(db, paris_data):
    cache.clear()
    import_districts(paris_data / "arrondissements.geojson", paris_data / "quartier_paris.geojson")
    yield District.objects.filter(level=District.Level.ARRONDISSEMENT).order_by("number")
    cache.clear()


# The 20 real arrondissements measured 14.3 kB (the exact polygons: 208 kB).
OUTLINES_MAX_BYTES = 20_000


def test_the_arrondissement_outlines_are_light_enough_to_draw_under_the_map(client, paris_arrondissements):
    response = client.get("/api/v1/districts/outlines")

    assert response.status_code == 200
    assert len(response.content) < OUTLINES_MAX_BYTES
    collection = DistrictOutlineCollection.model_validate(response.json())
    assert [outline.id for outline in collection.features] == [f"751{number:02d}" for number in range(1, 21)]
    fourth = response.json()["features"][3]
    assert fourth["properties"] == {"code": "75104", "number": 4, "name": "4th arrondissement"}
    lighter = []
    for outline, district in zip(collection.features, paris_arrondissements, strict=True):
        assert outline.geometry.type in {"Polygon", "MultiPolygon"}
        polygon, exact = shape(outline.geometry.model_dump()), shape(district.geometry)
        assert polygon.is_valid
        assert polygon.hausdorff_distance(exact) < 0.00015, f"the {district.number} keeps its shape"
        lighter.append(polygon)
    overlap = sum(polygon.area for polygon in lighter) - shapely.union_all(lighter).area
    assert overlap < 1e-9, "neighbours share their simplified border: no sliver between them"
    positions = [position for ring in fourth["geometry"]["coordinates"] for position in ring]
    assert all(round(value, 5) == value for position in positions for value in position)


def test_browsers_and_proxies_may_keep_the_outlines_an_hour(client, paris_arrondissements):
    response = client.get("/api/v1/districts/outlines")

    assert response.headers["Cache-Control"] == "public, max-age=3600"


def test_the_outlines_are_simplified_once_until_the_arrondissements_change(
    client, paris_arrondissements, django_assert_num_queries
):
    client.get("/api/v1/districts/outlines")
    with django_assert_num_queries(1):  # the districts' version: the outlines come from the cache
        client.get("/api/v1/districts/outlines")

    fourth = paris_arrondissements.get(number=4)
    fourth.name = "Paris Centre"
    fourth.save()

    outlines = client.get("/api/v1/districts/outlines").json()["features"]
    assert outlines[3]["properties"]["name"] == "Paris Centre"


def test_the_places_are_a_geojson_feature_collection_with_their_total(client, places):
    collection = client.get("/api/v1/places").json()

    assert collection["type"] == "FeatureCollection"
    assert (collection["total"], collection["limit"], collection["offset"]) == (4, 100, 0)
    feature = collection["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [2.3499, 48.853]}, "[longitude, latitude]"
    assert feature["properties"] == {
        "id": places[0].pk,
        "name": "Fontaine A",
        "kind": "fountain",
        "kind_label": "Drinking fountain",
        "category": "Fontaine Wallace",
        "address": places[0].address,
        "district": "75104",
        "district_name": "4ème Ardt",
        "is_free": True,
        "is_available": True,
        "open_now": None,
        "hours_today": "Hours not given",
        "open_in_heatwave": None,
        "open_summer_nights": None,
        "url": f"http://testserver{reverse('territory:place', args=[places[0].pk])}",
        "distance_m": None,
    }


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [feature["properties"]["name"] for feature in response.json()["features"]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"kind": "fountain"}, ["Fontaine A", "Fontaine B"]),
        ({"district": "75111"}, ["Musée C", "Square D"]),
        ({"free": "true"}, ["Fontaine A", "Fontaine B"]),
        ({"free": "false"}, ["Musée C"]),
        ({"open_now": "true"}, ["Square D"]),
        ({"kind": "green_space", "district": "75104"}, []),
        ({"district": "75199"}, []),
    ],
)
def test_the_places_filters(client, places, query, expected, monkeypatch):
    # "Open now" depends on the clock: a Tuesday morning, when Musée C (open Mondays 10:00-18:00) is closed.
    tuesday_morning = datetime(2026, 12, 8, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    monkeypatch.setattr(timezone, "now", lambda: tuesday_morning)
    assert names(client.get("/api/v1/places", query)) == expected


def test_near_a_point_the_places_come_nearest_first_with_their_distance(client, places):
    response = client.get("/api/v1/places", {"lat": "48.8611", "lon": "2.3811", "limit": 3})

    offered = names(response)
    assert offered[0] == "Square D"
    assert sorted(offered) == ["Fontaine A", "Musée C", "Square D"], "Fontaine B is out of service"
    features = response.json()["features"]
    assert features[0]["properties"]["distance_m"] < 20
    usable = [feature for feature in features if feature["properties"]["open_now"] is not False]
    distances = [feature["properties"]["distance_m"] for feature in usable]
    assert distances == sorted(distances)
    assert features.index(usable[-1]) == len(usable) - 1, "closed now after all the usable ones"
    assert response.json()["total"] == 3


def test_nearest_places_in_the_api_are_usable_now_first(client, fourth):
    """Out of service not offered, closed now after the open ones, a place listed twice offered once,
    and the heatwave flags of green spaces."""
    PlaceFactory(name="Fontaine à sec", district=fourth, lat=48.8531, lon=2.3500, is_available=False)
    PlaceFactory(
        kind=Place.Kind.COOL_PLACE,
        name="Piscine fermée",
        district=fourth,
        is_free=False,
        opening_hours=NEVER_OPEN,
        lat=48.8533,
        lon=2.3500,
    )
    PlaceFactory(name="Fontaine Wallace", district=fourth, lat=48.8540, lon=2.3500)
    PlaceFactory(name="Fontaine Wallace", district=fourth, lat=48.85401, lon=2.35003)
    PlaceFactory(
        kind=Place.Kind.GREEN_SPACE,
        name="Square ouvert",
        district=fourth,
        is_free=None,
        opening_hours=ALWAYS_OPEN,
        details={"open_in_heatwave": True, "open_summer_nights": False},
        lat=48.8560,
        lon=2.3500,
    )

    collection = client.get("/api/v1/places", {"lat": "48.8530", "lon": "2.3500"}).json()

    properties = [feature["properties"] for feature in collection["features"]]
    assert [(place["name"], place["open_now"]) for place in properties] == [
        ("Fontaine Wallace", None),
        ("Square ouvert", True),
        ("Piscine fermée", False),
    ]
    assert collection["total"] == 3
    assert (properties[1]["open_in_heatwave"], properties[1]["open_summer_nights"]) == (True, False)


def test_the_places_answer_is_what_the_schema_says(client, places):
    """The list is encoded once and cached, not validated by the API on every request: it is here."""
    for query in ({}, {"lat": "48.8611", "lon": "2.3811"}, {"kind": "green_space", "open_now": "true"}):
        PlaceCollection.model_validate(client.get("/api/v1/places", query).json())


def test_the_places_answer_is_cached_until_the_places_change(client, places, django_assert_num_queries):
    assert names(client.get("/api/v1/places", {"kind": "fountain"})) == ["Fontaine A", "Fontaine B"]
    with django_assert_num_queries(1):  # the places' version: the answer comes from the cache
        client.get("/api/v1/places", {"kind": "fountain"})

    PlaceFactory(name="Fontaine E", district=places[0].district)

    assert names(client.get("/api/v1/places", {"kind": "fountain"}))[-1] == "Fontaine E"


def test_the_places_come_a_page_at_a_time(client, fourth):
    PlaceFactory.create_batch(12, district=fourth)

    first = client.get("/api/v1/places", {"limit": 5}).json()
    last = client.get("/api/v1/places", {"limit": 5, "offset": 10}).json()

    assert (first["total"], len(first["features"])) == (12, 5)
    assert (last["total"], last["offset"], len(last["features"])) == (12, 10, 2)
    assert client.get("/api/v1/places", {"limit": 501}).status_code == 422
    assert client.get("/api/v1/places", {"limit": 500}).status_code == 200
    assert client.get("/api/v1/places", {"offset": -1}).status_code == 422


@pytest.mark.parametrize(
    "query",
    [
        {"lat": "91", "lon": "2"},
        {"lat": "nan", "lon": "2"},
        {"kind": "castle"},
        {"free": "maybe"},
    ],
)
def test_impossible_questions_get_a_422(client, places, query):
    response = client.get("/api/v1/places", query)
    assert response.status_code == 422
    assert "detail" in response.json()


def test_one_place_with_its_hours_and_public_facts(client, places):
    museum = places[2]

    response = client.get(f"/api/v1/places/{museum.pk}")

    assert response.status_code == 200
    properties = response.json()["properties"]
    assert properties["opening_hours"] == {"0": [["10:00", "18:00"]]}
    assert properties["facts"]["hours_period"] == "du 01/01/20 au 01/01/32"
    assert "internal_note" not in properties["facts"], "only the fields the schema names"
    assert properties["source_dataset"] == "tests"
    assert properties["outline"] is None
    assert client.get(f"/api/v1/places/{places[3].pk}").json()["properties"]["outline"]["type"] == "Polygon"


def test_a_latitude_without_longitude_does_not_rank(client, places):
    response = client.get("/api/v1/places", {"lat": "48.85"})
    assert names(response) == ["Fontaine A", "Fontaine B", "Musée C", "Square D"]
    assert response.json()["features"][0]["properties"]["distance_m"] is None


def test_an_unknown_place_is_a_404(client, db):
    assert client.get("/api/v1/places/999999").status_code == 404
    assert client.get(f"/api/v1/places/{2**70}").status_code == 422


def test_the_openapi_document_describes_the_geojson(client, db):
    document = client.get("/api/v1/openapi.json").json()

    assert {
        "/api/v1/districts",
        "/api/v1/districts/outlines",
        "/api/v1/districts/{code}",
        "/api/v1/places",
        "/api/v1/places/{place_id}",
    } <= set(document["paths"])
    parameters = {parameter["name"] for parameter in document["paths"]["/api/v1/places"]["get"]["parameters"]}
    assert parameters == {"kind", "district", "free", "open_now", "lat", "lon", "limit", "offset"}
    schemas = document["components"]["schemas"]
    assert {"PlaceCollection", "PlaceFeature", "PlaceProperties", "DistrictCollection"} <= set(schemas)
    outlines = document["paths"]["/api/v1/districts/outlines"]["get"]["responses"]["200"]
    assert outlines["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/DistrictOutlineCollection"
    }
    assert schemas["PlaceCollection"]["properties"]["total"]["type"] == "integer"

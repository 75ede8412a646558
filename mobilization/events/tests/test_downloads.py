"""The open data downloads of the upcoming events: CSV and GeoJSON, filtered, public facts only."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from shapely.geometry import shape

from mobilization.events import services
from mobilization.events.models import Event
from mobilization.events.tests.factories import INSIDE, HostFactory
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = pytest.mark.django_db

PEOPLE = ("Victor", "Volunteer", "Olga", "Organiser", "Paula", "Zoé", "@")


def download_geojson(client, params=None) -> tuple[dict, int]:
    """The GeoJSON answer, read to its end, and how many queries writing it took."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("events:download_geojson"), params or {})
        body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    return json.loads(body), len(context.captured_queries)


def titles(collection: dict) -> set[str]:
    return {feature["properties"]["title"] for feature in collection["features"]}


def test_the_csv_download_has_public_facts_and_no_personal_data(client, make_event, volunteer, cohost):
    event = make_event(title="=HYPERLINK(1)", capacity=3)
    event.cohosts.add(cohost, HostFactory(title="AMAP"))
    services.register(event, volunteer)
    unlimited = make_event(title="Balade des arbres", starts_at=timezone.now() + timedelta(days=9))

    response = client.get(reverse("events:download_csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")

    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="events.csv"'
    assert "license" in response["Link"]
    first, second = csv.DictReader(io.StringIO(text))
    zone = services.city_zone()
    assert first == {
        "id": str(event.pk),
        "title": "'=HYPERLINK(1)",
        "initiative_id": str(event.initiative_id),
        "initiative": "Repair café du Marais",
        # A session of a training or of a co-design workshop (the other kinds of host) fills these instead.
        "training_id": "",
        "training": "",
        "workshop_id": "",
        "workshop": "",
        "cohosts": "AMAP | Jardins partagés du 4e",
        "district": "75104",
        "starts_at": timezone.localtime(event.starts_at, zone).isoformat(),
        "ends_at": timezone.localtime(event.ends_at, zone).isoformat(),
        "address": event.address,
        "lat": str(INSIDE[0]),
        "lon": str(INSIDE[1]),
        "capacity": "3",
        "seats_left": "2",
        "url": f"http://testserver{event.get_absolute_url()}",
    }
    assert second["title"] == unlimited.title
    assert second["capacity"] == ""
    assert second["seats_left"] == ""
    assert "volunteer" not in text.lower()
    assert "@" not in text


def test_the_geojson_download_is_a_feature_collection_of_points_with_a_licence(
    client, make_event, cohost, volunteer
):
    event = make_event(title="Repair café, vélos; grille-pain", capacity=3)
    event.cohosts.add(cohost)
    services.register(event, volunteer)
    unlimited = make_event(title="Balade des arbres", starts_at=timezone.now() + timedelta(days=9))

    response = client.get(reverse("events:download_geojson"))
    collection = json.loads(b"".join(response.streaming_content))

    assert response["Content-Disposition"] == 'attachment; filename="events.geojson"'
    assert "etalab.gouv.fr" in response["Link"]
    assert 'rel="license"' in response["Link"]
    assert collection["type"] == "FeatureCollection"
    assert "Licence Ouverte" in collection["licence"]
    first, second = collection["features"]
    assert first["type"] == "Feature"
    assert first["id"] == event.pk
    # GeoJSON puts the longitude first (RFC 7946, 3.1.1).
    assert first["geometry"] == {"type": "Point", "coordinates": [INSIDE[1], INSIDE[0]]}
    assert shape(first["geometry"]).is_valid
    zone = services.city_zone()
    assert first["properties"] == {
        "id": event.pk,
        "title": "Repair café, vélos; grille-pain",
        "initiative_id": event.initiative_id,
        "initiative": event.initiative.title,
        "training_id": None,
        "training": None,
        "workshop_id": None,
        "workshop": None,
        "cohosts": [cohost.title],
        "district": "75104",
        "starts_at": timezone.localtime(event.starts_at, zone).isoformat(),
        "ends_at": timezone.localtime(event.ends_at, zone).isoformat(),
        "address": event.address,
        "capacity": 3,
        "seats_left": 2,
        "url": f"http://testserver{event.get_absolute_url()}",
    }
    assert second["properties"]["title"] == unlimited.title
    assert second["properties"]["capacity"] is None
    assert second["properties"]["seats_left"] is None


def test_the_geojson_download_of_no_event_is_an_empty_collection(client):
    collection, _queries = download_geojson(client)

    assert collection["type"] == "FeatureCollection"
    assert collection["features"] == []


def test_the_geojson_download_takes_the_filters_of_the_events_page(client, make_event, organiser):
    eleventh = ArrondissementFactory(
        number=11, code="75111", name="11e", centroid_lat=48.859, centroid_lon=2.38
    )
    food = HostFactory(organiser=organiser, district=eleventh, title="AMAP", themes=["food"])
    make_event(title="Repair soon", starts_at=timezone.now() + timedelta(days=2))
    make_event(title="Repair later", starts_at=timezone.now() + timedelta(days=20))
    make_event(title="Marché bio", host=food, starts_at=timezone.now() + timedelta(days=3))
    until = timezone.localtime(timezone.now() + timedelta(days=10)).date().isoformat()

    assert titles(download_geojson(client)[0]) == {"Repair soon", "Repair later", "Marché bio"}
    assert titles(download_geojson(client, {"district": "75111"})[0]) == {"Marché bio"}
    assert titles(download_geojson(client, {"theme": "waste_repair"})[0]) == {"Repair soon", "Repair later"}
    assert titles(download_geojson(client, {"date_to": until})[0]) == {"Repair soon", "Marché bio"}
    assert titles(download_geojson(client, {"date_from": until})[0]) == {"Repair later"}


@pytest.mark.parametrize("name", ["events:download_csv", "events:download_geojson"])
@pytest.mark.parametrize(
    "params, wrong",
    [
        ({"district": "75999"}, "district"),
        ({"date_from": "31/12/2026"}, "date_from"),
        ({"theme": "<b>"}, "theme"),
    ],
)
def test_a_download_with_an_invalid_filter_is_refused_with_the_reason(
    client, make_event, name, params, wrong
):
    # Not the whole file as if no filter had been asked: the reader would take it for the filtered one.
    make_event(title="Atelier vélo")

    response = client.get(reverse(name), params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(json.loads(response.content)["detail"]) == [wrong]
    assert "Atelier" not in response.content.decode()
    assert "<b>" not in response.content.decode()


def test_past_cancelled_and_unpublished_events_are_not_in_the_geojson(
    client, make_event, organiser, district
):
    make_event(title="Still to come")
    past = make_event(title="Past one")
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2, hours=-2)
    )
    services.cancel_event(make_event(title="Cancelled one"), by=organiser, reason="Storm warning.")
    draft = HostFactory(organiser=organiser, district=district, title="Draft", draft=True)
    make_event(title="Of a draft", host=draft)

    assert titles(download_geojson(client)[0]) == {"Still to come"}


def test_the_geojson_names_nobody(client, make_event, cohost, volunteer, make_volunteer):
    event = make_event(title="Atelier vélo", capacity=1)
    event.cohosts.add(cohost)
    services.register(event, volunteer)
    services.register(event, make_volunteer("Zoé Waiting"))

    response = client.get(reverse("events:download_geojson"))
    body = b"".join(response.streaming_content).decode()

    assert "Atelier vélo" in body
    for trace in PEOPLE:
        assert trace not in body
    assert "organiser" not in body
    assert "registr" not in body


def test_the_geojson_takes_as_many_queries_for_30_events_as_for_3(client, make_event, cohost, make_volunteer):
    def add_events(count):
        for number in range(count):
            event = make_event(title=f"Event {number}", capacity=10)
            event.cohosts.add(cohost)
            services.register(event, make_volunteer())

    add_events(3)
    few_collection, few = download_geojson(client)
    add_events(27)
    many_collection, many = download_geojson(client)

    assert len(few_collection["features"]) == 3
    assert len(many_collection["features"]) == 30
    assert many == few, f"{few} queries for 3 events, {many} for 30: a query runs per event"
    assert many <= 2


def test_the_events_page_links_both_downloads_with_its_filters_and_their_licence(client, event):
    page = client.get(reverse("events:list"), {"theme": "waste_repair"}).content.decode()

    assert f'href="{reverse("events:download_csv")}?theme=waste_repair"' in page
    assert f'href="{reverse("events:download_geojson")}?theme=waste_repair"' in page
    assert "Licence Ouverte / Open Licence 2.0" in page

"""The places page and a place's page, as a visitor without JavaScript meets them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.territory import hours
from mobilization.territory.models import Place
from mobilization.territory.tests.factories import ArrondissementFactory, PlaceFactory

pytestmark = pytest.mark.django_db

ALWAYS_OPEN = {str(day): [hours.ALL_DAY] for day in range(7)}
NEVER_OPEN = {str(day): [] for day in range(7)}


@pytest.fixture
def fourth(db):
    return ArrondissementFactory(
        number=4, name="4ème Ardt", official_name="Hôtel-de-Ville", centroid_lat=48.8543, centroid_lon=2.3576
    )


@pytest.fixture
def eleventh(db):
    return ArrondissementFactory(
        number=11, name="11ème Ardt", official_name="Popincourt", centroid_lat=48.8591, centroid_lon=2.3800
    )


@pytest.fixture
def places(fourth, eleventh):
    return {
        "wallace": PlaceFactory(
            name="Fontaine Wallace – Rue de Rivoli", district=fourth, lat=48.8560, lon=2.3560
        ),
        "pool": PlaceFactory(
            kind=Place.Kind.COOL_PLACE,
            category="Piscine",
            name="Piscine Saint-Merri",
            district=fourth,
            is_free=False,
            opening_hours=NEVER_OPEN,
            lat=48.8595,
            lon=2.3510,
        ),
        "square": PlaceFactory(
            kind=Place.Kind.GREEN_SPACE,
            category="Square",
            name="Square Maurice Gardette",
            district=eleventh,
            is_free=None,
            opening_hours=ALWAYS_OPEN,
            lat=48.8627,
            lon=2.3780,
        ),
    }


def names_listed(response) -> list[str]:
    table = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    places = re.escape(reverse("territory:places"))
    return re.findall(rf'<td><a href="{places}\d+/">([^<]+)</a></td>', table)


def test_the_list_shows_every_place_without_javascript(client, places):
    response = client.get(reverse("territory:places"))

    assert response.status_code == 200
    assert names_listed(response) == [
        "Fontaine Wallace – Rue de Rivoli",
        "Piscine Saint-Merri",
        "Square Maurice Gardette",
    ]
    page = response.content.decode()
    assert f'<form method="get" action="{reverse("territory:places")}"' in page
    assert 'role="region"' in page
    assert 'aria-label="Map of the places listed below"' in page
    assert "3 places" in page
    assert "Paid" in page
    assert "Free" in page
    assert "Not stated" in page


def test_the_page_has_no_inline_script_or_style(client, places):
    page = client.get(reverse("territory:places")).content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "scripts come from static files"
    assert " style=" not in page
    assert "<style" not in page
    assert page.count("nonce=") >= 4


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"kind": "fountain"}, ["Fontaine Wallace – Rue de Rivoli"]),
        ({"district": "75111"}, ["Square Maurice Gardette"]),
        ({"free": "true"}, ["Fontaine Wallace – Rue de Rivoli"]),
        ({"free": "false"}, ["Piscine Saint-Merri"]),
        ({"open_now": "on"}, ["Square Maurice Gardette"]),
        ({"kind": "cool_place", "district": "75111"}, []),
    ],
)
def test_the_filters_select_the_places(client, places, query, expected):
    response = client.get(reverse("territory:places"), query)

    assert names_listed(response) == expected


def test_the_chosen_filters_stay_in_the_form(client, places):
    page = client.get(
        reverse("territory:places"), {"kind": "fountain", "district": "75104", "open_now": "on"}
    ).content.decode()

    assert '<option value="fountain" selected>' in page
    assert '<option value="75104" selected>' in page
    assert re.search(r'<input type="checkbox" name="open_now" id="id_open_now" checked>', page)


def test_an_unknown_district_is_said_and_the_other_filters_still_apply(client, places):
    response = client.get(reverse("territory:places"), {"district": "75199", "kind": "fountain"})

    assert "Select a valid choice" in response.content.decode()
    assert names_listed(response) == ["Fontaine Wallace – Rue de Rivoli"]


def test_nearest_first_from_a_clicked_point_with_distances(client, places):
    response = client.get(reverse("territory:places"), {"lat": "48.8627", "lon": "2.3780"})

    assert names_listed(response) == [
        "Square Maurice Gardette",
        "Fontaine Wallace – Rue de Rivoli",
        "Piscine Saint-Merri",
    ]
    page = response.content.decode()
    assert "Nearest first, from the chosen point." in page
    assert '<td class="number">0 m</td>' in page
    assert 'data-near-lat="48.862700"' in page


@pytest.fixture
def around_the_town_hall(fourth):
    """From the Hôtel de Ville: a fountain out of service at 10 m, a paid pool closed now at 50 m, one
    fountain the export lists twice at 150 m, a green space open now at 300 m with its heatwave flags."""
    PlaceFactory(name="Fontaine à sec", district=fourth, lat=48.85669, lon=2.3522, is_available=False)
    PlaceFactory(
        kind=Place.Kind.COOL_PLACE,
        category="Piscine",
        name="Piscine fermée",
        district=fourth,
        is_free=False,
        opening_hours=NEVER_OPEN,
        lat=48.85705,
        lon=2.3522,
    )
    PlaceFactory(
        name="Fontaine Wallace – Place de l’Hôtel de Ville", district=fourth, lat=48.85795, lon=2.3522
    )
    PlaceFactory(
        name="Fontaine Wallace – Place de l’Hôtel de Ville", district=fourth, lat=48.8580, lon=2.35223
    )
    PlaceFactory(
        kind=Place.Kind.GREEN_SPACE,
        category="Square",
        name="Square Saint-Jacques",
        district=fourth,
        is_free=None,
        opening_hours=ALWAYS_OPEN,
        details={"open_in_heatwave": True, "open_summer_nights": True},
        lat=48.8593,
        lon=2.3522,
    )
    return {"lat": "48.8566", "lon": "2.3522"}


def rows_listed(response) -> list[list[str]]:
    """The list's rows, each as the text of its cells."""
    table = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_nearest_offers_what_is_usable_now_first(client, around_the_town_hall):
    response = client.get(reverse("territory:places"), around_the_town_hall)

    assert names_listed(response) == [
        "Fontaine Wallace – Place de l’Hôtel de Ville",
        "Square Saint-Jacques",
        "Piscine fermée",
    ], "no fountain out of service, the fountain listed twice once, closed now after the open ones"
    fountain, square, pool = rows_listed(response)
    assert fountain[-2:] == ["Hours not given", "150 m"]
    assert square[-2:] == ["Open now Open all day", "300 m"]
    assert "Open in a heatwave" in square[1] and "Open at night in summer" in square[1]
    assert pool[-3:] == ["Paid", "Closed now Closed", "50 m"]
    page = response.content.decode()
    assert "3 places" in page
    assert (
        "The places open now come first, then those closed now; places out of service are left out." in page
    )


def test_without_a_point_every_place_is_listed_with_what_it_is_now(client, around_the_town_hall):
    rows = {row[0]: row for row in rows_listed(client.get(reverse("territory:places")))}

    assert rows["Fontaine à sec"][-1] == "Out of service"
    assert rows["Piscine fermée"][-1] == "Closed now Closed"
    assert rows["Square Saint-Jacques"][-1] == "Open now Open all day"


def test_the_list_is_cached_until_the_places_change(client, places, django_assert_num_queries):
    query = {"kind": "fountain", "lat": "48.8566", "lon": "2.3522"}
    assert names_listed(client.get(reverse("territory:places"), query)) == [
        "Fontaine Wallace – Rue de Rivoli"
    ]
    with django_assert_num_queries(1):  # the places' version: filters, map and list come from the cache
        client.get(reverse("territory:places"), query)

    PlaceFactory(name="Fontaine Saint-Merri", district=places["pool"].district, lat=48.8566, lon=2.3522)

    assert names_listed(client.get(reverse("territory:places"), query))[0] == "Fontaine Saint-Merri"


def test_nearest_first_from_the_centre_of_an_arrondissement(client, places):
    response = client.get(reverse("territory:places"), {"near_district": "75104", "kind": "fountain"})

    assert names_listed(response) == ["Fontaine Wallace – Rue de Rivoli"]
    assert "Nearest first, from the centre of 4ème Ardt." in response.content.decode()


def test_a_latitude_without_longitude_is_refused_politely(client, places):
    response = client.get(reverse("territory:places"), {"lat": "48.86"})

    assert response.status_code == 200
    assert "Give both a latitude and a longitude, or neither." in response.content.decode()
    assert names_listed(response)[0] == "Fontaine Wallace – Rue de Rivoli", "listed by name"


def test_the_list_is_paginated_and_the_pages_keep_the_filters(client, fourth):
    PlaceFactory.create_batch(30, district=fourth)

    first = client.get(reverse("territory:places"), {"kind": "fountain"})
    second = client.get(reverse("territory:places"), {"kind": "fountain", "page": "2"})

    assert len(names_listed(first)) == 25
    assert len(names_listed(second)) == 5
    assert "?kind=fountain&amp;page=2" in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()
    assert set(names_listed(first)).isdisjoint(names_listed(second))


@pytest.mark.parametrize(
    "query",
    [{}, {"kind": "fountain", "free": "true"}, {"open_now": "on"}, {"lat": "48.857", "lon": "2.355"}],
    ids=["all", "filtered", "open now", "nearest first"],
)
def test_the_list_costs_the_same_queries_for_5_or_50_places(client, fourth, eleventh, query):
    PlaceFactory.create_batch(5, district=fourth, opening_hours=ALWAYS_OPEN)

    assert_queries_do_not_grow(
        lambda: client.get(reverse("territory:places"), query),
        lambda: PlaceFactory.create_batch(45, district=eleventh, opening_hours=ALWAYS_OPEN),
        at_most=8,
    )


def test_a_place_page_gives_its_hours_for_each_day(client, places, settings):
    pool = places["pool"]
    pool.opening_hours = {"0": [], "1": [["10:00", "18:00"]], "2": [["07:00", "08:30"], ["11:30", "13:30"]]}
    pool.details = {"hours_period": "du 01/09/25 au 05/07/26"}
    pool.save()

    response = client.get(reverse("territory:place", args=[pool.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Piscine Saint-Merri</h1>" in page
    assert "<caption>Opening hours</caption>" in page
    rows = re.findall(
        r'<th scope="row">(\w+)[^<]*(?:<span class="tag">today</span>)?</th>\s*<td>([^<]+)</td>', page
    )
    assert rows == [
        ("Monday", "Closed"),
        ("Tuesday", "10:00–18:00"),
        ("Wednesday", "07:00–08:30, 11:30–13:30"),
        ("Thursday", "Hours not given"),
        ("Friday", "Hours not given"),
        ("Saturday", "Hours not given"),
        ("Sunday", "Hours not given"),
    ]
    assert page.count('class="is-today"') == 1
    assert "4ème Ardt (Hôtel-de-Ville)" in page
    assert "The city gives these hours for: “du 01/09/25 au 05/07/26”." in page


def test_a_green_space_page_carries_its_outline_for_the_map_as_data(client, places):
    square = places["square"]
    square.geometry = {
        "type": "Polygon",
        "coordinates": [[[2.37, 48.86], [2.38, 48.86], [2.38, 48.87], [2.37, 48.86]]],
    }
    square.details = {"open_in_heatwave": True, "tall_vegetation_share": 0.62}
    square.save()

    page = client.get(reverse("territory:place", args=[square.pk])).content.decode()

    assert '<script id="place-outline" type="application/json">' in page
    assert "Opens longer in a heatwave" in page
    assert "62 %" in page
    assert "Open</span>" in page, "open all day"


def test_an_unknown_place_is_not_found(client, db):
    assert client.get(reverse("territory:place", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"district": "\x00"},
        {"near_district": "\x00"},
        {"kind": "castle"},
        {"free": "maybe"},
        {"lat": "north", "lon": "2.35"},
        {"lat": "91", "lon": "2.35"},
        {"page": "9999"},
        {"page": "-1"},
    ],
)
def test_odd_queries_still_get_the_page(client, places, query):
    response = client.get(reverse("territory:places"), query)
    assert response.status_code == 200
    assert len(names_listed(response)) == 3, "a filter that cannot be read is not applied"


def test_the_pages_only_answer_reading(client, places):
    assert client.post(reverse("territory:places")).status_code == 405
    assert client.post(reverse("territory:place", args=[places["pool"].pk])).status_code == 405


def test_a_place_page_is_kept_a_minute_and_shows_a_change_at_once(client, places):
    pool = places["pool"]
    url = reverse("territory:place", args=[pool.pk])
    assert client.get(url).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert "<h1>Piscine Saint-Merri</h1>" in again.content.decode()
    (query,) = queries.captured_queries
    assert "COUNT(*)" in query["sql"], "served from the cache: only the places' version is read"

    pool.name = "Piscine Saint-Merri (rouverte)"
    pool.save()
    page = client.get(url).content.decode()
    assert "<h1>Piscine Saint-Merri (rouverte)</h1>" in page
    assert "<title>Piscine Saint-Merri (rouverte)" in page

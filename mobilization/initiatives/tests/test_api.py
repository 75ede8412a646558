"""Initiatives in the open data API and as CSV / GeoJSON downloads: filterable, public, no personal data."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.initiatives.models import ImpactRecord, Initiative
from mobilization.initiatives.tests.factories import InitiativeFactory, person

pytestmark = pytest.mark.django_db

API = "/api/v1/initiatives"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_api_lists_published_initiatives_with_public_fields_only(client):
    organiser = person("secret.organiser@example.test", display_name="Nadia")
    bikes = InitiativeFactory(
        title="Atelier vélo", organiser=organiser, volunteers_needed=2, needs="Le samedi"
    )
    InitiativeFactory(title="Brouillon", status=Initiative.Status.DRAFT, organiser=organiser)

    response = client.get(API)
    body = response.json()

    assert response.status_code == 200
    assert body["total"] == 1
    assert "Licence Ouverte" in body["licence"]
    item = body["items"][0]
    assert item["id"] == bikes.pk
    # No personal data: not even the organiser's display name, which the page shows to people, not robots.
    assert "Nadia" not in response.content.decode()
    assert item["district"] == "75111"
    assert item["url"].endswith(reverse("initiatives:detail", kwargs={"pk": bikes.pk}))
    assert "secret.organiser" not in response.content.decode()
    assert not any("organiser" in key for key in item)
    assert "email" not in json.dumps(item)


def test_the_api_filters_like_the_list(client):
    InitiativeFactory(title="Vélo 11e", district_number=11, volunteers_needed=1)
    InitiativeFactory(title="Vélo 20e", summary="Autre.", district_number=20)
    InitiativeFactory(title="Jardin 11e", summary="Potager.", themes=["greening"], district_number=11)
    InitiativeFactory(title="Vélo en pause", status=Initiative.Status.PAUSED)

    def titles(**params):
        return [item["title"] for item in client.get(API, params).json()["items"]]

    assert titles(q="velo") == ["Vélo 11e", "Vélo 20e"] or set(titles(q="velo")) == {"Vélo 11e", "Vélo 20e"}
    assert titles(district="75120") == ["Vélo 20e"]
    assert titles(theme="greening") == ["Jardin 11e"]
    assert titles(needs_volunteers="true") == ["Vélo 11e"]
    assert titles(status="paused") == ["Vélo en pause"]
    assert len(titles(status="all")) == 4
    assert titles(district="75199") == []
    assert titles(near_district="75120", sort="nearest")[0] == "Vélo 20e"
    assert client.get(API, {"limit": 1, "offset": 1}).json()["total"] == 3
    assert len(client.get(API, {"limit": 1, "offset": 1}).json()["items"]) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 10_000},
        {"offset": -1},
        {"lat": "abc"},
        {"theme": "nope"},
        {"status": "draft"},
        {"district": "75\x00"},
        {"q": "x" * 500},
    ],
)
def test_bad_api_parameters_are_a_422(client, params):
    assert client.get(API, params).status_code == 422


def test_the_api_list_takes_a_fixed_number_of_queries(client):
    organiser = person()
    InitiativeFactory(title="Vélo 0", organiser=organiser)

    def add_rows():
        for number in range(6):
            InitiativeFactory(title=f"Vélo {number + 1}", organiser=person())

    assert_queries_do_not_grow(lambda: client.get(API, {"q": "velo"}), add_rows, at_most=6)


def test_one_initiative_with_its_impact_and_404_when_not_public(client):
    bikes = InitiativeFactory(title="Atelier vélo")
    ImpactRecord.objects.create(
        initiative=bikes,
        unit="trees",
        quantity=Decimal(4),
        date=timezone.localdate(),
        created_by=bikes.organiser,
    )
    draft = InitiativeFactory(title="Brouillon", status=Initiative.Status.DRAFT)
    rejected = InitiativeFactory(title="Refusée", status=Initiative.Status.REJECTED)

    body = client.get(f"{API}/{bikes.pk}").json()

    assert body["title"] == "Atelier vélo"
    assert body["impact"] == [{"unit": "trees", "label": "trees planted", "total": "4.00"}]
    for hidden in (draft, rejected):
        assert client.get(f"{API}/{hidden.pk}").status_code == 404
    assert client.get(f"{API}/999999").status_code == 404
    assert client.get(f"{API}/0").status_code == 422


def test_impact_totals_per_unit_and_theme_for_the_filters(client):
    bikes = InitiativeFactory(title="Vélo", district_number=11, themes=["mobility", "waste_repair"])
    garden = InitiativeFactory(title="Jardin", summary="Potager.", district_number=20, themes=["greening"])
    draft = InitiativeFactory(title="Brouillon", status=Initiative.Status.DRAFT)
    for initiative, unit, quantity in [(bikes, "kg_waste", 10), (garden, "trees", 3), (draft, "trees", 500)]:
        ImpactRecord.objects.create(
            initiative=initiative,
            unit=unit,
            quantity=quantity,
            date=timezone.localdate(),
            created_by=initiative.organiser,
        )

    everything = client.get(f"{API}/impact").json()
    in_the_11th = client.get(f"{API}/impact", {"district": "75111"}).json()

    assert everything["initiatives"] == 2
    assert {row["unit"]: row["total"] for row in everything["totals"]} == {
        "kg_waste": "10.00",
        "trees": "3.00",
    }
    assert [theme["theme"] for theme in everything["by_theme"]] == ["mobility", "waste_repair", "greening"]
    assert in_the_11th["totals"] == [{"unit": "kg_waste", "label": "kg of waste avoided", "total": "10.00"}]


def test_the_csv_download_has_the_filtered_public_initiatives_and_no_personal_data(client):
    organiser = person("secret.organiser@example.test", display_name="Nadia")
    InitiativeFactory(title="Atelier vélo", organiser=organiser, district_number=11)
    InitiativeFactory(
        title='=HYPERLINK("http://evil")', summary="Formule.", organiser=organiser, district_number=11
    )
    InitiativeFactory(title="Jardin", summary="Potager.", district_number=20, organiser=organiser)
    InitiativeFactory(title="Brouillon vélo", status=Initiative.Status.DRAFT, organiser=organiser)

    response = client.get(reverse("initiatives:download_csv"), {"district": "75111"})
    text = body(response).decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "license" in response["Link"]
    assert sorted(row["title"] for row in rows) == ['\'=HYPERLINK("http://evil")', "Atelier vélo"]
    assert rows[0]["district_code"] == "75111"
    assert "secret.organiser" not in text
    assert "Nadia" not in text


def test_the_geojson_download_is_valid_geojson_with_a_licence(client):
    InitiativeFactory(title="Atelier vélo", lat=48.86, lon=2.37)
    InitiativeFactory(title="Brouillon", status=Initiative.Status.DRAFT)

    response = client.get(reverse("initiatives:download_geojson"), {"q": "velo"})
    data = json.loads(body(response))

    assert data["type"] == "FeatureCollection"
    assert "Licence Ouverte" in data["licence"]
    assert [feature["properties"]["title"] for feature in data["features"]] == ["Atelier vélo"]
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [2.37, 48.86]}
    empty = json.loads(body(client.get(reverse("initiatives:download_geojson"), {"q": "zzz"})))
    assert empty["features"] == []
    assert client.get(reverse("initiatives:download_csv"), {"lat": "x", "lon": "2"}).status_code == 400


def test_a_download_is_streamed(client):
    for number in range(3):
        InitiativeFactory(title=f"Vélo {number}")

    response = client.get(reverse("initiatives:download_csv"))

    assert response.streaming
    assert body(response).decode().count("Vélo") == 3


def test_the_csv_download_keeps_its_columns_and_describes_them_in_the_geojson(client):
    InitiativeFactory(title="Atelier vélo", themes=("mobility", "waste_repair"), lat=48.8612345678, lon=2.37)

    csv_text = body(client.get(reverse("initiatives:download_csv"))).decode().lstrip("\ufeff")
    header, row = list(csv.reader(io.StringIO(csv_text)))
    geojson = json.loads(body(client.get(reverse("initiatives:download_geojson"))))

    assert header == [
        "id",
        "title",
        "summary",
        "themes",
        "district_code",
        "district_name",
        "latitude",
        "longitude",
        "status",
        "published_at",
        "volunteers_needed",
        "needs",
        "website",
        "url",
        "organisation",  # the organisation that runs it, if one does (registries.organisers_shown)
        "organisation_url",
    ]
    assert row[3] == "mobility|waste_repair"
    assert row[6] == "48.861235"
    assert "latitude [°]" in geojson["description"]
    assert geojson["features"][0]["properties"]["themes"] == ["mobility", "waste_repair"]

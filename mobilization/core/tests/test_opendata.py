"""The open-data kit: a dataset described once, served as CSV, JSON and GeoJSON with its licence."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from mobilization.core import opendata
from mobilization.core.opendata import ODBL, Column, Dataset, point, respond

FOUNTAINS = Dataset(
    slug="fountains",
    title="Drinking fountains",
    description="Where to drink in a heatwave.",
    columns=(
        Column("id", "identifier"),
        Column("name", "its name"),
        Column("flow", "litres a minute", unit="l/min"),
        Column("since", "in service since"),
        Column("kinds", "what it offers"),
        Column("lat", "latitude, WGS84", unit="°"),
        Column("lon", "longitude, WGS84", unit="°"),
    ),
    licence=ODBL,
    rows=lambda: iter(
        [
            {
                "id": 1,
                "name": "=HYPERLINK(evil)",
                "flow": Decimal("2.5"),
                "since": date(2020, 6, 1),
                "kinds": ["still", "sparkling"],
                "lat": 48.85,
                "lon": 2.35,
            },
            {"id": 2, "name": "Wallace", "flow": None, "since": None, "kinds": [], "lat": 48.86, "lon": 2.36},
        ]
    ),  # fmt: skip
    geometry=lambda row: point(row["lon"], row["lat"]),
    formats=("csv", "json", "geojson"),
)


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_readme_lists_every_column_with_its_unit_and_the_licence_with_its_reason():
    readme = FOUNTAINS.readme()

    assert readme.startswith("Drinking fountains\n\nWhere to drink in a heatwave.")
    assert "- flow [l/min]: litres a minute" in readme
    assert (
        "Licence: Open Database Licence (ODbL) 1.0 (https://opendatacommons.org/licenses/odbl/1-0/)" in readme
    )
    assert "stays open under the same licence" in readme


def test_csv_has_a_bom_the_columns_guarded_formulas_and_empty_cells_for_nothing():
    response = respond(FOUNTAINS, "csv", filename="f.csv")
    text = _body(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="f.csv"'
    assert response["Link"] == '<https://opendatacommons.org/licenses/odbl/1-0/>; rel="license"'
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["id", "name", "flow", "since", "kinds", "lat", "lon"]
    assert rows[1] == ["1", "'=HYPERLINK(evil)", "2.5", "2020-06-01", "still|sparkling", "48.85", "2.35"]
    assert rows[2] == ["2", "Wallace", "", "", "", "48.86", "2.36"]


def test_json_carries_the_licence_and_readme_beside_the_rows():
    data = json.loads(_body(respond(FOUNTAINS, "json")))

    assert data["dataset"] == "fountains"
    assert data["licence_url"] == ODBL.url
    assert "- lat [°]: latitude, WGS84" in data["readme"]
    assert data["rows"][0]["since"] == "2020-06-01"
    assert data["rows"][0]["flow"] == "2.5"
    assert data["rows"][0]["name"] == "=HYPERLINK(evil)"  # only spreadsheets need the guard


def test_geojson_is_a_feature_collection_of_points():
    data = json.loads(_body(respond(FOUNTAINS, "geojson")))

    assert data["type"] == "FeatureCollection"
    assert data["licence"] == ODBL.name
    assert data["features"][1]["id"] == 2
    assert data["features"][1]["geometry"] == {"type": "Point", "coordinates": [2.36, 48.86]}
    assert data["features"][1]["properties"]["name"] == "Wallace"


def test_a_format_the_dataset_does_not_offer_is_a_programming_error():
    plain_dataset = Dataset("x", "X", "x", (Column("id", "id"),), ODBL, rows=list)

    with pytest.raises(ValueError, match="not offered as 'geojson'"):
        respond(plain_dataset, "geojson")


def test_the_default_file_name_is_the_slug_and_the_day(settings):
    response = respond(FOUNTAINS, "json")

    assert response["Content-Disposition"].startswith('attachment; filename="fountains-')
    assert response["Content-Disposition"].endswith('.json"')
    assert opendata.CONTENT_TYPES["geojson"] == "application/geo+json; charset=utf-8"

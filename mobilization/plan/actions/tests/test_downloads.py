"""The milestones downloads (CSV and JSON) beside the actions' own, and the page that describes them."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mobilization.core.markdown import html_to_markdown
from mobilization.core.opendata import ODBL
from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.plan.actions import importers, services
from mobilization.plan.actions.models import Action
from mobilization.plan.actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def timelines(data_file, objectives, staff):
    """The test file's actions; two energy milestones entered by a staff member, one food milestone."""
    assert importers.import_actions(data_file("own_actions.csv")).succeeded
    geothermal = Action.objects.get(reference="A-1-2")
    services.add_milestone(geothermal, by=staff, date=date(2022, 6, 1), title="Études de faisabilité")
    services.add_milestone(
        geothermal,
        by=staff,
        date=date(2024, 3, 15),
        title_fr="Premier puits foré",
        title_en="First well drilled",
        description_fr="Forage à **1 600 m**.",
        status="in_progress",
        progress=Decimal("40"),
    )
    services.add_milestone(
        Action.objects.get(reference="A-2-1"), by=staff, date=date(2023, 6, 30), title="Menus servis"
    )
    return geothermal


MILESTONE_COLUMNS = [
    "action_reference", "date", "title", "description", "status", "progress",
    "title_fr", "title_en", "description_fr", "description_en",  # each language, after the columns of before
]  # fmt: skip


def downloaded(response) -> str:
    """The text of a streamed download (the CSV begins with a byte order mark, for spreadsheets)."""
    return b"".join(response.streaming_content).decode("utf-8-sig")


def milestones_json(client, **params) -> dict:
    return json.loads(
        downloaded(client.get(reverse("plan_actions:export_milestones_json"), params, secure=True))
    )


def csv_rows(client, **params):
    response = client.get(reverse("plan_actions:export_milestones"), params, secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "plan-action-milestones.csv" in response["Content-Disposition"]
    reader = csv.DictReader(io.StringIO(downloaded(response)))
    return reader.fieldnames, list(reader)


def test_the_milestones_csv_gives_each_milestone_with_its_action_and_no_personal_data(
    client, timelines, staff
):
    header, rows = csv_rows(client)

    assert header == MILESTONE_COLUMNS
    assert [(row["action_reference"], row["date"], row["title"]) for row in rows] == [
        ("A-1-2", "2022-06-01", "Études de faisabilité"),
        ("A-1-2", "2024-03-15", "First well drilled"),
        ("A-2-1", "2023-06-30", "Menus servis"),
    ]
    assert rows[0]["status"] == ""
    assert rows[0]["progress"] == ""
    assert rows[1]["status"] == "in_progress"
    assert Decimal(rows[1]["progress"]) == 40
    assert rows[1]["description"] == "Forage à **1 600 m**."
    text = str(rows)
    assert staff.email not in text
    assert "Climate team" not in text
    assert "created_by" not in header


def test_the_milestones_json_has_the_same_rows_the_licence_and_its_readme(client, timelines, staff):
    response = client.get(reverse("plan_actions:export_milestones_json"), secure=True)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    text = downloaded(response)
    data = json.loads(text)
    assert data["licence"] == ODBL.name
    assert data["licence_url"] == ODBL.url
    assert 'filename="plan-action-milestones.json"' in response["Content-Disposition"]
    # The README describes every column, as the downloads page does.
    assert "- progress [%]: The action's progress from that date on" in data["readme"]
    assert [list(item) for item in data["milestones"]] == [MILESTONE_COLUMNS] * 3
    first, second, _food = data["milestones"]
    assert (first["status"], first["progress"]) == (None, None)
    assert second == {
        "action_reference": "A-1-2",
        "date": "2024-03-15",
        "title": "First well drilled",  # the file asked for in English (the test client's language)
        "description": "Forage à **1 600 m**.",  # no English version: the French one
        "status": "in_progress",
        "progress": "40.00",
        "title_fr": "Premier puits foré",
        "title_en": "First well drilled",
        "description_fr": "Forage à **1 600 m**.",
        "description_en": "",
    }
    assert staff.email not in text


def test_the_milestones_downloads_take_the_filters_of_the_actions_page(client, timelines):
    _header, rows = csv_rows(client, sector="food")
    assert {row["action_reference"] for row in rows} == {"A-2-1"}

    data = milestones_json(client, q="Géothermie")
    assert {item["action_reference"] for item in data["milestones"]} == {"A-1-2"}

    _header, rows = csv_rows(client, sector="<b>")  # a bad filter matches no action, as on the page
    assert rows == []


def test_milestone_text_a_spreadsheet_would_run_is_guarded_in_the_csv_only(client, db):
    title = '=HYPERLINK("https://evil.example")'
    action = ActionFactory(reference="X-1")
    services.add_milestone(action, by=None, date=date(2025, 1, 1), title=title, description="@SUM(A1)")

    _header, [row] = csv_rows(client)

    assert row["title"] == "'" + title
    assert row["description"] == "'@SUM(A1)"
    data = milestones_json(client)
    assert data["milestones"][0]["title"] == title  # JSON is not opened as a spreadsheet


@pytest.mark.parametrize("name", ["plan_actions:export_milestones", "plan_actions:export_milestones_json"])
def test_the_milestones_downloads_take_a_fixed_number_of_queries(client, timelines, name):
    counter = iter(range(1000))

    def add_rows():
        for _ in range(10):
            action = ActionFactory(reference=f"N-{next(counter)}", sector="waste", parent=timelines)
            for day in (1, 2, 3):
                services.add_milestone(action, by=None, date=date(2025, 1, day), title=f"Étape {day}")

    def fetch():
        response = client.get(reverse(name), {"sector": "waste"}, secure=True)
        downloaded(response)  # the rows are read while the answer streams
        return response

    assert_queries_do_not_grow(fetch, add_rows, at_most=1)


def test_the_downloads_page_links_the_milestones_files_and_describes_every_column(client, db):
    html = client.get(reverse("plan_actions:download_readme"), secure=True).content.decode()

    assert f'href="{reverse("plan_actions:export_milestones")}"' in html
    assert f'href="{reverse("plan_actions:export_milestones_json")}"' in html
    section = html.split('id="milestone-columns"')[1].split("<h2")[0]
    for column in MILESTONE_COLUMNS:
        assert f"<code>{column}</code>" in section
    assert "Open Database License (ODbL 1.0)" in html
    assert "no personal data" in html


def test_the_actions_page_links_to_the_downloads(client, db):
    html = client.get(reverse("plan_actions:list"), secure=True).content.decode()
    assert f'href="{reverse("plan_actions:download_readme")}"' in html
    assert "Download the actions and their milestones (CSV, JSON)" in html


def test_the_decidim_help_says_descriptions_become_markdown_as_the_importer_does(client, db):
    html = client.get(reverse("plan_actions:download_readme"), secure=True).content.decode()
    decidim_help = html.split("Importing from Decidim")[1]

    assert "turned into Markdown" in decidim_help
    assert "plain text" not in decidim_help
    assert html_to_markdown("<p>Un <strong>réseau</strong> <em>vert</em></p>") == "Un **réseau** *vert*"

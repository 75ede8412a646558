"""The pages: the list with its filters and sector overview, an action with its timeline, staff edits and
milestones, the import journey through the test client, the downloads and the API."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mobilization.core.importing import MAX_UPLOAD_SIZE
from mobilization.core.models import AuditEvent
from mobilization.core.opendata import ODBL
from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.plan.actions import importers, services
from mobilization.plan.actions.models import Action, ActionImport, Milestone
from mobilization.plan.actions.tests.factories import ActionFactory, ActionImportFactory

pytestmark = pytest.mark.django_db


def upload(client, name, content):
    return client.post(
        reverse("plan_actions:import"),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
        secure=True,
    )


@pytest.fixture
def imported(data_file, objectives):
    assert importers.import_actions(data_file("own_actions.csv")).succeeded
    action = Action.objects.get(reference="A-1-2")
    services.add_milestone(
        action, by=None, date=Action.objects.get(reference="A-1").start_date, title="Études de faisabilité"
    )
    return action


def test_the_list_filters_by_sector_objective_status_and_title(client, imported):
    page = client.get(reverse("plan_actions:list"), {"sector": "food"}, secure=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Alimentation durable" in html
    assert "Géothermie" not in html

    html = client.get(
        reverse("plan_actions:list"), {"objective": "renewable-share"}, secure=True
    ).content.decode()
    assert "Géothermie" in html
    assert "cantines" not in html

    html = client.get(
        reverse("plan_actions:list"), {"status": "completed", "q": "repas"}, secure=True
    ).content.decode()
    assert "Deux repas végétariens" in html
    assert "Raccorder" not in html

    html = client.get(
        reverse("plan_actions:list"), {"department": "Caisses des écoles"}, secure=True
    ).content.decode()
    assert "Approvisionnement local" in html
    assert "Géothermie" not in html


def test_the_list_shows_the_progress_overview_by_sector_with_a_table(client, imported):
    html = client.get(reverse("plan_actions:list"), secure=True).content.decode()
    assert "<progress" in html
    assert '<table aria-describedby="overview-rule">' in html
    assert "Average progress" in html


def test_the_overview_says_that_a_parent_and_its_sub_actions_count_once(client, db):
    parent = ActionFactory(reference="W", sector="waste")
    ActionFactory(reference="W-1", sector="waste", parent=parent, status="completed")
    services.recompute_all()  # W: 100 %, from its only sub-action

    html = client.get(reverse("plan_actions:list"), secure=True).content.decode()

    assert "a sub-action is left out when its parent action is listed in the same sector" in html
    table = html.split('aria-describedby="overview-rule"')[1].split("</table>")[0]
    assert "<td>2</td>" in table
    assert "<td>100.0 %</td>" in table


def test_the_list_takes_a_fixed_number_of_queries(client, imported):
    counter = iter(range(1000))

    def add_rows():
        for _ in range(15):
            n = next(counter)
            parent = Action.objects.get(reference="A-1")
            action = ActionFactory(reference=f"N-{n}", parent=parent, sector="waste", department=f"Dept {n}")
            action.objectives.set(parent.objectives.all())

    assert_queries_do_not_grow(
        lambda: client.get(reverse("plan_actions:list"), secure=True), add_rows, at_most=12
    )


def test_the_list_is_cached_and_sees_every_change_at_once(client, objectives, django_assert_num_queries):
    """The list is rendered once per query and version of the actions: a second visit costs the version's
    query alone, and a new action, a progress recomputed in bulk, a new link to an objective or a renamed
    objective show at once."""
    parent = ActionFactory(reference="W", title="Zéro déchet", sector="waste")
    child = ActionFactory(reference="W-1", title="Compost", sector="waste", parent=parent, status="completed")
    url = reverse("plan_actions:list")

    def table():
        html = client.get(url, secure=True).content.decode()
        return html.split('aria-describedby="overview-rule"')[1].split("</table>")[0]

    assert "<td>0.0 %</td>" in table()
    with django_assert_num_queries(1):
        client.get(url, secure=True)

    services.recompute_all()  # W: 100 %, from its only sub-action, saved in bulk
    assert "<td>100.0 %</td>" in table()

    child.objectives.add(objectives["local-emissions"])
    assert "Local emissions</span>" in client.get(url, secure=True).content.decode()

    objectives["local-emissions"].title = "Émissions locales"
    objectives["local-emissions"].save()
    assert "Émissions locales</span>" in client.get(url, secure=True).content.decode()

    ActionFactory(reference="W-2", title="Recyclerie", sector="waste", parent=parent)
    assert "Recyclerie" in client.get(url, secure=True).content.decode()


def test_the_import_link_is_not_part_of_the_cached_list(client, imported, staff):
    assert (
        "Import actions from a CSV file"
        not in client.get(reverse("plan_actions:list"), secure=True).content.decode()
    )
    client.force_login(staff)
    assert (
        "Import actions from a CSV file"
        in client.get(reverse("plan_actions:list"), secure=True).content.decode()
    )


def test_a_bad_filter_value_is_a_message_not_an_error(client, imported):
    page = client.get(reverse("plan_actions:list"), {"sector": "<b>", "page": "x"}, secure=True)
    assert page.status_code == 200
    assert "<b>" not in page.content.decode().split("<main", 1)[1].split("</form>")[0].replace(
        "&lt;b&gt;", ""
    )


def test_an_action_page_shows_progress_children_objectives_and_the_timeline(client, imported):
    html = client.get(
        reverse("plan_actions:detail", kwargs={"reference": "A-1"}), secure=True
    ).content.decode()
    assert "Réseau de chaleur renouvelable" in html
    assert 'value="80.00"' in html  # <progress> of the action
    assert "A-1-1" in html  # children
    assert "A-1-2" in html
    assert "Renewable share" in html  # objective

    html = client.get(
        reverse("plan_actions:detail", kwargs={"reference": "A-1-2"}), secure=True
    ).content.decode()
    assert '<ol class="timeline">' in html
    assert '<time datetime="2021-01-01">' in html


def test_an_unknown_action_is_404(client, db):
    assert (
        client.get(reverse("plan_actions:detail", kwargs={"reference": "nope"}), secure=True).status_code
        == 404
    )


def test_staff_edit_an_action_and_the_parent_progress_follows(client, staff, imported):
    client.force_login(staff)
    action = Action.objects.get(reference="A-1-2")
    url = reverse("plan_actions:edit", kwargs={"reference": "A-1-2"})
    assert client.get(url, secure=True).status_code == 200
    data = {
        "title_fr": action.title_fr,
        "title_en": "Geothermal drilling",
        "description_fr": "Forage au Dogger.",
        "description_en": "",
        "sector": "energy",
        "department_fr": action.department_fr,
        "department_en": "",
        "status": "completed",
        "progress_override": "",
        "start_date": "2022-06-01",
        "end_date": "2027-12-31",
        "budget_planned": "45000000",
        "budget_spent": "",
        "parent": action.parent_id,
        "weight": "1",
        "latitude": "",
        "longitude": "",
        "objectives": [],
    }

    response = client.post(url, data, secure=True)

    assert response.status_code == 302
    assert Action.objects.get(reference="A-1").progress == 100
    assert AuditEvent.objects.filter(action="plan_actions.action_updated").exists()


def test_staff_cannot_make_an_action_its_own_ancestor(client, staff, imported):
    client.force_login(staff)
    parent = Action.objects.get(reference="A-1")
    child = Action.objects.get(reference="A-1-1")
    url = reverse("plan_actions:edit", kwargs={"reference": "A-1"})
    response = client.post(
        url,
        {"title_fr": parent.title, "sector": "energy", "status": "planned", "parent": child.pk},
        secure=True,
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    parent.refresh_from_db()
    assert parent.parent is None


def test_staff_add_a_milestone_and_refused_dates_say_why(client, staff, imported):
    client.force_login(staff)
    url = reverse("plan_actions:milestone_add", kwargs={"reference": "A-2-2"})
    response = client.post(url, {"date": "2025-13-40", "title_fr": "Marché attribué"}, secure=True)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()

    response = client.post(
        url, {"date": "2025-02-01", "title_fr": "Marché attribué", "status": "in_progress"}, secure=True
    )

    assert response.status_code == 302
    assert Milestone.objects.filter(action__reference="A-2-2", title_fr="Marché attribué").exists()
    assert Action.objects.get(reference="A-2-2").status == "in_progress"
    assert Action.objects.get(reference="A-2").progress == 75  # (100 + 50) / 2


def test_volunteers_cannot_edit_nor_import(client, volunteer, imported):
    client.force_login(volunteer)
    assert (
        client.get(reverse("plan_actions:edit", kwargs={"reference": "A-1"}), secure=True).status_code == 403
    )
    assert client.get(reverse("plan_actions:import"), secure=True).status_code == 403
    assert upload(client, "a.csv", b"reference,title\nZ-1,Z\n").status_code == 403
    assert not Action.objects.filter(reference="Z-1").exists()


def confirm(client, action_import, data=None):
    return client.post(
        reverse("plan_actions:import_confirm", kwargs={"pk": action_import.pk}), data or {}, secure=True
    )


def test_staff_import_a_decidim_file_see_its_preview_then_confirm_it(client, staff, data_file, objectives):
    """The Decidim file of the report: 39 rows once landed on the public plan at once, in English, all in
    sector "Other". Now: a preview, nothing public until staff confirm, the sectors they chose.
    (The site's language is English here, as in every test: the English texts are read first.)"""
    from mobilization.territory.tests.factories import ArrondissementFactory

    nineteenth = ArrondissementFactory(number=19, code="75119", name="19e arrondissement")
    client.force_login(staff)

    response = upload(client, "resultats-decidim.csv", data_file("decidim_results.csv"))

    first = ActionImport.objects.latest("created_at")
    assert response.status_code == 302
    assert response["Location"] == reverse("plan_actions:import_status", kwargs={"pk": first.pk})
    assert (first.status, first.format, first.created_by) == ("previewed", "decidim", staff)
    assert not Action.objects.exists(), "nothing reaches the public plan before staff confirm"
    assert "Renovate 40,000" not in client.get(reverse("plan_actions:list"), secure=True).content.decode()
    page = client.get(response["Location"], secure=True).content.decode()
    assert "Preview: nothing has been imported yet" in page
    assert "If you confirm: 9 created, 0 updated, 0 left alone." in page
    preview = page.split('class="import-preview"')[1]
    assert '<th scope="row">2</th>' in preview and '<th scope="row">10</th>' in preview
    assert "Renovate 40,000 social housing units" in preview  # the English title, the site's language
    assert (
        "description: fr <strong>(not the site's language)</strong>" in preview
    )  # PLAN-102's description exists in French only
    assert "Completed</bdi> → Completed, 100 %" in preview
    assert "19th arrondissement</bdi> → 19e arrondissement" in preview
    form = client.get(response["Location"], secure=True).context["form"]
    categories = [field.label for field in form]
    assert categories == ["Buildings and housing", "Mobility", "Greening"]

    response = confirm(
        client, first, {"sector_0": "buildings", "sector_1": "transport", "sector_2": "adaptation"}
    )

    first.refresh_from_db()
    assert response.status_code == 302
    assert first.status == "succeeded"
    assert first.confirmed_by == staff
    page = client.get(response["Location"], secure=True).content.decode()
    assert "9 created, 0 updated, 0 unchanged" in page
    assert Action.objects.get(reference="PLAN-102").parent.reference == "PLAN-101"
    assert Action.objects.get(reference="PLAN-102").district == nineteenth
    curial = client.get(reverse("plan_actions:detail", kwargs={"reference": "PLAN-102"}), secure=True)
    assert "<dd>19e arrondissement</dd>" in curial.content.decode()
    assert Action.objects.get(reference="PLAN-101").progress == 80
    assert Action.objects.get(reference="PLAN-121").sector == "adaptation"  # staff's choice, not the guess
    assert not Action.objects.filter(sector="other").exists()

    # The next import of the same file: every row is there already, and the choice is remembered.
    response = upload(client, "resultats-decidim.csv", data_file("decidim_results.csv"))
    page = client.get(response["Location"], secure=True)
    assert "If you confirm: 0 created, 0 updated, 9 left alone." in page.content.decode()
    assert page.context["form"]["sector_2"].initial == "adaptation"


def test_staff_import_an_own_file_after_its_preview(client, staff, data_file, objectives):
    client.force_login(staff)
    response = upload(client, "actions.csv", data_file("own_actions.csv"))
    action_import = ActionImport.objects.latest("created_at")
    assert "If you confirm: 6 created" in client.get(response["Location"], secure=True).content.decode()
    assert not Action.objects.exists()

    response = confirm(client, action_import)

    page = client.get(response["Location"], secure=True).content.decode()
    assert "6 created, 0 updated, 0 unchanged" in page
    assert Action.objects.get(reference="A-1").progress == 80


def test_staff_cancel_a_preview_and_nothing_is_imported(client, staff, data_file, objectives):
    client.force_login(staff)
    upload(client, "actions.csv", data_file("own_actions.csv"))
    action_import = ActionImport.objects.latest("created_at")

    response = client.post(
        reverse("plan_actions:import_cancel", kwargs={"pk": action_import.pk}), secure=True
    )
    confirm(client, action_import)  # too late: it is cancelled

    action_import.refresh_from_db()
    assert action_import.status == "cancelled"
    assert (
        "Cancelled: nothing was imported." in client.get(response["Location"], secure=True).content.decode()
    )
    assert not Action.objects.exists()


def test_a_sector_that_is_not_one_of_ours_is_refused_and_nothing_is_confirmed(
    client, staff, data_file, objectives
):
    client.force_login(staff)
    upload(client, "resultats-decidim.csv", data_file("decidim_results.csv"))
    action_import = ActionImport.objects.latest("created_at")

    response = confirm(
        client, action_import, {"sector_0": "space", "sector_1": "transport", "sector_2": "other"}
    )

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    action_import.refresh_from_db()
    assert action_import.status == "previewed"
    assert not Action.objects.exists()


def test_a_bad_file_changes_nothing_and_the_status_page_lists_the_rows(client, staff, data_file, objectives):
    client.force_login(staff)
    ActionFactory(reference="KEEP")
    before = list(Action.objects.values())

    response = upload(client, "bad.csv", data_file("bad_rows.csv"))

    assert response.status_code == 302
    page = client.get(response["Location"], secure=True).content.decode()
    assert "nothing has changed" in page
    table = page.split('class="import-errors"')[1]
    for row in (3, 4, 5, 6, 7, 8, 9):
        assert f'<th scope="row">{row}</th>' in table
    assert '<th scope="row">2</th>' not in table
    assert list(Action.objects.values()) == before


@pytest.mark.parametrize(
    "name", ["empty.csv", "binary.csv", "not_a_csv.csv", "wrong_separator.csv", "latin1.csv"]
)
def test_a_file_that_is_not_a_csv_of_actions_is_refused_by_the_form(client, staff, data_file, name):
    client.force_login(staff)
    response = upload(client, name, data_file(name))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not ActionImport.objects.exists()


def test_only_csv_files_of_at_most_5_mb_are_taken(client, staff):
    client.force_login(staff)
    assert "errorlist" in upload(client, "actions.exe", b"reference,title\nZ-1,Z\n").content.decode()
    big = b"reference,title\n" + b"Z-1,Z\n" * (MAX_UPLOAD_SIZE // 6 + 1)
    assert "errorlist" in upload(client, "big.csv", big).content.decode()
    assert not ActionImport.objects.exists()


def test_staff_see_any_import_and_others_do_not(client, staff, volunteer, db):
    action_import = ActionImportFactory(content="reference,title\n")
    url = reverse("plan_actions:import_status", kwargs={"pk": action_import.pk})
    assert client.get(url, secure=True).status_code == 302  # sign in first
    client.force_login(volunteer)
    assert client.get(url, secure=True).status_code == 403
    client.force_login(staff)
    assert client.get(url, secure=True).status_code == 200


def test_the_csv_download_round_trips_and_holds_no_personal_data(client, imported, staff):
    response = client.get(reverse("plan_actions:export"), secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="plan-actions.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    text = content.decode("utf-8-sig")
    assert "@" not in text
    assert staff.email not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["reference"] for row in rows} == set(Action.objects.values_list("reference", flat=True))
    report = importers.import_actions(content)
    assert report.unchanged == len(rows)
    assert report.updated == 0


def test_the_json_download_and_its_readme(client, imported):
    response = client.get(reverse("plan_actions:export_json"), {"sector": "energy"}, secure=True)
    data = json.loads(b"".join(response.streaming_content))
    assert 'filename="plan-actions.json"' in response["Content-Disposition"]
    assert data["licence"] == ODBL.name
    assert "- milestones: Its timeline" in data["readme"]
    geothermal = next(item for item in data["actions"] if item["reference"] == "A-1-2")
    assert geothermal["milestones"][0]["title"] == "Études de faisabilité"
    assert all(item["sector"] == "energy" for item in data["actions"])
    readme = client.get(reverse("plan_actions:download_readme"), secure=True).content.decode()
    assert "parent_reference" in readme
    assert "ODbL" in readme


def test_the_api_lists_filters_and_pages_actions(client, imported):
    response = client.get("/api/v1/plan/actions", {"sector": "energy", "limit": 2}, secure=True)
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 3
    assert len(data["items"]) == 2
    assert data["limit"] == 2
    assert data["items"][0]["reference"] == "A-1"
    assert Decimal(str(data["items"][0]["progress"])) == 80
    assert client.get("/api/v1/plan/actions", {"objective": "nope"}, secure=True).json()["total"] == 0
    assert client.get("/api/v1/plan/actions", {"status": "nope"}, secure=True).status_code == 422


def test_the_api_gives_one_action_with_children_and_milestones(client, imported):
    data = client.get("/api/v1/plan/actions/A-1", secure=True).json()
    assert [child["reference"] for child in data["children"]] == ["A-1-1", "A-1-2"]
    data = client.get("/api/v1/plan/actions/A-1-2", secure=True).json()
    assert data["milestones"][0]["date"] == "2021-01-01"
    assert data["parent_reference"] == "A-1"
    assert client.get("/api/v1/plan/actions/nope", secure=True).status_code == 404


def test_an_objective_page_shows_the_actions_serving_it_with_their_average_progress(client, imported):
    serving = Action.objects.filter(objectives__slug="renewable-share")
    average = sum(action.progress for action in serving) / serving.count()

    html = client.get(
        reverse("plan:objective", kwargs={"slug": "renewable-share"}), secure=True
    ).content.decode()

    section = html.split("Plan actions serving this objective")[1].split("</section>")[0]
    assert f"{serving.count()} actions, {average:.0f} % done on average." in section
    assert f'href="{reverse("plan_actions:list")}?objective=renewable-share"' in section


def test_an_objective_without_actions_says_so(client, objectives):
    html = client.get(
        reverse("plan:objective", kwargs={"slug": "carbon-footprint"}), secure=True
    ).content.decode()

    assert "No plan action is linked to this objective yet." in html

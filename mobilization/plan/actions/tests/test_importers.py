"""CSV import and export of actions: both formats, all-or-nothing, row numbers as a spreadsheet shows
them, upsert by reference, and a round trip that changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from mobilization.core.models import AuditEvent
from mobilization.plan.actions import importers, services
from mobilization.plan.actions.models import Action
from mobilization.plan.actions.tests.factories import ActionFactory, ActionImportFactory

pytestmark = pytest.mark.django_db
OWN_HEADER = ",".join(importers.own.NAMES)


def errors_by_row(report):
    return {error["row"]: " ".join(error["messages"]) for error in report.as_dict()["errors"]}


def snapshot():
    return list(Action.objects.order_by("reference").values()), list(
        Action.objects.values_list("reference", "objectives__slug").order_by("reference", "objectives__slug")
    )


def test_an_own_format_file_creates_actions_with_parents_objectives_and_progress(data_file, objectives):
    report = importers.import_actions(data_file("own_actions.csv"))

    assert report.succeeded, report.as_dict()
    assert (report.format, report.created, report.updated, report.unchanged) == ("own", 6, 0, 0)
    heat = Action.objects.get(reference="A-1")
    assert heat.sector == "energy"
    assert heat.source == Action.Source.CSV
    assert sorted(heat.objectives.values_list("slug", flat=True)) == ["local-emissions", "renewable-share"]
    assert sorted(heat.children.values_list("reference", flat=True)) == ["A-1-1", "A-1-2"]
    # A-1-1 completed (100 %, weight 3), A-1-2 override 20 % (weight 1): (300 + 20) / 4 = 80
    assert heat.progress == 80
    child = Action.objects.get(reference="A-1-1")
    assert child.budget_planned == Decimal("12000000.50")
    assert (child.latitude, child.longitude) == (48.8566, 2.3522)
    assert child.start_date == date(2021, 3, 1)
    # completed and planned children, no weights: 50 %
    assert Action.objects.get(reference="A-2").progress == 50


def test_a_file_with_a_bom_is_read(objectives, data_file):
    report = importers.import_actions(b"\xef\xbb\xbf" + data_file("own_actions.csv"))
    assert report.succeeded
    assert report.created == 6


def test_importing_the_same_file_again_changes_nothing_and_says_so(data_file, objectives):
    importers.import_actions(data_file("own_actions.csv"))
    before = snapshot()

    report = importers.import_actions(data_file("own_actions.csv"))

    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert snapshot()[1] == before[1]


def test_an_import_updates_by_reference(data_file, objectives):
    importers.import_actions(data_file("own_actions.csv"))
    text = (
        data_file("own_actions.csv")
        .decode()
        .replace("Caisses des écoles,planned", "Caisses des écoles,completed")
    )

    report = importers.import_actions(text.encode())

    assert (report.created, report.updated, report.unchanged) == (0, 1, 5)
    assert Action.objects.get(reference="A-2").progress == 100


def test_a_decidim_export_is_imported_with_its_hierarchy_statuses_and_french_texts(data_file, settings):
    settings.LANGUAGE_CODE = "fr"  # the city's own language: its texts are read in French first
    report = importers.import_actions(data_file("decidim_results.csv"))

    assert report.succeeded, report.as_dict()
    assert (report.format, report.created) == ("decidim", 9)
    housing = Action.objects.get(reference="PLAN-101")
    assert housing.title == "Rénover 40 000 logements sociaux d'ici 2030"
    assert housing.source == Action.Source.DECIDIM
    assert housing.external_id == "101"
    assert housing.sector == Action.Sector.BUILDINGS
    assert "<p>" not in housing.description
    assert "**BBC rénovation**" in housing.description
    curial = Action.objects.get(reference="PLAN-102")
    assert curial.parent == housing
    assert curial.status == Action.Status.COMPLETED
    assert "- Ventilation double flux" in curial.description
    # Weights 2 (100 %) and 1 (40 %): (200 + 40) / 3 = 80
    assert housing.progress == 80
    velo = Action.objects.get(reference="PLAN-110")
    assert velo.sector == Action.Sector.TRANSPORT
    assert "[le plan](https://www.paris.fr/" in velo.description
    # Equal shares: (100 + 55 + 0) / 3
    assert velo.progress == Decimal("51.67")
    parking = Action.objects.get(reference="PLAN-113")
    assert parking.status == Action.Status.PLANNED
    assert parking.description == "Including 40,000 near stations."  # no French: the English text
    oasis = Action.objects.get(reference="PLAN-121")
    assert oasis.status == Action.Status.DELAYED
    assert oasis.sector == Action.Sector.GREENING
    assert oasis.end_date == date(2026, 6, 30)


def test_a_decidim_file_can_name_a_parent_imported_before():
    importers.import_actions(b"id;title/en\n7;Parent result\n")

    report = importers.import_actions(b"id;parent/id;title/en;progress\n8;7;Child result;30\n")

    assert report.succeeded, report.as_dict()
    child = Action.objects.get(reference="decidim-8")
    assert child.parent.reference == "decidim-7"
    assert child.status == Action.Status.IN_PROGRESS
    assert child.parent.progress == 30


def test_decidim_statuses_map_by_key_name_or_progress():
    assert importers.decidim_status({"status/key": "not_started"}, None) == Action.Status.PLANNED
    assert importers.decidim_status({"status/name/fr": "En cours"}, None) == Action.Status.IN_PROGRESS
    assert importers.decidim_status({"status/name/en": "Cancelled"}, None) == Action.Status.ABANDONED
    assert importers.decidim_status({"status/key": "status_3"}, Decimal(100)) == Action.Status.COMPLETED
    assert importers.decidim_status({"status/key": "status_3"}, Decimal(10)) == Action.Status.IN_PROGRESS
    assert importers.decidim_status({}, None) == Action.Status.PLANNED


S = Action.Status
DECIDIM_STATUS_LABELS = [
    ("status/name/fr", "En projet", S.PLANNED),
    ("status/name/fr", "Planifié", S.PLANNED),
    ("status/name/fr", "Prévu", S.PLANNED),
    ("status/name/fr", "À venir", S.PLANNED),
    ("status/name/fr", "Non commencé", S.PLANNED),
    ("status/name/fr", "À l'étude", S.PLANNED),
    ("status/name/fr", "En cours", S.IN_PROGRESS),
    ("status/name/fr", "En cours de réalisation", S.IN_PROGRESS),
    ("status/name/fr", "Partiellement réalisé", S.IN_PROGRESS),
    ("status/name/fr", "Commencé", S.IN_PROGRESS),
    ("status/name/fr", "Exécuté", S.COMPLETED),
    ("status/name/fr", "Terminé", S.COMPLETED),
    ("status/name/fr", "Réalisé", S.COMPLETED),
    ("status/name/fr", "Réalisée", S.COMPLETED),
    ("status/name/fr", "Achevé", S.COMPLETED),
    ("status/name/fr", "En retard", S.DELAYED),
    ("status/name/fr", "Reporté", S.DELAYED),
    ("status/name/fr", "Suspendu", S.DELAYED),
    ("status/name/fr", "Abandonné", S.ABANDONED),
    ("status/name/fr", "Annulé", S.ABANDONED),
    ("status/name/en", "Not started", S.PLANNED),
    ("status/name/en", "Planned", S.PLANNED),
    ("status/name/en", "In progress", S.IN_PROGRESS),
    ("status/name/en", "Execution in progress", S.IN_PROGRESS),
    ("status/name/en", "Ongoing", S.IN_PROGRESS),
    ("status/name/en", "Started", S.IN_PROGRESS),
    ("status/name/en", "Completed", S.COMPLETED),
    ("status/name/en", "Done", S.COMPLETED),
    ("status/name/en", "Executed", S.COMPLETED),
    ("status/name/en", "Finished", S.COMPLETED),
    ("status/name/en", "Delayed", S.DELAYED),
    ("status/name/en", "Postponed", S.DELAYED),
    ("status/name/en", "On hold", S.DELAYED),
    ("status/name/en", "Cancelled", S.ABANDONED),
    ("status/name/en", "Discarded", S.ABANDONED),
    ("status/key", "not_started", S.PLANNED),
    ("status/key", "in_progress", S.IN_PROGRESS),
    ("status/key", "execution_in_progress", S.IN_PROGRESS),
    ("status/key", "completed", S.COMPLETED),
    ("status/name/fr", "EXÉCUTÉ", S.COMPLETED),
]


@pytest.mark.parametrize(("column", "label", "expected"), DECIDIM_STATUS_LABELS)
def test_real_decidim_status_labels_in_french_and_english_map_to_our_statuses(column, label, expected):
    # The progress Decidim gives is left out: the label alone must say the status.
    assert importers.decidim_status({column: label}, None) == expected


def test_a_decidim_status_in_both_languages_maps_as_each_does():
    record = {"status/key": "2", "status/name/fr": "En cours de réalisation", "status/name/en": "In progress"}
    assert importers.decidim_status(record, Decimal(40)) == S.IN_PROGRESS


def test_a_bad_row_rejects_the_whole_file_with_row_numbers_and_reasons(data_file, objectives):
    ActionFactory(reference="KEEP", title="Existing action")
    before = snapshot()

    report = importers.import_actions(data_file("bad_rows.csv"))

    assert not report.succeeded
    errors = errors_by_row(report)
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9}  # row 2 (B-1) is right; the header is row 1
    assert "start_date" in errors[3]
    assert "before start_date" in errors[4]
    assert "progress must be between 0 and 100" in errors[5]
    assert "status" in errors[6]
    assert "parent_reference NOPE" in errors[7]
    assert "no-such-objective" in errors[8]
    assert "title is required" in errors[9]
    assert snapshot() == before


def test_a_cycle_of_parents_is_refused(data_file):
    report = importers.import_actions(data_file("cycle.csv"))
    assert set(errors_by_row(report)) == {2, 3, 4}
    assert "cycle" in errors_by_row(report)[2]
    assert not Action.objects.exists()


def test_a_cycle_through_an_existing_action_is_refused():
    parent = ActionFactory(reference="X-1")
    ActionFactory(reference="X-2", parent=parent)

    report = importers.import_actions(f"{OWN_HEADER}\nX-1,X-2,Loop,,,,,planned,,,,,,,,\n".encode())

    assert "cycle" in errors_by_row(report)[2]
    assert Action.objects.get(reference="X-1").parent is None


def test_a_reference_twice_in_the_file_is_refused(data_file):
    report = importers.import_actions(data_file("duplicate.csv"))
    assert errors_by_row(report) == {4: "reference D-1 is also on row 2."}
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("wrong_separator.csv", "separated by semicolons"),
        ("not_a_csv.csv", "not a known header"),
        ("empty.csv", "empty"),
        ("binary.csv", "binary"),
        ("latin1.csv", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_a_csv_of_actions_is_refused_as_a_whole(data_file, name, reason):
    report = importers.import_actions(data_file(name))
    assert list(errors_by_row(report)) == [1]
    assert reason in errors_by_row(report)[1]
    assert not Action.objects.exists()


def test_a_header_without_rows_and_missing_columns_are_reported():
    assert "no action" in errors_by_row(importers.import_actions(b"reference,title\n"))[1]
    report = importers.import_actions(b"id;title/fr;title/fr\n1;a;b\n")
    assert "twice" in errors_by_row(report)[1]


def test_rows_are_numbered_as_a_spreadsheet_shows_them_even_with_line_breaks_in_a_cell():
    text = 'reference,title,description,status\nM-1,Ok,"two\nlines",planned\n\nM-2,Bad,,nope\n'
    assert list(errors_by_row(importers.import_actions(text.encode()))) == [4]


def test_export_then_import_changes_nothing(data_file, objectives):
    importers.import_actions(data_file("own_actions.csv"))
    importers.import_actions(data_file("decidim_results.csv"))
    tricky = ActionFactory(
        reference="T-1",
        department="@DTEC",
        title='=HYPERLINK("x")',
        description="Ligne 1\nLigne 2, avec virgule",
        weight=Decimal("0.5"),
    )
    services.recompute_progress(tricky)
    before = snapshot()

    exported = importers.export_csv(Action.objects.all())
    report = importers.import_actions(exported.encode())

    assert report.succeeded, report.as_dict()
    assert (report.created, report.updated, report.unchanged) == (0, 0, Action.objects.count())
    assert snapshot() == before
    assert "'=HYPERLINK" in exported  # a spreadsheet will not run it


def _confirm(upload, staff, sector_mapping=None):
    """Staff confirm the preview; the worker runs the import (immediately, in tests)."""
    from mobilization.plan.actions.tasks import run_import

    upload.refresh_from_db()
    services.confirm_import(upload, by=staff, sector_mapping=sector_mapping or {})
    run_import.enqueue(upload.pk)
    upload.refresh_from_db()


def test_the_task_previews_the_file_and_imports_it_only_once_staff_confirm(data_file, staff, objectives):
    from mobilization.plan.actions.tasks import run_import

    good = ActionImportFactory(content=data_file("own_actions.csv").decode(), created_by=staff)
    bad = ActionImportFactory(content=data_file("bad_rows.csv").decode(), created_by=staff)

    run_import.enqueue(good.pk)
    run_import.enqueue(bad.pk)

    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.status, good.format) == ("previewed", "own")
    assert good.report["preview"]["counts"] == {"create": 6, "update": 0, "unchanged": 0}
    assert not Action.objects.exists(), "a preview changes nothing"
    assert bad.status == "failed"
    assert [error["row"] for error in bad.report["errors"]] == [3, 4, 5, 6, 7, 8, 9]

    _confirm(good, staff)

    assert (good.status, good.report["created"]) == ("succeeded", 6)
    assert good.confirmed_by == staff
    assert good.finished_at is not None
    assert good.report["preview"]["counts"]["create"] == 6, "the preview stays with the import"
    assert Action.objects.count() == 6


def test_a_task_delivered_twice_previews_once_and_imports_once(data_file, staff, objectives):
    from mobilization.plan.actions.tasks import run_import

    upload = ActionImportFactory(content=data_file("own_actions.csv").decode(), created_by=staff)
    run_import.enqueue(upload.pk)
    run_import.enqueue(upload.pk)
    assert AuditEvent.objects.filter(action="plan_actions.import_finished").count() == 1

    _confirm(upload, staff)
    run_import.enqueue(upload.pk)

    upload.refresh_from_db()
    assert (upload.status, upload.report["created"]) == ("succeeded", 6)
    assert AuditEvent.objects.filter(action="plan_actions.import_finished").count() == 2


def test_an_import_can_be_confirmed_once_and_a_cancelled_one_never(data_file, staff, objectives):
    from mobilization.core.errors import InvalidTransition
    from mobilization.plan.actions.tasks import run_import

    upload = ActionImportFactory(content=data_file("own_actions.csv").decode(), created_by=staff)
    with pytest.raises(InvalidTransition):
        services.confirm_import(upload, by=staff, sector_mapping={})  # not previewed yet
    run_import.enqueue(upload.pk)
    upload.refresh_from_db()
    services.cancel_import(upload, by=staff)
    with pytest.raises(InvalidTransition):
        services.confirm_import(upload, by=staff, sector_mapping={})
    upload.refresh_from_db()
    assert upload.status == "cancelled"
    assert not Action.objects.exists()


@pytest.mark.parametrize("step", ["preview_actions", "import_actions"])
def test_an_import_that_crashes_says_so_in_words_and_changes_nothing(
    data_file, staff, objectives, monkeypatch, step
):
    from mobilization.plan.actions.tasks import run_import

    def crash(_content, **_options):
        raise RuntimeError("disk full")

    upload = ActionImportFactory(content=data_file("own_actions.csv").decode(), created_by=staff)
    if step == "import_actions":
        run_import.call(upload.pk)
        upload.refresh_from_db()
        services.confirm_import(upload, by=staff, sector_mapping={})
    monkeypatch.setattr(importers, step, crash)
    with pytest.raises(RuntimeError):
        run_import.call(upload.pk)

    upload.refresh_from_db()
    assert upload.status == "failed"
    assert upload.finished_at is not None
    [error] = upload.report["errors"]
    assert "unexpected error and changed nothing" in error["messages"][0]
    assert "disk full" not in str(upload.report)
    assert not Action.objects.exists()


def test_an_import_changes_an_action_as_a_staff_edit_does_audited_in_the_uploader_s_name(
    data_file, staff, objectives
):
    importers.import_actions(data_file("own_actions.csv"))
    text = (
        data_file("own_actions.csv")
        .decode()
        .replace("Caisses des écoles,planned", "Caisses des écoles,completed")
    )

    importers.import_actions(text.encode(), by=staff)

    changed = Action.objects.get(reference="A-2-2")
    assert changed.status == Action.Status.COMPLETED
    event = AuditEvent.objects.get(action="plan_actions.action_updated")
    assert event.object_id == str(changed.pk)
    assert event.actor == staff
    assert event.details == {"fields": ["status"], "imported": True}


def test_the_task_claims_the_import_then_finishes_it_each_step_audited(data_file, staff, objectives):
    from mobilization.plan.actions.tasks import run_import

    upload = ActionImportFactory(content=data_file("own_actions.csv").decode(), created_by=staff)

    assert run_import.call(upload.pk) == "previewed"
    assert run_import.call(upload.pk) == "previewed"  # a second delivery finds it done
    upload.refresh_from_db()
    services.confirm_import(upload, by=staff, sector_mapping={})
    assert run_import.call(upload.pk) == "succeeded"
    assert run_import.call(upload.pk) == "succeeded"

    upload.refresh_from_db()
    assert upload.started_at is not None
    steps = AuditEvent.objects.filter(object_type="plan_actions.actionimport", object_id=str(upload.pk))
    steps = list(steps.order_by("pk").values_list("action", flat=True))
    assert steps == [
        "plan_actions.import_started",
        "plan_actions.import_finished",
        "plan_actions.import_confirmed",
        "plan_actions.import_started",
        "plan_actions.import_finished",
    ]


# --- The preview: what an import would do, with nothing changed ------------------------------------------


def _rows_by_reference(preview):
    return {row["reference"]: row for row in preview["rows"]}


def test_the_preview_of_a_decidim_file_changes_nothing_and_says_what_each_row_would_do(data_file, settings):
    settings.LANGUAGE_CODE = "fr"
    ActionFactory(reference="PLAN-101", title="Rénover 40 000 logements sociaux d'ici 2030")
    before = snapshot()

    report, preview = importers.preview_actions(data_file("decidim_results.csv"))

    assert report.succeeded, report.as_dict()
    assert snapshot() == before, "a preview writes nothing"
    assert preview["counts"] == {"create": 8, "update": 1, "unchanged": 0}
    rows = _rows_by_reference(preview)
    housing = rows["PLAN-101"]
    assert (housing["row"], housing["outcome"]) == (2, "update")
    assert "sector" in housing["changed"] and "title" not in housing["changed"]
    # The locale of each text: French where the file has it, English where it has only that.
    assert housing["locales"] == {"title": "fr", "description": "fr"}
    assert rows["PLAN-113"]["locales"]["description"] == "en"
    # Decidim's status, ours, and its progress.
    assert (rows["PLAN-102"]["decidim_status"], rows["PLAN-102"]["status"]) == ("Terminé", "completed")
    assert Decimal(rows["PLAN-102"]["progress"]) == 100
    assert (rows["PLAN-121"]["decidim_status"], rows["PLAN-121"]["status"]) == ("En retard", "delayed")


def test_an_english_site_reads_the_english_texts_and_says_so(data_file, settings):
    settings.LANGUAGE_CODE = "en"
    _report, preview = importers.preview_actions(data_file("decidim_results.csv"))
    housing = _rows_by_reference(preview)["PLAN-101"]
    assert housing["title"] == "Renovate 40,000 social housing units by 2030"
    assert housing["locales"]["title"] == "en"


def test_set_texts_prefers_the_sites_language_then_falls_back_and_says_which():
    fields = {}
    assert importers.decidim.set_texts(fields, "title", {"en": "Trees", "fr": "Arbres"}) == "en"
    assert fields["title"] == "Trees"
    assert importers.decidim.set_texts(fields, "title", {"fr": "Arbres", "ca": "Arbres (ca)"}) == "fr"
    assert importers.decidim.set_texts(fields, "title", {"ca": "Arbres (ca)"}) == "ca"
    assert importers.decidim.set_texts(fields, "title", {}) is None
    assert fields["title"] == ""


def test_the_categories_sectors_are_offered_then_the_chosen_ones_are_used_and_remembered(data_file, settings):
    settings.LANGUAGE_CODE = "fr"
    _report, preview = importers.preview_actions(data_file("decidim_results.csv"))
    offered = {category["name"]: category for category in preview["categories"]}
    assert offered["Bâtiments et logement"]["sector"] == Action.Sector.BUILDINGS
    assert offered["Bâtiments et logement"]["rows"] == 3
    assert offered["Végétalisation"]["sector"] == Action.Sector.GREENING

    report = importers.import_actions(
        data_file("decidim_results.csv"),
        sector_mapping={"Végétalisation": Action.Sector.ADAPTATION, "Mobilité": Action.Sector.TRANSPORT},
    )
    assert report.succeeded, report.as_dict()
    assert Action.objects.get(reference="PLAN-121").sector == Action.Sector.ADAPTATION
    assert Action.objects.get(reference="PLAN-101").sector == Action.Sector.BUILDINGS
    assert not Action.objects.filter(sector=Action.Sector.OTHER).exists()

    services.remember_category_sectors({"Végétalisation": Action.Sector.ADAPTATION}, by=None)
    _report, preview = importers.preview_actions(data_file("decidim_results.csv"))
    again = {category["name"]: category for category in preview["categories"]}
    assert (again["Végétalisation"]["sector"], again["Végétalisation"]["reason"]) == (
        "adaptation",
        "remembered",
    )


def test_a_scope_becomes_the_district_of_the_same_name(data_file, settings):
    from mobilization.territory.tests.factories import ArrondissementFactory

    settings.LANGUAGE_CODE = "fr"
    nineteenth = ArrondissementFactory(number=19, code="75119", name="19e arrondissement")
    thirteenth = ArrondissementFactory(number=13, code="75113", name="13e arrondissement")

    _report, preview = importers.preview_actions(data_file("decidim_results.csv"))
    rows = _rows_by_reference(preview)
    assert (rows["PLAN-102"]["scope"], rows["PLAN-102"]["district"]) == ("Paris 19e", "19e arrondissement")
    assert rows["PLAN-101"]["district"] == ""  # no scope: no district

    assert importers.import_actions(data_file("decidim_results.csv")).succeeded
    assert Action.objects.get(reference="PLAN-102").district == nineteenth
    assert Action.objects.get(reference="PLAN-103").district == thirteenth
    assert Action.objects.get(reference="PLAN-101").district is None


@pytest.mark.parametrize(
    ("scope", "number"),
    [("Paris 19e", 19), ("19th arrondissement", 19), ("1er arrondissement", 1), ("75004", 4), ("Paris 4", 4)],
)
def test_scope_names_of_arrondissements_are_recognised(scope, number):
    from mobilization.territory.tests.factories import ArrondissementFactory

    district = ArrondissementFactory(number=number, code=f"751{number:02d}", name=f"{number}e arrondissement")
    assert importers.decidim.DistrictFinder().find({"fr": scope}) == district


def test_a_scope_that_names_no_district_is_left_without_one():
    from mobilization.territory.tests.factories import ArrondissementFactory

    ArrondissementFactory(number=19, code="75119", name="19e arrondissement")
    assert importers.decidim.DistrictFinder().find({"fr": "Quartier inconnu"}) is None
    assert importers.decidim.DistrictFinder().find({"fr": "Paris 21e"}) is None


def test_an_import_confirmed_after_the_actions_changed_changes_nothing(data_file, settings):
    settings.LANGUAGE_CODE = "fr"
    _report, preview = importers.preview_actions(data_file("decidim_results.csv"))
    ActionFactory(reference="PLAN-110", title="Created meanwhile")
    before = snapshot()

    with translation.override("en"):  # the staff member who confirms reads English
        report = importers.import_actions(
            data_file("decidim_results.csv"), expected=importers.outcomes_of(preview["rows"])
        )

    assert not report.succeeded
    assert "changed since the preview" in report.errors[1][0]
    assert snapshot() == before


def test_a_decidim_files_texts_land_in_the_column_of_their_language(data_file, settings):
    settings.LANGUAGE_CODE = "fr"
    report = importers.import_actions(data_file("decidim_results.csv"))

    assert report.succeeded, report.as_dict()
    housing = Action.objects.get(reference="PLAN-101")
    assert housing.title_fr == "Rénover 40 000 logements sociaux d'ici 2030"
    assert housing.title_en == "Renovate 40,000 social housing units by 2030"
    with translation.override("en"):
        assert housing.title == "Renovate 40,000 social housing units by 2030"

"""The importers read the city's real exports, report what they did row by row, and never half-import.

Most tests share one import of the real files (the `paris_import` fixture, once for this module).
"""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max

from mobilization.territory.importers import import_districts, import_places
from mobilization.territory.importers.places import MAX_METRES_OUTSIDE
from mobilization.territory.models import City, District, Place
from mobilization.territory.tests.conftest import SHARED_PARIS_DATA

pytestmark = pytest.mark.django_db

COOL_PLACES = "ilots-de-fraicheur-equipements-activites.json"
FOUNTAINS = "fontaines-a-boire.json"
GREEN_SPACES = "ilots-de-fraicheur-espaces-verts-frais.csv"


def counts(report) -> tuple:
    return (report.rows, report.created, report.updated, len(report.fell_back), len(report.skipped))


def test_the_shared_folder_is_the_one_the_root_fixture_gives(paris_data):
    assert paris_data == SHARED_PARIS_DATA


# --- The real exports ----------------------------------------------------------------------------------


def test_the_20_arrondissements_and_80_quartiers_are_imported_whole(paris_import):
    assert counts(paris_import["arrondissements.geojson"]) == (20, 20, 0, 0, 0)
    assert counts(paris_import["quartier_paris.geojson"]) == (80, 80, 0, 0, 0)

    paris = City.objects.get(insee_code="75056")
    assert paris.name == "Paris"
    fourth = District.objects.get(city=paris, level=District.Level.ARRONDISSEMENT, number=4)
    assert (fourth.code, fourth.official_name) == ("75104", "Hôtel-de-Ville")
    # Named from its number in each language, not with the data's "4ème Ardt".
    assert (fourth.name_fr, fourth.name_en) == ("4e arrondissement", "4th arrondissement")
    assert fourth.area_km2 == pytest.approx(1.60, abs=0.01)
    total_area = sum(
        District.objects.filter(level=District.Level.ARRONDISSEMENT).values_list("area_m2", flat=True)
    )
    assert total_area / 1e6 == pytest.approx(105.37, abs=0.01), "the README's 105.37 km², Bois included"


def test_each_quartier_is_linked_to_its_arrondissement(paris_import):
    quartiers = District.objects.filter(level=District.Level.QUARTIER).select_related("parent")
    assert all(quartier.parent.level == District.Level.ARRONDISSEMENT for quartier in quartiers)
    assert {quartier.parent.number for quartier in quartiers} == set(range(1, 21))
    notre_dame = quartiers.get(name="Notre-Dame")
    assert (notre_dame.code, notre_dame.number, notre_dame.parent.number) == ("7510404", 16, 4)


def test_cool_places_keep_both_places_behind_a_reused_id_and_report_the_unreadable_hours(paris_import):
    report = paris_import[COOL_PLACES]

    assert counts(report) == (548, 548, 0, 8, 0)
    assert report.count_reasons(report.fell_back) == {"duplicate id": 6, "unreadable hours": 2}
    assert Place.objects.filter(kind=Place.Kind.COOL_PLACE).count() == 548
    reused = Place.objects.filter(source_id__startswith="MA22@").order_by("name")
    assert [place.name for place in reused] == [
        "MAIRIE DU 20E",
        "Maison de la Vie Associative et Citoyenne du 7e arrondissement",
    ]
    assert [place.district.number for place in reused] == [20, 7]


def test_cool_places_hours_are_read_per_weekday_whatever_the_writing(paris_import):
    centquatre = Place.objects.get(
        source_id__startswith="MU75@", name="Le CENTQUATRE - PARIS"
    )  # "Fermé", "12h-19h"
    assert centquatre.hours_on(0) == []
    assert centquatre.hours_on(1) == [["12:00", "19:00"]]
    pool = Place.objects.get(source_id="PI13")  # cut after 50 characters on Tuesdays and Thursdays
    assert pool.hours_on(1) == [["06:30", "07:45"], ["11:45", "13:45"], ["16:30", "19:45"]]
    assert pool.hours_on(2) == [["06:30", "19:45"], ["20:00", "22:45"]]
    assert pool.is_free is False, "payant: Oui"
    pool_closed_for_works = Place.objects.get(source_id="PI36")  # "-" on all seven days
    assert pool_closed_for_works.opening_hours == {}
    assert pool_closed_for_works.details["hours_period"] == "du 30/06/25 au 16/11/25"
    assert Place.objects.filter(kind=Place.Kind.COOL_PLACE, is_available=False).count() == 3, (
        "misters 'Eteint'"
    )


def test_fountains_outside_paris_are_skipped_with_their_commune(paris_import):
    report = paris_import[FOUNTAINS]

    assert counts(report) == (1322, 1163, 0, 1, 159)
    assert report.count_reasons(report.skipped) == {"outside Paris": 159}
    assert report.skipped[0].row == "record 42 (gid 450080315)"
    assert report.skipped[0].message == "outside Paris (commune BAGNEUX)"
    assert not Place.objects.filter(source_dataset="fontaines-a-boire", source_id="450080315").exists()


def test_a_fountain_just_outside_the_polygons_stays_in_the_arrondissement_its_commune_names(paris_import):
    (note,) = paris_import[FOUNTAINS].fell_back
    assert note.row == "record 983 (gid 450077702)"
    assert note.codes == ["district from the source"]
    fountain = Place.objects.get(source_dataset="fontaines-a-boire", source_id="450077702")
    assert fountain.district.number == 17
    assert 0 < int(note.message.split(" m ")[0].split()[-1]) < MAX_METRES_OUTSIDE


def test_fountains_out_of_service_are_kept_but_not_available(paris_import):
    fountains = Place.objects.filter(kind=Place.Kind.FOUNTAIN)
    assert fountains.filter(is_available=False).count() == 60
    assert fountains.filter(is_free=True).count() == 1163
    dry = fountains.filter(details__unavailable_reason="APP SANS EAU")
    assert dry.count() == 16


def test_green_spaces_fall_back_to_a_point_when_the_outline_is_truncated(paris_import):
    report = paris_import[GREEN_SPACES]

    assert counts(report) == (529, 528, 0, 57, 1)
    assert report.count_reasons(report.fell_back) == {"truncated outline": 48, "duplicate id": 10}
    (skipped,) = report.skipped
    assert skipped.row == "line 527 (ID1594)"
    assert skipped.codes == ["outside Paris"]
    green_spaces = Place.objects.filter(kind=Place.Kind.GREEN_SPACE)
    assert green_spaces.filter(geometry__isnull=True).count() == 48
    truncated = green_spaces.get(source_id="ID1217")
    assert (truncated.lat, truncated.lon) == (48.87022671429063, 2.2624274178592785)
    assert truncated.district.number == 16


def test_green_spaces_keep_the_heatwave_flags_and_the_share_of_tall_vegetation(paris_import):
    green_spaces = Place.objects.filter(kind=Place.Kind.GREEN_SPACE)
    assert green_spaces.filter(details__open_in_heatwave=True).count() == 7
    assert green_spaces.filter(details__open_summer_nights=True).count() == 7
    square = green_spaces.get(source_id="ID1486")
    assert square.name == "Square Henri Christine"
    assert square.details["tall_vegetation_share"] == 0.982
    assert square.hours_on(6) == [["00:00", "24:00"]]
    tournelle = green_spaces.filter(source_id__startswith="1608@")
    assert tournelle.count() == 2, "one ID, two parts of the Jardin du Port de la Tournelle"


def test_every_place_imported_has_an_arrondissement(paris_import):
    assert Place.objects.count() == 548 + 1163 + 528
    assert not Place.objects.filter(district__isnull=True).exists()


def test_importing_again_updates_instead_of_duplicating(paris_import):
    before = Place.objects.count()
    last_update = Place.objects.aggregate(last=Max("updated_at"))["last"]

    reports = [
        import_places(kind, SHARED_PARIS_DATA / name)
        for kind, name in [
            (Place.Kind.COOL_PLACE, COOL_PLACES),
            (Place.Kind.GREEN_SPACE, GREEN_SPACES),
        ]
    ]
    reports += import_districts(
        SHARED_PARIS_DATA / "arrondissements.geojson", SHARED_PARIS_DATA / "quartier_paris.geojson"
    )

    assert [(report.created, report.updated, report.changed) for report in reports] == [
        (0, 548, 0),
        (0, 528, 0),
        (0, 20, 0),
        (0, 80, 0),
    ]
    assert Place.objects.count() == before
    assert Place.objects.aggregate(last=Max("updated_at"))["last"] == last_update, (
        "nothing changed, nothing written"
    )


def test_the_command_prints_each_files_report_and_every_skipped_row(paris_import):
    output = StringIO()
    call_command("import_places", kind="fountain", file=SHARED_PARIS_DATA / FOUNTAINS, stdout=output)

    printed = output.getvalue()
    assert "fontaines-a-boire.json: 1250/1322 rows read…" in printed
    assert (
        "fontaines-a-boire.json (drinking fountains): 1322 rows read, 0 new, 1163 updated (0 changed), "
        "1 fell back, 159 skipped." in printed
    )
    assert "skipped: 159 × outside Paris" in printed
    assert "record 42 (gid 450080315): outside Paris (commune BAGNEUX)" in printed
    assert printed.count("outside Paris (commune ") == 159


def test_a_changed_row_is_updated_in_place(paris_import, tmp_path):
    records = json.loads((SHARED_PARIS_DATA / COOL_PLACES).read_text())
    records[0]["nom"] = "Église de la Sainte-Trinité"
    changed_file = tmp_path / COOL_PLACES
    changed_file.write_text(json.dumps(records))

    report = import_places(Place.Kind.COOL_PLACE, changed_file)

    assert (report.created, report.updated, report.changed) == (0, 548, 1)
    assert Place.objects.get(source_id="LC26").name == "Église de la Sainte-Trinité"


# --- Files that are not what they should be ---------------------------------------------------------------


def database_state():
    return (
        City.objects.count(),
        District.objects.count(),
        Place.objects.count(),
        Place.objects.aggregate(last=Max("updated_at"))["last"],
        District.objects.aggregate(last=Max("updated_at"))["last"],
    )


@pytest.mark.parametrize(
    "kind, content, message",
    [
        (
            "cool_place",
            '[{"identifiant": "X1", "nom": "Piscine"',
            "ilots-de-fraicheur-equipements-activites.json is not valid JSON (line 1, column",
        ),
        (
            "cool_place",
            '{"type": "FeatureCollection", "features": []}',
            "is not a JSON array of records (the opendata.paris.fr JSON export)",
        ),
        (
            "fountain",
            '[{"id": 1, "name": "Fontaine"}]',
            "fontaines-a-boire.json has no fields gid, type_objet, voie, commune, dispo, geo_point_2d: "
            "is it the right export?",
        ),
        (
            "green_space",
            "ID;NOM;ADRESSE\nID1;Square;1 rue X\n",
            "ilots-de-fraicheur-espaces-verts-frais.csv lacks the columns TYPE ESPACES VERTS FRAIS, "
            "ARRONDISSEMENT",
        ),
        (
            "green_space",
            "ID,NOM,ADRESSE\nID1,Square,1 rue X\n",
            "ilots-de-fraicheur-espaces-verts-frais.csv is not a ';'-separated CSV file",
        ),
    ],
)
def test_a_malformed_file_stops_with_a_clear_message_and_changes_nothing(
    paris_import, tmp_path, kind, content, message
):
    from mobilization.territory.importers import SOURCES

    broken = tmp_path / SOURCES[kind].file_name
    broken.write_text(content, encoding="utf-8")
    before = database_state()

    with pytest.raises(CommandError) as error:
        call_command("import_places", kind=kind, file=broken, stdout=StringIO())

    assert message in str(error.value)
    assert database_state() == before


def test_a_geojson_that_is_not_a_feature_collection_is_refused(paris_import, tmp_path):
    broken = tmp_path / "quartier_paris.geojson"
    broken.write_text('{"type": "Feature", "geometry": null, "properties": {}}')
    before = database_state()

    with pytest.raises(CommandError, match="quartier_paris.geojson is not a GeoJSON FeatureCollection"):
        call_command(
            "import_districts",
            arrondissements=SHARED_PARIS_DATA / "arrondissements.geojson",
            quartiers=broken,
            stdout=StringIO(),
        )

    assert database_state() == before, "the arrondissements file was fine, but nothing of it was written"


def test_the_wrong_geojson_file_is_recognised_by_its_properties(paris_import):
    with pytest.raises(CommandError, match="quartier_paris.geojson has no properties c_arinsee, l_ar"):
        call_command(
            "import_districts",
            arrondissements=SHARED_PARIS_DATA / "quartier_paris.geojson",
            quartiers=SHARED_PARIS_DATA / "quartier_paris.geojson",
            stdout=StringIO(),
        )

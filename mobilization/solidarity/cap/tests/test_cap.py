"""CAP 1.2: MeteoAlarm-style alerts for Paris read, judged and written back (no database).

The city's area is the real one: the 20 arrondissements of Paris (../shared/data), and the geocodes
MeteoAlarm uses for Paris (EMMA_ID FR075, NUTS 3 FR101).
"""

import datetime
import json
from pathlib import Path

import pytest

from mobilization.solidarity.cap import (
    Alert,
    CapError,
    CityArea,
    Hazard,
    Info,
    Level,
    Pair,
    Reference,
    event_alert,
    hazard_of,
    level_of,
    parse,
    read,
    schema_errors,
    to_xml,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARRONDISSEMENTS = (
    Path(__file__).resolve().parents[4].parent / "shared" / "data" / "paris" / "arrondissements.geojson"
)
PARIS_GEOCODES = {"EMMA_ID": {"FR075"}, "NUTS3": {"FR101"}}
PARIS_TZ = datetime.timezone(datetime.timedelta(hours=2))


@pytest.fixture(scope="module")
def paris():
    return CityArea.from_geojson(json.loads(ARRONDISSEMENTS.read_text()), PARIS_GEOCODES)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_an_orange_heatwave_for_paris_is_read_as_meteoalarm_writes_it(paris):
    alert = parse(fixture("heatwave_paris_orange.xml"))
    assert alert.identifier == "2.49.0.0.250.0.FR.20260701060000.1234567"
    assert alert.sender == "vigilance@meteo.fr"
    assert alert.sent == datetime.datetime(2026, 7, 1, 6, tzinfo=PARIS_TZ)
    assert (alert.status, alert.msg_type, alert.scope) == ("Actual", "Alert", "Public")
    assert [info.language for info in alert.infos] == ["fr-FR", "en-GB"]
    first = alert.infos[0]
    assert first.event == "Vigilance orange canicule"
    assert (first.urgency, first.severity, first.certainty) == ("Immediate", "Severe", "Likely")
    assert first.parameter("awareness_level") == "3; orange; Severe"
    assert first.parameter("awareness_type") == "5; high-temperature"
    assert first.areas[0].geocodes == (Pair("EMMA_ID", "FR075"), Pair("NUTS3", "FR101"))
    assert first.expires == datetime.datetime(2026, 7, 4, 6, tzinfo=PARIS_TZ)

    reading = read(alert, paris)
    assert (reading.action, reading.hazard, reading.level) == ("create", Hazard.HEATWAVE, Level.ORANGE)
    assert reading.onset == datetime.datetime(2026, 7, 1, 16, tzinfo=PARIS_TZ)
    assert reading.expires == datetime.datetime(2026, 7, 4, 6, tzinfo=PARIS_TZ)
    assert [a.description for a in reading.areas] == ["Paris", "Paris"]


def test_an_update_raises_the_level_and_says_which_alert_it_replaces(paris):
    reading = read(parse(fixture("heatwave_paris_update_red.xml")), paris)
    assert (reading.action, reading.hazard, reading.level) == ("update", Hazard.HEATWAVE, Level.RED)
    assert reading.alert.references == (
        Reference(
            "vigilance@meteo.fr", "2.49.0.0.250.0.FR.20260701060000.1234567", "2026-07-01T06:00:00+02:00"
        ),
    )


def test_a_cancel_names_every_message_it_ends(paris):
    reading = read(parse(fixture("heatwave_paris_cancel.xml")), paris)
    assert reading.action == "cancel"
    assert [r.identifier for r in reading.alert.references] == [
        "2.49.0.0.250.0.FR.20260701060000.1234567",
        "2.49.0.0.250.0.FR.20260702060000.1234568",
    ]
    assert reading.alert.note == "Fin de l’épisode caniculaire."


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("not_cap.xml", CapError.NOT_CAP, "root element is <feed>"),
        ("malformed.xml", CapError.NOT_XML, "not well-formed XML"),
    ],
)
def test_a_file_that_is_not_a_cap_alert_is_refused_with_the_reason(name, code, words):
    with pytest.raises(CapError) as refused:
        parse(fixture(name))
    assert refused.value.code == code
    assert words in refused.value.message


def test_a_flood_in_lyon_is_refused_as_outside_the_city(paris):
    alert = parse(fixture("flood_lyon.xml"))
    assert hazard_of(alert.infos[0]) == Hazard.FLOOD
    with pytest.raises(CapError) as refused:
        read(alert, paris)
    assert refused.value.code == CapError.OUTSIDE_CITY
    assert "Rhône (Lyon)" in refused.value.message


def test_an_older_cap_version_is_refused_by_name():
    older = fixture("heatwave_paris_orange.xml").replace(b"cap:1.2", b"cap:1.1")
    with pytest.raises(CapError) as refused:
        parse(older)
    assert refused.value.code == CapError.NOT_CAP
    assert "CAP 1.1" in refused.value.message


def test_entities_are_refused_not_expanded():
    bomb = b'<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa">]><alert>&a;&a;</alert>'
    with pytest.raises(CapError) as refused:
        parse(bomb)
    assert refused.value.code == CapError.UNSAFE


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ((b"<status>Actual</status>", b""), "no <status>"),
        ((b"<severity>Severe</severity>", b"<severity>Terrible</severity>"), "allows only"),
        ((b"<sent>2026-07-01T06:00:00+02:00</sent>", b"<sent>2026-07-01 06:00</sent>"), "UTC offset"),
    ],
)
def test_a_cap_file_missing_what_cap_requires_is_refused(change, words):
    with pytest.raises(CapError) as refused:
        parse(fixture("heatwave_paris_orange.xml").replace(*change, 1))
    assert refused.value.code == CapError.INVALID
    assert words in refused.value.message


def test_a_hazard_the_platform_does_not_handle_is_refused(paris):
    fog = fixture("heatwave_paris_orange.xml").replace(b"5; high-temperature", b"4; fog")
    with pytest.raises(CapError) as refused:
        read(parse(fog), paris)
    assert refused.value.code == CapError.UNHANDLED_HAZARD
    assert "Vigilance orange canicule" in refused.value.message


def test_test_and_exercise_alerts_are_not_acted_on(paris):
    exercise = fixture("heatwave_paris_orange.xml").replace(b"<status>Actual", b"<status>Exercise")
    with pytest.raises(CapError) as refused:
        read(parse(exercise), paris)
    assert refused.value.code == CapError.NOT_ACTUAL
    assert read(parse(exercise), paris, statuses=("Actual", "Exercise")).hazard == Hazard.HEATWAVE


def info(**parameters) -> Info:
    return Info(
        event=parameters.pop("event", "Warning"),
        urgency="Immediate",
        severity=parameters.pop("severity", "Unknown"),
        certainty="Likely",
        parameters=tuple(Pair(k, v) for k, v in parameters.items()),
    )


@pytest.mark.parametrize(
    ("block", "hazard", "level"),
    [
        (
            info(awareness_level="3; orange; Moderate", awareness_type="3; High-temperature"),
            Hazard.HEATWAVE,
            Level.ORANGE,
        ),
        (
            info(awareness_level="4; red; Extreme", awareness_type="6; low-temperature"),
            Hazard.COLD_WAVE,
            Level.RED,
        ),
        (
            info(awareness_level="2; yellow; Moderate", awareness_type="13; rain-flood"),
            Hazard.FLOOD,
            Level.YELLOW,
        ),
        (info(awareness_level="3", awareness_type="1; wind"), Hazard.STORM, Level.ORANGE),
        (info(awareness_type="3; thunderstorm", severity="Extreme"), Hazard.STORM, Level.RED),
        (
            info(event="Épisode de pollution à l'ozone", severity="Moderate"),
            Hazard.POLLUTION_PEAK,
            Level.YELLOW,
        ),
        (info(event="Grand froid", severity="Severe"), Hazard.COLD_WAVE, Level.ORANGE),
        (info(awareness_type="2; snow-ice", event="Grand froid"), None, None),
    ],
)
def test_hazard_and_vigilance_level_from_meteoalarm_parameters_or_the_event(block, hazard, level):
    assert hazard_of(block) == hazard
    if hazard is not None:
        assert level_of(block) == level


def test_a_polygon_crossing_paris_concerns_it_and_one_beside_it_does_not(paris):
    square = (
        (48.80, 2.20),
        (48.80, 2.26),
        (48.84, 2.26),
        (48.84, 2.20),
        (48.80, 2.20),
    )  # over the Bois de Boulogne
    beside = ((48.90, 2.10), (48.90, 2.15), (48.95, 2.15), (48.95, 2.10), (48.90, 2.10))  # Nanterre–Colombes
    make = lambda ring: event_alert(  # noqa: E731
        identifier="airparif-1",
        sender="alertes@airparif.fr",
        sent=datetime.datetime(2026, 7, 1, 9, tzinfo=PARIS_TZ),
        msg_type="Alert",
        hazard=Hazard.POLLUTION_PEAK,
        level=Level.YELLOW,
        event="Épisode de pollution à l'ozone",
        area_description="Zone",
        polygons=(ring,),
    )
    assert read(make(square), paris).hazard == Hazard.POLLUTION_PEAK
    with pytest.raises(CapError) as refused:
        read(make(beside), paris)
    assert refused.value.code == CapError.OUTSIDE_CITY


@pytest.mark.parametrize(
    "name",
    [
        "heatwave_paris_orange.xml",
        "heatwave_paris_update_red.xml",
        "heatwave_paris_cancel.xml",
        "flood_lyon.xml",
    ],
)
def test_parse_export_parse_gives_the_same_alert_and_the_export_validates(name):
    assert schema_errors(fixture(name)) == []
    alert = parse(fixture(name))
    exported = to_xml(alert)
    assert schema_errors(exported) == []
    assert parse(exported) == alert


def test_an_event_exports_as_a_valid_meteoalarm_style_alert(paris):
    sent = datetime.datetime(2026, 7, 1, 10, tzinfo=datetime.UTC)
    alert = event_alert(
        identifier="paris.fr-solidarity-event-12-3",
        sender="solidarite@paris.fr",
        sent=sent,
        msg_type="Update",
        hazard=Hazard.HEATWAVE,
        level=Level.RED,
        event="Canicule",
        area_description="Paris",
        geocodes=(Pair("EMMA_ID", "FR075"),),
        onset=sent,
        expires=sent + datetime.timedelta(days=3),
        references=(
            Reference("solidarite@paris.fr", "paris.fr-solidarity-event-12-2", "2026-06-30T10:00:00+00:00"),
        ),
        headline="Plan canicule : niveau rouge",
    )
    document = to_xml(alert)
    assert schema_errors(document) == []
    assert b"<sent>2026-07-01T10:00:00+00:00</sent>" in document
    again = parse(document)
    assert again == alert
    reading = read(again, paris)
    assert (reading.action, reading.hazard, reading.level) == ("update", Hazard.HEATWAVE, Level.RED)


def test_the_schema_catches_what_cap_forbids():
    document = to_xml(parse(fixture("heatwave_paris_orange.xml")))
    broken = document.replace(b"<scope>Public</scope>", b"<scope>Everyone</scope>")
    errors = schema_errors(broken)
    assert errors and "scope" in errors[0]
    assert schema_errors(b"<alert") != []


def test_a_naive_time_is_not_written():
    alert = Alert("x", "y", datetime.datetime(2026, 7, 1, 10), "Actual", "Alert")
    with pytest.raises(CapError):
        to_xml(alert)

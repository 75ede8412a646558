"""Events from CAP alerts (page and command), updates and cancels by reference, refusals, and the export's
round trip through the OASIS schema."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from mobilization.solidarity import cap, cap_import, event_services
from mobilization.solidarity.models import CapMessage, ExtremeEvent
from mobilization.solidarity.tests.event_factories import EventFactory, paris_arrondissements

pytestmark = pytest.mark.django_db
FIXTURES = Path(cap.__file__).resolve().parent / "tests" / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def paris(db):
    return paris_arrondissements()


def test_an_orange_heatwave_alert_creates_an_event_over_paris(paris):
    imported = cap_import.import_alert(fixture("heatwave_paris_orange.xml"))
    event = imported.event
    assert imported.action == "created"
    assert (event.hazard, event.level, event.status) == ("heatwave", "orange", "watch")
    assert event.districts.count() == 20
    assert event.cap_sender == "vigilance@meteo.fr" and event.cap_identifier
    assert event.expected_end_at is not None and event.cadence.days == 2


def test_an_update_raises_the_level_then_a_cancel_stands_the_event_down(paris, coordinator):
    event = cap_import.import_alert(fixture("heatwave_paris_orange.xml")).event
    updated = cap_import.import_alert(fixture("heatwave_paris_update_red.xml"))
    assert updated.action == "updated" and updated.event.pk == event.pk
    event.refresh_from_db()
    assert event.level == "red" and event.revision == 2 and event.cadence.days == 1
    event_services.activate(event, by=coordinator)
    cancelled = cap_import.import_alert(fixture("heatwave_paris_cancel.xml"))
    event.refresh_from_db()
    assert cancelled.event.pk == event.pk and event.status == ExtremeEvent.Status.STANDING_DOWN
    assert CapMessage.objects.filter(event=event).count() == 3


@pytest.mark.parametrize(
    "name, code",
    [
        ("not_cap.xml", cap.CapError.NOT_CAP),
        ("malformed.xml", cap.CapError.NOT_XML),
        ("flood_lyon.xml", cap.CapError.OUTSIDE_CITY),
    ],
)
def test_a_file_we_do_not_handle_is_refused_with_the_reason(paris, name, code):
    with pytest.raises(cap.CapError) as refused:
        cap_import.import_alert(fixture(name))
    assert refused.value.code == code and refused.value.message
    assert not ExtremeEvent.objects.exists()


def test_an_update_of_an_unknown_alert_and_a_second_import_are_refused(paris):
    with pytest.raises(cap.CapError, match="refers to no alert"):
        cap_import.import_alert(fixture("heatwave_paris_update_red.xml"))
    cap_import.import_alert(fixture("heatwave_paris_orange.xml"))
    with pytest.raises(cap.CapError, match="imported already"):
        cap_import.import_alert(fixture("heatwave_paris_orange.xml"))
    assert ExtremeEvent.objects.count() == 1


def test_the_command_prints_the_event_or_the_reason_and_fails_on_refusal(paris, tmp_path):
    alert = tmp_path / "alert.xml"
    alert.write_bytes(fixture("heatwave_paris_orange.xml"))
    out = io.StringIO()
    call_command("import_cap", str(alert), stdout=out)
    event = ExtremeEvent.objects.get()
    assert f"Event #{event.pk} created: heatwave, orange, watch" in out.getvalue()
    lyon = tmp_path / "lyon.xml"
    lyon.write_bytes(fixture("flood_lyon.xml"))
    with pytest.raises(CommandError, match="outside_city"):
        call_command("import_cap", str(lyon))


def test_the_command_exits_non_zero_on_refusal(paris, tmp_path):
    from django.core.management import execute_from_command_line

    bad = tmp_path / "bad.xml"
    bad.write_bytes(fixture("not_cap.xml"))
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "import_cap", str(bad)])
    assert exit_.value.code != 0


def test_every_event_exports_as_valid_cap_and_reads_back_the_same(paris):
    event = EventFactory(districts=[paris[3], paris[10]], level="orange", headline="Canicule")
    document = cap_import.export_event(event)
    assert cap.schema_errors(document) == []
    reading = cap.read(cap.parse(document), cap_import.city_area())
    assert (reading.hazard, reading.level, reading.alert.msg_type) == (
        cap.Hazard.HEATWAVE,
        cap.Level.ORANGE,
        "Alert",
    )
    assert {d.number for d in cap_import.affected(reading.areas, paris, cap_import.city_area())} == {4, 11}
    # Imported elsewhere, the export creates the same event.
    event.delete()
    again = cap_import.import_alert(document).event
    assert (again.hazard, again.level) == ("heatwave", "orange")
    assert sorted(d.number for d in again.districts.all()) == [4, 11]


def test_an_updated_then_closed_event_exports_update_then_cancel(paris):
    event = EventFactory(districts=paris)
    event_services.update_event(event, by=None, values={"level": "red"})
    update = cap.parse(cap_import.export_event(event))
    assert update.msg_type == "Update" and update.references[0].identifier.endswith("-r1")
    event_services.close(event, by=None)
    document = cap_import.export_event(event)
    assert cap.schema_errors(document) == [] and cap.parse(document).msg_type == "Cancel"


def test_a_coordinator_uploads_an_alert_on_the_page(client, paris, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("alert.xml", fixture("heatwave_paris_orange.xml"), "application/xml")
    response = client.post(reverse("solidarity:event_import"), {"file": upload})
    event = ExtremeEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    page = client.get(event.get_absolute_url())
    assert page.status_code == 200 and "Activate" in page.content.decode()
    download = client.get(reverse("solidarity:event_cap", kwargs={"pk": event.pk}))
    assert download["Content-Type"] == "application/cap+xml" and cap.schema_errors(download.content) == []


def test_a_refused_upload_says_why(client, paris, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("lyon.xml", fixture("flood_lyon.xml"), "application/xml")
    response = client.post(reverse("solidarity:event_import"), {"file": upload})
    assert response.status_code == 400
    assert "outside the city" in response.content.decode()
    assert not ExtremeEvent.objects.exists()

"""Events made by hand: a coordinator creates one on watch (as an imported alert would be), changes its
level, arrondissements or end while it is not closed, and it exports as a valid CAP 1.2 alert."""

import pytest
from django.urls import reverse

from mobilization.core.models import AuditEvent
from mobilization.solidarity import cap, cap_import, event_services
from mobilization.solidarity.models import ExtremeEvent
from mobilization.solidarity.tests.event_factories import paris_arrondissements

pytestmark = pytest.mark.django_db


@pytest.fixture
def paris(db):
    return paris_arrondissements()


def new_event_data(paris, **overrides) -> dict:
    data = {
        "hazard": "heatwave",
        "level": "orange",
        "districts": [str(paris[10].pk), str(paris[11].pk)],
        "starts_at": "2026-07-14T08:00",
        "expected_end_at": "2026-07-18T20:00",
        "headline": "Canicule : vigilance orange",
        "description": "Fortes chaleurs jusqu’à samedi.",
    }
    data.update(overrides)
    return data


def test_a_coordinator_creates_an_event_on_watch_and_it_is_audited(client, paris, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("solidarity:event_create")).status_code == 200
    response = client.post(reverse("solidarity:event_create"), new_event_data(paris))
    event = ExtremeEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert (event.hazard, event.level, event.status) == ("heatwave", "orange", ExtremeEvent.Status.WATCH)
    assert sorted(d.number for d in event.districts.all()) == [11, 12]
    assert event.starts_at.hour == 6  # 8:00 in Paris, in summer: 6:00 UTC
    assert event.created_by == coordinator and event.cap_identifier == ""
    assert AuditEvent.objects.filter(
        action="solidarity.event_created", actor=coordinator, object_id=str(event.pk)
    ).exists()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Canicule : vigilance orange" in page and reverse("solidarity:event_edit", args=[event.pk]) in page


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ({"expected_end_at": "2026-07-13T08:00"}, "must come after the start"),
        ({"districts": []}, "at least one arrondissement"),
        ({"starts_at": "not a date"}, "Enter a valid date"),
        ({"hazard": "earthquake"}, "Select a valid choice"),
        ({"headline": "\u200b"}, "at least one letter"),
    ],
)
def test_a_new_event_that_does_not_hold_together_is_refused(client, paris, coordinator, overrides, says):
    client.force_login(coordinator)
    response = client.post(reverse("solidarity:event_create"), new_event_data(paris, **overrides))
    assert response.status_code == 400 and says in response.content.decode()
    assert not ExtremeEvent.objects.exists()


def test_a_volunteer_cannot_create_nor_change_an_event(client, paris, volunteer):
    event = event_services.create_event(
        by=None,
        values={"hazard": "heatwave", "level": "orange", "starts_at": "2026-07-14T06:00Z"},
        districts=paris[:1],
    )
    client.force_login(volunteer)
    assert client.post(reverse("solidarity:event_create"), new_event_data(paris)).status_code == 404
    edit = reverse("solidarity:event_edit", args=[event.pk])
    assert client.post(edit, {"level": "red", "districts": [paris[0].pk]}).status_code == 404
    assert ExtremeEvent.objects.get().level == "orange"


def test_changing_an_event_is_an_update_and_exports_as_one(client, paris, coordinator):
    client.force_login(coordinator)
    client.post(reverse("solidarity:event_create"), new_event_data(paris))
    event = ExtremeEvent.objects.get()
    first = cap_import.export_event(event)
    assert cap.schema_errors(first) == [] and cap.parse(first).msg_type == "Alert"

    edit = reverse("solidarity:event_edit", args=[event.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {"level": "red", "districts": [paris[10].pk, paris[12].pk], "expected_end_at": "2026-07-20T20:00"},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.level, event.revision) == ("red", 2)
    assert sorted(d.number for d in event.districts.all()) == [11, 13]
    assert AuditEvent.objects.filter(action="solidarity.event_updated", actor=coordinator).exists()

    document = cap_import.export_event(event)
    assert cap.schema_errors(document) == []
    update = cap.parse(document)
    assert update.msg_type == "Update"
    reading = cap.read(update, cap_import.city_area())
    assert reading.level == cap.Level.RED
    assert {d.number for d in cap_import.affected(reading.areas, paris, cap_import.city_area())} == {11, 13}


def test_a_hand_made_event_round_trips_through_cap(client, paris, coordinator):
    client.force_login(coordinator)
    client.post(reverse("solidarity:event_create"), new_event_data(paris, hazard="cold_wave", level="red"))
    event = ExtremeEvent.objects.get()
    download = client.get(reverse("solidarity:event_cap", args=[event.pk]))
    assert cap.schema_errors(download.content) == []
    event.delete()
    again = cap_import.import_alert(download.content).event
    assert (again.hazard, again.level) == ("cold_wave", "red")
    assert sorted(d.number for d in again.districts.all()) == [11, 12]


def test_an_end_before_the_start_and_a_closed_event_are_refused_on_change(client, paris, coordinator):
    client.force_login(coordinator)
    client.post(reverse("solidarity:event_create"), new_event_data(paris))
    event = ExtremeEvent.objects.get()
    edit = reverse("solidarity:event_edit", args=[event.pk])
    early = {"level": "red", "districts": [paris[10].pk], "expected_end_at": "2026-07-01T08:00"}
    response = client.post(edit, early)
    assert response.status_code == 400 and "must come after the start" in response.content.decode()
    event_services.close(event, by=coordinator)
    response = client.post(edit, {"level": "red", "districts": [paris[10].pk]}, follow=True)
    assert "A closed event does not change." in response.content.decode()
    event.refresh_from_db()
    assert (event.level, event.revision) == ("orange", 1)

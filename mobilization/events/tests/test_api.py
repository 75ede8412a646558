"""Events in the public API: upcoming events of public initiatives, public facts only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mobilization.events import services
from mobilization.events.tests.factories import HostFactory
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = pytest.mark.django_db


def test_the_api_lists_upcoming_events_with_public_fields_only(
    client, make_event, volunteer, organiser, district
):
    event = make_event(title="Fresque du climat", capacity=10)
    services.register(event, volunteer)
    cancelled = make_event(title="Cancelled")
    services.cancel_event(cancelled, by=organiser, reason="")
    draft = HostFactory(organiser=organiser, district=district, draft=True, title="Draft")
    make_event(title="Of a draft", host=draft)

    response = client.get("/api/v1/events")

    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    [item] = body["items"]
    assert item["title"] == "Fresque du climat"
    assert item["seats_left"] == 9
    assert item["district"] == "75104"
    assert item["starts_at"].endswith(("+01:00", "+02:00"))
    assert item["initiative"]["title"] == "Repair café du Marais"
    assert item["cohosts"] == []
    assert item["themes"] == ["waste_repair"]
    text = response.content.decode()
    assert "@" not in text
    assert "Victor" not in text
    assert "Olga" not in text


def test_the_api_filters_like_the_list(client, make_event, organiser):
    elsewhere = ArrondissementFactory(
        number=11, code="75111", name="11e", centroid_lat=48.859, centroid_lon=2.38
    )
    food = HostFactory(organiser=organiser, district=elsewhere, title="AMAP", themes=["food"])
    soon = make_event(title="Soon", starts_at=timezone.now() + timedelta(days=1))
    make_event(title="Later", starts_at=timezone.now() + timedelta(days=30))
    make_event(title="Food", host=food, starts_at=timezone.now() + timedelta(days=2))

    def titles(query):
        return {item["title"] for item in client.get(f"/api/v1/events?{query}").json()["items"]}

    assert titles("district=75111") == {"Food"}
    assert titles("district=75199") == set()
    assert titles("theme=waste_repair") == {"Soon", "Later"}
    assert titles(f"initiative={food.pk}") == {"Food"}
    until = timezone.localtime(timezone.now() + timedelta(days=5)).date().isoformat()
    assert titles(f"to={until}") == {"Soon", "Food"}
    assert titles(f"from={until}") == {"Later"}
    page = client.get("/api/v1/events?limit=1&offset=1").json()
    assert page["total"] == 3
    assert len(page["items"]) == 1
    assert client.get(f"/api/v1/events/{soon.pk}").json()["title"] == "Soon"
    assert client.get("/api/v1/events?theme=nonsense").status_code == 422
    assert client.get("/api/v1/events?from=2026-02-30").status_code == 422


def test_one_event_of_a_draft_initiative_is_not_found(client, organiser, district, make_event):
    draft = HostFactory(organiser=organiser, district=district, draft=True, title="Draft")
    event = make_event(host=draft)
    assert client.get(f"/api/v1/events/{event.pk}").status_code == 404

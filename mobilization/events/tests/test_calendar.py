"""iCalendar: one event, an initiative's feed and the private "my events" feed, RFC 5545 valid, with
events or without (each file goes through the structural checker of tests/rfc5545.py)."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from mobilization.events import services
from mobilization.events.tests.factories import HostFactory
from mobilization.events.tests.rfc5545 import assert_valid_icalendar

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_an_event_as_ics_has_every_field_a_calendar_needs(client, make_event):
    long_title = (
        "Atelier « zéro déchet » : fabriquer sa lessive, ses éponges tawashi et son dentifrice, ensemble"
    )
    event = make_event(title=long_title, description="Line one; with, commas\nLine two")

    response = client.get(reverse("events:ics", kwargs={"pk": event.pk}))

    assert_valid_icalendar(response.content)
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    assert "PRODID" in calendar
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert "DTSTAMP" in vevent
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert vevent["DTEND"].params["TZID"] == "Europe/Paris"
    assert vevent.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert vevent.decoded("DTEND") == event.ends_at.replace(microsecond=0)
    assert str(vevent["SUMMARY"]) == long_title
    assert str(vevent["DESCRIPTION"]).startswith("Repair café du Marais\n\n")
    assert "Line one; with, commas\nLine two" in str(vevent["DESCRIPTION"])
    assert str(vevent["LOCATION"]) == event.address
    assert vevent["GEO"].latitude == pytest.approx(event.lat)
    assert str(vevent["URL"]) == f"http://testserver{event.get_absolute_url()}"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert b"BEGIN:VTIMEZONE" in response.content
    assert b"TZID=Europe/Paris:" in response.content


def test_the_uid_is_stable_and_a_cancelled_event_says_so(client, make_event, organiser):
    event = make_event()
    url = reverse("events:ics", kwargs={"pk": event.pk})
    first = parse(client.get(url)).walk("VEVENT")[0]["UID"]

    services.cancel_event(event, by=organiser, reason="Canicule")

    response = client.get(url)
    assert_valid_icalendar(response.content)
    vevent = parse(response).walk("VEVENT")[0]
    assert vevent["UID"] == first
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "Canicule" in str(vevent["DESCRIPTION"])


def test_a_hosts_feed_has_its_own_and_co_hosted_events(client, make_event, host, cohost):
    own = make_event(title="Our own")
    hosted_by_partner = make_event(title="Partner's, with us", host=cohost)
    hosted_by_partner.cohosts.add(host)
    make_event(title="Partner's alone", host=cohost)

    response = client.get(reverse("events:initiative_feed", kwargs={"host_pk": host.pk}))

    assert_valid_icalendar(response.content)
    summaries = {str(v["SUMMARY"]) for v in parse(response).walk("VEVENT")}
    assert summaries == {own.title, hosted_by_partner.title}
    assert "X-WR-CALNAME:Repair café du Marais" in response.content.decode()


def test_the_feed_of_an_initiative_without_events_is_a_valid_calendar_with_the_city_zone(client, host):
    response = client.get(reverse("events:initiative_feed", kwargs={"host_pk": host.pk}))

    assert_valid_icalendar(response.content)
    calendar = parse(response)
    assert calendar.walk("VEVENT") == []
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Paris"
    assert {part.name for part in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_the_feed_of_an_initiative_that_is_not_public_is_not_found(client, organiser, district):
    draft = HostFactory(organiser=organiser, district=district, draft=True)
    response = client.get(reverse("events:initiative_feed", kwargs={"host_pk": draft.pk}))
    assert response.status_code == 404


def test_the_private_feed_works_without_a_session_and_names_nobody(
    client, make_event, volunteer, make_volunteer
):
    mine = make_event(title="Mine", capacity=1)
    full = make_event(title="Full", capacity=1)
    not_mine = make_event(title="Not mine")
    services.register(mine, volunteer)
    services.register(full, make_volunteer("Zoé Neighbour"))
    services.register(full, volunteer)
    services.register(not_mine, make_volunteer("Yann Other"))
    token = services.calendar_token_for(volunteer).token

    response = client.get(reverse("events:my_feed", kwargs={"token": token}))

    assert_valid_icalendar(response.content)
    events = {str(v["SUMMARY"]): v for v in parse(response).walk("VEVENT")}
    assert set(events) == {"Mine", "Full"}
    assert str(events["Full"]["STATUS"]) == "TENTATIVE"
    text = response.content.decode()
    for name in ("Zoé", "Yann", "Victor", "Olga", "@example.org"):
        assert name not in text
    assert "ATTENDEE" not in text
    assert "ORGANIZER" not in text


def test_the_private_feed_of_someone_without_registrations_is_a_valid_calendar(client, volunteer, event):
    token = services.calendar_token_for(volunteer).token

    response = client.get(reverse("events:my_feed", kwargs={"token": token}))

    assert_valid_icalendar(response.content)
    calendar = parse(response)
    assert calendar.walk("VEVENT") == []
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_a_feed_mixing_cancelled_and_scheduled_events_stays_valid(client, make_event, organiser, volunteer):
    kept = make_event(title="Balade; arbres, et parcs")
    dropped = make_event(title="Nettoyage du canal", description="Rendez-vous\nau pont")
    for event in (kept, dropped):
        services.register(event, volunteer)
    services.cancel_event(dropped, by=organiser, reason="Alerte orage, désolés; à bientôt")
    token = services.calendar_token_for(volunteer).token

    response = client.get(reverse("events:my_feed", kwargs={"token": token}))

    assert_valid_icalendar(response.content)
    statuses = {str(v["SUMMARY"]): str(v["STATUS"]) for v in parse(response).walk("VEVENT")}
    assert statuses == {"Balade; arbres, et parcs": "CONFIRMED", "Nettoyage du canal": "CANCELLED"}


def test_resetting_the_token_makes_the_old_address_404(client, volunteer):
    old = services.calendar_token_for(volunteer).token
    client.force_login(volunteer)
    page = client.get(reverse("events:my_calendar")).content.decode()
    assert reverse("events:my_feed", kwargs={"token": old}) in page

    response = client.post(reverse("events:my_calendar"))

    assert response.status_code == 302
    client.logout()
    assert client.get(reverse("events:my_feed", kwargs={"token": old})).status_code == 404
    new = services.calendar_token_for(volunteer).token
    assert client.get(reverse("events:my_feed", kwargs={"token": new})).status_code == 200

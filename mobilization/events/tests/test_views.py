"""Events' pages through the test client: what each person sees and can do."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.events import services
from mobilization.events.models import Event, Registration
from mobilization.events.tests.factories import INSIDE, HostFactory
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    starts = timezone.localtime(timezone.now() + timedelta(days=10), services.city_zone()).replace(
        hour=18, minute=30, second=0, microsecond=0
    )
    data = {
        "title": "Atelier vélo",
        "description": "Réparez votre vélo avec nous.",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "address": "3 place des Vosges, 75004 Paris",
        "lat": str(INSIDE[0]),
        "lon": str(INSIDE[1]),
        "capacity": "12",
    }
    data.update(overrides)
    return data


def test_an_organiser_creates_an_event_with_times_typed_in_paris_time(client, organiser, host):
    client.force_login(organiser)
    data = form_data()

    response = client.post(reverse("events:create", kwargs={"host_pk": host.pk}), data)

    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    local = timezone.localtime(event.starts_at, services.city_zone())
    assert local.strftime("%Y-%m-%dT%H:%M") == data["starts_at"]
    assert event.capacity == 12


def test_the_form_says_what_is_wrong_and_saves_nothing(client, organiser, host):
    client.force_login(organiser)
    past = (timezone.localtime(timezone.now()) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = form_data(starts_at=past, lat="48.70", lon="2.10", capacity="0")

    response = client.post(reverse("events:create", kwargs={"host_pk": host.pk}), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert "inside Paris" in html
    assert not Event.objects.exists()


def test_a_time_the_clocks_skip_is_refused(client, organiser, host):
    client.force_login(organiser)
    year = timezone.now().year + 1
    # The last Sunday of March: 02:30 does not exist in Paris.
    import calendar as pycal

    last_sunday = max(week[pycal.SUNDAY] for week in pycal.monthcalendar(year, 3))
    data = form_data(
        starts_at=f"{year}-03-{last_sunday:02d}T02:30", ends_at=f"{year}-03-{last_sunday:02d}T05:00"
    )

    response = client.post(reverse("events:create", kwargs={"host_pk": host.pk}), data)

    assert response.status_code == 200
    assert not Event.objects.exists()


def test_someone_else_cannot_add_an_event_to_an_initiative(client, volunteer, host):
    client.force_login(volunteer)

    response = client.post(reverse("events:create", kwargs={"host_pk": host.pk}), form_data())

    assert response.status_code == 403
    assert not Event.objects.exists()


def test_an_event_shows_its_host_and_co_hosts_with_links_to_their_pages(client, event, cohost, host):
    event.cohosts.add(cohost)

    page = client.get(event.get_absolute_url()).content.decode()

    assert f'<a href="{host.get_absolute_url()}"><bdi>{host.title}</bdi></a>' in page
    assert f'<a href="{cohost.get_absolute_url()}"><bdi>{cohost.title}</bdi></a>' in page
    assert "(4e arrondissement)" in page


def test_a_host_that_takes_no_event_now_says_why(client, organiser, district):
    draft = HostFactory(organiser=organiser, district=district, draft=True)
    client.force_login(organiser)

    response = client.get(reverse("events:create", kwargs={"host_pk": draft.pk}))

    assert response.status_code == 409
    assert "Events can only be added to a published initiative." in response.content.decode()


def test_whoever_may_not_see_a_host_is_told_it_does_not_exist(client, volunteer, organiser, district):
    draft = HostFactory(organiser=organiser, district=district, draft=True)
    client.force_login(volunteer)

    assert client.get(reverse("events:create", kwargs={"host_pk": draft.pk})).status_code == 404


def test_the_organiser_edits_and_cancels_an_event(client, organiser, event, volunteer):
    services.register(event, volunteer)
    client.force_login(organiser)
    data = form_data(
        title="Atelier vélo (nouvelle heure)",
        starts_at=timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        ends_at=timezone.localtime(event.ends_at + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    )

    assert client.post(reverse("events:edit", kwargs={"pk": event.pk}), data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Atelier vélo (nouvelle heure)"

    response = client.post(reverse("events:cancel", kwargs={"pk": event.pk}), {"reason": "Storm warning."})

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    page = client.get(event.get_absolute_url()).content.decode()
    assert "This event is cancelled." in page
    assert "Storm warning." in page


def test_a_volunteer_registers_sees_it_and_cancels(client, volunteer, make_event):
    event = make_event(capacity=5)
    client.force_login(volunteer)

    response = client.post(reverse("events:register", kwargs={"pk": event.pk}), follow=True)

    assert "You are registered." in response.content.decode()
    assert "4 left" in response.content.decode()
    assert event.title in client.get(reverse("events:mine")).content.decode()

    client.post(reverse("events:cancel_registration", kwargs={"pk": event.pk}))

    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_a_full_event_puts_the_volunteer_on_the_waiting_list_with_a_position(
    client, make_volunteer, volunteer, make_event
):
    event = make_event(capacity=1)
    services.register(event, make_volunteer())
    client.force_login(volunteer)

    page = client.post(reverse("events:register", kwargs={"pk": event.pk}), follow=True).content.decode()

    assert "You are on the waiting list: number 1." in page


def test_visitors_are_asked_to_sign_in_to_register(client, event):
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Sign in to register" in page
    response = client.post(reverse("events:register", kwargs={"pk": event.pk}))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_event_of_a_draft_initiative_is_not_found(client, organiser, district, volunteer, make_event):
    draft = HostFactory(organiser=organiser, district=district, draft=True)
    event = make_event(host=draft, title="Secret")
    client.force_login(volunteer)
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:ics", kwargs={"pk": event.pk})).status_code == 404
    client.force_login(organiser)
    assert client.get(event.get_absolute_url()).status_code == 200


def test_the_organisers_see_registrations_and_waiting_list_by_display_name(
    client, organiser, make_volunteer, make_event, volunteer
):
    event = make_event(capacity=1)
    services.register(event, make_volunteer("Alice Dupont"))
    services.register(event, make_volunteer("Bruno Martin"))
    client.force_login(organiser)

    page = client.get(reverse("events:registrations", kwargs={"pk": event.pk})).content.decode()

    assert "Alice Dupont" in page
    assert "Bruno Martin" in page
    assert "@example.org" not in page
    client.force_login(volunteer)
    assert client.get(reverse("events:registrations", kwargs={"pk": event.pk})).status_code == 403


def test_the_list_filters_by_district_theme_and_dates(client, make_event, organiser, district):
    other_district = ArrondissementFactory(
        number=11, code="75111", name="11e", centroid_lat=48.859, centroid_lon=2.38
    )
    food = HostFactory(organiser=organiser, district=other_district, title="AMAP", themes=["food"])
    soon = make_event(title="Repair soon", starts_at=timezone.now() + timedelta(days=2))
    later = make_event(title="Repair later", starts_at=timezone.now() + timedelta(days=20))
    market = make_event(title="Marché bio", host=food, starts_at=timezone.now() + timedelta(days=3))
    url = reverse("events:list")

    def titles(**params):
        html = client.get(url, params).content.decode()
        return {e.title for e in (soon, later, market) if e.title in html}

    assert titles() == {"Repair soon", "Repair later", "Marché bio"}
    assert titles(district="75111") == {"Marché bio"}
    assert titles(theme="waste_repair") == {"Repair soon", "Repair later"}
    until = timezone.localtime(timezone.now() + timedelta(days=10)).date().isoformat()
    assert titles(date_to=until) == {"Repair soon", "Marché bio"}
    assert titles(date_from=until) == {"Repair later"}


def download_links(html: str) -> list[str]:
    events = re.escape(reverse("events:list"))
    return re.findall(rf'href="({events}download\.[a-z]+[^"]*)"', html)


def test_the_lists_downloads_hold_what_the_list_shows(client, make_event):
    make_event(title="Atelier vélo")
    url = reverse("events:list")

    filtered = client.get(url, {"theme": "waste_repair", "date_from": "2026-12-01", "page": "1"})
    # The filters, not the page number: a download holds every matching event.
    csv, geojson = reverse("events:download_csv"), reverse("events:download_geojson")
    assert download_links(filtered.content.decode()) == [
        f"{csv}?theme=waste_repair&amp;date_from=2026-12-01",
        f"{geojson}?theme=waste_repair&amp;date_from=2026-12-01",
    ]
    invalid = client.get(url, {"district": "75999"})
    # The list says what is wrong and shows every event; its downloads too, instead of a refusal.
    assert "Select a valid choice" in invalid.content.decode()
    assert download_links(invalid.content.decode()) == [csv, geojson]


def test_past_and_cancelled_events_are_not_in_the_list(client, make_event, organiser):
    past = make_event(title="Past one")
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2, hours=-2)
    )
    cancelled = make_event(title="Cancelled one")
    services.cancel_event(cancelled, by=organiser, reason="")

    html = client.get(reverse("events:list")).content.decode()

    assert "Past one" not in html
    assert "Cancelled one" not in html


def test_the_events_list_takes_a_fixed_number_of_queries(client, make_event, cohost, make_volunteer):
    def add_rows():
        for n in range(8):
            event = make_event(title=f"Event {n}", capacity=10)
            event.cohosts.add(cohost)
            services.register(event, make_volunteer())

    make_event(title="First")
    assert_queries_do_not_grow(lambda: client.get(reverse("events:list")), add_rows, at_most=8)


def test_my_events_takes_a_fixed_number_of_queries(client, make_event, volunteer):
    client.force_login(volunteer)
    services.register(make_event(), volunteer)

    def add_rows():
        for _ in range(5):
            services.register(make_event(), volunteer)

    assert_queries_do_not_grow(lambda: client.get(reverse("events:mine")), add_rows)


def test_the_upcoming_partial_renders_given_events(make_event):
    from django.template.loader import render_to_string

    event = make_event(title="Balade des arbres")
    html = render_to_string("events/_upcoming.html", {"events": [event]})
    assert "Balade des arbres" in html
    assert event.get_absolute_url() in html
    assert "No upcoming event." in render_to_string("events/_upcoming.html", {"events": []})

"""Co-design workshops are events: staff add their sessions, people register, the sessions' pages link
back to the workshop's outputs (its notes, the ideas it produced)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.codesign import services
from mobilization.codesign.models import Workshop
from mobilization.codesign.tests.factories import IdeaFactory, WorkshopFactory
from mobilization.core.errors import AlreadyDone, InvalidTransition
from mobilization.events import services as event_services
from mobilization.events.models import Event, Registration
from mobilization.events.tests.factories import INSIDE, EventFactory, EventsArrondissementFactory, HostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def arrondissement(db):
    """The arrondissement that INSIDE is in: a session's place must be in the city."""
    return EventsArrondissementFactory()


def session_data(**overrides) -> dict:
    starts = timezone.localtime(timezone.now() + timedelta(days=10), event_services.city_zone()).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    data = {
        "title": "Atelier : l'entraide sur téléphone",
        "description": "Venez avec votre téléphone.",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "address": "1 place Jules Joffrin, 75018 Paris",
        "lat": str(INSIDE[0]),
        "lon": str(INSIDE[1]),
        "capacity": "1",
    }
    return data | overrides


def session_of(workshop: Workshop, **fields) -> Event:
    starts = timezone.now() + timedelta(days=5)
    values = {"starts_at": starts, "ends_at": starts + timedelta(hours=2), "capacity": 10} | fields
    return EventFactory(initiative=None, workshop=workshop, created_by=MemberFactory(), **values)


def test_a_workshop_session_is_an_event_people_register_to(client, staff, volunteer):
    workshop = WorkshopFactory(title_fr="Atelier entraide", notes_fr="")
    assert Client().get(workshop.get_absolute_url()).status_code == 404, "not announced: the team's only"

    client.force_login(staff)
    client.post(reverse("codesign:announce_workshop", kwargs={"pk": workshop.pk}))
    add_session = reverse("events:create", kwargs={"kind": "workshop", "host_pk": workshop.pk})
    assert add_session in client.get(workshop.get_absolute_url()).content.decode()
    response = client.post(add_session, session_data())
    session = Event.objects.get(workshop=workshop)
    assert response.status_code == 302 and session.host == workshop

    # A visitor reads the announced workshop and its session, with no form (no cookie).
    visitor = Client()
    response = visitor.get(workshop.get_absolute_url())
    page = response.content.decode()
    assert "Atelier : l&#x27;entraide sur téléphone" in page and "Sign in to register" in page
    assert not response.cookies
    assert "notes will be published here" in page
    assert workshop.get_absolute_url() in visitor.get(reverse("codesign:roadmap")).content.decode()

    # A volunteer registers from the workshop's page; the next one joins the waiting list (one place).
    client.force_login(volunteer)
    register = reverse("events:register", kwargs={"pk": session.pk})
    assert register in client.get(workshop.get_absolute_url()).content.decode()
    client.post(register)
    assert Registration.objects.get(event=session, user=volunteer).status == Registration.Status.REGISTERED
    assert "You are registered." in client.get(workshop.get_absolute_url()).content.decode()
    other = MemberFactory()
    client.force_login(other)
    assert "Join the waiting list" in client.get(workshop.get_absolute_url()).content.decode()
    client.post(register)
    assert Registration.objects.get(event=session, user=other).status == Registration.Status.WAITLISTED

    # Its calendar is the events app's: the workshop's feed holds the session.
    feed = visitor.get(reverse("events:workshop_feed", kwargs={"host_pk": workshop.pk}))
    assert feed.status_code == 200 and "SUMMARY:Atelier : l'entraide sur téléphone" in feed.content.decode()


def test_only_staff_add_a_session_and_only_to_an_announced_workshop(client, staff, volunteer):
    workshop = WorkshopFactory(notes_fr="")
    with pytest.raises(InvalidTransition):
        event_services.create_event(workshop, event_services.EventDetails(**_details()), by=staff)
    services.announce_workshop(workshop, by=staff)
    client.force_login(volunteer)
    add_session = reverse("events:create", kwargs={"kind": "workshop", "host_pk": workshop.pk})
    assert client.post(add_session, session_data()).status_code == 403
    assert not Event.objects.filter(workshop=workshop).exists()


def _details() -> dict:
    starts = timezone.now() + timedelta(days=3)
    return {
        "title": "Atelier",
        "description": "",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "address": "1 place Jules Joffrin, 75018 Paris",
        "lat": INSIDE[0],
        "lon": INSIDE[1],
    }


def test_the_event_page_links_to_the_workshop_and_its_published_outputs(client, staff):
    workshop = WorkshopFactory(title_fr="Atelier carte", notes_fr="Douze bénévoles ont testé la carte.")
    services.announce_workshop(workshop, by=staff)
    session = session_of(workshop, title="Atelier : la carte sur téléphone")
    page = client.get(session.get_absolute_url()).content.decode()
    assert workshop.get_absolute_url() in page and "Atelier carte" in page
    assert "#workshop-notes" not in page, "notes not published yet: nothing to link to"

    services.publish_workshop(workshop, by=staff)
    IdeaFactory(title="Horaires lisibles", workshop=workshop)
    IdeaFactory(title="Filtre ouvert maintenant", workshop=workshop)
    page = client.get(session.get_absolute_url()).content.decode()
    assert f'href="{workshop.get_absolute_url()}#workshop-notes"' in page
    assert f'href="{workshop.get_absolute_url()}#workshop-ideas"' in page
    assert "The 2 ideas it produced" in page
    workshop_page = client.get(workshop.get_absolute_url()).content.decode()
    assert 'id="workshop-notes"' in workshop_page and "Douze bénévoles" in workshop_page
    assert 'id="workshop-ideas"' in workshop_page and "Horaires lisibles" in workshop_page


def test_a_held_session_is_listed_and_the_api_names_its_workshop(client, staff):
    workshop = WorkshopFactory(title_fr="Atelier carte")
    services.publish_workshop(workshop, by=staff)
    past = timezone.now() - timedelta(days=30)
    session_of(workshop, title="Séance tenue", starts_at=past, ends_at=past + timedelta(hours=2))
    upcoming = session_of(workshop, title="Séance à venir")
    assert "Séance tenue" in client.get(workshop.get_absolute_url()).content.decode()

    items = client.get(reverse("api:list_events")).json()["items"]
    item = next(item for item in items if item["id"] == upcoming.pk)
    assert item["workshop"]["title"] == "Atelier carte" and item["initiative"] is None


def test_an_event_of_an_unannounced_workshop_is_hidden(client, staff):
    session = session_of(WorkshopFactory(notes_fr=""), title="Séance cachée")
    assert client.get(session.get_absolute_url()).status_code == 404
    assert "Séance cachée" not in client.get(reverse("events:list")).content.decode()


def test_the_database_refuses_an_event_with_two_hosts(staff):
    workshop = WorkshopFactory()
    session = session_of(workshop)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=session.pk).update(initiative=HostFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=session.pk).update(workshop=None)


def test_announcing_twice_is_refused(staff):
    workshop = WorkshopFactory()
    services.announce_workshop(workshop, by=staff)
    with pytest.raises(AlreadyDone):
        services.announce_workshop(workshop, by=staff)

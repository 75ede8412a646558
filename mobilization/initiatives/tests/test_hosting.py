"""Initiatives host events (hosting.py): partners co-host, an event change is a new version of the
initiatives' cached blocks, the demo initiatives have events."""

from io import StringIO

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core.errors import NotAllowed
from mobilization.events import hosts
from mobilization.events import services as events
from mobilization.events.models import Event, Registration
from mobilization.events.tests.factories import EventFactory
from mobilization.events.tests.factories import event_details as details
from mobilization.initiatives import cache, events_demo, hosting
from mobilization.initiatives.models import Partnership

pytestmark = pytest.mark.django_db

# Inside the 11th arrondissement of the initiatives' tests.
IN_THE_11TH = {"lat": 48.86, "lon": 2.365}


@pytest.fixture
def partner(make_initiative, published_initiative, other_organiser):
    """A public initiative that accepted to be the published initiative's partner."""
    partner = make_initiative("Jardins partagés du 11e", organiser=other_organiser, themes=["greening"])
    Partnership.objects.create(
        requester=partner,
        partner=published_initiative,
        status=Partnership.Status.ACCEPTED,
        created_by=other_organiser,
    )
    return partner


def test_initiatives_are_the_kind_of_host_named_initiative():
    assert hosts.kinds.get("initiative") is hosting.INITIATIVE
    assert hosting.INITIATIVE.model._meta.label == "initiatives.Initiative"


def test_only_a_published_initiative_takes_new_events(published_initiative, draft_initiative):
    assert hosting.refuses_events(published_initiative) == ""
    assert hosting.refuses_events(draft_initiative) == "Events can only be added to a published initiative."


def test_a_partner_co_hosts_and_the_event_shows_for_both(published_initiative, partner, organiser):
    event = events.create_event(published_initiative, details(**IN_THE_11TH), by=organiser, cohosts=[partner])

    assert list(event.cohosts.all()) == [partner]
    assert list(Event.objects.hosted_by(published_initiative)) == [event]
    assert list(Event.objects.hosted_by(partner)) == [event]


def test_an_initiative_that_is_not_a_partner_cannot_co_host(
    published_initiative, make_initiative, organiser, other_organiser
):
    stranger = make_initiative("Vélo-école", organiser=other_organiser)

    with pytest.raises(NotAllowed, match="not a partner of this initiative"):
        events.create_event(published_initiative, details(**IN_THE_11TH), by=organiser, cohosts=[stranger])
    assert not Event.objects.exists()


def test_the_possible_co_hosts_are_the_public_accepted_partners(
    published_initiative, partner, make_initiative, other_organiser
):
    asked_only = make_initiative("Demande en attente", organiser=other_organiser)
    Partnership.objects.create(requester=asked_only, partner=published_initiative, created_by=other_organiser)

    assert list(hosting.partner_initiatives(published_initiative)) == [partner]
    assert list(hosting.partner_initiatives(partner)) == [published_initiative]


def test_the_organiser_picks_a_partner_as_co_host_and_it_shows_on_the_event(
    client, organiser, published_initiative, partner
):
    client.force_login(organiser)
    form = client.get(reverse("events:create", args=[published_initiative.pk])).content.decode()
    assert partner.title in form

    data = {
        "title": "Atelier vélo",
        "description": "",
        "starts_at": details().starts_at.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": details().ends_at.strftime("%Y-%m-%dT%H:%M"),
        "address": "3 rue Oberkampf, 75011 Paris",
        "lat": "48.86",
        "lon": "2.365",
        "capacity": "",
        "cohosts": [partner.pk],
    }
    response = client.post(reverse("events:create", args=[published_initiative.pk]), data)

    event = Event.objects.get()
    assert response.status_code == 302
    assert list(event.cohosts.all()) == [partner]
    assert partner.title in client.get(event.get_absolute_url()).content.decode()


# --- Cached blocks ------------------------------------------------------------------------------------------


def test_a_changed_event_is_a_new_version_of_the_lists_and_of_its_hosts_pages(published_initiative, partner):
    event = EventFactory(initiative=published_initiative, **IN_THE_11TH)
    event.cohosts.add(partner)
    before = (
        cache.events_version(),
        cache.content_version(published_initiative.pk),
        cache.content_version(partner.pk),
    )

    event.title = "Atelier vélo (nouvelle heure)"
    event.save()

    assert cache.events_version() != before[0]
    assert cache.content_version(published_initiative.pk) != before[1]
    assert cache.content_version(partner.pk) != before[2]


def test_a_deleted_event_is_a_new_version_of_the_lists(published_initiative):
    event = EventFactory(initiative=published_initiative, **IN_THE_11TH)
    before = cache.events_version()

    event.delete()

    assert cache.events_version() != before


@pytest.mark.parametrize("change", ["add", "remove", "clear", "clear from the initiative"])
def test_a_co_host_added_or_removed_is_a_new_version_of_both_pages(published_initiative, partner, change):
    event = EventFactory(initiative=published_initiative, **IN_THE_11TH)
    if change != "add":
        event.cohosts.add(partner)
    before = (cache.content_version(published_initiative.pk), cache.content_version(partner.pk))

    if change == "add":
        event.cohosts.add(partner)
    elif change == "remove":
        event.cohosts.remove(partner)
    elif change == "clear":
        event.cohosts.clear()
    else:
        partner.cohosted_events.clear()

    assert cache.content_version(published_initiative.pk) != before[0]
    assert cache.content_version(partner.pk) != before[1]


# --- The demo initiatives' events ---------------------------------------------------------------------------


def test_without_initiatives_the_demo_says_so_and_creates_no_event():
    out = StringIO()
    events_demo.seed(out)
    assert "no published initiative" in out.getvalue()
    assert not Event.objects.exists()


def test_the_demo_creates_events_registrations_a_waiting_list_and_a_co_hosted_event_once(
    published_initiative, partner
):
    volunteer = MemberFactory(email=events_demo.VOLUNTEER, display_name="Camille")
    for email in events_demo.OTHERS:
        MemberFactory(email=email, display_name=email.split("@")[0])
    out = StringIO()

    events_demo.seed(out)

    upcoming = Event.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.count() >= 2
    assert all(e.ends_at > e.starts_at for e in Event.objects.all())
    local_hours = {timezone.localtime(e.starts_at).hour for e in upcoming}
    assert local_hours <= {10, 14, 15, 18, 19}
    assert Registration.objects.filter(user=volunteer, status=Registration.Status.REGISTERED).count() == 2
    assert Registration.objects.filter(status=Registration.Status.WAITLISTED).count() == 2
    assert Event.objects.filter(initiative=partner, cohosts=published_initiative).exists()
    count = Event.objects.count()

    again = StringIO()
    events_demo.seed(again)

    assert Event.objects.count() == count
    assert "already there" in again.getvalue()

"""The demo seeder on the real Paris arrondissements: about 200 initiatives, once, and their events."""

import io
import re
from collections import Counter

import pytest
from django.core.management import call_command

from mobilization.accounts.demo import DEMO_ACCOUNTS
from mobilization.accounts.services import create_demo_account
from mobilization.core import roles
from mobilization.events.models import Event
from mobilization.initiatives import demo, events_demo, synergy
from mobilization.initiatives.models import Initiative, InitiativeSearchTerm, Partnership
from mobilization.territory.services import district_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def paris(paris_data):
    call_command("import_paris", stdout=io.StringIO())
    create_demo_account("organiser@demo.climat.test", "x-demo-pass-2026", [roles.ORGANISER], "Nadia")
    create_demo_account("volunteer@demo.climat.test", "x-demo-pass-2026", [roles.VOLUNTEER], "Camille")


def test_the_demo_seeds_realistic_initiatives_once(paris):
    out = io.StringIO()
    demo.seed(out)
    initiatives = Initiative.objects.select_related("district")
    assert 180 <= initiatives.count() <= 260
    assert initiatives.values("district").distinct().count() == 20
    assert initiatives.filter(status="submitted").exists()
    assert initiatives.filter(status="draft").exists()
    assert all(district_at(i.lat, i.lon) == i.district for i in initiatives)
    assert InitiativeSearchTerm.objects.values("initiative").distinct().count() == initiatives.count()
    assert Partnership.objects.filter(status="accepted").count() >= 2
    pair = Initiative.objects.get(title="Lombricompost collectif Oberkampf–Parmentier")
    assert synergy.similar_to(pair)[0].initiative.title == "Lombricomposteurs des immeubles Parmentier"

    demo.seed(out)
    assert Initiative.objects.count() == initiatives.count()
    assert "already there" in out.getvalue()


def test_no_two_demo_initiatives_share_a_title_or_a_summary(paris):
    demo.seed(io.StringIO())

    titles = Counter(Initiative.objects.values_list("title", flat=True))
    summaries = Counter(Initiative.objects.values_list("summary", flat=True))

    assert [title for title, count in titles.items() if count > 1] == []
    assert [summary for summary, count in summaries.items() if count > 1] == []


def test_the_demo_initiatives_are_of_many_kinds_by_organisers_of_that_kind(paris):
    demo.seed(io.StringIO())
    initiatives = list(Initiative.objects.select_related("organiser"))

    # Repair cafés, gardens, school streets, renovation collectives...: no kind makes up a tenth of them.
    kind_of = {description: kind.key for kind in demo.KINDS for description in kind.descriptions}
    kinds = Counter(kind_of[i.description] for i in initiatives if i.description in kind_of)
    assert len(kinds) == len(demo.KINDS)
    assert max(kinds.values()) < len(initiatives) / 10
    # The bike workshops are run by the bike workshop's organiser, not by the AMAP's.
    bike = [i for i in initiatives if i.description in demo.KINDS[1].descriptions]
    assert {i.organiser.email for i in bike} == {demo.KINDS[1].organiser}


def test_every_demo_initiative_and_event_lies_in_the_arrondissement_its_address_names(paris):
    for email, name, role_names in DEMO_ACCOUNTS[2:]:
        create_demo_account(email, "x-demo-pass-2026", role_names, name)
    demo.seed(io.StringIO())
    events_demo.seed(io.StringIO())
    events = list(Event.objects.select_related("initiative__district"))
    assert len(events) >= 200

    wrong = []
    for event in events:
        district = district_at(event.lat, event.lon)
        postcode = re.search(r"\b750(\d\d) Paris$", event.address)
        if not (
            district == event.initiative.district and postcode and int(postcode.group(1)) == district.number
        ):
            wrong.append((event.address, district and district.number, event.initiative.district.number))
    assert wrong == []
    # Each event is of the kind its initiative organises: no bike repair in a compost initiative's diary.
    for event in events:
        ideas = events_demo.EVENTS_BY_DESCRIPTION.get(event.initiative.description)
        if (
            ideas
            and event.title not in {"Atelier compost en appartement (petit groupe)"}
            and "×" not in event.title
        ):
            assert (event.title, event.description) in {(title, text) for title, text, _venue in ideas}
            assert any(event.address.startswith(f"{venue} – ") for _title, _text, venue in ideas)
    for initiative in Initiative.objects.select_related("district"):
        assert district_at(initiative.lat, initiative.lon) == initiative.district

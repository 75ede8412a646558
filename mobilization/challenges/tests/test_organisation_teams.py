"""Organisation teams: the challenges read the kernel's `affiliations` registry (which the commitments app
fills in) to offer "join the team of <organisation>"; one team per organisation and challenge, formed on
the first join, named after the organisation and linked to its page. This app imports no other pillar: its
tests register a provider of their own in place of the commitments app's."""

import pytest
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.challenges import leaderboards, services
from mobilization.challenges.models import Challenge, Participant, Team
from mobilization.challenges.tests.factories import TeamFactory
from mobilization.core import registries
from mobilization.core.errors import AlreadyDone, NotAllowed

pytestmark = pytest.mark.django_db

MARAIS = registries.Affiliation(key="organisation:7", name="Boulangerie du Marais", url="/fr/org/marais/")


@pytest.fixture
def staff_of_marais(monkeypatch):
    """The people the fake provider says may join for the bakery (in place of the real providers)."""
    members: set[int] = set()
    provider = registries.Registry("affiliations")
    provider.register("test", lambda user: [MARAIS] if user.pk in members else [])
    monkeypatch.setattr(registries, "affiliations", provider)
    return members


def _representative(staff_of_marais):
    person = MemberFactory()
    staff_of_marais.add(person.pk)
    return person


def test_a_representative_sees_and_joins_their_organisation_team(client, clock, car_free, staff_of_marais):
    person = _representative(staff_of_marais)
    challenge = car_free.challenge
    client.force_login(person)

    html = client.get(challenge.get_absolute_url()).content.decode()
    assert "Boulangerie du Marais" in html
    assert reverse("challenges:join_organisation", args=[challenge.pk]) in html

    response = client.post(
        reverse("challenges:join_organisation", args=[challenge.pk]),
        {"organisation": MARAIS.key},
        follow=True,
    )
    team = Participant.objects.get(user=person).team
    assert (team.kind, team.name, team.affiliation_url) == (Team.Kind.ORGANISATION, MARAIS.name, MARAIS.url)
    html = response.content.decode()
    assert 'href="/fr/org/marais/"' in html  # on the leaderboard and in "your team"
    assert "invite-link" not in html  # an organisation's team is joined by its people, not by a link


def test_someone_else_is_not_offered_the_team_and_cannot_post_into_it(
    client, clock, car_free, staff_of_marais
):
    _representative(staff_of_marais)
    challenge = car_free.challenge
    stranger = MemberFactory()
    client.force_login(stranger)

    html = client.get(challenge.get_absolute_url()).content.decode()
    assert "Boulangerie du Marais" not in html
    response = client.post(
        reverse("challenges:join_organisation", args=[challenge.pk]),
        {"organisation": MARAIS.key},
        follow=True,
    )
    assert "organisation you represent" in response.content.decode()
    assert not Participant.objects.filter(user=stranger).exists()
    assert not Team.objects.filter(affiliation_key=MARAIS.key).exists()


def test_a_visitor_is_offered_nothing(client, clock, car_free, staff_of_marais):
    _representative(staff_of_marais)
    assert "Boulangerie du Marais" not in client.get(car_free.challenge.get_absolute_url()).content.decode()


def test_colleagues_share_one_team_which_ranks_with_the_others(clock, car_free, staff_of_marais):
    challenge = car_free.challenge
    first, second = _representative(staff_of_marais), _representative(staff_of_marais)
    services.join_organisation(challenge, MARAIS.key, first)
    services.join_organisation(challenge, MARAIS.key, second)
    services.check_in(Participant.objects.get(user=second), car_free)
    services.form_team(challenge, "Les Vélos", MemberFactory())

    assert Team.objects.filter(challenge=challenge, kind=Team.Kind.ORGANISATION).count() == 1
    rows = leaderboards.teams(challenge)
    assert [(r.name, r.participants, r.url) for r in rows] == [
        ("Boulangerie du Marais", 2, MARAIS.url),
        ("Les Vélos", 1, ""),
    ]


def test_a_volunteers_team_with_the_organisation_name_does_not_stop_it(clock, challenge, staff_of_marais):
    services.form_team(challenge, "Boulangerie du Marais", MemberFactory())
    participant = services.join_organisation(challenge, MARAIS.key, _representative(staff_of_marais))
    assert participant.team.name == "Boulangerie du Marais (organisation)"
    assert participant.team.kind == Team.Kind.ORGANISATION


def test_one_team_per_person_and_only_while_open(clock, challenge, staff_of_marais):
    person = _representative(staff_of_marais)
    TeamFactory(challenge=challenge)
    services.form_team(challenge, "Déjà là", person)
    with pytest.raises(AlreadyDone):
        services.join_organisation(challenge, MARAIS.key, person)

    challenge.status = Challenge.Status.ENDED
    challenge.save()
    with pytest.raises(NotAllowed):
        services.join_organisation(challenge, MARAIS.key, _representative(staff_of_marais))


def test_an_organisation_team_has_no_invite_page(client, clock, challenge, staff_of_marais):
    participant = services.join_organisation(challenge, MARAIS.key, _representative(staff_of_marais))
    assert client.get(participant.team.get_invite_url()).status_code == 404

"""Once a day means once, under real concurrency (PostgreSQL): the same check-in sent from several tabs at
once leaves one row, and every other tab is told it was done already; two people forming the first team of
their arrondissement at once end up in one team."""

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.challenges import services
from mobilization.challenges.models import ChallengeCheckIn, Team
from mobilization.challenges.tests.factories import ParticipantFactory
from mobilization.core.errors import AlreadyDone
from mobilization.core.testing import postgres_only, run_at_once

pytestmark = postgres_only()


def test_a_check_in_sent_from_several_tabs_at_once_is_one_row(clock, car_free):
    participant = ParticipantFactory(team__challenge=car_free.challenge)

    outcomes = run_at_once(lambda index: services.check_in(participant, car_free))

    assert ChallengeCheckIn.objects.filter(participant=participant, action=car_free).count() == 1
    assert len([o for o in outcomes if isinstance(o, ChallengeCheckIn)]) == 1
    assert all(isinstance(o, AlreadyDone) for o in outcomes if not isinstance(o, ChallengeCheckIn))


def test_neighbours_joining_their_arrondissement_at_once_share_one_team(clock, challenge, eleventh):
    people = [MemberFactory() for _ in range(4)]

    outcomes = run_at_once(lambda index: services.join_district(challenge, eleventh, people[index]), count=4)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert Team.objects.filter(challenge=challenge).count() == 1
    assert Team.objects.get(challenge=challenge).participants.count() == 4


def test_colleagues_joining_their_organisation_at_once_share_one_team(clock, challenge, monkeypatch):
    from mobilization.core import registries

    bakery = registries.Affiliation(key="organisation:7", name="Boulangerie du Marais", url="/org/marais/")
    provider = registries.Registry("affiliations")
    provider.register("test", lambda user: [bakery])
    monkeypatch.setattr(registries, "affiliations", provider)
    people = [MemberFactory() for _ in range(4)]

    outcomes = run_at_once(
        lambda index: services.join_organisation(challenge, bakery.key, people[index]), count=4
    )

    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert Team.objects.filter(challenge=challenge).count() == 1
    assert Team.objects.get(challenge=challenge).participants.count() == 4

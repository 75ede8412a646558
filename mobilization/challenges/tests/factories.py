from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.challenges.models import Challenge, ChallengeAction, Participant, Team

# The clock the tests fix: the challenges run around this day.
DAY_ONE = date(2027, 3, 1)
CAR_FREE = "transport . voiture . boulot . sans voiture"
VEGETARIAN = "alimentation . devenir végétarien"


class ChallengeFactory(DjangoModelFactory):
    class Meta:
        model = Challenge

    title = factory.Sequence(lambda n: f"Un mois sans voiture {n}")
    title_en = factory.Sequence(lambda n: f"A month without a car {n}")
    summary = "Trente jours pour se déplacer autrement."
    summary_en = "Thirty days to get around differently."
    starts_on = DAY_ONE
    ends_on = factory.LazyAttribute(lambda challenge: challenge.starts_on + timedelta(days=29))
    status = Challenge.Status.OPEN
    created_by = factory.SubFactory(MemberFactory)


class ChallengeActionFactory(DjangoModelFactory):
    class Meta:
        model = ChallengeAction

    challenge = factory.SubFactory(ChallengeFactory)
    label = "Je suis allé·e au travail sans voiture"
    label_en = "I went to work without a car"
    footprint_rule = CAR_FREE


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    challenge = factory.SubFactory(ChallengeFactory)
    kind = Team.Kind.VOLUNTEERS
    name = factory.Sequence(lambda n: f"Équipe {n}")


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    team = factory.SubFactory(TeamFactory)
    challenge = factory.SelfAttribute("team.challenge")
    user = factory.SubFactory(MemberFactory)

"""A challenge at the size of a city-wide one: "A month without a car" in its last days, with 2,000
participants in the 20 arrondissements' teams and 180 teams of volunteers, and about 60,000 daily
check-ins on its two actions. The challenge's page (its actions with their estimated savings, the totals
and the two leaderboards) and the leaderboards' own page, which the challenge's page polls.

The leaderboards are three aggregate queries over the check-ins, kept in the cache until the next check-in
of the challenge (a minute at most), and so is their HTML; the savings of the model's defaults are computed
once per process. No target ratio yet: the pages render their layout on every request (the places and plan
pages reach 0.17 of "hello" with `core.shell`, which these pages do not use yet)."""

import random
from datetime import timedelta

NAME = "challenges"
DESCRIPTION = "A challenge's page and leaderboards: 2,000 participants, 200 teams, 60,000 check-ins"

PARTICIPANTS = 2000
VOLUNTEER_TEAMS = 180
DAYS = 28
UNUSABLE = "!"  # an unusable password hash: nobody signs in as a bench participant


def _challenge():
    from mobilization.challenges.models import Challenge

    return Challenge.objects.filter(title_en="Bench: a month without a car").first()


def prepare(scale: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from mobilization.accounts.models import User
    from mobilization.challenges import savings
    from mobilization.challenges.models import Challenge, ChallengeAction, ChallengeCheckIn, Participant, Team
    from mobilization.territory.models import District

    wanted = PARTICIPANTS * scale
    challenge = _challenge()
    if challenge is not None and challenge.participants.count() >= wanted:
        return
    if not District.objects.arrondissements().exists():
        call_command("import_paris", verbosity=0)
    rng = random.Random(15)  # noqa: S311 - reproducible synthetic data
    today = timezone.localdate()
    staff, _created = User.objects.get_or_create(email="bench-staff@example.org")
    if challenge is None:
        challenge = Challenge.objects.create(
            title_fr="Banc d'essai : un mois sans voiture",
            title_en="Bench: a month without a car",
            summary_fr="Trente jours pour se déplacer autrement.",
            summary_en="Thirty days to get around differently.",
            starts_on=today - timedelta(days=DAYS),
            ends_on=today + timedelta(days=2),
            status=Challenge.Status.OPEN,
            created_by=staff,
        )
        for position, (fr, en, rule) in enumerate(
            [
                (
                    "Au travail sans voiture",
                    "To work without a car",
                    "transport . voiture . boulot . sans voiture",
                ),
                ("J'ai covoituré", "I car-shared", "transport . voiture . covoiturage"),
            ]
        ):
            ChallengeAction.objects.create(
                challenge=challenge, label_fr=fr, label_en=en, footprint_rule=rule, position=position
            )
    districts = list(District.objects.arrondissements())
    for district in districts:
        Team.objects.get_or_create(
            challenge=challenge,
            district=district,
            defaults={"kind": Team.Kind.DISTRICT, "name": district.name},
        )
    for number in range(
        Team.objects.filter(challenge=challenge, kind=Team.Kind.VOLUNTEERS).count(), VOLUNTEER_TEAMS * scale
    ):
        Team.objects.create(challenge=challenge, kind=Team.Kind.VOLUNTEERS, name=f"Équipe {number:04d}")
    teams = list(Team.objects.filter(challenge=challenge))
    start = challenge.participants.count()
    users = User.objects.bulk_create(
        User(email=f"bench-challenger-{number:06d}@example.org", password=UNUSABLE)
        for number in range(start, wanted)
    )
    participants = []
    for user in users:
        team = rng.choice(teams)
        participants.append(
            Participant(
                challenge=challenge, team=team, user=user, district=team.district or rng.choice(districts)
            )
        )
    participants = Participant.objects.bulk_create(participants, batch_size=500)
    actions = list(challenge.actions.all())
    kg = {action.pk: savings.daily_saving(action.footprint_rule) for action in actions}
    check_ins = []
    for participant in participants:
        for offset in range(DAYS):
            for action in actions:
                if rng.random() < 0.55:
                    check_ins.append(
                        ChallengeCheckIn(
                            participant=participant,
                            action=action,
                            day=challenge.starts_on + timedelta(days=offset),
                            kg_co2e=kg[action.pk],
                        )
                    )
        if len(check_ins) > 5000:
            ChallengeCheckIn.objects.bulk_create(check_ins, batch_size=1000)
            check_ins = []
    ChallengeCheckIn.objects.bulk_create(check_ins, batch_size=1000)


def targets() -> list[tuple]:
    from django.urls import reverse

    challenge = _challenge()
    return [
        ("challenges list", reverse("challenges:list")),
        ("challenge page", challenge.get_absolute_url()),
        ("leaderboards page", reverse("challenges:leaderboard", args=[challenge.pk])),
    ]

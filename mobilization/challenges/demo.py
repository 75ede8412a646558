"""The demo's challenges (the seeder "challenges", run by `manage.py setup_demo` after the accounts and the
initiatives' organisers, whose demo accounts take part).

Three challenges: "A month without a car", open since ten days, with two arrondissements' teams and a team
of volunteers; "One more vegetarian day", open since three days; and a "Zero-waste week" that ended last
month with its results published (they count in the home page's total). Check-ins of the days gone by
are estimated with the model's defaults, as for anyone who has not saved footprint answers.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from mobilization.challenges import savings
from mobilization.challenges.models import Challenge, ChallengeAction, ChallengeCheckIn, Participant, Team
from mobilization.territory.models import District

STAFF = "staff@demo.climat.test"

CHALLENGES = [
    {
        "title_fr": "Un mois sans voiture",
        "title_en": "A month without a car",
        "summary_fr": "Trente jours pour se déplacer autrement : à pied, à vélo, en transports en commun.",
        "summary_en": "Thirty days to get around differently: on foot, by bike, by public transport.",
        "description_fr": "Chaque jour où vous laissez la voiture, cochez-le. Formez une équipe avec vos "
        "collègues ou vos voisins, ou rejoignez celle de votre arrondissement.",
        "description_en": "Each day you leave the car, tick it. Form a team with your colleagues or "
        "neighbours, or join your arrondissement's.",
        "start": -10,
        "days": 30,
        "status": Challenge.Status.OPEN,
        "actions": [
            (
                "Je suis allé·e au travail sans voiture",
                "I went to work without a car",
                "transport . voiture . boulot . sans voiture",
            ),
            (
                "J'ai covoituré au lieu de conduire seul·e",
                "I car-shared instead of driving alone",
                "transport . voiture . covoiturage",
            ),
        ],
        "districts": [11, 20],
        "teams": ["Les Vélos du Canal"],
    },
    {
        "title_fr": "Un jour végétarien de plus",
        "title_en": "One more vegetarian day",
        "summary_fr": "Ajoutez un jour végétarien à votre semaine, et voyez ce que cela évite ensemble.",
        "summary_en": "Add a vegetarian day to your week, and see what it avoids together.",
        "description_fr": "Un jour sans viande ni poisson : cochez-le le soir même.",
        "description_en": "A day without meat or fish: tick it the same evening.",
        "start": -3,
        "days": 28,
        "status": Challenge.Status.OPEN,
        "actions": [
            (
                "J'ai mangé végétarien toute la journée",
                "I ate vegetarian all day",
                "alimentation . devenir végétarien",
            ),
        ],
        "districts": [4, 13],
        "teams": ["Cantine du 13"],
    },
    {
        "title_fr": "Semaine zéro déchet",
        "title_en": "Zero-waste week",
        "summary_fr": "Une semaine pour réduire ses déchets : vrac, réemploi, compost.",
        "summary_en": "A week to cut one's waste: bulk buying, reuse, compost.",
        "description_fr": "Chaque jour sans déchet, cochez-le.",
        "description_en": "Each day without waste, tick it.",
        "start": -40,
        "days": 7,
        "status": Challenge.Status.RESULTS_PUBLISHED,
        "actions": [
            (
                "Aucun déchet jeté aujourd'hui",
                "No waste thrown away today",
                "alimentation . déchets . devenir zéro déchet",
            ),
            (
                "J'ai mangé local et de saison",
                "I ate local and seasonal food",
                "alimentation . bonus . manger local",
            ),
        ],
        "districts": [18, 11],
        "teams": ["Vrac et compagnie"],
    },
]


def seed(stdout, **options) -> None:
    if Challenge.objects.exists():
        stdout.write("Challenges: the demo challenges are already there.")
        return
    users = get_user_model().objects
    staff = users.filter(email=STAFF).first()
    people = list(users.filter(email__endswith="@demo.climat.test").exclude(email=STAFF).order_by("pk")[:18])
    districts = {d.number: d for d in District.objects.arrondissements()}
    if staff is None or len(people) < 3 or len(districts) < 20:
        stdout.write("Challenges: no demo accounts or arrondissements yet, no challenge created.")
        return
    rng = random.Random(2026)
    today = timezone.localdate()
    now = timezone.now()
    ticks = 0
    with transaction.atomic():
        for spec in CHALLENGES:
            starts_on = today + timedelta(days=spec["start"])
            ends_on = starts_on + timedelta(days=spec["days"] - 1)
            challenge = Challenge.objects.create(
                **{
                    key: spec[key] for key in spec if key.split("_")[0] in ("title", "summary", "description")
                },
                starts_on=starts_on,
                ends_on=ends_on,
                status=spec["status"],
                results_published_at=now if spec["status"] == Challenge.Status.RESULTS_PUBLISHED else None,
                created_by=staff,
            )
            actions = [
                ChallengeAction.objects.create(
                    challenge=challenge, label_fr=fr, label_en=en, footprint_rule=rule, position=index
                )
                for index, (fr, en, rule) in enumerate(spec["actions"])
            ]
            teams = [
                Team.objects.create(
                    challenge=challenge,
                    kind=Team.Kind.DISTRICT,
                    name=districts[n].name,
                    district=districts[n],
                )
                for n in spec["districts"]
            ] + [
                Team.objects.create(
                    challenge=challenge, kind=Team.Kind.VOLUNTEERS, name=name, created_by=people[0]
                )
                for name in spec["teams"]
            ]
            members = rng.sample(people, min(len(people), 4 * len(teams)))
            last_day = min(today - timedelta(days=1), ends_on)
            for index, user in enumerate(members):
                team = teams[index % len(teams)]
                profile = getattr(user, "profile", None)
                participant = Participant.objects.create(
                    challenge=challenge,
                    team=team,
                    user=user,
                    district=team.district or getattr(profile, "home_district", None),
                )
                check_ins = []
                day = starts_on
                while day <= last_day:
                    for action in actions:
                        if rng.random() < 0.6:
                            check_ins.append(
                                ChallengeCheckIn(
                                    participant=participant,
                                    action=action,
                                    day=day,
                                    kg_co2e=savings.daily_saving(action.footprint_rule),
                                )
                            )
                    day += timedelta(days=1)
                ChallengeCheckIn.objects.bulk_create(check_ins)
                ticks += len(check_ins)
    stdout.write(f"Challenges: {len(CHALLENGES)} challenges, {ticks} check-ins.")

"""The demo's trainings, sessions and certifications (registered as the seeder "learning" in apps.py,
run by `manage.py setup_demo` after the accounts and the events).

Five trainings the city offers its volunteers, among them the heatwave buddy ("Binôme solidarité
canicule", code `heatwave-buddy`, with a quiz) that the solidarity pillar asks for. Nadia
(organiser@demo.climat.test) trains them all; sessions are held in town halls and the Maison des acteurs
du Paris durable over the next weeks, and some took place already. Camille (volunteer@demo.climat.test)
holds the heatwave buddy certification, and a repair café one that expires within the month (its reminder
can be sent with `manage.py send_certification_reminders`).
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from mobilization.core import roles
from mobilization.events.models import Event, Registration
from mobilization.events.services import city_zone
from mobilization.learning import links, search, services
from mobilization.learning.demo_resources import BODY, RESOURCES, SUBMITTED
from mobilization.learning.models import (
    QuizAttempt,
    QuizChoice,
    QuizQuestion,
    Resource,
    ResourceFeedback,
    Training,
)

TRAINER = "organiser@demo.climat.test"
STAFF = "staff@demo.climat.test"
VOLUNTEER = "volunteer@demo.climat.test"
OTHERS = ("organisation@demo.climat.test", "committee@demo.climat.test")

# (address, arrondissement number, lat, lon)
VENUES = [
    ("Mairie du 11e, 12 place Léon-Blum, 75011 Paris", 11, 48.8575, 2.3796),
    ("Mairie du 4e, 2 place Baudoyer, 75004 Paris", 4, 48.8563, 2.3542),
    ("Maison des acteurs du Paris durable, 21 rue des Blancs-Manteaux, 75004 Paris", 4, 48.8590, 2.3556),
    ("Mairie du 20e, 6 place Gambetta, 75020 Paris", 20, 48.8650, 2.3987),
    ("Mairie du 13e, 1 place d'Italie, 75013 Paris", 13, 48.8316, 2.3555),
    ("Mairie du 18e, 1 place Jules-Joffrin, 75018 Paris", 18, 48.8923, 2.3446),
]

TRAININGS = [
    {
        "code": "heatwave-buddy",
        "title_fr": "Binôme solidarité canicule",
        "title_en": "Heatwave solidarity buddy",
        "summary_fr": "Devenir le binôme d'une personne isolée pendant les fortes chaleurs : "
        "appeler, passer, repérer les signes d'alerte et savoir qui prévenir.",
        "summary_en": "Become the buddy of an isolated person during heatwaves: call, visit, "
        "spot the warning signs and know whom to alert.",
        "description_fr": "**Au programme**\n\n"
        "- Les effets de la chaleur sur le corps, surtout après 75 ans\n"
        "- Les signes d'alerte : confusion, fatigue inhabituelle, peau sèche et chaude\n"
        "- Appeler chaque jour : quoi demander, comment noter\n- Quand appeler le 15 ou la coordination\n"
        "- Le respect de la vie privée des personnes accompagnées\n\nDurée : 3 heures. Un court quiz "
        "vérifie les réflexes essentiels.",
        "description_en": "**Programme**\n\n- How heat affects the body, above all after 75\n"
        "- Warning signs: confusion, unusual tiredness, dry and hot skin\n"
        "- Calling every day: what to ask, how to note it\n- When to call 15 or the coordination\n"
        "- Respecting the privacy of the people you support\n\nThree hours. A short quiz checks the "
        "essential reflexes.",
        "themes": ["solidarity"],
        "requires_quiz": True,
        "validity_months": 24,
        "quiz": [
            (
                "Une personne âgée vous dit avoir la tête qui tourne et ne plus avoir soif. "
                "Que faites-vous ?",
                "An elderly person tells you they feel dizzy and are no longer thirsty. What do you do?",
                [
                    (
                        "Je lui propose de boire et j'appelle le 15 si cela ne passe pas",
                        "I offer a drink and call 15 if it does not pass",
                        True,
                    ),
                    ("Je repasserai demain", "I will come back tomorrow", False),
                    ("Je lui conseille une promenade", "I advise a walk", False),
                ],
            ),
            (
                "À quelle heure vaut-il mieux aérer le logement pendant une canicule ?",
                "When is it best to air the home during a heatwave?",
                [
                    ("Tôt le matin et tard le soir", "Early morning and late evening", True),
                    ("En début d'après-midi", "Early afternoon", False),
                ],
            ),
            (
                "Avec qui pouvez-vous partager les coordonnées de la personne accompagnée ?",
                "With whom may you share the contact details of the person you support?",
                [
                    (
                        "Seulement avec la coordination solidarité",
                        "Only with the solidarity coordination",
                        True,
                    ),
                    ("Avec les voisins qui le demandent", "With neighbours who ask", False),
                ],
            ),
        ],
    },
    {
        "code": "climate-fresk-facilitator",
        "title_fr": "Animer une Fresque du Climat",
        "title_en": "Facilitating a Climate Fresk",
        "summary_fr": "Apprendre à animer l'atelier collaboratif qui explique les causes et conséquences du "
        "dérèglement climatique.",
        "summary_en": "Learn to run the collaborative workshop that explains the causes and consequences of "
        "climate change.",
        "description_fr": "Une demi-journée pour jouer la Fresque, puis une demi-journée pour apprendre à "
        "l'animer : gestion du temps, questions difficiles, restitution.",
        "description_en": "Half a day to play the Fresk, then half a day to learn to run it: timing, "
        "difficult questions, debriefing.",
        "themes": ["education"],
        "requires_quiz": False,
        "validity_months": None,
        "quiz": [],
    },
    {
        "code": "repair-cafe-host",
        "title_fr": "Accueillir un Repair Café",
        "title_en": "Hosting a Repair Café",
        "summary_fr": "Organiser l'accueil, la sécurité électrique et le suivi des réparations "
        "d'un Repair Café "
        "de quartier.",
        "summary_en": "Organise the welcome, electrical safety and repair follow-up of a neighbourhood "
        "Repair Café.",
        "description_fr": "Accueil des visiteurs, fiche de diagnostic, règles de sécurité (débrancher, "
        "tester), assurance et statistiques de réparations.",
        "description_en": "Welcoming visitors, diagnosis sheet, safety rules (unplug, test), insurance and "
        "repair statistics.",
        "themes": ["waste_repair"],
        "requires_quiz": False,
        "validity_months": 36,
        "quiz": [],
    },
    {
        "code": "compost-guide",
        "title_fr": "Guide composteur de quartier",
        "title_en": "Neighbourhood compost guide",
        "summary_fr": "Faire vivre un composteur partagé : équilibre des apports, retournement, récolte et "
        "accueil des voisins.",
        "summary_en": "Run a shared compost bin: balancing inputs, turning, harvesting and welcoming "
        "neighbours.",
        "description_fr": "Formation pratique au pied d'un composteur de pied d'immeuble.",
        "description_en": "Hands-on training at a residential compost bin.",
        "themes": ["waste_repair", "food"],
        "requires_quiz": False,
        "validity_months": 60,
        "quiz": [],
    },
    {
        "code": "energy-neighbour-adviser",
        "title_fr": "Conseiller ses voisins sur l'énergie",
        "title_en": "Advising neighbours on energy",
        "summary_fr": "Lire une facture, repérer les gaspillages et orienter vers les aides à la rénovation.",
        "summary_en": "Read a bill, spot waste and point to renovation grants.",
        "description_fr": "Avec l'Agence Parisienne du Climat : écogestes, chèque énergie, "
        "MaPrimeRénov' et accompagnement des copropriétés.",
        "description_en": "With the Paris Climate Agency: energy-saving habits, energy cheque, "
        "MaPrimeRénov' and support for co-ownerships.",
        "themes": ["energy"],
        "requires_quiz": False,
        "validity_months": 24,
        "quiz": [],
    },
]


def _at(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=city_zone())


def _session(rng, training, trainer, day) -> Event:
    address, _number, lat, lon = rng.choice(VENUES)
    hour = rng.choice([10, 14, 18])
    starts = _at(day, hour)
    return Event.objects.create(
        training=training,
        created_by=trainer,
        title=f"{training.title_fr} – session",
        description="Inscription gratuite. Salle accessible en fauteuil roulant.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        address=address,
        lat=lat,
        lon=lon,
        capacity=rng.choice([12, 15, 20]),
    )


def _attended(session, people, trainer) -> None:
    for person in people:
        Registration.objects.get_or_create(event=session, user=person)
    services.take_attendance(session, [person.pk for person in people], by=trainer)


def _create_training(spec: dict, staff, trainer) -> Training:
    spec = dict(spec)
    quiz = spec.pop("quiz")
    training = Training.objects.create(created_by=staff, status=Training.Status.PUBLISHED, **spec)
    training.trainers.set([trainer])
    for position, (text_fr, text_en, choices) in enumerate(quiz):
        question = QuizQuestion.objects.create(
            training=training, text_fr=text_fr, text_en=text_en, position=position
        )
        for choice_fr, choice_en, correct in choices:
            QuizChoice.objects.create(
                question=question, text_fr=choice_fr, text_en=choice_en, is_correct=correct
            )
    return training


def demo_training(code: str) -> Training | None:
    """The demo training of that code, created (published, Nadia its trainer) when this seeder has not
    made it: for a pillar's seeder that needs it (solidarity's buddies). None for a code the demo does not
    know, or before the demo accounts exist."""
    existing = Training.objects.filter(code=code).first()
    if existing is not None:
        return existing
    spec = next((spec for spec in TRAININGS if spec["code"] == code), None)
    users = get_user_model().objects
    trainer, staff = users.filter(email=TRAINER).first(), users.filter(email=STAFF).first()
    if spec is None or trainer is None or staff is None:
        return None
    return _create_training(spec, staff, trainer)


def seed(stdout, **options) -> None:
    if Training.objects.exists():
        stdout.write("Learning: the demo trainings are already there.")
        return
    users = get_user_model().objects
    trainer, staff = users.filter(email=TRAINER).first(), users.filter(email=STAFF).first()
    if trainer is None or staff is None:
        stdout.write("Learning: no demo accounts yet, no training created.")
        return
    volunteer = users.filter(email=VOLUNTEER).first()
    others = list(users.filter(email__in=OTHERS))
    rng = random.Random(2026)
    today = timezone.localdate(timezone.now(), city_zone())
    sessions = 0
    with transaction.atomic():
        trainings = {}
        for spec in TRAININGS:
            training = _create_training(spec, staff, trainer)
            for _ in range(rng.randint(2, 3)):
                _session(rng, training, trainer, today + timedelta(days=rng.randint(3, 45)))
                sessions += 1
            trainings[training.code] = training
        certified = [person for person in [volunteer, *others] if person is not None]
        heatwave = trainings["heatwave-buddy"]
        past = _session(rng, heatwave, trainer, today - timedelta(days=90))
        for person in certified:
            QuizAttempt.objects.create(training=heatwave, user=person, score=100, passed=True)
        _attended(past, certified, trainer)
        if volunteer is not None:
            # Granted almost three years ago: it expires within the month, and a reminder is due.
            old = _session(
                rng,
                trainings["repair-cafe-host"],
                trainer,
                services.add_months(today, -36) + timedelta(days=15),
            )
            _attended(old, [volunteer], trainer)
            fresk = _session(rng, trainings["climate-fresk-facilitator"], trainer, today - timedelta(days=20))
            _attended(fresk, [volunteer], trainer)
        sessions += 3
        resources = _resources(rng, staff, trainer, [volunteer, *others])
    stdout.write(
        f"Learning: {resources} resources, {len(trainings)} trainings, {sessions} sessions, "
        f"certifications for {len(certified)} "
        f"volunteers (trainer: {TRAINER}; the city staff role is {roles.CITY_STAFF})."
    )


def _resources(rng, staff, trainer, readers) -> int:
    """The guides (demo_resources.py), published by staff but the few written by the trainer and waiting."""
    objectives = {objective.slug: objective for objective in links.objectives()}
    initiatives = list(links.initiatives())
    now = timezone.now()
    for index, (title, summary, kind, theme, level, language, link, slugs) in enumerate(RESOURCES):
        waiting = title in SUBMITTED
        resource = Resource.objects.create(
            title=title,
            summary=summary,
            body=BODY if language == "fr" else "",
            kind=kind,
            theme=theme,
            level=level,
            language=language,
            link=link,
            author=trainer if waiting or index % 4 == 0 else staff,
            status=Resource.Status.SUBMITTED if waiting else Resource.Status.PUBLISHED,
            published_at=None if waiting else now - timedelta(days=len(RESOURCES) - index),
        )
        resource.objectives.set([objectives[slug] for slug in slugs if slug in objectives])
        same_theme = [initiative for initiative in initiatives if theme in (initiative.themes or [])]
        resource.initiatives.set(rng.sample(same_theme, min(2, len(same_theme))))
        search.reindex(resource)
        for reader in readers:
            if reader is not None and not waiting and rng.random() < 0.3:
                useful = rng.random() < 0.8
                ResourceFeedback.objects.create(
                    resource=resource,
                    user=reader,
                    useful=useful,
                    comment="" if useful else "Il manque des exemples concrets à Paris.",
                )
    return len(RESOURCES)

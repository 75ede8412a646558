"""Demo content of co-design, added by `manage.py setup_demo` (make demo): suggestions sent from pages of
the platform, ideas by tool with supports and comments, a roadmap with the team's reasons, two releases
("you asked, we built"), a workshop and two surveys (one open, one closed with its results)."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from mobilization.accounts.models import User
from mobilization.codesign import services
from mobilization.codesign.models import Idea, Release, Survey, SurveyOption, SurveyQuestion, Workshop
from mobilization.events import services as event_services
from mobilization.events.models import Event, Registration
from mobilization.events.services import city_zone
from mobilization.territory.models import District

DEMO_DOMAIN = "demo.climat.test"

SUGGESTIONS = (
    (
        "Trouver une fontaine ouverte près de chez moi",
        "Un filtre « ouvert maintenant » sur la carte",
        "/fr/places/",
    ),
    ("M'inscrire à un atelier du 11e", "Recevoir un rappel la veille par SMS", "/fr/events/"),
    ("Comprendre l'objectif de réduction des émissions", "Un graphique plus simple sur mobile", "/fr/plan/"),
    ("Partager une initiative avec mes voisins", "Un lien court à copier", "/fr/initiatives/"),
    ("Lire la plateforme en anglais", "Traduire aussi les actualités des initiatives", "/en/initiatives/"),
)

IDEAS = (
    # title, body, tool, status, reason, supporters
    (
        "Filtre « ouvert maintenant » sur la carte des lieux frais",
        "Pendant une canicule, savoir quels parcs et fontaines sont ouverts à l'heure où l'on sort.",
        "maps",
        "done",
        "",
        14,
    ),
    (
        "Rappel la veille d'un événement",
        "Un e-mail ou un SMS la veille, avec l'adresse et le matériel.",
        "initiatives",
        "progress",
        "En cours de développement : les e-mails d'abord, le SMS ensuite.",
        11,
    ),
    (
        "Carte des initiatives hors connexion",
        "Consulter la carte dans le métro sans réseau.",
        "maps",
        "planned",
        "Prévu pour le printemps : d'abord les fonds de carte légers.",
        8,
    ),
    (
        "Calculer l'empreinte d'un foyer entier",
        "Répondre au questionnaire pour toute la famille.",
        "footprint",
        "study",
        "",
        6,
    ),
    (
        "Trouver un binôme de solidarité dans mon immeuble",
        "Proposer d'abord des voisins proches.",
        "solidarity",
        "study",
        "",
        5,
    ),
    (
        "Suivre les engagements de mon employeur",
        "Une page par organisation, avec ses rapports d'avancement.",
        "commitments",
        "planned",
        "Prévu avec le module des engagements des organisations.",
        4,
    ),
    (
        "Défis par équipe d'arrondissement",
        "Se mesurer entre arrondissements, pour le plaisir.",
        "challenges",
        "declined",
        "Nous préférons des défis où chacun progresse, sans classement entre quartiers.",
        3,
    ),
    (
        "Vidéos sous-titrées dans les formations",
        "Pour les personnes sourdes ou malentendantes.",
        "learning",
        "done",
        "",
        9,
    ),
)

COMMENTS = (
    "Très utile pendant l'été dernier !",
    "Oui, et pouvoir l'afficher sur mon téléphone en grand.",
    "Merci à l'équipe, c'est exactement ce qu'il fallait.",
)


def _account(local: str) -> User | None:
    return User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()


def _at(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=city_zone())


def _workshop_sessions(workshop: Workshop, staff, residents) -> None:
    """The held workshop's session, an event of the past that twelve people had registered to."""
    starts = _at(workshop.held_on, 18)
    session = Event.objects.create(
        workshop=workshop, created_by=staff, title="Atelier : la carte des lieux frais sur téléphone",
        description="Venez avec votre téléphone : nous testons la carte ensemble.",
        starts_at=starts, ends_at=starts + timedelta(hours=2),
        address="8 rue du Général Renault, 75011 Paris", lat=48.8626, lon=2.3778, capacity=15,
    )  # fmt: skip
    for person in residents[:12]:
        Registration.objects.get_or_create(event=session, user=person)


def _upcoming_workshop(staff, residents) -> Workshop:
    """An announced workshop, its notes to come: one session in two weeks, people registering to it."""
    day = timezone.localdate() + timedelta(days=14)
    workshop = Workshop.objects.create(
        title_fr="Atelier de co-conception : l'entraide entre voisins sur téléphone",
        title_en="Co-design workshop: neighbourly help on a phone",
        held_on=day,
        place="Mairie du 18e, salle des fêtes",
        district=District.objects.filter(level=District.Level.ARRONDISSEMENT, number=18).first(),
        themes=["solidarity"],
    )
    services.announce_workshop(workshop, by=staff)
    starts = _at(day, 18)
    session = Event.objects.create(
        workshop=workshop, created_by=staff, title="Atelier : proposer et demander de l'aide entre voisins",
        description="Deux heures pour tester l'entraide sur téléphone et dire ce qui manque. "
        "Salle accessible en fauteuil roulant.",
        starts_at=starts, ends_at=starts + timedelta(hours=2),
        address="1 place Jules Joffrin, 75018 Paris", lat=48.8924, lon=2.3444, capacity=12,
    )  # fmt: skip
    for person in residents[:5]:
        event_services.register(session, person)
    return workshop


def _residents(count: int) -> list[User]:
    """Demo residents who support ideas (accounts that cannot sign in), shared with governance's demo."""
    from allauth.account.models import EmailAddress

    from mobilization.accounts.services import sign_up

    existing = list(User.objects.filter(email__startswith="soutien-", email__endswith=f"@{DEMO_DOMAIN}"))
    for index in range(len(existing), count):
        email = f"soutien-{index:03d}@{DEMO_DOMAIN}"
        user = User.objects.create_user(email=email, password=None)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        sign_up(user, display_name=f"Habitant·e {index + 1}", consents_given=["terms", "privacy"])
        existing.append(user)
    return existing[:count]


def _survey(title, *, anonymous, opens_at, closes_at, questions, staff) -> Survey:
    survey = Survey.objects.create(
        title_fr=title[0], title_en=title[1], is_anonymous=anonymous, opens_at=opens_at, closes_at=closes_at,
        description_fr="Quelques questions, deux minutes : vos réponses orientent les prochaines versions.",
        description_en="A few questions, two minutes: your answers steer the next versions.",
        created_by=staff,
    )  # fmt: skip
    for position, (text, kind, options) in enumerate(questions, start=1):
        question = SurveyQuestion.objects.create(
            survey=survey, text_fr=text[0], text_en=text[1], kind=kind, position=position
        )
        for index, label in enumerate(options):
            SurveyOption.objects.create(
                question=question, label_fr=label[0], label_en=label[1], position=index
            )
    return survey


SURVEY_QUESTIONS = (
    (("Quel outil utilisez-vous le plus ?", "Which tool do you use most?"), "single",
     (("La carte des lieux frais", "The cool places map"), ("Les initiatives", "Initiatives"),
      ("Le plan climat", "The Climate Plan"))),
    (("Qu'aimeriez-vous voir ensuite ?", "What would you like next?"), "multiple",
     (("Des rappels", "Reminders"), ("Un mode hors connexion", "An offline mode"),
      ("Plus de formations", "More trainings"))),
    (("La plateforme vous est-elle utile ?", "Is the platform useful to you?"), "scale", ()),
    (("Un mot pour l'équipe ?", "A word for the team?"), "text", ()),
)  # fmt: skip

WORDS = ("Bravo", "Continuez", "La carte est top", "Plus de contenus en anglais", "Merci", "Ajoutez le 20e")


@transaction.atomic
def seed(stdout, **options) -> None:
    """Create the demo content once; return at once when it already exists."""
    if Release.objects.exists():
        return
    staff, volunteer = _account("staff"), _account("volunteer")
    if not (staff and volunteer):
        stdout.write("Co-design: the demo accounts are missing; nothing seeded.")
        return
    residents = _residents(16)
    for index, (trying_to, would_help, page) in enumerate(SUGGESTIONS):
        services.suggest(
            trying_to=trying_to, would_help=would_help, page=page, language=page[1:3],
            author=volunteer if index % 2 == 0 else None,
        )  # fmt: skip
    workshop = Workshop.objects.create(
        title_fr="Atelier de co-conception : la carte en canicule",
        title_en="Co-design workshop: the map in a heatwave",
        held_on=timezone.localdate() - timedelta(days=60),
        place="Maison des associations du 11e",
        district=District.objects.filter(level=District.Level.ARRONDISSEMENT, number=11).first(),
        themes=["solidarity"],
        notes_fr="Douze bénévoles ont testé la carte des lieux frais sur leur téléphone.\n\n"
        "- Ce qui bloque : savoir si un lieu est ouvert.\n"
        "- Ce qui aiderait : un filtre et des horaires lisibles.",
        notes_en="Twelve volunteers tried the cool places map on their phones.",
    )
    services.publish_workshop(workshop, by=staff)
    _workshop_sessions(workshop, staff, residents)
    ideas = {}
    for index, (title, body, tool, status, reason, supporters) in enumerate(IDEAS):
        idea = services.create_idea(
            by=staff, title=title, body=body, tool=tool, workshop=workshop if index == 0 else None
        )
        for person in residents[:supporters]:
            services.support_idea(idea, user=person)
        if status in ("planned", "progress", "declined"):
            services.set_status(idea, by=staff, status=status, reason=reason)
        ideas[title] = (idea, status)
        for comment in COMMENTS[: index % 3]:
            services.comment_on(idea, author=residents[index], body=comment)
    # A duplicate merged into the reminder idea: its supporters count once.
    duplicate = services.create_idea(
        by=staff, title="Recevoir un SMS avant un atelier", body="Pour ne pas oublier.", tool="initiatives"
    )
    for person in residents[8:13]:
        services.support_idea(duplicate, user=person)
    services.merge(duplicate, into=ideas[IDEAS[1][0]][0], by=staff)
    # Ideas came in over the past months (the roadmap's median time from an idea to its release).
    for index, (idea, _status) in enumerate(ideas.values()):
        Idea.objects.filter(pk=idea.pk).update(created_at=timezone.now() - timedelta(days=150 - 12 * index))
    done = [idea for idea, status in ideas.values() if status == "done"]
    services.publish_release(
        by=staff, version="2.3", released_on=timezone.localdate() - timedelta(days=40),
        title={"fr": "Formations accessibles", "en": "Accessible trainings"},
        notes={"fr": "- Les vidéos des formations ont des sous-titres.\n- Les contrastes sont renforcés.",
               "en": "- Training videos have subtitles.\n- Stronger contrasts."},
        ideas=[done[1]],
    )  # fmt: skip
    services.publish_release(
        by=staff, version="2.4", released_on=timezone.localdate() - timedelta(days=7),
        title={"fr": "La carte en canicule", "en": "The map in a heatwave"},
        notes={"fr": "- Un filtre « ouvert maintenant » sur la carte des lieux frais.\n"
                     "- Les horaires d'ouverture sont lisibles sur téléphone.",
               "en": "- An \"open now\" filter on the cool places map.\n"
                     "- Opening hours readable on a phone."},
        ideas=[done[0]],
    )  # fmt: skip
    _upcoming_workshop(staff, residents)
    now = timezone.now()
    open_survey = _survey(
        ("Votre avis sur la plateforme", "Your view of the platform"), anonymous=True,
        opens_at=now - timedelta(days=2), closes_at=now + timedelta(days=12), questions=SURVEY_QUESTIONS,
        staff=staff,
    )  # fmt: skip
    closed = _survey(
        ("Bilan de l'été : la carte des lieux frais", "Summer review: the cool places map"), anonymous=True,
        opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=1), questions=SURVEY_QUESTIONS,
        staff=staff,
    )  # fmt: skip
    Survey.objects.filter(pk=closed.pk).update(closes_at=now + timedelta(days=1))
    closed.refresh_from_db()
    single, multiple, scale, text = closed.questions.all()
    for index, person in enumerate(residents):
        services.answer_survey(
            closed,
            user=person,
            answers={
                str(single.pk): [single.options.all()[index % 3 if index % 4 else 0].pk],
                str(multiple.pk): [option.pk for option in multiple.options.all()[: 1 + index % 3]],
                str(scale.pk): 3 + index % 3,
                str(text.pk): WORDS[index % len(WORDS)] if index % 2 else "",
            },
        )
    services.close_survey(closed, by=staff)
    closed.refresh_from_db()
    Survey.objects.filter(pk=closed.pk).update(closes_at=closed.closed_at)  # it closed on its date
    stdout.write(
        f"Co-design: {len(SUGGESTIONS)} suggestions, {len(IDEAS) + 1} ideas, 2 releases, 2 workshops, "
        f"surveys {open_survey.pk} (open) and {closed.pk} (closed)."
    )

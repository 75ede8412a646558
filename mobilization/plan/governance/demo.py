"""Demo content of shared governance, added by `manage.py setup_demo` (make demo): the Climate Plan's
monitoring committee with its meetings and recommendations, citizen proposals and two consultations."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mobilization.accounts.models import User
from mobilization.plan.governance import services
from mobilization.plan.governance.models import (
    Committee,
    CommitteeMember,
    Consultation,
    Meeting,
    Option,
    Proposal,
    Question,
    Recommendation,
)
from mobilization.plan.models import Objective

SLUG = "comite-suivi-plan-climat"
DEMO_DOMAIN = "demo.climat.test"


def _account(local: str) -> User | None:
    return User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()


def _supporters(count: int) -> list[User]:
    """Demo residents who support proposals (accounts that cannot sign in)."""
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


@transaction.atomic
def seed(stdout, **options) -> None:
    """Create the demo content once; return at once when it already exists."""
    if Committee.objects.filter(slug=SLUG).exists():
        return
    staff = _account("staff")
    citizen = _account("committee")
    volunteer = _account("volunteer")
    organiser = _account("organiser")
    if not (staff and citizen and volunteer and organiser):
        stdout.write("Shared governance: the demo accounts are missing; nothing seeded.")
        return
    now = timezone.now()
    today = timezone.localdate()
    objectives = list(Objective.objects.all()[:3])

    committee = Committee.objects.create(
        name="Comité de suivi du Plan Climat",
        slug=SLUG,
        mandate=(
            "Le comité suit la mise en œuvre du **Plan Climat de Paris** : il se réunit chaque trimestre, "
            "examine les indicateurs et les actions, et adresse des recommandations à la Ville, qui doit y "
            "répondre publiquement dans un délai de trois mois."
        ),
    )
    CommitteeMember.objects.create(
        committee=committee,
        user=citizen,
        kind=CommitteeMember.Kind.CITIZEN,
        since=today - timedelta(days=400),
    )
    for name, affiliation in (
        ("Dr Hélène Marchand", "Climatologue, laboratoire des sciences du climat"),
        ("Karim Benali", "Ingénieur énergie, Agence parisienne du climat"),
        ("Sophie Leroux", "Urbaniste, îlots de chaleur"),
    ):
        CommitteeMember.objects.create(
            committee=committee,
            name=name,
            affiliation=affiliation,
            kind=CommitteeMember.Kind.EXPERT,
            since=today - timedelta(days=400),
        )
    CommitteeMember.objects.create(committee=committee, user=staff, kind=CommitteeMember.Kind.STAFF)

    past = services.schedule_meeting(
        committee,
        by=citizen,
        starts_at=now - timedelta(days=120),
        place="Hôtel de Ville, salle des Prévôts",
        agenda="- Bilan carbone 2022\n- Rénovation des logements sociaux\n- Cours Oasis",
    )
    services.publish_minutes(
        past,
        by=citizen,
        minutes=(
            "Présents : 9 membres sur 11.\n\n"
            "1. **Bilan carbone 2022** : baisse de 20 % depuis 2004 ; le comité juge le rythme insuffisant "
            "pour l'objectif de -50 % en 2030.\n"
            "2. **Rénovation** : 5 000 logements sociaux par an, objectif tenu.\n"
            "3. Le comité adopte les recommandations R-2025-01 à R-2025-03."
        ),
    )
    recent = services.schedule_meeting(
        committee,
        by=citizen,
        starts_at=now - timedelta(days=30),
        place="Maison des associations du 11e",
        agenda="- Vagues de chaleur : bilan de l'été\n- Réseau de froid",
    )
    services.schedule_meeting(
        committee,
        by=citizen,
        starts_at=now + timedelta(days=45),
        place="Hôtel de Ville, salle des Fêtes",
        agenda="- Réponses de la Ville\n- Consultation sur les mesures d'arrondissement",
    )

    def recommend(reference, title, text, issued_days_ago, due_in_days, meeting):
        return services.issue_recommendation(
            committee,
            by=citizen,
            reference=reference,
            title=title,
            text=text,
            meeting=meeting,
            issued_on=today - timedelta(days=issued_days_ago),
            response_due_on=today - timedelta(days=issued_days_ago) + timedelta(days=due_in_days),
            objectives=objectives[:1],
        )

    r1 = recommend(
        "R-2025-01",
        "Accélérer la rénovation thermique des écoles",
        "Rénover **40 écoles par an** au lieu de 25, en priorité celles exposées aux îlots de chaleur.",
        118,
        90,
        past,
    )
    r2 = recommend(
        "R-2025-02",
        "Étendre les rues aux écoles",
        "Piétonniser les abords de toutes les écoles élémentaires d'ici 2027.",
        118,
        90,
        past,
    )
    r3 = recommend(
        "R-2025-03",
        "Interdire les terrasses chauffées toute l'année",
        "Étendre l'interdiction des terrasses chauffées aux établissements privés.",
        118,
        90,
        past,
    )
    r4 = recommend(
        "R-2025-04",
        "Publier un bilan annuel du réseau de froid",
        "Publier chaque année la consommation et les émissions du réseau de froid urbain.",
        100,
        60,
        past,
    )
    recommend(
        "R-2025-05",
        "Ouvrir les cours Oasis le week-end en été",
        "Ouvrir au public, pendant les vagues de chaleur, les cours d'école végétalisées.",
        28,
        90,
        recent,
    )
    services.answer_recommendation(
        r1,
        by=staff,
        decision="accepted",
        implementation_due_on=today + timedelta(days=365),
        justification="Le budget 2026 prévoit 40 rénovations d'écoles ; la liste sera publiée en janvier.",
    )
    services.answer_recommendation(
        r2,
        by=staff,
        decision="partly",
        implementation_due_on=today + timedelta(days=730),
        justification=(
            "150 rues aux écoles d'ici 2027 ; certaines rues portent des lignes de bus et restent ouvertes."
        ),
    )
    services.answer_recommendation(
        r3,
        by=staff,
        decision="rejected",
        justification="L'interdiction est déjà nationale depuis 2022 ; la Ville en contrôle l'application.",
    )
    services.answer_recommendation(
        r4,
        by=staff,
        decision="study",
        justification="Les données appartiennent à l'exploitant ; une convention est en discussion.",
    )

    threshold = int(getattr(settings, "PROPOSAL_SUPPORT_THRESHOLD", 100))
    crowd = _supporters(max(threshold, 20) + 5)
    texts = [
        (
            "Des fontaines à brumisation dans chaque arrondissement",
            "Installer au moins **dix fontaines à brumisation** par arrondissement avant l'été prochain.",
            threshold + 2,
        ),
        (
            "Des abris vélos sécurisés près des gares",
            "Multiplier les abris vélos fermés autour des gares pour les trajets domicile-travail.",
            12,
        ),
        (
            "Végétaliser les toits des équipements municipaux",
            "Gymnases, écoles, bibliothèques : tous les toits plats devraient être végétalisés.",
            18,
        ),
        (
            "Un « repair café » dans chaque mairie d'arrondissement",
            "Un lieu mensuel pour réparer plutôt que jeter, animé par des bénévoles.",
            7,
        ),
        (
            "Des horaires d'été pour les parcs",
            "Ouvrir les parcs la nuit pendant les canicules pour offrir des lieux frais.",
            15,
        ),
        (
            "Compost collectif dans les cours d'immeubles",
            "Aider les copropriétés à installer des composteurs partagés.",
            3,
        ),
        (
            "Une carte des îlots de fraîcheur en braille",
            "Rendre la carte accessible aux personnes aveugles.",
            0,
        ),
        ("Supprimer les jardinières en plastique", "Proposition en attente de modération.", None),
    ]
    answered = None
    for index, (title, body, supports) in enumerate(texts):
        proposal = services.submit_proposal(
            author=volunteer if index % 2 == 0 else organiser,
            title=title,
            body=body,
            objectives=objectives[1:2],
        )
        if supports is None:
            continue
        services.publish_proposal(proposal, by=staff)
        for supporter in crowd[:supports]:
            services.support_proposal(proposal, user=supporter)
        if index == 1:
            answered = proposal
    services.comment_on(
        Proposal.objects.get(title__startswith="Des fontaines"),
        author=citizen,
        body="Très utile près des écoles et des EHPAD.",
    )
    services.answer_proposal(
        answered,
        by=staff,
        answer="La Ville installera 1 000 places en abris sécurisés près des gares d'ici 2027 (plan vélo).",
    )

    closed = Consultation.objects.create(
        title="Quelle mesure d'abord dans votre arrondissement ?",
        description="Choisissez la mesure que la mairie d'arrondissement doit lancer en premier.",
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        created_by=staff,
    )
    question = Question.objects.create(consultation=closed, text="La mesure prioritaire", position=0)
    labels = ["Planter des arbres", "Pistes cyclables", "Cours Oasis", "Fontaines et brumisateurs"]
    options = [
        Option.objects.create(question=question, label=label, position=i) for i, label in enumerate(labels)
    ]
    opened = Consultation.objects.create(
        title="Quels lieux rafraîchis ouvrir la nuit pendant les canicules ?",
        description="Plusieurs choix possibles. Les résultats seront publiés à la clôture.",
        opens_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=12),
        created_by=staff,
    )
    open_question = Question.objects.create(
        consultation=opened, text="Lieux à ouvrir la nuit", kind=Question.Kind.MULTIPLE, max_choices=2
    )
    for i, label in enumerate(["Parcs et jardins", "Piscines", "Bibliothèques climatisées", "Églises"]):
        Option.objects.create(question=open_question, label=label, position=i)

    # The closed consultation's ballots, cast while it was open, then counted.
    Consultation.objects.filter(pk=closed.pk).update(closes_at=now + timedelta(minutes=5))
    closed.refresh_from_db()
    pattern = [0, 0, 1, 2, 0, 3, 1, 0, 2, 2, 0, 1, 3, 0, 2, 0, 1, 0, 2, 3]
    for voter, choice in zip(crowd, pattern, strict=False):
        services.cast_ballot(closed, user=voter, answers={question.pk: [options[choice].pk]})
    Consultation.objects.filter(pk=closed.pk).update(closes_at=now - timedelta(days=10))
    closed.refresh_from_db()
    services.close_consultation(closed)

    stdout.write(
        f"Shared governance: 1 committee, {Meeting.objects.count()} meetings, "
        f"{Recommendation.objects.count()} recommendations, {Proposal.objects.count()} proposals, "
        "2 consultations."
    )

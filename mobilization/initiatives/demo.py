"""Demo content of this app, added by `manage.py setup_demo` (make demo).

About 200 initiatives built from realistic combinations (an activity × a real street or square of each
arrondissement), mostly published, some waiting for review and a few drafts, with members, news, impact
records, partnerships, and a deliberately similar pair in the 11th so that "similar nearby" shows.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

DEMO_ORGANISER = "organiser@demo.climat.test"

# Real streets, squares and gardens, a few per arrondissement.
PLACES = {
    1: ["jardin des Halles", "rue Saint-Denis", "place du Marché-Saint-Honoré"],
    2: ["rue Montorgueil", "square Louvois", "passage du Grand-Cerf"],
    3: ["square du Temple", "rue de Bretagne", "marché des Enfants-Rouges"],
    4: ["square Saint-Jacques", "rue des Rosiers", "île Saint-Louis"],
    5: ["jardin des Plantes", "rue Mouffetard", "square Paul-Langevin"],
    6: ["rue de Vaugirard", "square Félix-Desruelles", "rue du Cherche-Midi"],
    7: ["rue Cler", "square des Missions-Étrangères", "Champ-de-Mars"],
    8: ["parc Monceau", "rue de Rome", "square Marcel-Pagnol"],
    9: ["square d'Anvers", "rue des Martyrs", "square Montholon"],
    10: ["canal Saint-Martin", "square Villemin", "rue du Faubourg-Saint-Denis"],
    11: ["square Maurice-Gardette", "rue Oberkampf", "jardin Truillot"],
    12: ["Coulée verte René-Dumont", "marché d'Aligre", "square Charles-Péguy"],
    13: ["Butte-aux-Cailles", "square René-Le-Gall", "avenue d'Italie"],
    14: ["rue Daguerre", "parc Montsouris", "square du Serment-de-Koufra"],
    15: ["rue du Commerce", "parc Georges-Brassens", "square Saint-Lambert"],
    16: ["rue de Passy", "jardin du Ranelagh", "square Lamartine"],
    17: ["square des Batignolles", "rue de Lévis", "parc Martin-Luther-King"],
    18: ["square Léon", "rue Myrha", "jardins d'Éole"],
    19: ["parc des Buttes-Chaumont", "bassin de la Villette", "rue de Crimée"],
    20: ["rue des Pyrénées", "parc de Belleville", "square des Saints-Simoniens"],
}

# (title, summary, description, themes, needs, volunteers, skills, language)
ACTIVITIES = [
    (
        "Atelier de réparation de vélos — {Place}",
        "Un atelier participatif pour apprendre à réparer son vélo soi-même ({place}).",
        "Chaque samedi matin, des bénévoles mécaniciens vous aident à **régler vos freins**, changer une "
        "chambre à air ou redresser une roue.\n\n- Outils et pièces d'occasion sur place\n- Ouvert à tous, "
        "débutants bienvenus",
        ["mobility", "waste_repair"],
        "2 mécaniciens bénévoles le samedi matin",
        2,
        ["mécanique vélo", "accueil"],
    ),
    (
        "Compost partagé — {Place}",
        "Un composteur de quartier pour transformer les déchets de cuisine des voisins en terreau.",
        "Nous gérons trois bacs de compost ouverts aux habitants deux fois par semaine. Apportez vos "
        "épluchures, repartez avec du terreau pour vos plantes.\n\nFormation au compostage offerte aux "
        "nouveaux référents.",
        ["waste_repair", "greening"],
        "Des référents pour les permanences du mercredi",
        3,
        ["compostage", "jardinage"],
    ),
    (
        "Repair Café — {Place}",
        "Objets cassés ? Venez les réparer avec nous plutôt que de les jeter.",
        "Petit électroménager, vêtements, jouets, ordinateurs : nos réparateurs bénévoles vous montrent "
        "comment faire. Un café, un gâteau, et des objets qui repartent pour des années.",
        ["waste_repair", "consumption"],
        "Des bricoleurs en électronique et en couture",
        4,
        ["électronique", "couture", "bricolage"],
    ),
    (
        "Jardin partagé — {Place}",
        "Un potager collectif où voisins et écoles cultivent ensemble légumes et fleurs mellifères.",
        "Parcelles collectives, récupération d'eau de pluie et **hôtel à insectes**. Des ateliers pour les "
        "enfants du quartier le mercredi après-midi.",
        ["greening", "food", "water"],
        "Arrosage pendant l'été",
        5,
        ["jardinage", "animation enfants"],
    ),
    (
        "Fresque du Climat — {Place}",
        "Trois heures pour comprendre le changement climatique avec un jeu collaboratif.",
        "Des animateurs formés proposent des Fresques du Climat chaque mois pour les habitants, les "
        "associations et les commerçants du quartier. Gratuit, sur inscription.",
        ["education"],
        "Des animateurs formés à la Fresque",
        2,
        ["animation", "pédagogie"],
    ),
    (
        "AMAP — {Place}",
        "Des paniers de légumes bio d'un maraîcher d'Île-de-France, chaque jeudi.",
        "Notre AMAP relie 60 familles à une ferme de Seine-et-Marne. Contrat à la saison, distribution le "
        "jeudi soir, visites de la ferme au printemps.",
        ["food", "consumption"],
        "Des bénévoles pour la distribution du jeudi",
        3,
        ["logistique", "accueil"],
    ),
    (
        "Défi Zéro déchet — {Place}",
        "Accompagner les familles du quartier pour réduire leurs déchets de moitié en six mois.",
        "Ateliers vrac, fabrication de produits ménagers, troc de bocaux. Chaque famille pèse sa poubelle "
        "et nous publions les progrès du groupe.",
        ["waste_repair", "consumption"],
        "Des animateurs d'ateliers",
        2,
        ["animation", "cuisine"],
    ),
    (
        "Végétalisons — {Place}",
        "Des pieds d'arbres et des jardinières entretenus par les riverains.",
        "Avec le permis de végétaliser de la Ville, nous plantons et entretenons des fleurs et des plantes "
        "grimpantes pour rafraîchir la rue et accueillir la biodiversité.",
        ["greening", "water"],
        "Arroseurs pendant les vacances",
        6,
        ["jardinage"],
    ),
    (
        "Bike repair workshop — {Place}",
        "A community workshop to fix your own bike, in English and French.",
        "Every Sunday afternoon volunteer mechanics help you **fix brakes**, gears and punctures. Tools "
        "and second-hand parts available. Beginners welcome.",
        ["mobility", "waste_repair"],
        "Volunteer mechanics on Sundays",
        2,
        ["bike repair"],
    ),
    (
        "Neighbourhood energy savers — {Place}",
        "Helping neighbours cut their energy bills with simple home changes.",
        "We lend thermal cameras and power meters, and visit homes to suggest easy fixes: draught "
        "proofing, radiator reflectors, smarter heating schedules.",
        ["energy", "solidarity"],
        "Volunteers for home visits",
        3,
        ["energy advice"],
    ),
    (
        "Épicerie solidaire anti-gaspi — {Place}",
        "Les invendus des commerçants du quartier redistribués aux familles qui en ont besoin.",
        "Collecte chaque soir auprès des boulangeries et primeurs, tri et distribution le lendemain. Plus "
        "de 200 kg de nourriture sauvés chaque semaine.",
        ["food", "solidarity"],
        "Des collecteurs à vélo le soir",
        4,
        ["logistique", "vélo cargo"],
    ),
    (
        "Cantine bas carbone — école {place}",
        "Parents et cuisiniers pour une cantine plus végétale, locale et sans gaspillage.",
        "Pesée des restes, menus végétariens deux fois par semaine, approvisionnement auprès de "
        "producteurs franciliens : nous travaillons avec la caisse des écoles.",
        ["food", "education"],
        "Des parents pour les pesées du midi",
        2,
        ["nutrition"],
    ),
]

ORGANISERS = [
    ("orga.lea@demo.climat.test", "Léa (association)"),
    ("orga.samir@demo.climat.test", "Samir (collectif vélo)"),
    ("orga.julie@demo.climat.test", "Julie (AMAP)"),
    ("orga.tom@demo.climat.test", "Tom (repair café)"),
    ("orga.fatou@demo.climat.test", "Fatou (jardin partagé)"),
    ("orga.ben@demo.climat.test", "Ben (energy savers)"),
]

NEWS = [
    (
        "Merci pour la journée de samedi !",
        "Vous étiez **plus de 40** : merci à toutes et à tous. Prochain rendez-vous le mois prochain.",
    ),
    ("Nouveaux horaires", "À partir de la semaine prochaine, nous ouvrons aussi le mercredi de 17 h à 19 h."),
    ("Thank you, volunteers!", "Last weekend we fixed 23 bikes and welcomed 12 new members."),
]


def _point(district, locator, rng):
    """A point near the arrondissement's centre, checked to fall inside it."""
    for _attempt in range(20):
        lat = district.centroid_lat + rng.uniform(-0.004, 0.004)
        lon = district.centroid_lon + rng.uniform(-0.006, 0.006)
        found = locator.district_at(lat, lon)
        if found is not None and found.pk == district.pk:
            return lat, lon
    return district.centroid_lat, district.centroid_lon


def seed(stdout, **options) -> None:
    """Create the demo content once; return at once when it already exists."""
    from mobilization.accounts.demo import DEMO_PASSWORD
    from mobilization.accounts.models import User
    from mobilization.accounts.services import create_demo_account
    from mobilization.core import roles
    from mobilization.initiatives import search
    from mobilization.initiatives.models import (
        ContactMessage,
        ImpactRecord,
        Initiative,
        Membership,
        NewsPost,
        Partnership,
    )
    from mobilization.territory.models import District
    from mobilization.territory.services import district_locator

    if Initiative.objects.filter(organiser__email=DEMO_ORGANISER).exists():
        stdout.write("Initiatives: demo content already there.")
        return
    districts = {d.number: d for d in District.objects.filter(level=District.Level.ARRONDISSEMENT)}
    if len(districts) < 20:
        stdout.write("Initiatives: the arrondissements are not imported; no demo initiative.")
        return
    main_organiser = User.objects.get(email=DEMO_ORGANISER)
    volunteer = User.objects.filter(email="volunteer@demo.climat.test").first()
    organisers = [main_organiser] + [
        create_demo_account(email, DEMO_PASSWORD, [roles.VOLUNTEER, roles.ORGANISER], name).user
        for email, name in ORGANISERS
    ]
    locator = district_locator()
    rng = random.Random(2026)
    now = timezone.now()
    today = timezone.localdate()
    Status = Initiative.Status

    with transaction.atomic():
        created = []
        n = 0
        for number in range(1, 21):
            district = districts[number]
            for place in PLACES[number]:
                for activity in rng.sample(ACTIVITIES, 3) + ([rng.choice(ACTIVITIES)] if n % 3 == 0 else []):
                    title, summary, description, themes, needs, wanted, skills = activity
                    n += 1
                    status = (
                        Status.SUBMITTED if n % 19 == 0 else Status.DRAFT if n % 41 == 0 else Status.PUBLISHED
                    )
                    lat, lon = _point(district, locator, rng)
                    created.append(
                        Initiative(
                            title=title.format(place=place, Place=place[0].upper() + place[1:])[:120],
                            summary=summary.format(place=place, Place=place[0].upper() + place[1:])[:280],
                            description=description,
                            themes=themes,
                            district=district,
                            lat=lat,
                            lon=lon,
                            location=place[0].upper() + place[1:],
                            organiser=main_organiser if n % 7 == 0 else organisers[n % len(organisers)],
                            needs=needs,
                            volunteers_needed=wanted if n % 2 else 0,
                            skills_wanted=skills,
                            status=status,
                            submitted_at=now - timedelta(days=n % 30) if status != Status.DRAFT else None,
                            published_at=now - timedelta(days=n % 60, hours=n)
                            if status == Status.PUBLISHED
                            else None,
                        )
                    )
        # The similar pair: two compost projects a few streets apart in the 11th.
        eleventh = districts[11]
        created += [
            Initiative(
                title="Lombricompost collectif Oberkampf–Parmentier",
                summary="Des lombricomposteurs partagés pour les immeubles entre Oberkampf et Parmentier.",
                description=(
                    "Nous installons des lombricomposteurs au pied des immeubles entre Oberkampf et "
                    "Parmentier : les voisins y déposent leurs épluchures."
                ),
                themes=["waste_repair", "greening"],
                district=eleventh,
                lat=48.8649,
                lon=2.3750,
                location="Rue Oberkampf",
                organiser=main_organiser,
                status=Status.PUBLISHED,
                published_at=now - timedelta(days=3),
                needs="Des référents compost",
                volunteers_needed=2,
                skills_wanted=["compostage"],
            ),
            Initiative(
                title="Lombricomposteurs des immeubles Parmentier",
                summary="Des lombricomposteurs partagés au pied des immeubles de l'avenue Parmentier.",
                description=(
                    "Un lombricompost partagé pour les épluchures des immeubles Parmentier, "
                    "avec des permanences le samedi."
                ),
                themes=["waste_repair"],
                district=eleventh,
                lat=48.8633,
                lon=2.3755,
                location="Avenue Parmentier",
                organiser=organisers[4],
                status=Status.PUBLISHED,
                published_at=now - timedelta(days=10),
                volunteers_needed=3,
                skills_wanted=["compostage"],
            ),
        ]
        for initiative in created:
            if locator.district_at(initiative.lat, initiative.lon) not in (None, initiative.district):
                initiative.lat, initiative.lon = (
                    initiative.district.centroid_lat,
                    initiative.district.centroid_lon,
                )
        created = Initiative.objects.bulk_create(created)
        published = [i for i in created if i.status == Status.PUBLISHED]

        memberships, news, impact = [], [], []
        for index, initiative in enumerate(published):
            for organiser in rng.sample(organisers, 2):
                if organiser.pk != initiative.organiser_id:
                    memberships.append(
                        Membership(initiative=initiative, user=organiser, message="Je peux aider !")
                    )
            if volunteer and index % 25 == 0:
                memberships.append(
                    Membership(initiative=initiative, user=volunteer, message="Disponible le samedi matin.")
                )
            if index % 4 == 0:
                title, body = NEWS[index % len(NEWS)]
                news.append(
                    NewsPost(initiative=initiative, author_id=initiative.organiser_id, title=title, body=body)
                )
            if index % 3 == 0:
                impact.append(
                    ImpactRecord(
                        initiative=initiative,
                        unit=ImpactRecord.Unit.PEOPLE_REACHED,
                        quantity=Decimal(rng.randint(20, 400)),
                        date=today - timedelta(days=rng.randint(5, 200)),
                        method="Feuilles d'émargement des ateliers",
                        created_by_id=initiative.organiser_id,
                    )
                )
            if "waste_repair" in initiative.themes and index % 2 == 0:
                impact.append(
                    ImpactRecord(
                        initiative=initiative,
                        unit=ImpactRecord.Unit.WASTE_AVOIDED_KG,
                        quantity=Decimal(rng.randint(50, 2000)),
                        date=today - timedelta(days=rng.randint(5, 200)),
                        method="Pesée des bacs et des objets réparés",
                        created_by_id=initiative.organiser_id,
                    )
                )
            if index % 10 == 5:
                impact.append(
                    ImpactRecord(
                        initiative=initiative,
                        unit=ImpactRecord.Unit.CO2E_AVOIDED_T,
                        quantity=Decimal(rng.randint(1, 40)) / 10,
                        date=today - timedelta(days=rng.randint(5, 200)),
                        method="Facteurs d'émission ADEME (Base Empreinte) appliqués aux kg évités",
                        created_by_id=initiative.organiser_id,
                    )
                )
        # The demo organiser's desk shows messages received: one answered, one waiting for an answer.
        theirs = [i for i in published if i.organiser_id == main_organiser.pk][:2]
        if volunteer and theirs:
            ContactMessage.objects.bulk_create(
                [
                    ContactMessage(
                        initiative=theirs[0],
                        sender=volunteer,
                        message="Bonjour, faut-il apporter son propre seau pour les épluchures ?",
                        reply="Bonjour ! Nous prêtons un bioseau à chaque foyer inscrit, passez samedi.",
                        replied_at=now - timedelta(days=1),
                    ),
                    ContactMessage(
                        initiative=theirs[-1],
                        sender=volunteer,
                        message="Je suis menuisier : je peux aider à construire les bacs un samedi matin.",
                    ),
                ]
            )
        # Two public initiatives whose organisers changed them since review: the staff's list is not empty.
        Initiative.objects.filter(pk__in=[i.pk for i in published[3:5]]).update(
            changed_since_review_at=now - timedelta(hours=5)
        )
        Membership.objects.bulk_create(memberships, ignore_conflicts=True)
        NewsPost.objects.bulk_create(news)
        ImpactRecord.objects.bulk_create(impact)

        pairs = [(published[0], published[5]), (published[10], published[12]), (published[-1], published[-2])]
        partnerships = [
            Partnership(
                requester=a,
                partner=b,
                status=Partnership.Status.ACCEPTED,
                message="Faisons un atelier ensemble !",
                created_by_id=a.organiser_id,
            )
            for a, b in pairs
            if a.pk != b.pk
        ]
        Partnership.objects.bulk_create(partnerships, ignore_conflicts=True)
    search.reindex_all(Initiative.objects.filter(pk__in=[i.pk for i in created]))
    counts = {status: sum(1 for i in created if i.status == status) for status in Status.values}
    stdout.write(
        f"Initiatives: {len(created)} created ({counts['published']} published, {counts['submitted']} to "
        f"review, {counts['draft']} drafts), {len(memberships)} memberships, {len(news)} news posts, "
        f"{len(impact)} impact records, {len(partnerships)} partnerships."
    )

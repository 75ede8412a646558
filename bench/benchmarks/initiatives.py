"""Finding initiatives at city scale: 10,000 published initiatives (× scale) and 50,000 events (× scale).

Targets: the list page, a search without accents (?q=velo), the map's GeoJSON, an initiative's page, and the
list and searches missing the results cache (a different query each time for the last one). The search
index is built by search.reindex_all (bulk), as in production; bench/run.py analyses the database then.
"""

import random
from datetime import timedelta

NAME = "initiatives"
DESCRIPTION = "Initiatives list, search, map GeoJSON and initiative page (10,000 initiatives, 50,000 events)"

INITIATIVES = 10_000
# A search that misses the results cache: at least this share of hello's throughput (issue 11).
SEARCH_MISSED_LEAST_RATIO = 0.1
EVENTS = 50_000

ACTIVITIES = [
    ("Atelier vélo", "Réparer son vélo avec des bénévoles, outils fournis.", ["mobility", "waste_repair"]),
    ("Vélo-école", "Apprendre à rouler en ville en toute confiance.", ["mobility", "education"]),
    ("Bourse aux vélos", "Acheter et vendre des vélos d'occasion révisés.", ["mobility", "consumption"]),
    ("Repair café", "Réparer ensemble petits appareils, vêtements et meubles.", ["waste_repair"]),
    ("Jardin partagé", "Cultiver légumes et fleurs entre voisins.", ["greening", "food"]),
    (
        "Composteur de quartier",
        "Composter ses biodéchets au pied de l'immeuble.",
        ["waste_repair", "greening"],
    ),
    ("Fresque du climat", "Comprendre le changement climatique en trois heures.", ["education"]),
    ("Permis de végétaliser", "Planter au pied des arbres de la rue.", ["greening"]),
    ("Épicerie solidaire", "Des produits locaux à petit prix pour tous.", ["food", "solidarity"]),
    ("Disco soupe", "Cuisiner les invendus du marché en musique.", ["food", "waste_repair"]),
    ("Défi énergie", "Réduire la facture d'énergie de son foyer.", ["energy"]),
    ("Coopérative solaire", "Des panneaux solaires sur les toits de l'arrondissement.", ["energy"]),
    ("Récupération d'eau de pluie", "Installer des récupérateurs dans les cours.", ["water", "greening"]),
    ("Friperie éphémère", "Donner une seconde vie aux vêtements.", ["consumption", "waste_repair"]),
    ("Community bike repair", "Fix your bike with volunteers, tools provided.", ["mobility", "waste_repair"]),
    ("Zero waste picnic", "Bring your own cutlery and share a meal.", ["waste_repair", "food"]),
    ("Tree planting day", "Plant trees and hedges with the neighbours.", ["greening"]),
    ("Climate café", "Talk about the climate over a coffee, in English.", ["education", "solidarity"]),
    ("Nettoyage des berges", "Ramasser les déchets le long du canal.", ["waste_repair", "water"]),
    ("Troc de graines", "Échanger graines et boutures.", ["greening", "consumption"]),
]
PLACES = [
    "de la Roquette",
    "du canal Saint-Martin",
    "de Belleville",
    "de la Butte-aux-Cailles",
    "des Batignolles",
    "de Ménilmontant",
    "du Marais",
    "de la Goutte d'Or",
    "de Montparnasse",
    "de la Mouzaïa",
    "d'Alésia",
    "de Bercy",
    "de Charonne",
    "des Épinettes",
    "du Père-Lachaise",
    "de la Villette",
    "de Grenelle",
    "de Saint-Blaise",
    "des Abbesses",
    "de Daumesnil",
]
DESCRIPTIONS = [
    "Nous nous retrouvons chaque semaine dans une salle prêtée par la mairie. Venez comme vous êtes.",
    "Ouvert à tous, débutants bienvenus. Nous cherchons aussi des bénévoles pour l'accueil.",
    "Our volunteers speak French and English; children are welcome with their parents.",
    "Le matériel est fourni. Pensez à vous inscrire aux prochains rendez-vous.",
]


def prepare(scale: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from mobilization.accounts.models import Profile, User
    from mobilization.events.models import Event
    from mobilization.initiatives import search
    from mobilization.initiatives.models import Initiative
    from mobilization.territory.models import District

    wanted = INITIATIVES * scale
    if Initiative.objects.count() >= wanted:
        return
    if not District.objects.arrondissements().exists():
        call_command("import_paris", verbosity=0)
    districts = list(District.objects.arrondissements().only("pk", "centroid_lat", "centroid_lon"))
    organiser, created = User.objects.get_or_create(email="bench-organiser@example.test")
    if created:
        Profile.objects.create(user=organiser, display_name="Association du quartier")
    rng = random.Random(4)  # noqa: S311 - reproducible synthetic data
    now = timezone.now()
    initiatives = []
    for number in range(Initiative.objects.count(), wanted):
        title, summary, themes = rng.choice(ACTIVITIES)
        district = rng.choice(districts)
        initiatives.append(
            Initiative(
                title=f"{title} {rng.choice(PLACES)}"[:120],
                summary=summary,
                description=rng.choice(DESCRIPTIONS) + f" (n° {number})",
                themes=themes,
                district_id=district.pk,
                lat=district.centroid_lat + rng.uniform(-0.006, 0.006),
                lon=district.centroid_lon + rng.uniform(-0.008, 0.008),
                organiser=organiser,
                status=Initiative.Status.PUBLISHED,
                volunteers_needed=rng.choice([0, 0, 2, 5]),
                needs=rng.choice(["", "Des bénévoles le samedi matin", "Someone good at repairs"]),
                published_at=now - timedelta(minutes=number),
            )
        )
    Initiative.objects.bulk_create(initiatives, batch_size=2000)
    search.reindex_all()

    events_wanted = EVENTS * scale
    pks = list(Initiative.objects.values_list("pk", "lat", "lon"))
    events = []
    for number in range(Event.objects.count(), events_wanted):
        pk, lat, lon = pks[number % len(pks)]
        starts = now + timedelta(days=rng.randint(-60, 90), hours=rng.randint(8, 20))
        events.append(
            Event(
                initiative_id=pk,
                title=f"Rendez-vous n° {number}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                address="Salle municipale",
                lat=lat,
                lon=lon,
                capacity=rng.choice([None, 10, 30]),
                status=Event.Status.SCHEDULED if rng.random() > 0.05 else Event.Status.CANCELLED,
                created_by=organiser,
            )
        )
    Event.objects.bulk_create(events, batch_size=5000)


def targets() -> list[tuple]:
    from django.urls import reverse

    from mobilization.initiatives.models import Initiative

    initiative = Initiative.objects.published().order_by("pk").first()
    listing = reverse("initiatives:list")
    return [
        ("initiatives list", listing),
        ("initiatives search ?q=velo", f"{listing}?q=velo"),
        (
            "initiatives search, 11th, upcoming event",
            f"{listing}?q=atelier+velo&district=75111&has_upcoming_event=on",
        ),
        ("initiatives map GeoJSON", reverse("initiatives:map_data")),
        ("initiative page", reverse("initiatives:detail", kwargs={"pk": initiative.pk})),
        # The same pages when their results cache misses every time (see bench/percentiles.lua): what a
        # first visitor, or the first one after a change, waits for. A search that misses the cache ranks
        # every match in the database's full-text engine: at least 0.1 × hello (issue 11).
        ("list, results cache missed", f"{listing}?nocache=__n__"),
        ("search ?q=velo, cache missed", f"{listing}?q=velo&nocache=__n__", SEARCH_MISSED_LEAST_RATIO),
        (
            "filtered search, cache missed",
            f"{listing}?q=atelier+velo&district=75111&has_upcoming_event=on&nocache=__n__",
            SEARCH_MISSED_LEAST_RATIO,
        ),
        # A different search each time, as people type them: one or two words (percentiles.lua).
        ("search, new query each time", f"{listing}?q=__q__&nocache=__n__", SEARCH_MISSED_LEAST_RATIO),
    ]

"""The demo initiatives' events, added by `manage.py setup_demo` (make demo) after the initiatives
(registered as the seeder "events" by hosting.py: the events app knows no initiative).

For each published demo initiative: one to three upcoming events of the kind it organises (a Repair Café,
a compost harvest, a count of the cars outside a school...: demo_texts.EVENTS) over the next six weeks at
the hours such events happen (weekday evenings, Saturday mornings, Sunday afternoons), at a venue of that
kind on a real street of its arrondissement (territory/streets.py), and a past one for some. Camille
(volunteer@demo.climat.test) is registered to two events; one small event is full with a waiting list;
partners co-host an event when a partnership exists.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from mobilization.events import services
from mobilization.events.models import Event
from mobilization.initiatives.demo_texts import EVENTS, KINDS
from mobilization.initiatives.models import Initiative, Partnership
from mobilization.territory.services import district_at
from mobilization.territory.streets import STREETS

VOLUNTEER = "volunteer@demo.climat.test"
OTHERS = (
    "committee@demo.climat.test",
    "organisation@demo.climat.test",
    "coordinator@demo.climat.test",
    "staff@demo.climat.test",
)

# (title, description) by theme of the initiative.
IDEAS = {
    "energy": [
        (
            "Atelier : réduire sa facture d'énergie",
            "Lire sa facture, traquer les appareils en veille, "
            "régler son chauffage. Apportez une facture récente si vous le souhaitez.",
        ),
        (
            "Balade thermique du quartier",
            "Une caméra thermique à la main, nous repérons les fuites de chaleur "
            "des façades et parlons isolation et aides à la rénovation.",
        ),
    ],
    "mobility": [
        (
            "Atelier d'autoréparation vélo",
            "Crevaison, freins, dérailleur : venez apprendre à entretenir votre "
            "vélo avec nos bénévoles. Outils fournis.",
        ),
        (
            "Balade à vélo : les pistes du quartier",
            "Une sortie tranquille d'une heure et demie pour découvrir "
            "les aménagements cyclables. Casque conseillé.",
        ),
    ],
    "food": [
        (
            "Cuisine anti-gaspi",
            "Nous cuisinons ensemble les invendus du marché puis partageons le repas. "
            "Venez avec une boîte pour repartir avec les restes.",
        ),
        (
            "Distribution des paniers et rencontre producteurs",
            "Rencontrez les maraîchers de l'AMAP, "
            "découvrez les légumes de saison et inscrivez-vous pour la prochaine saison.",
        ),
    ],
    "waste_repair": [
        (
            "Repair café",
            "Grille-pain, lampe, vêtement, petit meuble : nos réparateurs bénévoles vous aident "
            "à redonner vie à vos objets. Gratuit, sans inscription obligatoire.",
        ),
        (
            "Ramassage des déchets du quartier",
            "Gants et sacs fournis. Rendez-vous au point de départ ; "
            "les déchets collectés sont triés sur place.",
        ),
    ],
    "greening": [
        (
            "Chantier participatif au jardin partagé",
            "Désherbage, paillage et semis d'automne. Pas besoin "
            "d'expérience, venez avec des vêtements qui ne craignent rien.",
        ),
        (
            "Plantation au pied des arbres",
            "Nous végétalisons les pieds d'arbres de la rue avec le permis de "
            "végétaliser de la Ville. Graines et outils fournis.",
        ),
    ],
    "water": [
        (
            "Atelier : économiser l'eau chez soi",
            "Mousseurs, chasse d'eau, récupération de l'eau de pluie : "
            "des gestes simples, démontrés et expliqués.",
        ),
    ],
    "consumption": [
        (
            "Troc de vêtements",
            "Apportez jusqu'à dix vêtements propres et repartez avec ceux qui vous plaisent. "
            "Ce qui reste est donné à une ressourcerie.",
        ),
        (
            "Fresque du climat",
            "Trois heures pour comprendre les causes et conséquences du dérèglement "
            "climatique, en équipe, à partir des rapports du GIEC.",
        ),
    ],
    "solidarity": [
        (
            "Réunion des voisins solidaires canicule",
            "Organisons-nous pour appeler et visiter les voisins "
            "isolés pendant les fortes chaleurs. Café offert.",
        ),
    ],
    "education": [
        (
            "Fresque du climat",
            "Trois heures pour comprendre les causes et conséquences du dérèglement "
            "climatique, en équipe, à partir des rapports du GIEC.",
        ),
        (
            "Sortie nature en famille",
            "Découverte des oiseaux et des insectes du square avec un animateur "
            "nature. Adapté aux enfants dès 6 ans.",
        ),
    ],
}
VENUES = [
    "Salle associative",
    "Local du collectif",
    "Jardin partagé",
    "Ressourcerie",
    "Café associatif",
    "Préau de l'école",
]


def _slot(rng: random.Random, day) -> tuple[time, timedelta]:
    """A plausible time for a local event on that day."""
    if day.weekday() == 5:
        return rng.choice([time(10, 0), time(10, 30), time(14, 0)]), timedelta(hours=rng.choice([2, 2.5, 3]))
    if day.weekday() == 6:
        return rng.choice([time(14, 0), time(15, 0)]), timedelta(hours=rng.choice([2, 3]))
    return rng.choice([time(18, 30), time(19, 0)]), timedelta(hours=2)


# The events of the demo's initiatives, by the kind of initiative their description tells (demo_texts.py).
EVENTS_BY_DESCRIPTION = {description: EVENTS[kind.key] for kind in KINDS for description in kind.descriptions}


def _idea(rng: random.Random, initiative: Initiative) -> tuple[str, str, str]:
    """(title, description, venue) of an event this initiative would organise."""
    ideas = EVENTS_BY_DESCRIPTION.get(initiative.description)
    if ideas:
        return rng.choice(ideas)
    title, description = rng.choice(
        IDEAS.get((initiative.themes or ["consumption"])[0], IDEAS["consumption"])
    )
    return title, description, rng.choice(VENUES)


def _place(rng: random.Random, initiative: Initiative, venue: str) -> tuple[str, float, float]:
    """A real street of the initiative's arrondissement (territory/streets.py), its address and a point on
    it: the postcode and the point both lie in the arrondissement the initiative names."""
    number = initiative.district.number
    if number not in STREETS:  # not one of Paris's arrondissements: at the initiative's own place
        return f"{venue} – {initiative.location}", initiative.lat, initiative.lon
    street = rng.choice(STREETS[number])
    lat, lon = street.lat, street.lon
    nearby = (lat + rng.uniform(-0.0003, 0.0003), lon + rng.uniform(-0.0004, 0.0004))
    if district_at(*nearby) == initiative.district:
        lat, lon = nearby
    return street.address(number, venue), lat, lon


def _event(rng, initiative, organiser, day, *, capacity=None) -> Event:
    zone = services.city_zone()
    title, description, venue = _idea(rng, initiative)
    start_time, length = _slot(rng, day)
    starts_at = datetime.combine(day, start_time, tzinfo=zone)
    address, lat, lon = _place(rng, initiative, venue)
    return Event(
        initiative=initiative,
        created_by=organiser,
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=starts_at + length,
        address=address,
        lat=lat,
        lon=lon,
        capacity=capacity if capacity is not None else rng.choice([None, 12, 15, 20, 25, 30, 40]),
    )


def seed(stdout, **options) -> None:
    """Create the demo events once; return at once when they exist."""
    initiatives = list(Initiative.objects.published().select_related("district", "organiser").order_by("pk"))
    if not initiatives:
        stdout.write("Events: no published initiative yet, no demo event created.")
        return
    if Event.objects.filter(initiative__in=initiatives).exists():
        stdout.write("Events: the demo events are already there.")
        return
    rng = random.Random(2026)
    today = timezone.localdate(timezone.now(), services.city_zone())
    events = []
    for initiative in initiatives:
        for _ in range(rng.randint(1, 3)):
            events.append(
                _event(rng, initiative, initiative.organiser, today + timedelta(days=rng.randint(2, 42)))
            )
        if rng.random() < 0.4:
            events.append(
                _event(rng, initiative, initiative.organiser, today - timedelta(days=rng.randint(7, 60)))
            )
    with transaction.atomic():
        created = Event.objects.bulk_create(events)
        registrations, cohosted, full = (
            _registrations(created),
            _cohost(rng, today),
            _full_event(rng, initiatives, today),
        )
    upcoming = sum(1 for event in created if event.starts_at.date() >= today)
    stdout.write(
        f"Events: {len(created) + full + cohosted} events ({upcoming} upcoming) "
        f"for {len(initiatives)} initiatives, "
        f"{registrations} registrations for {VOLUNTEER}, {full} full event with a waiting list, "
        f"{cohosted} co-hosted event."
    )


def _registrations(created) -> int:
    volunteer = get_user_model().objects.filter(email=VOLUNTEER).first()
    if volunteer is None:
        return 0
    upcoming = sorted((e for e in created if e.starts_at > timezone.now()), key=lambda e: e.starts_at)
    for event in upcoming[:2]:
        services.register(event, volunteer)
    return len(upcoming[:2])


def _full_event(rng, initiatives, today) -> int:
    """A small event with every seat taken and people waiting."""
    people = list(get_user_model().objects.filter(email__in=OTHERS).order_by("email"))
    if len(people) < 3:
        return 0
    initiative = initiatives[0]
    event = _event(rng, initiative, initiative.organiser, today + timedelta(days=5), capacity=2)
    event.title = "Atelier compost en appartement (petit groupe)"
    event.description = "Fabriquer son lombricomposteur : six mains par atelier, d'où le petit groupe."
    event.save()
    for person in people:
        services.register(event, person)
    return 1


def _cohost(rng, today) -> int:
    """One event two partner initiatives organise together."""
    partnership = (
        Partnership.objects.filter(
            status=Partnership.Status.ACCEPTED,
            requester__status=Initiative.Status.PUBLISHED,
            partner__status=Initiative.Status.PUBLISHED,
        )
        .select_related("requester__district", "requester__organiser", "partner")
        .order_by("pk")
        .first()
    )
    if partnership is None:
        return 0
    host = partnership.requester
    event = _event(rng, host, host.organiser, today + timedelta(days=12))
    event.title = f"Journée commune : {host.title} × {partnership.partner.title}"[:120]
    event.description = "Nos deux initiatives s'associent pour une journée d'ateliers et de rencontres."
    event.save()
    event.cohosts.add(partnership.partner)
    return 1

"""Demo content of this app, added by `manage.py setup_demo` (make demo).

About 200 initiatives of the kinds Parisians run (repair cafés, composting, shared gardens, school streets,
renovation collectives... see demo_texts.py), each on a real street of its arrondissement
(territory/streets.py), no two with the same title or summary; mostly published, some waiting for review
and a few drafts, with members, news, impact records, partnerships, and a deliberately similar pair in the
11th so that "similar nearby" shows.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mobilization.initiatives.demo_texts import FATOU, KINDS, NADIA, NEWS, ORGANISERS, Kind
from mobilization.territory.streets import STREETS, Street

DEMO_ORGANISER = NADIA


def arrondissement_label(number: int) -> str:
    """ "1er", "2e" … "20e", as Parisians write them."""
    return "1er" if number == 1 else f"{number}e"


def of_the_street(name: str) -> str:
    """ "de la rue Mouffetard", "de l'avenue Parmentier", "du quai de Valmy"."""
    kind = name.split(" ", 1)[0].lower()
    if kind in {"rue", "place"}:
        return f"de la {name}"
    if kind[0] in "aeiouéè":
        return f"de l'{name}"
    return f"du {name}"


def texts_of(kind: Kind, street: Street, number: int, variant: int) -> dict:
    """The title, summary and description of one initiative of `kind` on `street`."""
    values = {
        "rue": street.name,
        "Rue": street.name[0].upper() + street.name[1:],
        "de_rue": of_the_street(street.name),
        "arr": arrondissement_label(number),
        "detail": kind.details[variant % len(kind.details)],
    }
    return {
        "title": kind.titles[variant % len(kind.titles)].format(**values)[:120],
        "summary": kind.summaries[(variant + number) % len(kind.summaries)].format(**values)[:280],
        "description": kind.descriptions[(variant + number) % len(kind.descriptions)],
    }


def _point(street: Street, district, locator, rng):
    """A point within about 30 m of the street's, checked to fall inside the arrondissement."""
    for _attempt in range(20):
        lat = street.lat + rng.uniform(-0.0003, 0.0003)
        lon = street.lon + rng.uniform(-0.0004, 0.0004)
        found = locator.district_at(lat, lon)
        if found is not None and found.pk == district.pk:
            return lat, lon
    return street.lat, street.lon


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
    organisers = {main_organiser.email: main_organiser} | {
        email: create_demo_account(email, DEMO_PASSWORD, [roles.VOLUNTEER, roles.ORGANISER], name).user
        for email, name in ORGANISERS
    }
    locator = district_locator()
    rng = random.Random(2026)
    now = timezone.now()
    today = timezone.localdate()
    Status = Initiative.Status

    with transaction.atomic():
        created = []
        taken: set[str] = set()
        n = 0
        for number in range(1, 21):
            district = districts[number]
            streets = STREETS[number]
            for index, kind in enumerate(rng.sample(KINDS, 11 if number % 2 else 10)):
                street = streets[index % len(streets)]
                for variant in range(rng.randrange(3), rng.randrange(3) + 6):
                    texts = texts_of(kind, street, number, variant)
                    if texts["title"] not in taken and texts["summary"] not in taken:
                        break
                else:
                    continue
                taken.update((texts["title"], texts["summary"]))
                n += 1
                status = (
                    Status.SUBMITTED if n % 19 == 0 else Status.DRAFT if n % 41 == 0 else Status.PUBLISHED
                )
                lat, lon = _point(street, district, locator, rng)
                created.append(
                    Initiative(
                        **texts,
                        themes=kind.themes,
                        district=district,
                        lat=lat,
                        lon=lon,
                        location=street.name[0].upper() + street.name[1:],
                        organiser=organisers[kind.organiser],
                        needs=kind.needs,
                        volunteers_needed=kind.volunteers if n % 2 else 0,
                        skills_wanted=kind.skills,
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
                organiser=organisers[FATOU],
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
            for organiser in rng.sample(sorted(organisers.values(), key=lambda user: user.pk), 2):
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

"""Demo content of solidarity, added by `manage.py setup_demo` (make demo): about 300 registered residents
and 100 buddies spread over the twenty arrondissements, about three in four of them holding a valid
certification of learning's buddies' training (this seeder runs after learning's).

Everyone here is made up, and says so: every resident's last name starts with "Fictif-", the phone
numbers are in the range ARCEP reserves for fiction (01 99 00 xx xx) and the streets
are "rue de la Démo". The rows are written in bulk (a few queries per hundred rows), encrypted like
real ones.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from mobilization.accounts.models import User
from mobilization.learning import demo as learning_demo
from mobilization.learning.models import Certification
from mobilization.learning.services import add_months
from mobilization.solidarity import buddies, services
from mobilization.solidarity.models import (
    Absence,
    BuddyProfile,
    ContactMode,
    Language,
    VulnerableResident,
    rounded_point,
)
from mobilization.territory import services as territory
from mobilization.territory.models import District

DEMO_DOMAIN = "demo.climat.test"
RESIDENTS = 300
BUDDIES = 100
SEED = 12
UNUSABLE = "!"  # Django's mark of an unusable password: the demo's buddies cannot sign in

FIRST_NAMES = [
    "Jeanne",
    "Marcel",
    "Simone",
    "Robert",
    "Germaine",
    "André",
    "Yvette",
    "Lucien",
    "Paulette",
    "René",
    "Odette",
    "Raymond",
    "Huguette",
    "Maurice",
    "Ginette",
    "Fatima",
    "Mohamed",
    "Mei",
    "Chen",
    "Rosa",
    "Manuel",
    "Aïcha",
    "Moussa",
    "Lucienne",
    "Georges",
    "Colette",
    "Henri",
    "Madeleine",
    "Arlette",
    "Jacques",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "Benali",
    "Nguyen",
    "Diallo",
    "Da Silva",
    "Wang",
]
LANGUAGE_MIX = [
    [Language.FRENCH],
    [Language.FRENCH],
    [Language.FRENCH],
    [Language.FRENCH],
    [Language.FRENCH, Language.ARABIC],
    [Language.FRENCH, Language.PORTUGUESE],
    [Language.CHINESE, Language.FRENCH],
    [Language.FRENCH, Language.SPANISH],
    [Language.WOLOF, Language.FRENCH],
    [Language.FRENCH, Language.ENGLISH],
]
CARE_SERVICES = ["SSIAD Paris Centre, 01 99 00 10 10", "Aide à domicile Les Tilleuls, 01 99 00 20 20", ""]


def _point_in(district, rng, locator) -> tuple[float, float]:
    """A random point inside the district (its centre when ten tries miss)."""
    for _attempt in range(10):
        lat = district.centroid_lat + rng.uniform(-0.008, 0.008)
        lon = district.centroid_lon + rng.uniform(-0.012, 0.012)
        found = locator.district_at(lat, lon)
        if found is not None and found.pk == district.pk:
            return lat, lon
    return district.centroid_lat, district.centroid_lon


def _phone(rng) -> str:
    return f"+3319900{rng.randint(0, 9999):04d}"


def _born(rng, category) -> date:
    today = timezone.localdate()
    low, high = {
        VulnerableResident.Category.AGED_65: (65, 98),
        VulnerableResident.Category.AGED_60_UNFIT: (60, 64),
        VulnerableResident.Category.DISABLED_ADULT: (25, 59),
    }[category]
    return today - timedelta(days=rng.randint(low * 365 + 1, high * 365))


def _residents(rng, districts, locator, registrant) -> list[VulnerableResident]:
    now = timezone.now()
    categories = [VulnerableResident.Category.AGED_65] * 7 + [
        VulnerableResident.Category.AGED_60_UNFIT,
        VulnerableResident.Category.DISABLED_ADULT,
        VulnerableResident.Category.DISABLED_ADULT,
    ]
    kinds = [VulnerableResident.RegisteredBy.STAFF_PHONE] * 5 + [
        VulnerableResident.RegisteredBy.RELATIVE,
        VulnerableResident.RegisteredBy.RELATIVE,
        VulnerableResident.RegisteredBy.CARE,
    ]
    rows = []
    for _index in range(RESIDENTS):
        # Denser in the outer, more populous arrondissements, where most of the registry's people live.
        district = rng.choices(districts, weights=[district.number + 4 for district in districts])[0]
        lat, lon = rounded_point(*_point_in(district, rng, locator))
        category = rng.choice(categories)
        registered_as = rng.choice(kinds)
        version, wording = services.consent_wording(registered_as)
        confirmed = now - timedelta(days=rng.randint(0, 380))
        rows.append(
            VulnerableResident(
                first_name=rng.choice(FIRST_NAMES),
                last_name=f"Fictif-{rng.choice(LAST_NAMES)}",
                date_of_birth=_born(rng, category),
                category=category,
                address=f"{rng.randint(1, 180)} rue de la Démo, 750{district.number:02d} Paris",
                lat=lat,
                lon=lon,
                district=district,
                access_notes=rng.choice(["", f"Code {rng.randint(1000, 9999)}B, {rng.randint(0, 7)}e étage"]),
                phone=_phone(rng),
                other_phone=rng.choice(["", _phone(rng)]),
                languages=[str(code) for code in rng.choice(LANGUAGE_MIX)],
                lives_alone=rng.random() < 0.6,
                has_tele_alarm=rng.random() < 0.25,
                preferred_contact=ContactMode.VISIT if rng.random() < 0.2 else ContactMode.CALL,
                preferred_time=rng.choice(VulnerableResident.PreferredTime.values),
                emergency_contact=rng.choice(["", f"Sa fille, {_phone(rng)}"]),
                care_service=rng.choice(CARE_SERVICES),
                registered_as=registered_as,
                registered_by=registrant
                if registered_as == VulnerableResident.RegisteredBy.STAFF_PHONE
                else None,
                consent_version=version,
                consent_wording=wording,
                consent_given_at=confirmed,
                acknowledged_at=confirmed,
                confirmed_at=confirmed,
            )
        )
    return rows


def _buddies(rng, districts, locator) -> list[BuddyProfile]:
    existing = set(
        User.objects.filter(email__startswith="binome-", email__endswith=f"@{DEMO_DOMAIN}").values_list(
            "email", flat=True
        )
    )
    User.objects.bulk_create(
        User(email=email, password=UNUSABLE, is_active=True)
        for email in (f"binome-{index:03d}@{DEMO_DOMAIN}" for index in range(BUDDIES))
        if email not in existing
    )
    users = list(
        User.objects.filter(email__startswith="binome-", email__endswith=f"@{DEMO_DOMAIN}").order_by("email")
    )
    profiles = []
    for user in users:
        district = rng.choice(districts)
        own_point = rng.random() < 0.4
        lat, lon = (
            _point_in(district, rng, locator) if own_point else (district.centroid_lat, district.centroid_lon)
        )
        lat, lon = rounded_point(lat, lon)
        languages = [Language.FRENCH] + rng.sample(
            [Language.ENGLISH, Language.ARABIC, Language.SPANISH, Language.CHINESE, Language.PORTUGUESE],
            k=rng.randint(0, 2),
        )
        visits = rng.random() < 0.5
        profiles.append(
            BuddyProfile(
                user=user,
                checkins_per_day=rng.randint(3, 5),
                max_distance_km=rng.choice([1.0, 1.5, 2.0, 3.0, 5.0]),
                does_calls=True if not visits else rng.random() < 0.8,
                does_visits=visits,
                languages=[str(code) for code in languages],
                base=BuddyProfile.Base.OWN_POINT if own_point else BuddyProfile.Base.DISTRICT_CENTRE,
                base_district=district,
                base_lat=lat,
                base_lon=lon,
                paused_until=timezone.localdate() + timedelta(days=5) if rng.random() < 0.08 else None,
            )
        )
    return profiles


def _certify_buddies(rng, stdout) -> None:
    """Most demo buddies hold a valid certification of the buddies' training (so they are buddies); some
    hold one that expired or was revoked, some never followed it. The training is learning's demo one
    (created there if the learning seeder did not). The demo volunteer's certification comes from the
    learning seeder, which gives it through a session's attendance and quiz; she gets one here only
    when she has none."""
    training = learning_demo.demo_training(buddies.buddy_training_code())
    if training is None:
        stdout.write("Solidarity: the buddies' training is missing; no buddy is certified.")
        return
    today = timezone.localdate()
    validity = training.validity_months

    def certification(user, months_ago: int, status=Certification.Status.VALID) -> Certification:
        granted_on = add_months(today, -months_ago) - timedelta(days=rng.randint(0, 25))
        expires_on = add_months(granted_on, validity) if validity else None
        return Certification(
            user=user, training=training, granted_on=granted_on, expires_on=expires_on, status=status
        )

    rows = []
    demo_buddies = User.objects.filter(email__startswith="binome-", email__endswith=f"@{DEMO_DOMAIN}")
    for user in demo_buddies.exclude(certifications__training=training).order_by("email"):
        roll = rng.random()
        if roll < 0.72:
            rows.append(certification(user, rng.randint(1, 20)))
        elif roll < 0.80 and validity:
            rows.append(certification(user, validity + rng.randint(1, 6)))  # expired
        elif roll < 0.84:
            rows.append(certification(user, rng.randint(2, 10), Certification.Status.REVOKED))
    volunteer = User.objects.filter(email=f"volunteer@{DEMO_DOMAIN}").first()
    if volunteer is not None and not buddies.is_trained_buddy(volunteer):
        rows.append(certification(volunteer, 3))
    Certification.objects.bulk_create(rows, batch_size=200)


@transaction.atomic
def seed(stdout, **options) -> None:
    """Create the demo registry once; return at once when it is there."""
    if VulnerableResident.objects.filter(last_name__startswith="Fictif-").exists():
        return
    districts = list(District.objects.arrondissements())
    coordinator = User.objects.filter(email=f"coordinator@{DEMO_DOMAIN}").first()
    if not districts or coordinator is None:
        stdout.write("Solidarity: the arrondissements or the demo accounts are missing; nothing seeded.")
        return
    rng = random.Random(SEED)
    locator = territory.district_locator()
    VulnerableResident.objects.bulk_create(_residents(rng, districts, locator, coordinator), batch_size=200)
    residents = list(VulnerableResident.objects.filter(last_name__startswith="Fictif-").only("pk"))
    august = date(timezone.localdate().year + 1, 8, 1)
    Absence.objects.bulk_create(
        Absence(resident=resident, starts_on=august, ends_on=august + timedelta(days=rng.randint(7, 30)))
        for resident in rng.sample(residents, k=len(residents) // 10)
    )
    BuddyProfile.objects.bulk_create(_buddies(rng, districts, locator), batch_size=200, ignore_conflicts=True)
    _certify_buddies(rng, stdout)

    # The demo volunteer is a buddy (certified above or by the learning seeder); the organiser registered
    # her grandmother.
    volunteer = User.objects.filter(email=f"volunteer@{DEMO_DOMAIN}").first()
    if volunteer is not None:
        eleventh = next((district for district in districts if district.number == 11), districts[0])
        services.save_buddy_profile(
            volunteer,
            values={
                "checkins_per_day": 4,
                "max_distance_km": 2.0,
                "does_calls": True,
                "does_visits": True,
                "languages": ["fr", "en"],
                "base": BuddyProfile.Base.DISTRICT_CENTRE,
            },
            district=eleventh,
        )
    organiser = User.objects.filter(email=f"organiser@{DEMO_DOMAIN}").first()
    if organiser is not None:
        services.register_resident(
            by=organiser,
            registered_as=VulnerableResident.RegisteredBy.RELATIVE,
            values={
                "first_name": "Lucienne",
                "last_name": "Fictif-Haddad",
                "date_of_birth": date(1938, 3, 14),
                "category": VulnerableResident.Category.AGED_65,
                "address": "24 rue de la Démo, 75011 Paris",
                "lat": 48.8589,
                "lon": 2.3799,
                "access_notes": "Code 4821A, 3e étage gauche",
                "phone": "+33199001234",
                "other_phone": "",
                "languages": ["fr", "ar"],
                "lives_alone": True,
                "has_tele_alarm": False,
                "preferred_contact": ContactMode.CALL,
                "preferred_time": VulnerableResident.PreferredTime.MORNING,
                "emergency_contact": "Nadia, sa petite-fille, 01 99 00 00 11",
                "care_service": "",
            },
        )
    stdout.write(
        f"Solidarity: {VulnerableResident.objects.count()} fictitious registered residents, "
        f"{BuddyProfile.objects.count()} buddy profiles."
    )

"""The kinds of caller the route table speaks of, and the objects they own.

`owner` owns object A (their notification, their profile); `other` is a volunteer who owns object B and
must not reach A. Staff callers have a second factor, as the platform requires of them.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress

from mobilization.accounts import services
from mobilization.accounts.models import ConsentRecord, User
from mobilization.core import roles

ANONYMOUS = "anonymous"
OWNER = "owner"
OTHER = "other"
CITY_STAFF = "city_staff"
COORDINATOR = "coordinator"
ADMIN = "admin"
ALL_CALLERS = (ANONYMOUS, OWNER, OTHER, CITY_STAFF, COORDINATOR, ADMIN)
MEMBERS = (OWNER, OTHER, CITY_STAFF, COORDINATOR, ADMIN)

PASSWORD = "route-table-password-2026"


def make_member(email: str, display_name: str, role_names=(roles.VOLUNTEER,), **extra) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    services.sign_up(
        user,
        display_name=display_name,
        consents_given=[ConsentRecord.Purpose.TERMS, ConsentRecord.Purpose.PRIVACY],
    )
    services.set_roles(user, role_names, by=None)
    if roles.needs_two_factor(user):
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(user, generate_totp_secret())
    return user


@dataclass
class World:
    """Everything the table's paths are built from."""

    users: dict
    notification_a: object
    notification_b: object
    place: object
    district: object
    # Objects the pillars' builders add (tests/access/pillars/<app>.py): `world.initiative_a`…
    extra: dict = field(default_factory=dict)

    def user(self, caller: str):
        return self.users.get(caller)

    def __getattr__(self, name):
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(name)


def build_world() -> World:
    from mobilization.notifications.services import notify
    from mobilization.territory.models import City, District, Place

    users = {
        OWNER: make_member("owner@example.org", "Owner"),
        OTHER: make_member("other@example.org", "Other"),
        CITY_STAFF: make_member("staff@example.org", "Staff", (roles.CITY_STAFF,)),
        COORDINATOR: make_member("coordinator@example.org", "Coordinator", (roles.SOLIDARITY_COORDINATOR,)),
        ADMIN: make_member("admin@example.org", "Admin", (), is_staff=True, is_superuser=True),
    }
    notification_a = notify([users[OWNER]], "test_message", {})[0]
    notification_b = notify([users[OTHER]], "test_message", {})[0]
    city = City.objects.create(name="Paris", insee_code="75056")
    square = {
        "type": "Polygon",
        "coordinates": [[[2.34, 48.85], [2.36, 48.85], [2.36, 48.86], [2.34, 48.85]]],
    }
    district = District.objects.create(
        city=city,
        level=District.Level.ARRONDISSEMENT,
        code="75104",
        number=4,
        name="4e",
        geometry=square,
        area_m2=1_600_000,
        centroid_lat=48.855,
        centroid_lon=2.35,
    )
    place = Place.objects.create(
        kind=Place.Kind.COOL_PLACE,
        name="Piscine",
        lat=48.855,
        lon=2.35,
        district=district,
        source_dataset="test",
        source_id="1",
    )
    world = World(users, notification_a, notification_b, place, district)
    from tests.access.pillars import PILLARS

    for pillar in PILLARS:
        pillar.build(world)
    return world

"""The kinds of caller the route table speaks of, and the objects they own.

`owner` owns object A (their notification, their profile); `other` is a volunteer who owns object B and
must not reach A. Staff callers have a second factor, as the platform requires of them.
"""

from dataclasses import dataclass, field

# The route table's members are the factory's (`make_member`, `PASSWORD` stay importable from here
# for the pillars' tables and the hostile corpus).
from mobilization.accounts.tests.factories import PASSWORD, make_member  # noqa: F401
from mobilization.core import roles

ANONYMOUS = "anonymous"
OWNER = "owner"
OTHER = "other"
CITY_STAFF = "city_staff"
COORDINATOR = "coordinator"
ADMIN = "admin"
ALL_CALLERS = (ANONYMOUS, OWNER, OTHER, CITY_STAFF, COORDINATOR, ADMIN)
MEMBERS = (OWNER, OTHER, CITY_STAFF, COORDINATOR, ADMIN)


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
    from mobilization.territory.models import Place
    from mobilization.territory.tests.factories import ArrondissementFactory, PlaceFactory

    users = {
        OWNER: make_member("owner@example.org", "Owner"),
        OTHER: make_member("other@example.org", "Other"),
        CITY_STAFF: make_member("staff@example.org", "Staff", (roles.CITY_STAFF,)),
        COORDINATOR: make_member("coordinator@example.org", "Coordinator", (roles.SOLIDARITY_COORDINATOR,)),
        ADMIN: make_member("admin@example.org", "Admin", (), is_staff=True, is_superuser=True),
    }
    notification_a = notify([users[OWNER]], "test_message", {})[0]
    notification_b = notify([users[OTHER]], "test_message", {})[0]
    district = ArrondissementFactory(number=4, name="4e", centroid_lat=48.855, centroid_lon=2.35)
    place = PlaceFactory(kind=Place.Kind.COOL_PLACE, name="Piscine", lat=48.855, lon=2.35, district=district)
    world = World(users, notification_a, notification_b, place, district)
    # Through the table, which imports the pillars once its own names exist (they import them back):
    # imported first, the pillars would meet a table that is not there yet.
    from tests.access.table import PILLARS

    for pillar in PILLARS:
        pillar.build(world)
    return world

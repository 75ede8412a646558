"""Access table rows of the solidarity app: the registry of vulnerable residents and the buddies.

World: resident A, registered by `owner` on a relative's behalf (owner is its registrant, not the
person), with an absence; resident B, registered by `other`, who is also a trained buddy. The
coordinator follows the whole city (no arrondissements set). Nobody else learns that a record exists:
404, buddies and city staff included (staff review the read log, not the records).
"""

from datetime import timedelta

from django.utils import timezone

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, members

POINT = (48.855, 2.35)  # inside the route table's district (the 4th)


def build(world) -> None:
    from mobilization.solidarity.models import Absence, VulnerableResident
    from mobilization.solidarity.tests.factories import BuddyProfileFactory, ResidentFactory

    owner, other = world.user(OWNER), world.user(OTHER)
    relative = VulnerableResident.RegisteredBy.RELATIVE

    def resident(registrant, last_name):
        return ResidentFactory(
            district=world.district,
            lat=POINT[0],
            lon=POINT[1],
            last_name=last_name,
            registered_by=registrant,
            registered_as=relative,
        )

    world.extra["solidarity_resident_a"] = resident(owner, "Fictif-A")
    world.extra["solidarity_resident_b"] = resident(other, "Fictif-B")
    today = timezone.localdate()
    world.extra["solidarity_absence_a"] = Absence.objects.create(
        resident=world.solidarity_resident_a, starts_on=today, ends_on=today + timedelta(days=10)
    )
    BuddyProfileFactory(user=other, base_district=world.district, base_lat=POINT[0], base_lon=POINT[1])


def outcomes(owner, other, city_staff, coordinator, admin, anonymous=LOGIN) -> dict:
    return {
        ANONYMOUS: anonymous,
        OWNER: owner,
        OTHER: other,
        CITY_STAFF: city_staff,
        COORDINATOR: coordinator,
        ADMIN: admin,
    }


RESIDENT_A = lambda world: {"pk": world.solidarity_resident_a.pk}  # noqa: E731
ABSENCE_A = lambda world: {  # noqa: E731
    "pk": world.solidarity_resident_a.pk,
    "absence_pk": world.solidarity_absence_a.pk,
}
NOT_GET = members(405)
NOT_POST = members(405)

# Record A: its registrant, the coordinators and the administrator; the buddy (other) and city staff: 404.
KNOWS_A = outcomes(owner=200, other=404, city_staff=404, coordinator=200, admin=200)
# The same, when the registrant's request erases what the next callers ask for (callers go in the order
# anonymous, owner, other, staff, coordinator, administrator).
ERASED_BY_OWNER = outcomes(owner=REDIRECT, other=404, city_staff=404, coordinator=404, admin=404)
COORDINATORS_ONLY = outcomes(owner=404, other=404, city_staff=404, coordinator=200, admin=200)
STAFF_ONLY = outcomes(owner=404, other=404, city_staff=200, coordinator=404, admin=200)
# Pausing needs a buddy profile: only `other` has one.
BUDDY_ONLY = outcomes(owner=404, other=REDIRECT, city_staff=404, coordinator=404, admin=404)

ROWS: tuple = (
    # --- Registering: anyone signed in, for themselves or on someone's behalf --------------------------
    Route("solidarity:register_start", {"GET": members(200), "POST": NOT_POST}),
    # An empty POST is answered with the form and its errors.
    Route(
        "solidarity:register",
        {"GET": members(200), "POST": members(200)},
        kwargs=lambda w: {"kind": "relative"},
    ),
    Route("solidarity:mine", {"GET": members(200), "POST": NOT_POST}),
    # --- The registry: coordinators only; a volunteer (or a buddy) cannot list it ----------------------
    Route(
        "solidarity:residents",
        {"GET": COORDINATORS_ONLY, "POST": outcomes(404, 404, 404, 405, 405)},
    ),
    Route("solidarity:resident", {"GET": KNOWS_A, "POST": NOT_POST}, kwargs=RESIDENT_A),
    # The access notes are sealed: a page of their own, whose every opening is logged.
    Route("solidarity:access_notes", {"GET": KNOWS_A, "POST": NOT_POST}, kwargs=RESIDENT_A),
    Route("solidarity:resident_edit", {"GET": KNOWS_A, "POST": KNOWS_A}, kwargs=RESIDENT_A),
    Route(
        "solidarity:resident_confirm",
        {"GET": NOT_GET, "POST": outcomes(REDIRECT, 404, 404, REDIRECT, REDIRECT)},
        kwargs=RESIDENT_A,
    ),
    Route("solidarity:resident_withdraw", {"GET": KNOWS_A, "POST": ERASED_BY_OWNER}, kwargs=RESIDENT_A),
    # An empty absence is refused with the page and its errors (400).
    Route(
        "solidarity:absence_add",
        {"GET": NOT_GET, "POST": outcomes(400, 404, 404, 400, 400)},
        kwargs=RESIDENT_A,
    ),
    Route("solidarity:absence_remove", {"GET": NOT_GET, "POST": ERASED_BY_OWNER}, kwargs=ABSENCE_A),
    # --- The read log: city staff review who read what (not the coordinators whose reads it records) ---
    Route("solidarity:read_log", {"GET": STAFF_ONLY, "POST": outcomes(404, 404, 405, 404, 405)}),
    # --- Buddies: one's own profile ------------------------------------------------------------------
    Route("solidarity:buddy", {"GET": members(200), "POST": members(200)}),
    Route("solidarity:buddy_pause", {"GET": NOT_GET, "POST": BUDDY_ONLY}),
    Route("solidarity:buddy_resume", {"GET": NOT_GET, "POST": BUDDY_ONLY}),
)

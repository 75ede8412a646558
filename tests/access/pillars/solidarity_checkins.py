"""Access table rows of solidarity's check-ins, escalations and coordinators' pages.

World: an active heatwave over the route table's district; `other` (who has the buddy profile of the
registry's rows) is a trained buddy who accepted resident C (a check-in to do, a visit: the access notes
show today); resident D was accepted by a buddy who is none of the callers. `owner` is a volunteer, not a
buddy (the registry's rows need them without a profile): a buddy opening another buddy's resident is in
the app's tests (test_checkin_views). Resident C has an open escalation. The coordinator follows the
whole city.

A buddy's card is for the buddy who accepted the person, while the event is active: anyone else, the
coordinators and the administrator included, is told it does not exist (404: coordinators read the
record's own page). The coordination pages are the coordinators' (and the administrator's): 404 to others.
"""

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone, members

POINT = (48.855, 2.35)  # inside the route table's district (the 4th)


def build(world) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mobilization.solidarity import checkins
    from mobilization.solidarity.models import Assignment, BuddyProfile, CheckIn, Escalation, ExtremeEvent
    from mobilization.solidarity.tests.factories import BuddyProfileFactory, ResidentFactory, certify

    now = timezone.now()
    event = ExtremeEvent.objects.create(
        hazard="heatwave",
        level="orange",
        starts_at=now - timedelta(hours=2),
        activated_at=now - timedelta(hours=2),
        status=ExtremeEvent.Status.ACTIVE,
        headline="Canicule (route table)",
    )
    event.districts.set([world.district])

    def buddy_of(user, last_name):
        certify(user)
        profile = BuddyProfile.objects.filter(user=user).first() or BuddyProfileFactory(
            user=user, base_district=world.district, base_lat=POINT[0], base_lon=POINT[1], does_visits=True
        )
        resident = ResidentFactory(
            district=world.district,
            lat=POINT[0],
            lon=POINT[1],
            last_name=last_name,
            preferred_contact="visit",
        )
        Assignment.objects.create(
            event=event,
            resident=resident,
            buddy=profile,
            status=Assignment.Status.ACCEPTED,
            offered_at=now - timedelta(hours=2),
            answered_at=now - timedelta(hours=2),
        )
        return resident

    from mobilization.accounts.tests.factories import MemberFactory

    resident_c = buddy_of(world.user(OTHER), "Fictif-C")
    buddy_of(MemberFactory(email="buddy-d@example.org"), "Fictif-D")
    checkins.generate_checkins(event, now)
    world.extra["solidarity_event"] = event
    world.extra["solidarity_resident_c"] = resident_c
    world.extra["solidarity_checkin_c"] = CheckIn.objects.get(resident=resident_c)
    world.extra["solidarity_escalation_c"] = Escalation.objects.create(
        event=event, resident=resident_c, reason=Escalation.Reason.NO_ANSWER
    )


def outcomes(owner, other, city_staff, coordinator, admin, anonymous=LOGIN) -> dict:
    return {
        ANONYMOUS: anonymous,
        OWNER: owner,
        OTHER: other,
        CITY_STAFF: city_staff,
        COORDINATOR: coordinator,
        ADMIN: admin,
    }


EVENT = lambda world: {"pk": world.solidarity_event.pk}  # noqa: E731
RESIDENT_C = lambda world: {"pk": world.solidarity_resident_c.pk}  # noqa: E731
CHECKIN_C = lambda world: {"pk": world.solidarity_checkin_c.pk}  # noqa: E731
ESCALATION_C = lambda world: {"pk": world.solidarity_escalation_c.pk}  # noqa: E731
COORDINATORS = outcomes(owner=404, other=404, city_staff=404, coordinator=200, admin=200)
# A POST to a coordinators' page: 404 to others; for the coordinators a GET-only page answers 405.
COORDINATORS_NOT_POST = outcomes(owner=404, other=404, city_staff=404, coordinator=405, admin=405)
COORDINATORS_NOT_GET = COORDINATORS_NOT_POST
# An empty form is answered with the page and its errors (400).
COORDINATORS_EMPTY_FORM = outcomes(owner=404, other=404, city_staff=404, coordinator=400, admin=400)

ROWS: tuple = (
    # --- The buddy's pages ------------------------------------------------------------------------------
    Route("solidarity:checkins", {"GET": members(200), "POST": members(405)}),
    # The service worker's script is public (the browser fetches it like any script).
    Route("solidarity:checkins_sw", {"GET": everyone(200), "POST": everyone(405)}),
    # Only the buddy who accepted the person, while the event is active.
    Route(
        "solidarity:checkin_card",
        {"GET": outcomes(404, 200, 404, 404, 404), "POST": members(405)},
        kwargs=RESIDENT_C,
    ),
    # An empty outcome: the buddy gets the card and its errors (400); the administrator may record any
    # (every permission), so gets the same; anyone else: 404.
    Route(
        "solidarity:checkin_outcome",
        {"GET": members(405), "POST": outcomes(404, 400, 404, 404, 400)},
        kwargs=CHECKIN_C,
    ),
    # --- The coordinators' pages --------------------------------------------------------------------
    Route("solidarity:coordination", {"GET": COORDINATORS, "POST": COORDINATORS_NOT_POST}),
    Route("solidarity:dashboard", {"GET": COORDINATORS, "POST": COORDINATORS_NOT_POST}, kwargs=EVENT),
    # The live part is for htmx; a browser asking for it is sent to the dashboard.
    Route(
        "solidarity:dashboard_live",
        {"GET": outcomes(404, 404, 404, REDIRECT, REDIRECT), "POST": COORDINATORS_NOT_POST},
        kwargs=EVENT,
    ),
    Route("solidarity:event_report", {"GET": COORDINATORS, "POST": COORDINATORS_NOT_POST}, kwargs=EVENT),
    # A coordinator's own call to a person of the event; an empty outcome: the page and its errors.
    Route(
        "solidarity:coordinator_call",
        {"GET": COORDINATORS, "POST": COORDINATORS_EMPTY_FORM},
        kwargs=lambda world: {"pk": world.solidarity_event.pk, "resident_pk": world.solidarity_resident_c.pk},
    ),
    Route("solidarity:event_report_csv", {"GET": COORDINATORS, "POST": COORDINATORS_NOT_POST}, kwargs=EVENT),
    Route("solidarity:escalations", {"GET": COORDINATORS, "POST": COORDINATORS_NOT_POST}),
    Route("solidarity:escalation", {"GET": COORDINATORS, "POST": COORDINATORS_NOT_POST}, kwargs=ESCALATION_C),
    Route(
        "solidarity:escalation_take",
        {"GET": COORDINATORS_NOT_GET, "POST": outcomes(404, 404, 404, REDIRECT, REDIRECT)},
        kwargs=ESCALATION_C,
    ),
    Route(
        "solidarity:escalation_note",
        {"GET": COORDINATORS_NOT_GET, "POST": COORDINATORS_EMPTY_FORM},
        kwargs=ESCALATION_C,
    ),
    Route(
        "solidarity:escalation_resolve",
        {"GET": COORDINATORS_NOT_GET, "POST": COORDINATORS_EMPTY_FORM},
        kwargs=ESCALATION_C,
    ),
)

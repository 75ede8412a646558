"""Access table rows of solidarity's extreme events: coordinators' pages, the buddies' offers.

World (on top of the solidarity pillar's): event A, an active heatwave over the table's district, with
an offer to `other` (a certified buddy) to check on resident A. Coordinators (and the administrator) run
events; nobody else learns an event page exists (404). A buddy answers only their own offers.
"""

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, members


def build(world) -> None:
    from django.utils import timezone

    from mobilization.solidarity.models import Assignment, BuddyProfile, ExtremeEvent
    from mobilization.solidarity.tests.event_factories import EventFactory
    from mobilization.solidarity.tests.factories import certify

    event = EventFactory(status=ExtremeEvent.Status.ACTIVE, districts=[world.district])
    buddy = BuddyProfile.objects.get(user=world.user(OTHER))
    certify(buddy.user)
    world.extra["solidarity_event_a"] = event
    world.extra["solidarity_offer_a"] = Assignment.objects.create(
        event=event, resident=world.solidarity_resident_a, buddy=buddy, offered_at=timezone.now()
    )
    # The prefect's extract, produced by the coordinator: its link is theirs alone.
    from mobilization.solidarity import extracts

    world.extra["solidarity_extract_a"] = extracts.create_extract(event, by=world.user(COORDINATOR))


def outcomes(owner, other, city_staff, coordinator, admin, anonymous=LOGIN) -> dict:
    return {
        ANONYMOUS: anonymous,
        OWNER: owner,
        OTHER: other,
        CITY_STAFF: city_staff,
        COORDINATOR: coordinator,
        ADMIN: admin,
    }


EVENT_A = lambda world: {"pk": world.solidarity_event_a.pk}  # noqa: E731
OFFER_A = lambda world: {"pk": world.solidarity_offer_a.pk}  # noqa: E731
NOT_GET = members(405)
NOT_POST = members(405)
COORDINATORS_ONLY = outcomes(owner=404, other=404, city_staff=404, coordinator=200, admin=200)
# A state change: coordinators are sent back to the event's page (with a message if it could not be).
COORDINATORS_ACT = outcomes(owner=404, other=404, city_staff=404, coordinator=REDIRECT, admin=REDIRECT)
EXTRACT_A = lambda world: {"key": world.solidarity_extract_a.key}  # noqa: E731
# Producing the extract asks for the password again first: the coordinators are sent to confirm it.
COORDINATORS_REAUTHENTICATE = COORDINATORS_ACT
# The extract's link is for the coordinator who produced it: the administrator too gets 404.
ITS_COORDINATOR_ONLY = outcomes(owner=404, other=404, city_staff=404, coordinator=200, admin=404)
THE_BUDDY_ANSWERS = outcomes(owner=404, other=REDIRECT, city_staff=404, coordinator=404, admin=404)

ROWS: tuple = (
    Route("solidarity:events", {"GET": COORDINATORS_ONLY, "POST": outcomes(404, 404, 404, 405, 405)}),
    # An empty upload is answered with the form and its error (400).
    Route("solidarity:event_import", {"GET": COORDINATORS_ONLY, "POST": outcomes(404, 404, 404, 400, 400)}),
    # An event made by hand; an empty form is answered with its errors (400).
    Route("solidarity:event_create", {"GET": COORDINATORS_ONLY, "POST": outcomes(404, 404, 404, 400, 400)}),
    Route("solidarity:event", {"GET": COORDINATORS_ONLY, "POST": NOT_POST}, kwargs=EVENT_A),
    Route(
        "solidarity:event_edit",
        {"GET": COORDINATORS_ONLY, "POST": outcomes(404, 404, 404, 400, 400)},
        kwargs=EVENT_A,
    ),
    Route("solidarity:event_cap", {"GET": COORDINATORS_ONLY, "POST": NOT_POST}, kwargs=EVENT_A),
    Route("solidarity:event_call_list", {"GET": COORDINATORS_ONLY, "POST": NOT_POST}, kwargs=EVENT_A),
    Route("solidarity:event_activate", {"GET": NOT_GET, "POST": COORDINATORS_ACT}, kwargs=EVENT_A),
    Route("solidarity:event_stand_down", {"GET": NOT_GET, "POST": COORDINATORS_ACT}, kwargs=EVENT_A),
    Route("solidarity:event_close", {"GET": NOT_GET, "POST": COORDINATORS_ACT}, kwargs=EVENT_A),
    Route("solidarity:event_dispatch", {"GET": NOT_GET, "POST": COORDINATORS_ACT}, kwargs=EVENT_A),
    # --- The prefect's extract ------------------------------------------------------------------------
    Route(
        "solidarity:extract_start",
        {"GET": COORDINATORS_ONLY, "POST": COORDINATORS_REAUTHENTICATE},
        kwargs=EVENT_A,
    ),
    Route("solidarity:extract", {"GET": ITS_COORDINATOR_ONLY, "POST": NOT_POST}, kwargs=EXTRACT_A),
    Route("solidarity:extract_download", {"GET": ITS_COORDINATOR_ONLY, "POST": NOT_POST}, kwargs=EXTRACT_A),
    # --- The buddy's offers: each their own -----------------------------------------------------------
    Route("solidarity:offers", {"GET": members(200), "POST": NOT_POST}),
    Route("solidarity:offer_accept", {"GET": NOT_GET, "POST": THE_BUDDY_ANSWERS}, kwargs=OFFER_A),
    Route("solidarity:offer_decline", {"GET": NOT_GET, "POST": THE_BUDDY_ANSWERS}, kwargs=OFFER_A),
)

"""Access table rows of the events app.

Objects: `events_event_a` (an upcoming event of the owner's initiative A), `events_event_b` (of the other's
initiative B), `events_token_a` (the owner's private calendar token). Initiative A belongs to `owner`; city
staff moderate every event; the administrator (a superuser) has every permission.
"""

from datetime import timedelta

from django.utils import timezone

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone, members

# Inside the route table's district (a triangle around 48.852, 2.355).
POINT = (48.852, 2.355)


def _initiative(world, key: str, title: str, organiser):
    """The initiatives helper's initiative A/B, or one of our own when that pillar has none."""
    if key in world.extra:
        return world.extra[key]
    from mobilization.events.tests.factories import HostFactory

    initiative = HostFactory(
        title=title,
        summary=f"{title}: summary",
        themes=["food"],
        district=world.district,
        lat=POINT[0],
        lon=POINT[1],
        organiser=organiser,
    )
    world.extra[f"events_{key}"] = initiative
    return initiative


def build(world) -> None:
    from mobilization.events import services
    from mobilization.events.tests.factories import EventFactory

    owner, other = world.user(OWNER), world.user(OTHER)
    initiative_a = _initiative(world, "initiative_a", "Compost partagé A", owner)
    initiative_b = _initiative(world, "initiative_b", "Jardin partagé B", other)
    starts = timezone.now() + timedelta(days=3)

    def event(initiative, title, organiser):
        return EventFactory(
            initiative=initiative,
            created_by=organiser,
            title=title,
            description="Bring gloves.",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            address="10 rue des Archives, 75004 Paris",
            lat=POINT[0],
            lon=POINT[1],
            capacity=3,
        )

    world.extra["events_initiative_a"] = initiative_a
    world.extra["events_event_a"] = event(initiative_a, "Atelier compost A", owner)
    world.extra["events_event_b"] = event(initiative_b, "Plantation B", other)
    world.extra["events_token_a"] = services.calendar_token_for(owner)


EVENT_A = lambda world: {"pk": world.events_event_a.pk}  # noqa: E731
INITIATIVE_A = lambda world: {"host_pk": world.events_initiative_a.pk}  # noqa: E731


def outcomes(owner, other, city_staff, coordinator, admin, anonymous=LOGIN) -> dict:
    return {
        ANONYMOUS: anonymous,
        OWNER: owner,
        OTHER: other,
        CITY_STAFF: city_staff,
        COORDINATOR: coordinator,
        ADMIN: admin,
    }


# The organiser of A, city staff (moderators) and the administrator run event A; others are refused.
RUN_EVENT_A = outcomes(owner=200, other=403, city_staff=200, coordinator=403, admin=200)

ROWS: tuple = (
    # --- Public pages and data ----------------------------------------------------------------------------
    Route("events:list", {"GET": everyone(200), "POST": everyone(405)}),
    Route("events:download_csv", {"GET": everyone(200), "POST": everyone(405)}),
    Route("events:download_geojson", {"GET": everyone(200), "POST": everyone(405)}),
    Route("events:detail", {"GET": everyone(200), "POST": everyone(405)}, kwargs=EVENT_A),
    Route("events:ics", {"GET": everyone(200), "POST": everyone(405)}, kwargs=EVENT_A),
    Route("events:initiative_feed", {"GET": everyone(200), "POST": everyone(405)}, kwargs=INITIATIVE_A),
    Route("api:list_events", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:event", {"GET": everyone(200)}, kwargs=lambda world: {"event_id": world.events_event_a.pk}),
    # --- The private feed: the token is the key, no session needed -------------------------------------
    Route(
        "events:my_feed",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda world: {"token": world.events_token_a.token},
    ),
    # --- The same feeds at the addresses people subscribed to before pages took a language prefix ------
    Route(
        "subscribed:my_feed",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda world: {"token": world.events_token_a.token},
    ),
    Route("subscribed:initiative_feed", {"GET": everyone(200), "POST": everyone(405)}, kwargs=INITIATIVE_A),
    Route("subscribed:event_ics", {"GET": everyone(200), "POST": everyone(405)}, kwargs=EVENT_A),
    # --- Registering: anyone signed in ------------------------------------------------------------------
    Route("events:register", {"GET": members(405), "POST": members(REDIRECT)}, kwargs=EVENT_A),
    Route("events:cancel_registration", {"GET": members(405), "POST": members(REDIRECT)}, kwargs=EVENT_A),
    Route("events:mine", {"GET": members(200), "POST": members(405)}),
    Route("events:my_calendar", {"GET": members(200), "POST": members(REDIRECT)}),
    # --- Organisers: an event of initiative A ------------------------------------------------------------
    # Staff may not add an event to somebody's initiative: only its organiser (and the administrator).
    Route(
        "events:create",
        {
            "GET": outcomes(owner=200, other=403, city_staff=403, coordinator=403, admin=200),
            "POST": outcomes(owner=200, other=403, city_staff=403, coordinator=403, admin=200),
        },
        kwargs=INITIATIVE_A,
    ),
    # An empty POST is answered with the form and its errors.
    Route("events:edit", {"GET": RUN_EVENT_A, "POST": RUN_EVENT_A}, kwargs=EVENT_A),
    Route("events:cancel", {"GET": RUN_EVENT_A, "POST": RUN_EVENT_A}, kwargs=EVENT_A),
    Route("events:registrations", {"GET": RUN_EVENT_A, "POST": members(405)}, kwargs=EVENT_A),
)

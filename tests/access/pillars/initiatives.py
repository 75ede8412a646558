"""Access table rows of the initiatives app.

Two sections: the core (initiatives, their people, moderation, partners: the initiatives-core helper)
and discovery (list, map, search, feeds, downloads: the discovery helper).
"""

from django.utils import timezone

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone, members

# --- Objects ---------------------------------------------------------------------------------------------


def build(world) -> None:
    """initiative_a (owner's, published), initiative_b (other's, published), draft_a (owner's draft),
    submitted_a (owner's, waiting for review), news_a (on A), membership_a (other joined A),
    report_a (other reported B, open), partnership_a (B asks A, proposed), contact_a (other wrote to A's
    organiser)."""
    from mobilization.initiatives.models import Initiative
    from mobilization.initiatives.tests import factories

    owner, other = world.user(OWNER), world.user(OTHER)
    now = timezone.now()

    def initiative(title, organiser, status):
        return factories.InitiativeFactory(
            title=title,
            summary=f"{title}: summary",
            description=f"{title}: description",
            themes=["food"],
            district=world.district,
            lat=48.852,
            lon=2.355,
            organiser=organiser,
            status=status,
            published_at=now if status == Initiative.Status.PUBLISHED else None,
            submitted_at=now if status != Initiative.Status.DRAFT else None,
        )

    published = Initiative.Status.PUBLISHED
    world.extra["initiative_a"] = initiative("Compost partagé A", owner, published)
    world.extra["initiative_b"] = initiative("Jardin partagé B", other, published)
    world.extra["draft_a"] = initiative("Brouillon A", owner, Initiative.Status.DRAFT)
    world.extra["submitted_a"] = initiative("Repair café A", owner, Initiative.Status.SUBMITTED)
    world.extra["news_a"] = factories.NewsPostFactory(
        initiative=world.initiative_a, author=owner, title="News A", body="Hello"
    )
    world.extra["membership_a"] = factories.MembershipFactory(
        initiative=world.initiative_a, user=other, message="I can help"
    )
    world.extra["report_a"] = factories.ContentReportFactory(
        initiative=world.initiative_b, reporter=other, reason="Spam"
    )
    world.extra["partnership_a"] = factories.PartnershipFactory(
        requester=world.initiative_b, partner=world.initiative_a, created_by=other, message="Team up?"
    )
    world.extra["contact_a"] = factories.ContactMessageFactory(
        initiative=world.initiative_a, sender=other, message="Bonjour"
    )
    # --- discovery: objects of the discovery helper go below ---


# --- Rows ------------------------------------------------------------------------------------------------

A = lambda world: {"pk": world.initiative_a.pk}  # noqa: E731
DRAFT_A = lambda world: {"pk": world.draft_a.pk}  # noqa: E731
SUBMITTED_A = lambda world: {"pk": world.submitted_a.pk}  # noqa: E731


def outcomes(owner, other, city_staff, coordinator, admin, anonymous=LOGIN) -> dict:
    return {
        ANONYMOUS: anonymous,
        OWNER: owner,
        OTHER: other,
        CITY_STAFF: city_staff,
        COORDINATOR: coordinator,
        ADMIN: admin,
    }


ORGANISER_ONLY_PAGE = outcomes(200, 403, 403, 403, 200)
ORGANISER_ONLY_POST = outcomes(REDIRECT, 403, 403, 403, REDIRECT)
STAFF_PAGE = outcomes(403, 403, 200, 403, 200)
STAFF_POST = outcomes(403, 403, REDIRECT, 403, REDIRECT)
NOT_THE_ORGANISER = outcomes(403, 200, 200, 200, 200)
NOT_THE_ORGANISER_POST = outcomes(403, REDIRECT, REDIRECT, REDIRECT, REDIRECT)

CORE_ROWS = (
    Route("initiatives:create", {"GET": members(200), "POST": members(200)}),
    Route("initiatives:mine", {"GET": members(200), "POST": members(405)}),
    Route("initiatives:detail", {"GET": everyone(200), "POST": everyone(405)}, kwargs=A),
    # Editing: the organiser and staff; another volunteer reads the page but may not change it.
    Route(
        "initiatives:edit",
        {"GET": outcomes(200, 403, 200, 403, 200), "POST": outcomes(200, 403, 200, 403, 200)},
        kwargs=A,
    ),
    Route("initiatives:manage", {"GET": ORGANISER_ONLY_PAGE, "POST": members(405)}, kwargs=A),
    # A draft does not exist for anyone but its organiser and staff.
    Route(
        "initiatives:submit",
        {"GET": members(405), "POST": outcomes(REDIRECT, 404, 403, 404, REDIRECT)},
        kwargs=DRAFT_A,
    ),
    Route("initiatives:pause", {"GET": members(405), "POST": ORGANISER_ONLY_POST}, kwargs=A),
    Route("initiatives:resume", {"GET": members(405), "POST": ORGANISER_ONLY_POST}, kwargs=A),
    Route("initiatives:finish", {"GET": members(405), "POST": ORGANISER_ONLY_POST}, kwargs=A),
    Route("initiatives:post_news", {"GET": ORGANISER_ONLY_PAGE, "POST": ORGANISER_ONLY_PAGE}, kwargs=A),
    Route("initiatives:record_impact", {"GET": ORGANISER_ONLY_PAGE, "POST": ORGANISER_ONLY_PAGE}, kwargs=A),
    Route("initiatives:members", {"GET": ORGANISER_ONLY_PAGE, "POST": members(405)}, kwargs=A),
    Route("initiatives:message_members", {"GET": members(405), "POST": ORGANISER_ONLY_PAGE}, kwargs=A),
    Route(
        "initiatives:remove_member",
        # The owner removes the member first: the admin then finds no such membership.
        {"GET": members(405), "POST": outcomes(REDIRECT, 403, 403, 403, {REDIRECT, 404})},
        kwargs=lambda world: {"pk": world.initiative_a.pk, "membership_pk": world.membership_a.pk},
    ),
    Route("initiatives:join", {"GET": NOT_THE_ORGANISER, "POST": NOT_THE_ORGANISER_POST}, kwargs=A),
    Route("initiatives:leave", {"GET": members(405), "POST": members(REDIRECT)}, kwargs=A),
    Route("initiatives:follow", {"GET": members(405), "POST": members(REDIRECT)}, kwargs=A),
    Route("initiatives:unfollow", {"GET": members(405), "POST": members(REDIRECT)}, kwargs=A),
    Route("initiatives:contact", {"GET": NOT_THE_ORGANISER, "POST": NOT_THE_ORGANISER}, kwargs=A),
    Route(
        "initiatives:reply_to_contact",
        # Private correspondence: the organiser only, not even an administrator; the others learn nothing.
        {"GET": outcomes(200, 404, 404, 404, 404), "POST": outcomes(200, 404, 404, 404, 404)},
        kwargs=lambda world: {"pk": world.contact_a.pk},
    ),
    Route("initiatives:report", {"GET": members(200), "POST": members(200)}, kwargs=A),
    Route(
        "initiatives:report_news",
        {"GET": members(200), "POST": members(200)},
        kwargs=lambda world: {"pk": world.initiative_a.pk, "post_pk": world.news_a.pk},
    ),
    Route("initiatives:ask_partnership", {"GET": NOT_THE_ORGANISER, "POST": NOT_THE_ORGANISER}, kwargs=A),
    Route(
        "initiatives:answer_partnership",
        {"GET": members(405), "POST": outcomes(REDIRECT, 404, 404, 404, REDIRECT)},
        kwargs=lambda world: {"pk": world.partnership_a.pk},
    ),
    Route("initiatives:moderation", {"GET": STAFF_PAGE, "POST": members(405)}),
    Route("initiatives:publish", {"GET": members(405), "POST": STAFF_POST}, kwargs=SUBMITTED_A),
    Route("initiatives:reject", {"GET": members(405), "POST": STAFF_PAGE}, kwargs=SUBMITTED_A),
    Route("initiatives:mark_change_reviewed", {"GET": members(405), "POST": STAFF_POST}, kwargs=A),
    # With no reason posted, staff get the form back with the error; the others are refused.
    Route("initiatives:unpublish_changed", {"GET": members(405), "POST": STAFF_PAGE}, kwargs=A),
    Route("initiatives:reports", {"GET": STAFF_PAGE, "POST": members(405)}),
    Route(
        "initiatives:resolve_report",
        {"GET": members(405), "POST": STAFF_PAGE},
        kwargs=lambda world: {"pk": world.report_a.pk},
    ),
    Route("initiatives:clusters", {"GET": STAFF_PAGE, "POST": members(405)}),
)

# --- discovery: rows of the discovery helper go below ---
# Finding initiatives is public and read-only: every caller reads, nobody posts.
READ_ONLY = {"GET": everyone(200), "POST": everyone(405)}
DISCOVERY_ROWS: tuple = (
    Route("initiatives:list", READ_ONLY),
    Route("initiatives:map", READ_ONLY),
    Route("initiatives:map_data", READ_ONLY),
    Route("initiatives:district", READ_ONLY, kwargs=lambda world: {"code": world.district.code}),
    Route("initiatives:feed_rss", READ_ONLY),
    Route("initiatives:feed_atom", READ_ONLY),
    # The feeds at the addresses people subscribed to before pages took a language prefix.
    Route("subscribed:initiatives_rss", READ_ONLY),
    Route("subscribed:initiatives_atom", READ_ONLY),
    Route("initiatives:download_csv", READ_ONLY),
    Route("initiatives:download_geojson", READ_ONLY),
    Route("api:list_initiatives", READ_ONLY),
    Route("api:initiatives_impact", READ_ONLY),
    Route(
        "api:initiative",
        {"GET": everyone(200)},
        kwargs=lambda world: {"initiative_id": world.initiative_a.pk},
    ),
)

ROWS: tuple = CORE_ROWS + DISCOVERY_ROWS

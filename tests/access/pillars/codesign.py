"""Access table rows of the co-design app: suggestions, the ideas board, the roadmap, releases, surveys.

World: a suggestion awaiting staff, ideas A (supported by `owner`) and B, a comment, a release, a
published workshop, an open anonymous survey and a closed one. Anyone may suggest; the board, the
roadmap, the release notes and closed results are public; members support, comment and answer; city
staff read suggestions, move ideas on the roadmap, merge them, publish releases and close surveys.
"""

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone, members

READ_ONLY = {"GET": everyone(200), "POST": everyone(405)}


def _staff_only(outcome, others=403) -> dict:
    return {
        ANONYMOUS: LOGIN,
        **dict.fromkeys((OWNER, OTHER, COORDINATOR), others),
        CITY_STAFF: outcome,
        ADMIN: outcome,
    }


IDEA_A = lambda world: {"pk": world.cd_idea_a.pk}  # noqa: E731
IDEA_B = lambda world: {"pk": world.cd_idea_b.pk}  # noqa: E731
SUGGESTION = lambda world: {"pk": world.cd_suggestion.pk}  # noqa: E731
OPEN_SURVEY = lambda world: {"pk": world.cd_open_survey.pk}  # noqa: E731
CLOSED_SURVEY = lambda world: {"pk": world.cd_closed_survey.pk}  # noqa: E731

ROWS: tuple = (
    Route("codesign:board", READ_ONLY),
    Route("codesign:idea", READ_ONLY, kwargs=IDEA_A),
    Route("codesign:idea_new", {"GET": _staff_only(200), "POST": _staff_only(200)}),
    Route("codesign:roadmap", READ_ONLY),
    Route("codesign:release", READ_ONLY, kwargs=lambda world: {"version": world.cd_release.version}),
    Route("codesign:workshop", READ_ONLY, kwargs=lambda world: {"pk": world.cd_workshop.pk}),
    # Publishing a workshop's notes: staff (published already: they are told so, and sent back).
    Route(
        "codesign:publish_workshop",
        {"GET": everyone(405), "POST": _staff_only(REDIRECT)},
        kwargs=lambda world: {"pk": world.cd_workshop.pk},
    ),
    # Announcing a workshop (its page and sessions public): staff (public already: told so, sent back).
    Route(
        "codesign:announce_workshop",
        {"GET": everyone(405), "POST": _staff_only(REDIRECT)},
        kwargs=lambda world: {"pk": world.cd_workshop.pk},
    ),
    # A workshop's sessions are events: the workshop's public calendar, also at the address without language.
    Route("events:workshop_feed", READ_ONLY, kwargs=lambda world: {"host_pk": world.cd_workshop.pk}),
    Route("subscribed:workshop_feed", READ_ONLY, kwargs=lambda world: {"host_pk": world.cd_workshop.pk}),
    Route("codesign:surveys", READ_ONLY),
    Route("codesign:survey", READ_ONLY, kwargs=OPEN_SURVEY),
    # Anyone may suggest (the form is posted empty here: 200 with its errors).
    Route("codesign:suggest", {"GET": everyone(200), "POST": everyone(200)}),
    Route("codesign:suggest_thanks", READ_ONLY),
    Route("codesign:suggestions", {"GET": _staff_only(200), "POST": everyone(405)}),
    Route("codesign:suggestion", {"GET": _staff_only(200), "POST": _staff_only(200)}, kwargs=SUGGESTION),
    Route(
        "codesign:close_suggestion", {"GET": everyone(405), "POST": _staff_only(REDIRECT)}, kwargs=SUGGESTION
    ),
    Route("codesign:support", {"GET": everyone(405), "POST": members(REDIRECT)}, kwargs=IDEA_B),
    Route("codesign:withdraw_support", {"GET": everyone(405), "POST": members(REDIRECT)}, kwargs=IDEA_A),
    Route("codesign:comment", {"GET": everyone(405), "POST": members(200)}, kwargs=IDEA_A),
    Route(
        "codesign:hide_comment",
        {"GET": everyone(405), "POST": _staff_only(REDIRECT)},
        kwargs=lambda world: {"pk": world.cd_comment.pk},
    ),
    Route("codesign:change_status", {"GET": everyone(405), "POST": _staff_only(200)}, kwargs=IDEA_B),
    Route("codesign:merge", {"GET": everyone(405), "POST": _staff_only(200)}, kwargs=IDEA_B),
    Route("codesign:release_new", {"GET": _staff_only(200), "POST": _staff_only(200)}),
    Route("codesign:answer_survey", {"GET": everyone(405), "POST": members(200)}, kwargs=OPEN_SURVEY),
    Route(
        "codesign:close_survey",
        {"GET": everyone(405), "POST": _staff_only(REDIRECT)},
        kwargs=CLOSED_SURVEY,
    ),
    Route("api:codesign_ideas", READ_ONLY),
)


def build(world) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mobilization.codesign import services
    from mobilization.codesign.tests.factories import (
        IdeaFactory,
        ReleaseFactory,
        SuggestionFactory,
        SurveyFactory,
        WorkshopFactory,
    )

    owner, other = world.user(OWNER), world.user(OTHER)
    idea_a = IdeaFactory(title="Idée A", author=owner)
    idea_b = IdeaFactory(title="Idée B", author=other)
    services.support_idea(idea_a, user=owner)
    comment = services.comment_on(idea_a, author=other, body="Bonne idée")
    now = timezone.now()
    world.extra.update(
        cd_suggestion=SuggestionFactory(),
        cd_idea_a=idea_a,
        cd_idea_b=idea_b,
        cd_comment=comment,
        cd_release=ReleaseFactory(version="9.9"),
        cd_workshop=WorkshopFactory(published_at=now),
        cd_open_survey=SurveyFactory(),
        cd_named_survey=SurveyFactory(title_fr="Sondage nominatif", is_anonymous=False),
        cd_hostile_suggestion=SuggestionFactory(trying_to="Pour le corpus hostile"),
        # Past its closing date: the first to close it is served, the others find it closed (REDIRECT).
        cd_closed_survey=SurveyFactory(opens_at=now - timedelta(days=9), closes_at=now - timedelta(hours=1)),
    )

"""Access table rows of the challenges app.

World: `ch_open` (an open challenge running today, with one action), `owner` in the volunteers' team
`ch_team_a` (formed by them: its invite link is `ch_team_a.invite_token`), and `ch_draft` (a draft only
city staff see). Anyone reads challenges, their leaderboards, the method and the results; a signed-in
person joins a team and checks in (an empty form comes back to the challenge with a message, or shows its
errors).
"""

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone, members

READ_ONLY = {"GET": everyone(200), "POST": everyone(405)}
POST_ONLY = members(405)


def build(world) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mobilization.challenges import services
    from mobilization.challenges.tests.factories import ChallengeActionFactory, ChallengeFactory

    today = timezone.localdate()
    challenge = ChallengeFactory(
        title="Défi du tableau des routes",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=9),
    )
    world.extra["ch_action"] = ChallengeActionFactory(challenge=challenge)
    world.extra["ch_open"] = challenge
    world.extra["ch_team_a"] = services.form_team(challenge, "Équipe A", world.user(OWNER))
    world.extra["ch_draft"] = ChallengeFactory(title="Défi brouillon", status="draft")


OPEN = lambda world: {"pk": world.ch_open.pk}  # noqa: E731
DRAFT = lambda world: {"pk": world.ch_draft.pk}  # noqa: E731
STAFF_ONLY_READ = {
    ANONYMOUS: 404,
    OWNER: 404,
    OTHER: 404,
    COORDINATOR: 404,
    CITY_STAFF: 200,
    ADMIN: 200,
}

ROWS: tuple = (
    Route("challenges:list", READ_ONLY),
    Route("challenges:method", READ_ONLY),
    Route("challenges:download", READ_ONLY, kwargs=lambda world: {"fmt": "csv"}),
    Route("challenges:detail", READ_ONLY, kwargs=OPEN),
    Route("challenges:leaderboard", {"GET": STAFF_ONLY_READ, "POST": everyone(405)}, kwargs=DRAFT),
    # An empty form: "choose your arrondissement", back to the challenge.
    Route("challenges:join_district", {"GET": POST_ONLY, "POST": members(REDIRECT)}, kwargs=OPEN),
    # An empty form: "choose one of your organisations", back to the challenge.
    Route("challenges:join_organisation", {"GET": POST_ONLY, "POST": members(REDIRECT)}, kwargs=OPEN),
    # An empty form: its errors on the challenge's page.
    Route("challenges:form_team", {"GET": POST_ONLY, "POST": members(200)}, kwargs=OPEN),
    # An empty form: "join a team first" or "choose an action", back to the challenge.
    Route("challenges:check_in", {"GET": POST_ONLY, "POST": members(REDIRECT)}, kwargs=OPEN),
    # The invite link: anyone reads it; joining needs an account (members are told they are in a team
    # already, or join it, and are sent to the challenge).
    Route(
        "challenges:invite",
        {"GET": everyone(200), "POST": members(REDIRECT, anonymous=LOGIN)},
        kwargs=lambda world: {"token": world.ch_team_a.invite_token},
    ),
    Route("api:challenges_results", READ_ONLY),
)

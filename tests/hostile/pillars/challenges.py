"""Hostile-input declarations of the challenges app. World: see tests/access/pillars/challenges.py (an open
challenge running today, its action, `owner` in the team A)."""

from tests.access.callers import OWNER, make_member
from tests.hostile import corpus
from tests.hostile.forms import Attack, HostileForm, refused, typed_text

# No hostile value is the identifier of an arrondissement or of the challenge's action.
CHOICES = corpus.union(corpus.SAMPLE, corpus.tagged(corpus.NUMBER))


def _models():
    from mobilization.challenges import models

    return models


def _fresh_member(world, n: int):
    return make_member(f"challenger-{n}@example.org", f"Challenger {n}")


def _fresh_representative(world, n: int):
    """A new member who represents the world's verified organisation A (the commitments app's): the
    challenge offers them its team."""
    from mobilization.commitments.models import Representation

    user = make_member(f"org-challenger-{n}@example.org", f"Org challenger {n}")
    Representation.objects.get_or_create(organisation=world.commitments_organisation, user=user)
    return user


def _teams_and_participants(world, data) -> tuple:
    return (_teams(world, data), _participants(world, data))


def _teams(world, data) -> list:
    return list(_models().Team.objects.order_by("pk").values("pk", "name", "district_id"))


def _participants(world, data) -> list:
    return list(_models().Participant.objects.order_by("pk").values("pk", "team_id", "user_id"))


def _check_ins(world, data) -> list:
    return list(_models().ChallengeCheckIn.objects.order_by("pk").values("pk", "action_id", "day"))


OPEN = lambda world: {"pk": world.ch_open.pk}  # noqa: E731

FORMS: tuple = (
    HostileForm(
        "challenges:form_team",
        caller=_fresh_member,
        kwargs=OPEN,
        baseline=lambda world, n: {"name": f"Les Vélos {n}"},
        attacks=(
            Attack(
                "name",
                saved=lambda world, data: _models().Team.objects.latest("pk").name,
                normalise=typed_text(is_a_name=True),
            ),
        ),
        # Shown on the challenge's page and leaderboards (an address with the challenge in it, which
        # `Shown` cannot name): challenges/tests/test_views.py checks it is escaped there.
        rows=_teams,
    ),
    HostileForm(
        "challenges:join_district",
        caller=_fresh_member,
        kwargs=OPEN,
        baseline=lambda world, n: {"district": str(world.district.pk)},
        attacks=(Attack("district", values=CHOICES, normalise=refused),),
        rows=_participants,
    ),
    # No hostile value is the key of an organisation the caller represents ("organisation:<pk>").
    HostileForm(
        "challenges:join_organisation",
        caller=_fresh_representative,
        kwargs=OPEN,
        baseline=lambda world, n: {"organisation": f"organisation:{world.commitments_organisation.pk}"},
        attacks=(Attack("organisation", values=CHOICES, normalise=refused),),
        rows=_teams_and_participants,
    ),
    HostileForm(
        "challenges:check_in",
        caller=OWNER,
        kwargs=OPEN,
        baseline=lambda world, n: {"action": str(world.ch_action.pk)},
        attacks=(Attack("action", values=CHOICES, normalise=refused),),
        rows=_check_ins,
    ),
)

NOT_FORMS: dict[str, str] = {
    "challenges:invite": "no field: joins the team of the invite link in the path",
}
QUERY_STRINGS: tuple = ()

"""Hostile-input declarations of the footprint app: the action plan's change form, and one JSON operation
of the API."""

from tests.access.callers import OWNER
from tests.hostile.forms import CHOICES, Attack, HostileForm, refused

VEGETARIAN = "alimentation . devenir végétarien"


def _plan_items(world, data):
    from mobilization.footprint.models import PersonalPlanItem

    return list(PersonalPlanItem.objects.order_by("pk").values("plan__user", "rule", "status"))


FORMS: tuple = (
    # One change to one action of the model: the rule must be one of the model's actions, the change one
    # of four; anything else is refused (400) and the plan stays as it was.
    HostileForm(
        "footprint_plan:change",
        OWNER,
        baseline=lambda world, n: {"rule": VEGETARIAN, "do": "choose"},
        attacks=(
            Attack("rule", normalise=refused),
            Attack("do", values=CHOICES, normalise=refused),
        ),
        rows=_plan_items,
    ),
)
QUERY_STRINGS: tuple = ()
NOT_FORMS: dict[str, str] = {
    "api:footprint_compute": "a JSON body checked by its schema and the model's questions: fuzzed by "
    "tests/test_api_fuzzing.py, refusals tested in mobilization/footprint/tests",
}

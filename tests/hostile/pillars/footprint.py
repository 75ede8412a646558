"""Hostile-input declarations of the footprint app (see tests/hostile/forms.py for the building blocks).

A step of the questionnaire stores its answers in the person's session, not in rows: its `rows` are the
owner's answers read from their sessions. Before each submission the baseline is posted once, so that
the attack changes only the attacked answer. Saving a footprint creates a row of the owner's history.
"""

from django.core.exceptions import ValidationError

from tests.access.callers import OWNER
from tests.hostile import corpus
from tests.hostile.forms import REFUSED, Attack, HostileForm, refused

STEP = "logement"
# On the step "logement": q0 propriétaire (a choice), q1 habitants, q2 surface (numbers), q3 type (a choice).
BASELINE = {"q0": "'locataire'", "q1": "2", "q2": "45", "q3": "'appartement'", "action": "next"}
CHOICES = corpus.union(corpus.SAMPLE, corpus.tagged(corpus.NUMBER))
NUMBERS = corpus.union(corpus.NUMBERS, corpus.SAMPLE)
VEGETARIAN = "alimentation . devenir végétarien"


def _step_kwargs(world) -> dict:
    return {"key": STEP}


def _owner_answers(world) -> list:
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    from mobilization.footprint.answers import SESSION_KEY as ANSWERS

    owner = str(world.user(OWNER).pk)
    found = []
    for session in Session.objects.order_by("session_key"):
        data = session.get_decoded()
        if data.get(SESSION_KEY) == owner and ANSWERS in data:
            found.append(data[ANSWERS])
    return found


def _answer(name: str):
    def read(world, data):
        answers = _owner_answers(world)
        return answers[-1].get(name) if answers else None

    return read


def _post_baseline(client, world, user) -> None:
    from django.urls import reverse

    client.post(reverse("footprint:step", kwargs={"key": STEP}), BASELINE, secure=True)


def _number(name: str):
    def normalise(value: str):
        from mobilization.footprint import services
        from mobilization.footprint.forms import NumberField

        field = NumberField(services.questions()[name], required=False, localize=True)
        try:
            return field.clean(value)
        except ValidationError:
            return REFUSED

    return normalise


def _choice(value: str):
    return None if value == "" else REFUSED


def _saved_rows(world, data) -> list:
    from mobilization.footprint.models import SavedFootprint

    return list(SavedFootprint.objects.order_by("pk").values("pk", "user_id", "district_id", "situation"))


def _latest_district(world, data):
    from mobilization.footprint.models import SavedFootprint

    return SavedFootprint.objects.latest("pk").district_id


def _plan_items(world, data):
    from mobilization.footprint.models import PersonalPlanItem

    return list(PersonalPlanItem.objects.order_by("pk").values("plan__user", "rule", "status"))


FORMS: tuple = (
    # The action plan: one change to one action of the model. The rule must be one of the model's actions,
    # the change one of four; anything else is refused (400) and the plan stays as it was.
    HostileForm(
        "footprint_plan:change",
        OWNER,
        baseline=lambda world, n: {"rule": VEGETARIAN, "do": "choose"},
        attacks=(
            Attack("rule", normalise=refused),
            Attack("do", values=corpus.SAMPLE, normalise=refused),
        ),
        rows=_plan_items,
    ),
    HostileForm(
        "footprint:step",
        OWNER,
        baseline=lambda world, n: dict(BASELINE),
        attacks=(
            Attack("q0", values=CHOICES, saved=_answer("logement . propriétaire"), normalise=_choice),
            Attack(
                "q1",
                values=NUMBERS,
                saved=_answer("logement . habitants"),
                normalise=_number("logement . habitants"),
            ),
            Attack(
                "q2",
                values=NUMBERS,
                saved=_answer("logement . surface"),
                normalise=_number("logement . surface"),
            ),
            Attack("action", values=corpus.SAMPLE, steers_only=True),
        ),
        rows=lambda world, data: _owner_answers(world),
        kwargs=_step_kwargs,
        before=_post_baseline,
    ),
    HostileForm(
        "footprint:save",
        OWNER,
        baseline=lambda world, n: {"district": ""},
        attacks=(Attack("district", values=CHOICES, saved=_latest_district, normalise=_choice),),
        rows=_saved_rows,
    ),
)
QUERY_STRINGS: tuple = ()
NOT_FORMS: dict[str, str] = {
    "api:footprint_compute": "a JSON body checked by its schema and the model's questions: fuzzed by "
    "tests/test_api_fuzzing.py, refusals tested in mobilization/footprint/tests",
    "footprint:restart": "a button without a field: it clears the answers kept in the person's session",
}

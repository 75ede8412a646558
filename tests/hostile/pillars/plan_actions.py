"""Hostile-input declarations of the plan_actions app (see tests/hostile/forms.py for the building blocks)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator

from mobilization.plan.actions.models import Action, ActionImport, CategorySector, Milestone
from tests.access.callers import CITY_STAFF
from tests.hostile import corpus
from tests.hostile.forms import (
    CHOICES,
    REFUSED,
    Attack,
    HostileForm,
    QueryString,
    Shown,
    only_empty,
    refused,
    typed_text,
)

MAX_UPLOAD = 5 * 1024 * 1024
DATES = corpus.union(corpus.tagged(corpus.DATE), corpus.named("script_tag", "null_byte", "long_10k", "empty"))


def a_decimal(low, high, max_digits: int, places: int, *, empty=None):
    """What a decimal field stores: Python's reading of the text, when finite, in range and small enough."""

    def normalise(value: str):
        if value.strip() == "":
            return empty
        try:
            number = Decimal(value.strip())
        except (InvalidOperation, ValueError):
            return REFUSED
        if not number.is_finite() or number < low or (high is not None and number > high):
            return REFUSED
        try:
            DecimalValidator(max_digits, places)(number)
        except ValidationError:
            return REFUSED
        return number

    return normalise


def _action(world) -> Action:
    return Action.objects.get(pk=world.plan_actions_action.pk)


def _action_rows(world, data) -> list:
    return [
        list(Action.objects.order_by("pk").values()),
        list(Action.objectives.through.objects.order_by("pk").values()),
        list(Milestone.objects.order_by("pk").values()),
    ]


def _action_field(name: str):
    return lambda world, data: _action(world).serializable_value(name)


def _decimal_field(name: str):
    return lambda world, data: getattr(_action(world), name)


def _latest_milestone(name: str):
    return lambda world, data: getattr(
        Milestone.objects.filter(action=world.plan_actions_action).order_by("-pk").first(), name
    )


def _edit_baseline(world, n: int) -> dict:
    return {
        "title_fr": "Vélopolitain",
        "title_en": "",
        "description_fr": "Deux lignes express.",
        "description_en": "",
        "sector": "transport",
        "department_fr": "Direction de la voirie et des déplacements",
        "department_en": "",
        "status": "in_progress",
        "progress_override": "",
        "start_date": "2022-01-01",
        "end_date": "2026-06-30",
        "budget_planned": "25000000",
        "budget_spent": "",
        "parent": str(world.plan_actions_parent.pk),
        "weight": "",
        "latitude": "",
        "longitude": "",
    }


def _staff(world, data):
    return world.user(CITY_STAFF)


ACTION_KWARGS = lambda world: {"reference": world.plan_actions_action.reference}  # noqa: E731
NUMBERS = corpus.NUMBERS

FORMS: tuple = (
    HostileForm(
        "plan_actions:import",
        caller=CITY_STAFF,
        baseline=lambda world, n: {},
        attacks=(Attack("file", values=corpus.hostile_uploads(MAX_UPLOAD), normalise=refused),),
        rows=lambda world, data: [
            _action_rows(world, data),
            list(ActionImport.objects.order_by("pk").values("pk", "status", "file_name")),
        ],
    ),
    HostileForm(
        "plan_actions:import_confirm",
        caller=CITY_STAFF,
        kwargs=lambda world: {"pk": world.plan_actions_preview.pk},
        baseline=lambda world, n: {"sector_0": "transport"},
        attacks=(Attack("sector_0", values=CHOICES, normalise=refused),),
        rows=lambda world, data: [
            _action_rows(world, data),
            list(ActionImport.objects.order_by("pk").values("pk", "status", "sector_mapping")),
            list(CategorySector.objects.order_by("pk").values()),
        ],
    ),
    HostileForm(
        "plan_actions:edit",
        caller=CITY_STAFF,
        kwargs=ACTION_KWARGS,
        baseline=_edit_baseline,
        attacks=(
            # A title in French (the English one empty): as a name, letters required.
            Attack("title_fr", saved=_action_field("title_fr"), normalise=typed_text(is_a_name=True)),
            # Its English version beside the French one: any text, or none.
            Attack("title_en", saved=_action_field("title_en"), normalise=typed_text()),
            Attack(
                "description_fr", saved=_action_field("description_fr"), normalise=typed_text(multiline=True)
            ),
            Attack(
                "description_en", saved=_action_field("description_en"), normalise=typed_text(multiline=True)
            ),
            Attack("department_fr", saved=_action_field("department_fr"), normalise=typed_text()),
            Attack("department_en", saved=_action_field("department_en"), normalise=typed_text()),
            Attack("sector", values=CHOICES, normalise=refused),
            Attack("status", values=CHOICES, normalise=refused),
            Attack(
                "progress_override",
                values=NUMBERS,
                saved=_decimal_field("progress_override"),
                normalise=a_decimal(0, 100, 5, 2),
            ),
            Attack(
                "budget_planned",
                values=NUMBERS,
                saved=_decimal_field("budget_planned"),
                normalise=a_decimal(0, None, 14, 2),
            ),
            Attack(
                "weight",
                values=NUMBERS,
                saved=_decimal_field("weight"),
                normalise=a_decimal(Decimal("0.001"), None, 8, 3),
            ),
            Attack("start_date", values=DATES, saved=_action_field("start_date"), normalise=only_empty(None)),
            Attack("parent", values=CHOICES, saved=_action_field("parent"), normalise=only_empty(None)),
            Attack("latitude", values=NUMBERS, saved=_action_field("latitude"), normalise=only_empty(None)),
            Attack("objectives", values=CHOICES, is_list=True, normalise=refused),
        ),
        rows=_action_rows,
        shown_on=(Shown("plan_actions:list", _staff, fields=("title_fr", "department_fr")),),
    ),
    HostileForm(
        "plan_actions:milestone_add",
        caller=CITY_STAFF,
        kwargs=ACTION_KWARGS,
        baseline=lambda world, n: {
            "date": "2025-06-01",
            "title_fr": "Ligne 2 ouverte",
            "title_en": "",
            "description_fr": "",
            "description_en": "",
            "status": "",
        },
        attacks=(
            Attack("title_fr", saved=_latest_milestone("title_fr"), normalise=typed_text(is_a_name=True)),
            Attack("title_en", saved=_latest_milestone("title_en"), normalise=typed_text()),
            Attack(
                "description_fr",
                saved=_latest_milestone("description_fr"),
                normalise=typed_text(multiline=True),
            ),
            Attack("date", values=DATES, normalise=refused),
            Attack("status", values=CHOICES, saved=_latest_milestone("status"), normalise=only_empty("")),
            Attack(
                "progress",
                values=NUMBERS,
                saved=_latest_milestone("progress"),
                normalise=a_decimal(0, 100, 5, 2),
            ),
        ),
        rows=_action_rows,
    ),
)

FILTER_VALUES = corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP))
QUERY_STRINGS: tuple = (
    QueryString(
        "plan_actions:list",
        caller=CITY_STAFF,
        baseline={"sector": "transport", "status": "in_progress"},
        parameters={
            "q": corpus.ALL,
            "objective": FILTER_VALUES,
            "sector": FILTER_VALUES,
            "department": FILTER_VALUES,
            "status": FILTER_VALUES,
            "page": corpus.union(corpus.NUMBERS, corpus.SAMPLE),
        },
    ),
    QueryString(
        "plan_actions:export",
        caller=CITY_STAFF,
        parameters={"q": corpus.SAMPLE, "objective": FILTER_VALUES, "sector": corpus.SAMPLE},
    ),
    QueryString(
        "plan_actions:export_milestones",
        caller=CITY_STAFF,
        parameters={"q": corpus.SAMPLE, "objective": FILTER_VALUES, "status": FILTER_VALUES},
    ),
)
NOT_FORMS: dict[str, str] = {
    "plan_actions:import_cancel": "no field: staff cancel the previewed import named in the path",
}

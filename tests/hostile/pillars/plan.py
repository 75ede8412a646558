"""Hostile-input declarations of the plan app (see tests/hostile/forms.py for the building blocks).

The climate team's two forms: a figure of an indicator (numbers attacked with NUMBERS, texts with the
whole corpus) and a target. Figures are typed with plain ASCII digits and "." or "," as the decimal mark:
`as_figure` says what the form stores for a value, mirroring `mobilization.plan.forms.parse_number`.
"""

import math
import re

from mobilization.plan.models import IndicatorValue, Target
from tests.access.callers import CITY_STAFF
from tests.hostile import corpus
from tests.hostile.forms import REFUSED, Attack, HostileForm, refused, typed_text

FIGURE = re.compile(r"^[-+]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][-+]?[0-9]{1,3})?$")


def as_figure(value: str):
    text = value.strip()
    if len(value) > 40 or not FIGURE.match(text):
        return REFUSED
    number = float(text.replace(",", "."))
    return number if math.isfinite(number) else REFUSED


def as_optional_figure_beside_a_value(value: str):
    """The change against the baseline, when the baseline data already gives a value: only "" passes."""
    return None if not value.strip() else REFUSED


def _values(world, data) -> list:
    return list(IndicatorValue.objects.filter(indicator=world.plan_indicator).order_by("year").values())


def _value_field(name):
    return lambda world, data: IndicatorValue.objects.get(
        indicator=world.plan_indicator, year=2022
    ).serializable_value(name)


def _target_rows(world, data) -> list:
    return list(Target.objects.filter(objective=world.objective).order_by("year").values())


def _target_field(name):
    return lambda world, data: getattr(Target.objects.get(pk=world.plan_target.pk), name)


def _value_baseline(world, n):
    return {
        "indicator": world.plan_indicator.pk,
        "year": "2022",
        "value": "21.5",
        "status": "provisional",
        "source_citation": "Ville de Paris, bilan carbone 2022",
        "source_url": "https://www.paris.fr/pages/plan-climat-20189",
        "note_fr": "Première estimation",
        "note_en": "First estimate",
    }


OBJECTIVE = lambda world: {"slug": world.objective.slug}  # noqa: E731

FORMS: tuple = (
    HostileForm(
        "plan:add_value",
        caller=CITY_STAFF,
        kwargs=OBJECTIVE,
        baseline=_value_baseline,
        attacks=(
            Attack("indicator", values=corpus.NUMBERS, normalise=refused),
            Attack("year", values=corpus.NUMBERS, normalise=refused),
            Attack("value", values=corpus.NUMBERS, saved=_value_field("value"), normalise=as_figure),
            Attack("status", values=corpus.SAMPLE, normalise=refused),
            Attack(
                "source_citation",
                saved=_value_field("source_citation"),
                normalise=typed_text(is_a_name=False),
            ),
            Attack("source_url", normalise=refused),
            Attack("note_fr", saved=_value_field("note_fr"), normalise=typed_text(multiline=True)),
            Attack("note_en", saved=_value_field("note_en"), normalise=typed_text(multiline=True)),
        ),
        rows=_values,
    ),
    HostileForm(
        "plan:target_edit",
        caller=CITY_STAFF,
        kwargs=lambda world: {"slug": world.objective.slug, "pk": world.plan_target.pk},
        baseline=lambda world, n: {
            "year": "2030",
            "value": "",
            "percent_of_baseline": "-40",
            "source": "Plan Climat 2018",
            "note_fr": "",
            "note_en": "",
        },
        attacks=(
            Attack("year", values=corpus.NUMBERS, normalise=refused),
            Attack(
                "percent_of_baseline",
                values=corpus.NUMBERS,
                saved=_target_field("percent_of_baseline"),
                normalise=as_figure,
            ),
            # The baseline gives a change against the baseline: a value beside it is refused, none is fine.
            Attack(
                "value",
                values=corpus.NUMBERS,
                saved=_target_field("value"),
                normalise=as_optional_figure_beside_a_value,
            ),
            Attack("source", saved=_target_field("source"), normalise=typed_text()),
            Attack("note_fr", saved=_target_field("note_fr"), normalise=typed_text()),
            Attack("note_en", saved=_target_field("note_en"), normalise=typed_text()),
        ),
        rows=_target_rows,
    ),
    HostileForm(
        "plan:target_add",
        caller=CITY_STAFF,
        kwargs=OBJECTIVE,
        # 2030 is taken by the world's target: every submission is refused, whatever the field holds.
        baseline=lambda world, n: {
            "year": "2030",
            "value": "5",
            "percent_of_baseline": "",
            "source": "",
            "note_fr": "",
            "note_en": "",
        },
        attacks=(
            Attack("value", values=corpus.NUMBERS, normalise=refused),
            Attack("source", normalise=refused),
        ),
        rows=_target_rows,
        variant="year_taken",
    ),
)

# No page of the plan reads its query string (the API's limit and offset are fuzzed with the API).
QUERY_STRINGS: tuple = ()
NOT_FORMS: dict[str, str] = {}

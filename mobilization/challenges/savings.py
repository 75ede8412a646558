"""From a check-in to kgCO2e avoided, with the footprint model's own action savings.

The method (shown on the method page, `challenges:method`):

1. Each action of a challenge is tied to an action rule of ADEME's Nos Gestes Climat model (one of those
   its `actions` rule lists: "alimentation . devenir végétarien", "transport . voiture . boulot . sans
   voiture"…). The model gives that action's saving in kgCO2e **a year**, for a person who adopts it for
   good, computed from their footprint answers.
2. A check-in says "I did it today". One day of it avoids the yearly saving / 365:
   kgCO2e a day = saving a year / 365. Living by the action every day of a year makes the yearly saving.
   When the model's action is a change of habit on some days only ("limit meat to two meals a week", "go to
   work without a car", which only happens on working days), a check-in still counts as one day of that
   changed habit, a 365th of its yearly saving: for the working-day actions this understates the saving of
   a working day (a year has about 220 of them), which we prefer to overstating it.
3. The person's situation is their latest saved footprint answers
   (`footprint.situations.latest_situation`), or none: then every question takes the model's default
   (the French average). An action that does not apply to the situation (no car, no answer the model needs)
   saves 0.
4. The estimate is fixed when the person checks in (stored with the check-in), so later answers do not
   change a published result.

Savings are computed once per situation and kept (the defaults' once per process).
"""

import json
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from mobilization.footprint import services as footprint
from mobilization.footprint.publicodes import PublicodesError
from mobilization.footprint.situations import latest_situation

DAYS_A_YEAR = 365
ACTIONS_RULE = "actions"
PLACES = Decimal("0.001")


@cache
def action_rules() -> dict[str, str]:
    """The model's action rules, in its own order: rule name → its French title."""
    rules = footprint.raw_rules()
    names = rules[ACTIONS_RULE]["formule"]["somme"]
    return {name: (rules[name].get("titre") or name.split(" . ")[-1]) for name in names}


def action_choices() -> list[tuple[str, str]]:
    return [(name, f"{title} ({name})") for name, title in action_rules().items()]


def _yearly(value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or value <= 0:
        return 0.0
    return float(value)


@lru_cache(maxsize=2048)
def _yearly_savings(situation_json: str) -> dict[str, float]:
    """Every action's yearly saving (kgCO2e) for one situation: the evaluator's cache serves them all."""
    evaluator = footprint.model().evaluator(json.loads(situation_json))
    return {name: _yearly(evaluator.value(name)) for name in action_rules()}


def yearly_savings(situation: dict | None = None) -> dict[str, float]:
    return _yearly_savings(json.dumps(situation or {}, sort_keys=True, ensure_ascii=False))


def daily_saving(rule: str, situation: dict | None = None) -> Decimal:
    """kgCO2e avoided by one day of the action, for the situation (the model's defaults when empty)."""
    yearly = yearly_savings(situation).get(rule, 0.0)
    return (Decimal(str(yearly)) / DAYS_A_YEAR).quantize(PLACES, rounding=ROUND_HALF_UP)


def daily_saving_for(user, rule: str) -> tuple[Decimal, bool]:
    """(kgCO2e a day of the action for this person, whether it comes from their own answers)."""
    situation = latest_situation(user) or {}
    try:
        return daily_saving(rule, situation), bool(situation)
    except PublicodesError:  # answers a newer model no longer accepts: count with its defaults
        return daily_saving(rule), False

"""The actions of ADEME's model that a person can take, what each saves them, and the footprint a set of
chosen actions projects. Free of HTTP and of the database: plain answers in, plain values out.

The model lists its actions itself: the rule `actions` is the `somme` of the action rules
("alimentation . devenir végétarien", "transport . avion . arrêter l'avion"...). Each action rule's value
is what it saves a year (kgCO2e) computed from the person's own answers; the rule is not applicable (or
worth nothing) when the action does not concern them (no car, already vegetarian...). Its `titre`,
`description` (Markdown) and `icônes` are the texts shown, in French or English.

Overlaps. The model's actions are savings (differences), not changes of the answers: none of them is
written as a situation to apply, so the projected footprint subtracts the savings of the chosen actions
from the current figures. Where two actions cover the same emissions, the model says so: an action that
goes further `dépasse` (supersedes) the smaller ones ("devenir végétarien" supersedes "réduire viande .
max 1 par jour"); a superseded action chosen with the one that supersedes it is not counted twice. Other
actions of one category may still overlap a little (eating local and becoming vegetarian), so a
category's projection never goes below zero, and the page says that the projection is an estimate.
"""

import math
from dataclasses import dataclass, field
from functools import cache

from mobilization.footprint import memo, services
from mobilization.footprint.publicodes import UNDEFINED

ACTIONS_RULE = "actions"
LANGUAGES = ("fr", "en")
# The target of the Paris Agreement for one person's footprint, kgCO2e a year.
TARGET_KG = 2000.0


@dataclass(frozen=True)
class FootprintAction:
    """An action of the model, for one person: what it saves them a year (kgCO2e)."""

    rule: str
    title: str
    description: str  # Markdown, from the model
    icons: str
    category: str  # the top-level category it lowers: "transport", "alimentation"...
    saving: float
    supersedes: tuple[str, ...] = ()

    @property
    def saving_tonnes(self) -> float:
        return self.saving / 1000


@cache
def action_rules() -> tuple[str, ...]:
    """The model's own list of actions, in its order (the `somme` of the rule `actions`)."""
    raw = services.raw_rules()[ACTIONS_RULE]
    formula = raw.get("formule", raw.get("valeur"))
    return tuple(formula["somme"])


def category_of(rule: str) -> str:
    return rule.split(" . ")[0]


@cache
def supersedes(rule: str) -> tuple[str, ...]:
    """The actions this one goes further than (the model's `action: dépasse`)."""
    action = services.raw_rules()[rule].get("action") or {}
    found = action.get("dépasse") or ()
    return tuple([found] if isinstance(found, str) else found)


def _default_title(rule: str) -> str:
    # As publicodes titles a rule without `titre`: its last name, capitalised.
    last = rule.split(" . ")[-1]
    return last[:1].upper() + last[1:]


@cache
def texts(rule: str, language: str = "fr") -> tuple[str, str, str]:
    """(title, description, icons) of an action in French or English (French when the English is missing)."""
    language = language if language in LANGUAGES else "fr"
    raw = services.raw_rules(language).get(rule) or {}
    french = services.raw_rules("fr")[rule]
    title = raw.get("titre") or french.get("titre") or _default_title(rule)
    title = title[:1].upper() + title[1:]
    description = raw.get("description") or french.get("description") or ""
    icons = raw.get("icônes") or french.get("icônes") or ""
    return title, description.strip(), icons


def _saving(value) -> float | None:
    if value is UNDEFINED or value is None or isinstance(value, bool) or not isinstance(value, float):
        return None
    return value if math.isfinite(value) else None


def saving_of(evaluator, rule: str) -> float | None:
    """What the action saves a year for the evaluator's situation, kgCO2e; None when it does not concern
    this person (not applicable, not known, or no saving)."""
    value = _saving(evaluator.evaluate(rule)[0])
    return value if value is not None and value > 0 else None


def describe(rule: str, saving: float, language: str = "fr") -> FootprintAction:
    title, description, icons = texts(rule, language)
    return FootprintAction(
        rule=rule,
        title=title,
        description=description,
        icons=icons,
        category=category_of(rule),
        saving=saving,
        supersedes=supersedes(rule),
    )


def applicable_actions(situation: dict, language: str = "fr", *, evaluator=None) -> list[FootprintAction]:
    """The model's actions that concern the person with these answers, with their savings, largest first
    (the model's order between equal savings). Raises the evaluator's errors on an invalid answer."""
    evaluator = evaluator or services.model().evaluator(situation)
    found = []
    for order, rule in enumerate(action_rules()):
        saving = saving_of(evaluator, rule)
        if saving is not None:
            found.append((-saving, order, describe(rule, saving, language)))
    return [action for _, _, action in sorted(found, key=lambda item: item[:2])]


@dataclass(frozen=True)
class Projection:
    """The footprint once the chosen actions are carried out (kgCO2e a year)."""

    current: float
    projected: float
    categories: dict[str, tuple[float, float]]  # category → (current, projected)
    counted: tuple[FootprintAction, ...]  # the actions whose saving is subtracted
    superseded: tuple[FootprintAction, ...] = ()  # chosen, but covered by another chosen action
    capped: tuple[str, ...] = field(default=())  # categories whose savings were more than the category

    @property
    def saving(self) -> float:
        return self.current - self.projected

    @property
    def target(self) -> float:
        return TARGET_KG

    @property
    def above_target(self) -> float:
        return max(self.projected - TARGET_KG, 0.0)


def project(footprint: services.Footprint, chosen: list[FootprintAction]) -> Projection:
    """Subtract the savings of the chosen actions from the footprint: an action superseded by another
    chosen one is not counted; a category never goes below zero."""
    rules = {action.rule for action in chosen}
    covered = {rule for action in chosen for rule in action.supersedes if rule in rules}
    counted = tuple(action for action in chosen if action.rule not in covered)
    superseded = tuple(action for action in chosen if action.rule in covered)
    savings: dict[str, float] = {}
    for action in counted:
        savings[action.category] = savings.get(action.category, 0.0) + action.saving
    categories = {}
    capped = []
    for name, value in footprint.categories.items():
        current = value or 0.0
        saved = savings.pop(name, 0.0)
        if saved > current:
            capped.append(name)
        categories[name] = (current, max(current - saved, 0.0))
    current_total = footprint.total or 0.0
    reduction = sum(current - projected for current, projected in categories.values())
    # An action of a category the footprint does not break down (none in this model) still counts.
    reduction += sum(savings.values())
    return Projection(
        current=current_total,
        projected=max(current_total - reduction, 0.0),
        categories=categories,
        counted=counted,
        superseded=superseded,
        capped=tuple(capped),
    )


@dataclass(frozen=True)
class Offer:
    """What the plan page needs for one person: their footprint and the actions that concern them."""

    footprint: services.Footprint
    actions: list[FootprintAction]

    def by_rule(self) -> dict[str, FootprintAction]:
        return {action.rule: action for action in self.actions}


def offer(situation: dict, language: str = "fr") -> Offer:
    """The person's footprint and their actions, from one evaluation of the model (the actions reuse
    the rules the footprint computed); kept for the same answers (`memo`)."""
    return memo.remembered("offer", situation, language, lambda: _offer(situation, language))


def _offer(situation: dict, language: str) -> Offer:
    evaluator = services.model().evaluator(situation)
    total = _saving_or_zero(evaluator.evaluate(services.TOTAL)[0])
    categories = {name: _saving_or_zero(evaluator.evaluate(name)[0]) for name in services.CATEGORIES}
    if total is None or None in categories.values():
        footprint = services.compute(situation)  # says which answers are missing
    else:
        footprint = services.Footprint(total=total, categories=categories)
    return Offer(footprint=footprint, actions=applicable_actions(situation, language, evaluator=evaluator))


def _saving_or_zero(value) -> float | None:
    """A figure of the footprint: a finite number (zero included), or None."""
    return _saving(value)

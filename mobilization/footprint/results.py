"""A person's footprint as the result page shows it: the total, each category and its sub-categories,
against the model's French average (the footprint of no answer at all) and the 2 t target.

The average is computed from the model, once per process; a person's figures are computed for each
request from their answers and never kept across people.
"""

import math
from dataclasses import dataclass
from functools import cache

from mobilization.footprint import memo, questionnaire, services
from mobilization.footprint.publicodes import PublicodesError

# The footprint a person should reach by 2050 to keep within the Paris agreement (Nos Gestes Climat's).
TARGET_KG = 2000.0


@dataclass(frozen=True)
class Part:
    name: str  # the model's rule
    kg: float

    @property
    def tonnes(self) -> float:
        return self.kg / 1000


@dataclass(frozen=True)
class Category(Part):
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Breakdown:
    total_kg: float
    categories: tuple[Category, ...]
    model_version: str = services.MODEL_VERSION

    @property
    def total_tonnes(self) -> float:
        return self.total_kg / 1000

    def by_category(self) -> dict[str, float]:
        return {category.name: category.kg for category in self.categories}


def clean_situation(answers: dict) -> dict:
    """The answers the model accepts: a question it no longer has (a newer model) or an answer it refuses
    is left out, and the question takes its default."""
    asked = services.questions()
    parsed = services.model()
    kept = {}
    for name, value in (answers or {}).items():
        if name not in asked:
            continue
        try:
            parsed.answer(name, value)
        except PublicodesError:
            continue
        kept[name] = value
    return kept


@cache
def sub_categories(category: str) -> tuple[str, ...]:
    """The rules a category sums (its `somme`), by their full names."""
    raw = services.raw_rules("fr")[category].get("formule")
    items = raw.get("somme", []) if isinstance(raw, dict) else []
    rules = services.model().rules
    found = []
    for item in items:
        name = f"{category} . {item}"
        found.append(name if name in rules else item)
    return tuple(name for name in found if name in rules)


def _kg(value) -> float:
    return float(value) if isinstance(value, float) and math.isfinite(value) else 0.0


def breakdown(situation: dict) -> Breakdown:
    cleaned = clean_situation(situation)
    return memo.remembered(
        "breakdown", cleaned, "", lambda: breakdown_of(services.model().evaluator(cleaned))
    )


def breakdown_of(evaluator) -> Breakdown:
    categories = []
    for category in services.CATEGORIES:
        parts = tuple(
            sorted(
                (Part(name, _kg(evaluator.evaluate(name)[0])) for name in sub_categories(category)),
                key=lambda part: -part.kg,
            )
        )
        categories.append(
            Category(category, _kg(evaluator.evaluate(category)[0]), tuple(p for p in parts if p.kg))
        )
    return Breakdown(_kg(evaluator.evaluate(services.TOTAL)[0]), tuple(categories))


@cache
def average() -> Breakdown:
    """The model's French average: the footprint of someone who answered nothing (about 8.3 t)."""
    return breakdown({})


def label(name: str, language: str) -> str:
    return questionnaire.title(name, language)

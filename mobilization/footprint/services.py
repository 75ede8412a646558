"""The Nos Gestes Climat model shipped with the app, and the footprint of a set of answers.

The model files are in data/nosgestesclimat/ (see its README: version, licence, attribution, the data
whose reuse is restricted); `python manage.py refresh_footprint_model` replaces them with a newer package.
Each language's model is parsed once per process (about a second) and kept.
"""

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from mobilization.footprint.publicodes import UNDEFINED, Model

DATA_DIR = Path(__file__).resolve().parent / "data" / "nosgestesclimat"
MODEL_FILES = {"fr": "co2-model.FR-lang.fr.json", "en": "co2-model.FR-lang.en.json"}
PERSONAS_FILES = {"fr": "personas-fr.json", "en": "personas-en.json"}
PACKAGE_FILE = "package.json"
MODEL_NAME = "Nos Gestes Climat"
# The rule of the total, and those of the top-level categories, in the model's own names.
TOTAL = "bilan"
CATEGORIES = ("transport", "alimentation", "logement", "divers", "services sociétaux")
UNIT = "kgCO2e/an"
# Numbers beyond this are no answer a person gives, and would overflow the model's products.
MAX_NUMBER = 1e9


def read_model_version(data_dir: Path = DATA_DIR) -> str:
    """The version of the shipped package, read from its package.json."""
    return json.loads((data_dir / PACKAGE_FILE).read_text(encoding="utf-8"))["version"]


MODEL_VERSION = read_model_version()


@cache
def raw_rules(language: str = "fr") -> dict:
    return json.loads((DATA_DIR / MODEL_FILES[language]).read_text(encoding="utf-8"))


@cache
def model(language: str = "fr") -> Model:
    """The parsed model (the French one computes; the English one has the same rules, translated)."""
    return Model(raw_rules(language))


@cache
def personas(language: str = "fr") -> dict:
    return json.loads((DATA_DIR / PERSONAS_FILES[language]).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Question:
    """A question of the model and what it accepts: `choices` (the quoted values, "'maison'"), or
    "oui"/"non" (`boolean`), or a number between `minimum` and `maximum`."""

    name: str
    kind: str  # "choice", "boolean" or "number"
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    positive: bool = False  # more than `minimum`, not equal to it (the model divides by it)


def _divisors(parsed: Model) -> set[str]:
    """The rules the model divides by, directly (`x / rule`): an answer of 0 to one of them is a
    division by zero for the reference engine too, so the API asks for more than 0 there."""
    found: set[str] = set()
    seen: set[int] = set()

    def references(node, into: set[str]):
        if node.kind == "reference":
            into.add(node.target)
            return
        for child in node.children():
            references(child, into)

    stack = [rule.valeur for rule in parsed.rules.values()]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.kind == "operation" and node.op == "/":
            references(node.b, found)
        stack.extend(node.children())
    # And the questions whose own child the model divides by (`x / durée du voyage . réelle`).
    return found | {
        " . ".join(name.split(" . ")[:i]) for name in found for i in range(1, name.count(" . ") + 1)
    }


@cache
def questions() -> dict[str, Question]:
    """The questions of the model and what each accepts. A number is at least the rule's `plancher`,
    or 0 (the model's quantities are never negative), and more than 0 where the model divides by it."""
    parsed = model()
    divisors = _divisors(parsed)
    found = {}
    for name, raw in raw_rules().items():
        if not isinstance(raw, dict) or "question" not in raw:
            continue
        rule = parsed.rules[name]
        if rule.possibilities is not None:
            found[name] = Question(name, "choice", tuple(written for written, _ in rule.possibilities))
        elif rule.infer()[1] == "boolean":
            found[name] = Question(name, "boolean")
        else:
            bounds = [raw.get(key) for key in ("plancher", "plafond")]
            minimum, maximum = (float(b) if isinstance(b, int | float) else None for b in bounds)
            found[name] = Question(
                name,
                "number",
                minimum=0.0 if minimum is None else minimum,
                maximum=maximum,
                unit=raw.get("unité", ""),
                positive=name in divisors,
            )
    return found


@dataclass(frozen=True)
class Footprint:
    """kgCO2e a year: the total and each category (None when the model cannot tell: an answer without
    default is missing, named in `missing`)."""

    total: float | None
    categories: dict[str, float | None]
    missing: tuple[str, ...] = field(default=())
    model_version: str = MODEL_VERSION


def _number(value) -> float | None:
    if value is UNDEFINED or value is None or isinstance(value, bool) or not isinstance(value, float):
        return None
    return value if math.isfinite(value) else None


def compute(situation: dict) -> Footprint:
    """The footprint of the answers (rule name → value in the model's syntax). Raises the evaluator's
    UnknownRuleError or InvalidAnswerError, which name the rule."""
    evaluator = model().evaluator(situation)
    total = _number(evaluator.evaluate(TOTAL)[0])
    categories = {name: _number(evaluator.evaluate(name)[0]) for name in CATEGORIES}
    missing: tuple[str, ...] = ()
    if total is None or None in categories.values():
        asked = questions()
        missing = tuple(
            sorted(
                name for name, (value, _) in evaluator.cache.items() if value is UNDEFINED and name in asked
            )
        )
    return Footprint(total=total, categories=categories, missing=missing)

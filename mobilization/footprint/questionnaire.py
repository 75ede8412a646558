"""The questionnaire, generated from the model: its steps, and what each question shows in a language.

The steps are built once per process (`steps()`): every question the footprint (`bilan`) depends on, by
category (transport, alimentation, logement, divers, services sociétaux, the model's order) and
sub-category (`transport . voiture`), the category's own questions first (`logement . surface`), at most
`STEP_SIZE` questions a step; the questions of a *mosaic* (the model's group of questions, such as the
14 meals of a week) stay together under the mosaic's question.

Which questions a step shows depends on the person's answers (`applicable()`): the evaluator tells whether
a rule is applicable (an unapplicable rule's value is None). A question left unanswered takes what the
model computes without it, its default, which `defaults()` reads.
"""

import re
from dataclasses import dataclass
from functools import cache

from django.utils.text import capfirst, slugify

from mobilization.core.markdown import render_markdown
from mobilization.footprint import services

STEP_SIZE = 6


@dataclass(frozen=True)
class Group:
    """Questions shown together: a mosaic's (`mosaic` names it, its question is the legend) or one."""

    questions: tuple[str, ...]
    mosaic: str = ""


@dataclass(frozen=True)
class Step:
    key: str  # in the address: "transport-voiture", "logement-chauffage-2"
    category: str  # the model's name: "transport"
    # The rules the step is about: ("transport . voiture",), or the category itself for its own questions.
    sections: tuple[str, ...]
    groups: tuple[Group, ...]

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(name for group in self.groups for name in group.questions)


def _dependencies(root: str) -> set[str]:
    """The rules `root` depends on, its parents' conditions included."""
    rules = services.model().rules
    found: set[str] = set()
    todo = [root]
    seen_nodes: set[int] = set()
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        rule = rules[name]
        stack = [rule.valeur, *rule.parents]
        while stack:
            node = stack.pop()
            if id(node) in seen_nodes:
                continue
            seen_nodes.add(id(node))
            if node.kind == "reference" and node.target not in found:
                todo.append(node.target)
            elif node.kind == "situation" and node.rule_name not in found:
                todo.append(node.rule_name)
            if node.kind == "contexte":
                stack.extend(reference for reference, _ in node.entries)
            stack.extend(node.children())
    return found


def _mosaics(raw: dict) -> dict[str, str]:
    """Question → the mosaic that groups it."""
    found = {}
    for name, rule in raw.items():
        if isinstance(rule, dict) and isinstance(rule.get("mosaique"), dict):
            for option in rule["mosaique"].get("options") or []:
                found[f"{name} . {option}"] = name
    return found


def _asked(raw: dict, known: dict, mosaics: dict[str, str], needed: set[str]) -> list[str]:
    parents = set(mosaics.values())
    return [
        name
        for name, rule in raw.items()
        if name in known
        and name in needed
        and name not in parents
        and isinstance(rule, dict)
        and rule.get("question")
        and not rule.get("question technique")
        and name.split(" . ")[0] in services.CATEGORIES
    ]


@cache
def steps() -> tuple[Step, ...]:
    raw = services.raw_rules("fr")
    mosaics = _mosaics(raw)
    asked = _asked(raw, services.questions(), mosaics, _dependencies(services.TOTAL))
    built: list[Step] = []
    for category in services.CATEGORIES:
        sections: dict[str, list[Group]] = {category: []}
        for name in asked:
            parts = name.split(" . ")
            if parts[0] != category:
                continue
            section = " . ".join(parts[:2]) if len(parts) > 2 else category
            groups = sections.setdefault(section, [])
            mosaic = mosaics.get(name, "")
            if mosaic and groups and groups[-1].mosaic == mosaic:
                groups[-1] = Group((*groups[-1].questions, name), mosaic)
            else:
                groups.append(Group((name,), mosaic))
        chunks: list[tuple[list[str], list[Group]]] = []
        for section, groups in sections.items():
            size = sum(len(group.questions) for group in groups)
            if not size:
                continue
            last = chunks[-1] if chunks else None
            if last and sum(len(g.questions) for g in last[1]) + size <= STEP_SIZE:
                last[0].append(section)
                last[1].extend(groups)
                continue
            for group in groups:
                filled = sum(len(g.questions) for g in chunks[-1][1]) if chunks else 0
                if not chunks or chunks[-1][0][-1] != section or filled + len(group.questions) > STEP_SIZE:
                    chunks.append(([section], []))
                chunks[-1][1].append(group)
        used: dict[str, int] = {}
        for names, groups in chunks:
            base = slugify(names[0].replace(" . ", "-"))
            used[base] = used.get(base, 0) + 1
            key = base if used[base] == 1 else f"{base}-{used[base]}"
            built.append(Step(key, category, tuple(names), tuple(groups)))
    return tuple(built)


@cache
def step_index() -> dict[str, int]:
    return {step.key: index for index, step in enumerate(steps())}


def applicable(evaluator, names) -> list[str]:
    """The questions that apply to the person (their value is not None: "not applicable")."""
    return [name for name in names if evaluator.evaluate(name)[0] is not None]


def applicable_steps(evaluator) -> list[Step]:
    return [step for step in steps() if applicable(evaluator, step.questions)]


# --- What a question shows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A question in a language: its wording, help (Markdown), unit, suggestions, choices' labels."""

    name: str
    question: str
    title: str
    description: str
    unit: str
    suggestions: tuple[tuple[str, float], ...]
    choice_labels: dict


UNIT_WORDS = {
    "en": {
        "semaine": "week",
        "jour": "day",
        "an": "year",
        "mois": "month",
        "repas": "meals",
        "tasse": "cups",
        "nuit": "nights",
        "paquet": "packs",
        "climatiseur": "units",
        "bouteille": "bottles",
        "trajet": "trips",
    },
    "fr": {
        "repas": "repas",
        "tasse": "tasses",
        "nuit": "nuits",
        "paquet": "paquets",
        "bouteille": "bouteilles",
    },
}


def unit_label(unit: str, language: str) -> str:
    """The model's unit as a person reads it: "l/centkm" → "l/100 km", "m2" → "m²"."""
    if not unit:
        return ""
    words = UNIT_WORDS.get(language, {})
    text = unit.replace("centkm", "100 km").replace("m2", "m²").replace("m3", "m³")
    return re.sub(r"[^\W\d_]+", lambda match: words.get(match.group(0), match.group(0)), text)


@cache
def text(name: str, language: str) -> Text:
    raw = services.raw_rules(language if language in services.MODEL_FILES else "fr")
    rule = raw.get(name) or {}
    rule = rule if isinstance(rule, dict) else {}
    question = services.questions().get(name)
    suggestions = rule.get("suggestions") if isinstance(rule.get("suggestions"), dict) else {}
    labels = {}
    for written in question.choices if question else ():
        choice = raw.get(f"{name} . {written.strip(chr(39))}")
        label = choice.get("titre") if isinstance(choice, dict) else None
        labels[written] = label or written.strip("'")
    return Text(
        name=name,
        question=rule.get("question") or rule.get("titre") or name,
        title=title(name, language),
        description=rule.get("description") or "",
        unit=unit_label(rule.get("unité", ""), language),
        suggestions=tuple(
            (str(label), float(value))
            for label, value in suggestions.items()
            if isinstance(value, int | float) and not isinstance(value, bool)
        ),
        choice_labels=labels,
    )


@cache
def help_html(name: str, language: str) -> str:
    """A question's description, rendered from Markdown and sanitised once per process (the model's text
    is the same for everyone)."""
    return render_markdown(text(name, language).description)


def title(name: str, language: str) -> str:
    """A rule's title, or the last part of its name."""
    rule = services.raw_rules(language if language in services.MODEL_FILES else "fr").get(name)
    found = rule.get("titre") if isinstance(rule, dict) else None
    return capfirst(found or name.split(" . ")[-1])


def icons(name: str) -> str:
    rule = services.raw_rules("fr").get(name)
    return (rule.get("icônes") or "") if isinstance(rule, dict) else ""

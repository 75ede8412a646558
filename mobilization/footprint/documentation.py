"""The model's documentation of a rule, as its page shows it: title, question, description and notes
(Markdown, sanitised), unit, the rules its formula reads, its sources (`références`).

A rule's address is its name with " . " written "/" (`/footprint/rules/transport/voiture/km/`): rule
names hold spaces, accents and apostrophes, which the address percent-encodes, but never a "/".

Some emission factors come from ecoinvent, whose reuse is restricted (data/nosgestesclimat/README.md):
the rules that say so have their documentation shown, but not their value.
"""

import re
from dataclasses import dataclass
from functools import cache

from django.urls import reverse
from django.utils.formats import number_format

from mobilization.core.markdown import render_markdown
from mobilization.footprint import questionnaire, services
from mobilization.footprint.publicodes import units
from mobilization.footprint.publicodes.model import rule_parents

SEPARATOR = " . "
RESTRICTED_SOURCES = ("ecoinvent",)


def rule_url(name: str) -> str:
    return reverse("footprint:rule", kwargs={"path": name.replace(SEPARATOR, "/")})


def rule_name(path: str) -> str | None:
    """The rule an address names, or None."""
    name = path.strip("/").replace("/", SEPARATOR)
    return name if name in services.model().rules else None


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Document:
    name: str
    title: str
    icons: str
    question: str
    description: str  # sanitised HTML
    note: str  # sanitised HTML
    unit: str
    value: str  # for the model's French average; "" when restricted or not a number
    restricted: bool
    parents: tuple[Link, ...]
    references: tuple[Link, ...]  # the rules its formula reads
    sources: tuple[Link, ...]
    model_version: str = services.MODEL_VERSION


def _markdown(text: str) -> str:
    """The model's Markdown under the page's own headings: its headings one level down."""
    return render_markdown(re.sub(r"^(#{1,5}) ", r"#\1 ", text, flags=re.MULTILINE))


def _text(raw: dict, key: str) -> str:
    value = raw.get(key)
    return value if isinstance(value, str) else ""


@cache
def is_restricted(name: str) -> bool:
    raw = services.raw_rules("fr").get(name)
    text = str(raw).lower() if isinstance(raw, dict) else ""
    return any(source in text for source in RESTRICTED_SOURCES)


@cache
def formula_references(name: str) -> tuple[str, ...]:
    rule = services.model().rules[name]
    found: set[str] = set()
    seen: set[int] = set()
    stack = [rule.valeur]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.kind == "reference" and node.target != name:
            found.add(node.target)
            continue
        stack.extend(node.children())
    return tuple(sorted(found))


def _sources(raw) -> tuple[Link, ...]:
    if isinstance(raw, dict):
        items = list(raw.items())
    elif isinstance(raw, list):
        items = [(url, url) for url in raw]
    elif isinstance(raw, str):
        items = [(raw, raw)]
    else:
        items = []
    return tuple(
        Link(str(title), url)
        for title, url in items
        if isinstance(url, str) and url.startswith(("https://", "http://"))
    )


def _value(name: str, lang: str) -> str:
    if is_restricted(name):
        return ""
    evaluator = services.model().evaluator({})
    value, computed_unit = evaluator.evaluate(name)
    if isinstance(value, bool) or not isinstance(value, float):
        return ""
    declared = _text(services.raw_rules("fr").get(name) or {}, "unité")
    unit = questionnaire.unit_label(declared or units.serialize_unit(computed_unit) or "", lang)
    return f"{number_format(round(value, 2), use_l10n=True)} {unit}".strip()


@cache
def document(name: str, lang: str) -> Document:
    """The same for everyone (the value is the French average's): built once per process and language."""
    parsed = services.model().rules[name]
    translated = services.raw_rules(lang).get(name)
    raw = translated if isinstance(translated, dict) else parsed.raw
    return Document(
        name=name,
        title=questionnaire.title(name, lang),
        icons=questionnaire.icons(name),
        question=_text(raw, "question"),
        description=_markdown(_text(raw, "description")),
        note=_markdown(_text(raw, "note")),
        unit=questionnaire.unit_label(_text(parsed.raw, "unité"), lang),
        value=_value(name, lang),
        restricted=is_restricted(name),
        parents=tuple(
            Link(questionnaire.title(parent, lang), rule_url(parent))
            for parent in reversed(rule_parents(name))
        ),
        references=tuple(
            Link(f"{questionnaire.title(target, lang)} ({target})", rule_url(target))
            for target in formula_references(name)
        ),
        sources=_sources(raw.get("références") or parsed.raw.get("références")),
    )

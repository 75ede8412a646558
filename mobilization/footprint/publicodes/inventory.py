"""The inventory of the mechanisms a compiled model uses: what the evaluator must support.

    python -m mobilization.footprint.publicodes.inventory path/to/co2-model.FR-lang.fr.json

lists each mechanism with the number of times the model uses it, and exits with an error naming the
unknown ones (with a rule that uses each). A rule's other keys (titre, question, description, note,
suggestions, mosaique, action...) are its documentation, read by the calculator and not evaluated.
"""

import json
import sys
from collections import Counter

from .expression import parse_expression
from .model import CHAINABLE, MECHANISM_KEYS, OPERATORS, SUPPORTED_MECHANISMS


def inventory(rules: dict) -> tuple[Counter, dict[str, str]]:
    """(uses of each mechanism, {unknown mechanism: a rule that uses it})."""
    used: Counter = Counter()
    unknown: dict[str, str] = {}
    first_rule: dict[str, str] = {}

    def expression(value, rule):
        if isinstance(value, str):
            walk(parse_expression(value, rule), rule, parsed=True)

    def walk(value, rule, parsed=False):
        if isinstance(value, list):
            for item in value:
                walk(item, rule)
            return
        if not isinstance(value, dict):
            if not parsed:
                expression(value, rule)
            return
        for key, argument in value.items():
            if key in ("constant",):
                used["nombre / texte / oui, non"] += 1
                continue
            if key == "variable":
                used["référence"] += 1
                continue
            used[key] += 1
            first_rule.setdefault(key, rule)
            if key not in MECHANISM_KEYS:
                unknown.setdefault(key, rule)
                continue
            if key == "contexte":
                for reference, replacement in argument.items():
                    expression(reference, rule)
                    walk(replacement, rule)
            elif key == "avec":
                for name, child in (argument or {}).items():
                    walk_rule(f"{rule} . {name}", child)
            elif key == "variations":
                for branch in argument:
                    for part in branch.values():
                        walk(part, rule)
            elif key == "grille":
                walk(argument["assiette"], rule)
                if "multiplicateur" in argument:
                    walk(argument["multiplicateur"], rule)
                for bracket in argument["tranches"]:
                    for part in bracket.values():
                        walk(part, rule)
            elif key == "condition":
                for part in argument.values():
                    walk(part, rule)
            elif key == "unité":
                continue
            else:
                walk(argument, rule, parsed=parsed and key in OPERATORS)

    def walk_rule(name, raw):
        if raw is None:
            return
        if not isinstance(raw, dict):
            expression(raw, name)
            return
        for key, value in raw.items():
            if key in ("formule", "valeur"):
                used[key] += 1
                walk(value, name)
            elif key in CHAINABLE or key in MECHANISM_KEYS:
                walk({key: value}, name)
            elif key in ("une possibilité", "remplace", "rend non applicable"):
                used[key] += 1

    for name, raw in rules.items():
        walk_rule(name, raw)
    unsupported = dict(unknown)
    for key in used:
        if key in MECHANISM_KEYS and key not in SUPPORTED_MECHANISMS:
            unsupported.setdefault(key, first_rule[key])
    return used, unsupported


def main(argv: list[str]) -> int:
    with open(argv[1], encoding="utf-8") as file:
        rules = json.load(file)
    used, unknown = inventory(rules)
    for key, count in used.most_common():
        print(f"{count:6}  {key}")
    for key, rule in unknown.items():
        print(f"unknown or unsupported mechanism `{key}` (rule {rule})", file=sys.stderr)
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

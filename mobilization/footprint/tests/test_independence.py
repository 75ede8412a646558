"""The evaluator is a package of its own, free of Django (import-linter's contract says it for the
platform's modules; this test says it for Django itself)."""

import ast
from pathlib import Path

import mobilization.footprint.publicodes as publicodes
from mobilization.footprint import services
from mobilization.footprint.publicodes.inventory import inventory


def test_the_evaluator_imports_nothing_but_the_standard_library_and_itself():
    imported = set()
    for path in Path(publicodes.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])

    assert not imported & {"django", "mobilization", "ninja", "rules"}, imported


def test_the_inventory_of_the_shipped_model_has_no_unknown_mechanism():
    for language in ("fr", "en"):
        used, unknown = inventory(services.raw_rules(language))

        assert unknown == {}
        assert {"somme", "variations", "contexte", "applicable si", "remplace", "grille"} <= set(used)


def test_the_inventory_names_an_unknown_mechanism_and_its_rule():
    used, unknown = inventory({"a": {"formule": {"racine carrée": 4}}, "b": {"valeur": {"barème": {}}}})

    assert unknown == {"racine carrée": "a", "barème": "b"}

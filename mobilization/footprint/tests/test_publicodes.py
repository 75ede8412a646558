"""The evaluator on small models, mechanism by mechanism: what publicodes' reference engine gives for the
same rules (its documentation's examples and its own semantics). No Django here: the package stands alone.
"""

import pytest

from mobilization.footprint.publicodes import (
    UNDEFINED,
    InvalidAnswerError,
    Model,
    ModelSyntaxError,
    UnknownRuleError,
)


def value(rules: dict, name: str, situation: dict | None = None):
    return Model(rules).evaluator(situation or {}).evaluate(name)[0]


def test_arithmetic_with_precedence_parentheses_and_negatives():
    rules = {"a": "2 + 3 * 4", "b": "(2 + 3) * 4", "c": "-a + 2 ** 3", "d": "10 / 4 - 1"}

    assert [value(rules, n) for n in "abcd"] == [14, 20, -6, 1.5]


def test_comparisons_strings_and_booleans():
    rules = {
        "type": {"valeur": "'maison'"},
        "est une maison": "type = 'maison'",
        "guillemets doubles": 'type = "maison"',
        "grand": "3 >= 2",
        "faux": "non",
    }

    assert value(rules, "est une maison") is True
    assert value(rules, "guillemets doubles") is True
    assert value(rules, "grand") is True
    assert value(rules, "faux") is False


def test_references_are_found_in_the_rules_namespace_then_its_parents():
    rules = {
        "a": None,
        "a . x": 1,
        "a . b": None,
        "a . b . x": 2,
        "a . b . c": "x * 10",  # the nearest: a . b . x
        "a . d": "x * 10",  # a . x
        "x": 3,
        "e": "x + a . x",  # the root's x, and a full name
    }

    assert value(rules, "a . b . c") == 20
    assert value(rules, "a . d") == 10
    assert value(rules, "e") == 4


def test_a_rule_reads_its_own_children_first():
    rules = {"voiture": "empreinte", "voiture . empreinte": 5, "empreinte": 100}

    assert value(rules, "voiture") == 5


def test_units_convert_in_sums_and_to_the_rules_unit():
    rules = {
        "par jour": {"valeur": "2 kg/jour"},
        "par an": {"valeur": "par jour", "unité": "kg/an"},
        "total": {"valeur": "1 kg + 500 g", "unité": "kg"},
        "mois": {"valeur": "24 mois", "unité": "an"},
    }

    assert value(rules, "par an") == 730
    assert value(rules, "total") == 1.5
    assert value(rules, "mois") == 2


def test_somme_skips_what_is_not_applicable_and_moyenne_averages_the_rest():
    rules = {
        "a": 1,
        "b": {"applicable si": "non", "valeur": 100},
        "c": 5,
        "total": {"somme": ["a", "b", "c"]},
        "moyenne": {"moyenne": ["a", "b", "c"]},
        "rien": {"somme": ["b"]},
    }

    assert value(rules, "b") is None
    assert value(rules, "total") == 6
    assert value(rules, "moyenne") == 3
    assert value(rules, "rien") == 0  # as the reference engine: null + null is 0


def test_a_non_applicable_parent_disables_its_children():
    rules = {
        "voiture": {"applicable si": "possède"},
        "voiture . possède": {"question": "Avez-vous une voiture ?", "par défaut": "non"},
        "voiture . empreinte": 1000,
        "total": {"somme": ["voiture . empreinte", 10]},
    }

    assert value(rules, "voiture . empreinte") is None
    assert value(rules, "total") == 10
    assert value(rules, "total", {"voiture . possède": "oui"}) == 1010


def test_a_false_boolean_parent_disables_its_children():
    rules = {
        "vélo": {"question": "Faites-vous du vélo ?", "par défaut": "oui"},
        "vélo . km": 100,
    }

    assert value(rules, "vélo . km") == 100
    assert value(rules, "vélo . km", {"vélo": "non"}) is None


def test_non_applicable_si_and_the_tests_of_applicability_and_definition():
    rules = {
        "a": {"non applicable si": "b > 1", "valeur": 7},
        "b": {"question": "?", "unité": "", "par défaut": 0},
        "q": {"question": "Sans défaut ?", "type": "nombre"},
        "applicable": {"est applicable": "a"},
        "non applicable": {"est non applicable": "a"},
        "défini": {"est défini": "q"},
        "non défini": {"est non défini": "q"},
    }

    assert value(rules, "applicable") is True
    assert value(rules, "non applicable", {"b": 2}) is True
    assert value(rules, "défini") is False
    assert value(rules, "non défini") is True
    assert value(rules, "défini", {"q": 3}) is True


def test_variations_take_the_first_true_branch():
    rules = {
        "type": {"question": "?", "une possibilité": ["maison", "appartement"], "par défaut": "'maison'"},
        "type . maison": None,
        "type . appartement": None,
        "surface": {
            "variations": [
                {"si": "type = 'maison'", "alors": 100},
                {"si": "type = 'appartement'", "alors": 50},
                {"sinon": 0},
            ]
        },
    }

    assert value(rules, "surface") == 100
    assert value(rules, "surface", {"type": "'appartement'"}) == 50


def test_conditions_lists_and_bounds():
    rules = {
        "x": {"question": "?", "par défaut": 5},
        "toutes": {"toutes ces conditions": ["x > 1", "x < 10"]},
        "une": {"une de ces conditions": ["x > 100", "x = 5"]},
        "borné": {"valeur": "x * 10", "plancher": 20, "plafond": 40},
        "max": {"le maximum de": ["x", 3, {"applicable si": "non", "valeur": 99}]},
        "min": {"le minimum de": ["x", 3]},
        "produit": {"produit": ["x", 2, 3]},
    }

    assert value(rules, "toutes") is True
    assert value(rules, "une") is True
    assert value(rules, "borné") == 40
    assert value(rules, "borné", {"x": 1}) == 20
    assert value(rules, "max") == 5
    assert value(rules, "min") == 3
    assert value(rules, "produit") == 30


def test_arrondi_rounds_half_up_to_the_decimals():
    rules = {"a": {"valeur": "2.345", "arrondi": "2 décimales"}, "b": {"valeur": "2.5", "arrondi": "oui"}}

    assert value(rules, "a") == 2.35
    assert value(rules, "b") == 3


def test_contexte_computes_a_rule_as_if_others_had_other_values():
    rules = {
        "prix": {"question": "?", "par défaut": 10},
        "quantité": {"question": "?", "par défaut": 2},
        "coût": "prix * quantité",
        "coût de référence": {"valeur": "coût", "contexte": {"prix": 100}},
    }

    assert value(rules, "coût de référence") == 200
    assert value(rules, "coût de référence", {"quantité": 3}) == 300
    assert value(rules, "coût") == 20  # outside the context, unchanged


def test_remplace_swaps_the_references_when_the_replacing_rule_applies():
    rules = {
        "précis": {"question": "?", "par défaut": "non"},
        "empreinte": 100,
        "empreinte précise": {"applicable si": "précis", "valeur": 42, "remplace": "empreinte"},
        "total": "empreinte * 2",
    }

    assert value(rules, "total") == 200
    assert value(rules, "total", {"précis": "oui"}) == 84


def test_grille_gives_the_amount_of_the_bracket():
    rules = {
        "n": {"question": "?", "par défaut": 7},
        "cabines": {
            "grille": {
                "assiette": "n",
                "tranches": [
                    {"montant": 1, "plafond": 5},
                    {"montant": 2, "plafond": 9},
                    {"montant": "n / 4"},
                ],
            }
        },
    }

    assert value(rules, "cabines") == 2
    assert value(rules, "cabines", {"n": 20}) == 5


def test_a_question_without_default_is_undefined_until_answered():
    rules = {"q": {"question": "Combien ?", "unité": "km"}, "double": "q * 2"}

    assert value(rules, "double") is UNDEFINED
    assert value(rules, "double", {"q": 4}) == 8


def test_an_unknown_mechanism_names_the_rule():
    with pytest.raises(ModelSyntaxError) as error:
        Model({"a": {"formule": {"racine carrée": 4}}})

    assert error.value.rule == "a"
    assert "racine carrée" in str(error.value)


def test_an_unknown_reference_names_the_rule():
    with pytest.raises(ModelSyntaxError) as error:
        Model({"a": "b * 2"})

    assert error.value.rule == "a"
    assert '"b"' in str(error.value)


def test_an_unknown_rule_or_an_invalid_answer_names_the_rule():
    model = Model(
        {
            "type": {"une possibilité": ["maison", "appartement"]},
            "type . maison": None,
            "type . appartement": None,
        }
    )

    with pytest.raises(UnknownRuleError) as unknown:
        model.evaluator({"surface": 3})
    with pytest.raises(InvalidAnswerError) as invalid:
        model.evaluator({"type": "'château'"})
    with pytest.raises(InvalidAnswerError):
        model.evaluator({"type": "type * 2"})

    assert unknown.value.rule == "surface"
    assert invalid.value.rule == "type"
    assert "'maison'" in str(invalid.value)

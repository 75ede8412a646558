"""The model's actions for one person: which concern them, what each saves them, the projected footprint.
Hand-checked against the model's own formulas (no database)."""

import pytest

from mobilization.footprint import actions, services

CAFE = "alimentation . boisson . chaude . café . nombre"
TWO_COFFEES = "alimentation . boisson . réduire café . max deux par jour"
ONE_COFFEE = "alimentation . boisson . réduire café . max un par jour"
VEGETARIAN = "alimentation . devenir végétarien"
VEGAN = "alimentation . devenir végétalien"
TWO_MEATS = "alimentation . repas . réduire viande . max 2 par semaine"
STOP_FLYING = "transport . avion . arrêter l'avion"
STOP_SHORT_FLIGHTS = "transport . avion . arrêter l'avion court"
FEWER_FLIGHTS = "transport . avion . prendre moins l'avion"
FLYING = "transport . avion . usager"


def rules_of(found):
    return [action.rule for action in found]


def test_the_actions_are_the_models_own_list():
    rules = actions.action_rules()

    assert len(rules) == 64
    assert rules[0] == "alimentation . repas . réduire viande . max 1 par jour"
    assert VEGETARIAN in rules and STOP_FLYING in rules
    assert all(actions.category_of(rule) in services.CATEGORIES for rule in rules)


def test_the_french_average_is_offered_the_actions_that_concern_it_largest_saving_first():
    found = actions.applicable_actions({})

    savings = [action.saving for action in found]
    assert savings == sorted(savings, reverse=True)
    assert all(saving > 0 for saving in savings)
    # Values of the model for its empty situation (the reference engine gives the same: test_parity).
    assert found[0].rule == VEGAN
    assert found[0].saving == pytest.approx(1103.44)
    by_rule = {action.rule: action for action in found}
    assert by_rule[VEGETARIAN].saving == pytest.approx(877.76)
    assert by_rule[TWO_MEATS].saving == pytest.approx(582.4)
    # The average drinks 1.5 coffees a day: "at most two a day" does not concern it.
    assert TWO_COFFEES not in by_rule
    assert by_rule[ONE_COFFEE].saving == pytest.approx(0.5 * 0.1008 * 365)
    # Not applicable (the question whether one flies has no default) or worth nothing (voting).
    assert STOP_FLYING not in by_rule
    assert "services sociétaux . voter" not in by_rule


def test_a_saving_is_computed_from_the_persons_own_answers():
    by_rule = {action.rule: action for action in actions.applicable_actions({CAFE: 3})}

    # (3 − 2 cups a day) × 0.1008 kgCO2e a cup × 365 days; (3 − 1) × 0.1008 × 365.
    assert by_rule[TWO_COFFEES].saving == pytest.approx(36.792)
    assert by_rule[ONE_COFFEE].saving == pytest.approx(73.584)


def test_flying_less_concerns_those_who_fly_and_saves_all_their_flights():
    evaluator = services.model().evaluator({FLYING: "'fréquemment'"})
    flights = evaluator.value("transport . avion")

    by_rule = {action.rule: action for action in actions.applicable_actions({FLYING: "'fréquemment'"})}

    assert by_rule[STOP_FLYING].saving == pytest.approx(flights)
    assert by_rule[STOP_FLYING].supersedes == (STOP_SHORT_FLIGHTS, FEWER_FLIGHTS)
    assert STOP_FLYING not in rules_of(actions.applicable_actions({FLYING: "'jamais'"}))


def test_titles_descriptions_and_icons_come_from_the_model_in_french_and_english():
    french = {a.rule: a for a in actions.applicable_actions({}, "fr")}[TWO_MEATS]
    english = {a.rule: a for a in actions.applicable_actions({}, "en")}[TWO_MEATS]

    assert french.title == "Limiter la viande à deux repas par semaine"
    assert english.title == "Limit meat to two meals a week"
    assert french.icons == english.icons == "🥩2️⃣"
    assert english.description.startswith("Do you want to reduce your carbon footprint")
    # A rule without `titre` is titled by its name, as publicodes does; the English one is capitalised.
    assert actions.texts(VEGAN, "fr")[0] == "Devenir végétalien"
    assert actions.texts(VEGAN, "en")[0] == "Go vegan"


def footprint(total=8000.0, **categories):
    values = dict.fromkeys(services.CATEGORIES, 0.0) | {
        name.replace("_", " "): value for name, value in categories.items()
    }
    return services.Footprint(total=total, categories=values)


def action(rule, saving, supersedes=()):
    return actions.FootprintAction(rule, rule, "", "", actions.category_of(rule), saving, tuple(supersedes))


def test_the_projection_subtracts_the_chosen_savings():
    current = footprint(8000.0, alimentation=2000.0, transport=2000.0)

    projection = actions.project(current, [action(VEGETARIAN, 800.0), action(STOP_FLYING, 500.0)])

    assert projection.projected == pytest.approx(6700.0)
    assert projection.saving == pytest.approx(1300.0)
    assert projection.categories["alimentation"] == (2000.0, 1200.0)
    assert projection.categories["transport"] == (2000.0, 1500.0)
    assert projection.superseded == ()


def test_an_action_superseded_by_another_chosen_one_is_not_counted_twice():
    current = footprint(8000.0, alimentation=2000.0)
    vegetarian = action(VEGETARIAN, 800.0, actions.supersedes(VEGETARIAN))
    fewer_meats = action(TWO_MEATS, 500.0, actions.supersedes(TWO_MEATS))

    projection = actions.project(current, [vegetarian, fewer_meats])

    assert projection.projected == pytest.approx(7200.0)
    assert rules_of(projection.counted) == [VEGETARIAN]
    assert rules_of(projection.superseded) == [TWO_MEATS]


def test_a_category_never_goes_below_zero():
    current = footprint(3000.0, alimentation=300.0, transport=2700.0)

    projection = actions.project(current, [action(VEGETARIAN, 200.0), action(VEGAN, 200.0)])

    assert projection.categories["alimentation"] == (300.0, 0.0)
    assert projection.projected == pytest.approx(2700.0)
    assert projection.capped == ("alimentation",)


def test_the_projection_of_the_french_average_with_the_models_own_savings():
    offer = actions.offer({})
    chosen = [offer.by_rule()[VEGETARIAN], offer.by_rule()[TWO_MEATS]]

    projection = actions.project(offer.footprint, chosen)

    assert projection.current == pytest.approx(8287.16, abs=0.01)
    assert projection.projected == pytest.approx(8287.16 - 877.76, abs=0.01)
    assert projection.target == 2000.0

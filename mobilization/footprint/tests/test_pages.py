"""The calculator's pages: the questionnaire generated from the model, the result, the rules' pages, saving
and the history of saved footprints."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from mobilization.footprint import questionnaire, results, services
from mobilization.footprint.answers import SESSION_KEY
from mobilization.footprint.models import SavedFootprint
from mobilization.footprint.tests.factories import SavedFootprintFactory
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = pytest.mark.django_db


def step_url(key: str, language: str = "fr") -> str:
    with translation.override(language):
        return reverse("footprint:step", kwargs={"key": key})


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def field_of(key: str, rule: str) -> str:
    step = next(s for s in questionnaire.steps() if s.key == key)
    return f"q{step.questions.index(rule)}"


def answers_of(client) -> dict:
    return client.session.get(SESSION_KEY, {})


# --- The steps --------------------------------------------------------------------------------------------


def test_the_steps_follow_the_models_categories_and_keep_each_short():
    steps = questionnaire.steps()
    categories = [step.category for step in steps]
    order = [c for c in services.CATEGORIES if c in categories]

    assert list(dict.fromkeys(categories)) == order
    assert len({step.key for step in steps}) == len(steps)
    raw = services.raw_rules()
    for step in steps:
        mosaic_only = len(step.groups) == 1 and step.groups[0].mosaic
        assert mosaic_only or len(step.questions) <= questionnaire.STEP_SIZE, step.key
        for name in step.questions:
            assert name in services.questions()
            assert not raw[name].get("question technique")
    asked = {name for step in steps for name in step.questions}
    assert {
        "logement . surface",
        "transport . voiture . km",
        "alimentation . plats . viande rouge . nombre",
    } <= asked


def test_a_question_has_its_wording_help_unit_and_suggestions_in_each_language():
    french = questionnaire.text("logement . surface", "fr")
    english = questionnaire.text("logement . surface", "en")

    assert french.question == "Quelle est la surface de votre logement ?"
    assert english.question == "What is the surface area of your home?"
    assert french.unit == "m²"
    assert ("studio", 30.0) in french.suggestions
    assert english.description
    assert questionnaire.text("logement . type", "en").choice_labels["'appartement'"] == "Flat"
    assert questionnaire.unit_label("l/centkm", "fr") == "l/100 km"
    assert questionnaire.unit_label("h/semaine", "en") == "h/week"


# --- The questionnaire ------------------------------------------------------------------------------------


def test_a_step_shows_its_questions_with_the_models_default_and_a_progress_bar():
    response = Client().get(step_url("logement"))
    html = response.content.decode()

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "<progress" in html
    assert "Quelle est la surface de votre logement" in html
    assert "If you do not answer" in html or "Si vous ne répondez pas" in html
    assert "<legend>" in html  # the choices are a fieldset
    assert not Client().cookies


def test_a_visitor_answers_three_questions_skips_the_rest_and_gets_a_result():
    client = Client()
    response = client.post(
        step_url("logement"),
        {
            field_of("logement", "logement . surface"): "30",
            field_of("logement", "logement . habitants"): "2",
            field_of("logement", "logement . type"): "'appartement'",
            "action": "result",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == url("footprint:result")
    assert answers_of(client) == {
        "logement . surface": 30,
        "logement . habitants": 2,
        "logement . type": "'appartement'",
    }
    page = client.get(response["Location"]).content.decode()
    figures = results.breakdown(answers_of(client))
    assert figures.total_kg != pytest.approx(results.average().total_kg)
    assert "3 réponses" in page or "3 answers" in page
    assert 'role="img"' in page and "<table" in page
    assert url("footprint:rule", path="logement") in page
    assert url("footprint:rule", path="transport/voiture") in page


def test_a_wrong_answer_is_shown_as_an_error_and_loses_nothing_already_answered():
    client = Client()
    client.post(step_url("logement"), {field_of("logement", "logement . surface"): "30", "action": "next"})

    response = client.post(
        step_url("logement"),
        {
            field_of("logement", "logement . surface"): "-4",
            field_of("logement", "logement . type"): "'château'",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and 'href="#question-q' in html
    assert answers_of(client) == {"logement . surface": 30}


def test_an_answer_that_makes_questions_applicable_shows_them_on_the_same_step():
    client = Client()
    key = "transport-avion"
    before = client.get(step_url(key)).content.decode()
    assert (
        "vols annuels" not in before
        and field_of(key, "transport . avion . vols annuels . heures court courrier . saisie") not in before
    )

    response = client.post(
        step_url(key), {field_of(key, "transport . avion . usager"): "'fréquemment'", "action": "next"}
    )

    assert response["Location"] == step_url(key)
    after = client.get(step_url(key)).content.decode()
    assert (
        f'name="{field_of(key, "transport . avion . vols annuels . heures court courrier . saisie")}"'
        in after
    )


def test_questions_that_no_longer_apply_are_skipped():
    client = Client()
    first = questionnaire.steps()[0]
    response = client.post(
        step_url(first.key),
        {field_of(first.key, "transport . voiture . utilisateur"): "'jamais'", "action": "next"},
    )

    assert response.status_code == 302
    assert response["Location"] not in (step_url(first.key), step_url("transport-voiture-2"))
    # Asked for directly, a step whose questions no longer apply sends on to the next one.
    assert client.get(step_url("transport-voiture-2")).status_code == 302


def test_clearing_an_answer_gives_the_question_back_its_default():
    client = Client()
    name = field_of("logement", "logement . surface")
    client.post(step_url("logement"), {name: "30"})
    client.post(step_url("logement"), {name: ""})

    assert answers_of(client) == {}


def test_an_unknown_step_is_404():
    assert Client().get(step_url("nowhere")).status_code == 404


def test_the_questionnaire_is_in_english_on_english_pages():
    html = Client().get(step_url("logement", "en")).content.decode()

    assert "What is the surface area of your home?" in html
    assert "Flat" in html


# --- The result -------------------------------------------------------------------------------------------


def test_no_answer_gives_the_models_french_average_of_about_8_3_tonnes():
    average = results.average()

    assert 8000 < average.total_kg < 8600
    assert sum(category.kg for category in average.categories) == pytest.approx(average.total_kg)
    for category in average.categories:
        assert sum(part.kg for part in category.parts) == pytest.approx(category.kg, rel=1e-6)
    html = Client().get(url("footprint:result")).content.decode()
    assert "8,3" in html  # the total, and the average it equals
    assert "4.10.2" in html and "Nos Gestes Climat" in html and "MIT" in html


def test_answers_the_model_no_longer_accepts_are_left_out():
    assert results.clean_situation(
        {"nowhere": 3, "logement . type": "'château'", "logement . surface": 20}
    ) == {"logement . surface": 20}


# --- The rules' pages -------------------------------------------------------------------------------------


def test_a_rules_page_shows_its_documentation_formula_and_sources():
    html = Client().get(url("footprint:rule", path="logement/type")).content.decode()

    assert "Dans quel type de logement" in html
    # The model's own HTML in its notes goes through the sanitiser: links stay, without scripts.
    assert 'href="https://www.insee.fr' in html
    assert "<script>" not in html.split("</header>")[1].split("<footer")[0]


def test_a_rules_address_holds_spaces_and_accents():
    path = "services sociétaux/services publics"
    response = Client().get(url("footprint:rule", path=path))

    assert response.status_code == 200
    assert Client().get(url("footprint:rule", path="transport/nowhere")).status_code == 404


def test_a_rule_whose_data_reuse_is_restricted_shows_no_value():
    html = Client().get(url("footprint:rule", path="transport/voiture/gabarit/petite/poids")).content.decode()

    assert "ecoinvent" in html
    assert "Value for the French average" not in html and "Valeur pour la moyenne" not in html


def test_a_rule_with_sources_lists_them():
    name = next(
        n
        for n, r in services.raw_rules().items()
        if isinstance(r, dict) and isinstance(r.get("références"), dict)
    )
    html = Client().get(url("footprint:rule", path=name.replace(" . ", "/"))).content.decode()

    assert re.search(r'<h2 id="sources-title">', html)


# --- Saving and the history -------------------------------------------------------------------------------


def test_a_volunteer_saves_comes_back_changes_an_answer_and_sees_the_history(volunteer):
    district = ArrondissementFactory()
    client = Client()
    client.force_login(volunteer)
    surface = field_of("logement", "logement . surface")
    client.post(step_url("logement"), {surface: "30"})

    response = client.post(url("footprint:save"), {"district": district.pk})

    assert response["Location"] == url("footprint:history")
    saved = SavedFootprint.objects.get(user=volunteer)
    assert saved.situation == {"logement . surface": 30}
    assert saved.district == district
    assert saved.model_version == services.MODEL_VERSION
    assert set(saved.categories) == set(services.CATEGORIES)

    # Later, in a new session: the latest answers are loaded.
    client = Client()
    client.force_login(volunteer)
    page = client.get(step_url("logement")).content.decode()
    assert 'value="30"' in page
    client.post(step_url("logement"), {surface: "90"})
    client.post(url("footprint:save"), {"district": ""})

    history = client.get(url("footprint:history")).content.decode()
    assert SavedFootprint.objects.filter(user=volunteer).count() == 2
    assert "<polyline" in history and "<table" in history


def test_the_history_shows_only_the_persons_own_footprints(volunteer):
    SavedFootprintFactory(user=volunteer, total_kg=7100)
    SavedFootprintFactory(total_kg=12345)
    client = Client()
    client.force_login(volunteer)

    html = client.get(url("footprint:history")).content.decode()

    assert "7,1" in html and "12,3" not in html


def test_restarting_clears_the_answers():
    client = Client()
    client.post(step_url("logement"), {field_of("logement", "logement . surface"): "30"})

    client.post(url("footprint:restart"))

    assert answers_of(client) == {}

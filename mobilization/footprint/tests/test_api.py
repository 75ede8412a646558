"""POST /api/v1/footprint/compute: the footprint of answers in the model's own names and syntax."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from mobilization.footprint import services

pytestmark = pytest.mark.django_db
URL = reverse("api:footprint_compute")


def post(body) -> tuple[int, dict]:
    response = Client().post(
        URL, body if isinstance(body, str) else json.dumps(body), content_type="application/json"
    )
    return response.status_code, json.loads(response.content)


def test_no_answer_gives_the_french_average_by_category_with_the_model_version():
    status, body = post({"situation": {}})

    assert status == 200
    assert body["model"] == {"name": "Nos Gestes Climat", "version": services.MODEL_VERSION}
    assert body["unit"] == "kgCO2e/an"
    assert round(body["bilan"]) == 8287
    assert [c["rule"] for c in body["categories"]] == list(services.CATEGORIES)
    assert sum(c["kgco2e"] for c in body["categories"]) == pytest.approx(body["bilan"])
    assert body["missing"] == []


def test_answers_change_the_figures_they_concern():
    average = post({"situation": {}})[1]
    status, body = post(
        {
            "situation": {
                "alimentation . plats . viande rouge . nombre": 10,
                "logement . type": "'appartement'",
                "transport . voiture . utilisateur": "'jamais'",
                "alimentation . boisson . eau en bouteille . consommateur": "non",
            }
        }
    )
    figures = {c["rule"]: c["kgco2e"] for c in body["categories"]}
    average_figures = {c["rule"]: c["kgco2e"] for c in average["categories"]}

    assert status == 200
    assert figures["alimentation"] > average_figures["alimentation"] + 1000
    assert figures["transport"] < average_figures["transport"]
    assert figures["services sociétaux"] == average_figures["services sociétaux"]


def test_a_persona_gives_the_figure_of_the_reference_engine():
    persona = services.personas()["personas . yoram"]["situation"]
    answers = {name: value for name, value in persona.items() if name in services.questions()}

    status, body = post({"situation": answers})

    assert status == 200
    assert body["bilan"] == pytest.approx(services.compute(answers).total)
    assert body["bilan"] < 4000


@pytest.mark.parametrize(
    ("situation", "named"),
    [
        ({"logement . piscine": 3}, "logement . piscine"),
        ({"logement . type": "'château'"}, "logement . type"),
        ({"logement . type": "maison"}, "logement . type"),
        ({"transport . voiture . km": "beaucoup"}, "transport . voiture . km"),
        ({"transport . voiture . voyageurs": 0}, "transport . voiture . voyageurs"),
        ({"alimentation . boisson . eau en bouteille . consommateur": "peut-être"}, "consommateur"),
        ({"alimentation . boisson . eau en bouteille . consommateur": True}, "consommateur"),
    ],
)
def test_an_unknown_rule_or_a_value_outside_the_choices_is_refused_naming_it(situation, named):
    status, body = post({"situation": situation})

    assert status == 422
    assert named in json.dumps(body["detail"], ensure_ascii=False)


def test_numbers_must_be_finite():
    status, body = post('{"situation": {"transport . voiture . km": NaN}}')

    assert status == 422
    assert "transport . voiture . km" in json.dumps(body["detail"], ensure_ascii=False)


def test_the_openapi_document_lists_every_question_with_what_it_accepts():
    document = json.loads(Client().get(reverse("api:openapi-json")).content)
    situation = document["components"]["schemas"]["FootprintSituation"]
    housing = situation["properties"]["logement . type"]["anyOf"][0]

    assert set(situation["properties"]) == set(services.questions())
    assert situation["additionalProperties"] is False
    assert housing["enum"] == ["'maison'", "'appartement'", "'autre'"]
    assert "/api/v1/footprint/compute" in document["paths"]


def test_nothing_is_stored_and_no_cookie_is_set():
    response = Client().post(URL, json.dumps({"situation": {}}), content_type="application/json")

    assert response.status_code == 200
    assert not response.cookies

"""The action plan's page and the figures per arrondissement, through the test client."""

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse, reverse_lazy

from mobilization.footprint.models import PersonalPlan, PersonalPlanItem
from mobilization.footprint.tests.factories import SavedFootprintFactory
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = pytest.mark.django_db
VEGETARIAN = "alimentation . devenir végétarien"
PLAN = reverse_lazy("footprint_plan:plan")
CHANGE = reverse_lazy("footprint_plan:change")


def test_a_visitor_sees_the_actions_of_the_french_average_ranked():
    response = Client().get(PLAN)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Go vegan") < page.index("Go vegetarian")
    assert "kept in this browser&#x27;s session only" in page or "kept in this browser's session only" in page
    assert "sessionid" not in response.cookies


def test_a_visitor_keeps_their_plan_in_their_session():
    client = Client()

    response = client.post(CHANGE, {"rule": VEGETARIAN, "do": "choose"})
    assert response.status_code == 302
    client.post(CHANGE, {"rule": VEGETARIAN, "do": "done"})
    page = client.get(PLAN).content.decode()

    assert client.session["footprint_plan"] == {VEGETARIAN: "done"}
    assert "7.4" in page  # 8.3 t − 0.88 t
    assert not PersonalPlan.objects.exists()


def test_a_volunteer_builds_a_plan_kept_in_the_database(volunteer):
    client = Client()
    client.force_login(volunteer)
    SavedFootprintFactory(user=volunteer, situation={}, total_kg=8287.16)

    client.post(CHANGE, {"rule": VEGETARIAN, "do": "choose"})
    client.post(CHANGE, {"rule": VEGETARIAN, "do": "done"})
    response = client.get(PLAN)

    item = PersonalPlanItem.objects.get(plan__user=volunteer)
    assert item.status == PersonalPlanItem.Status.DONE
    assert "Mark planned" in response.content.decode()


def test_a_change_that_is_not_possible_is_said_not_done(volunteer):
    client = Client()
    client.force_login(volunteer)

    response = client.post(CHANGE, {"rule": VEGETARIAN, "do": "done"}, follow=True)

    assert "This action is not in your plan." in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [{}, {"rule": "bilan", "do": "choose"}, {"rule": VEGETARIAN, "do": "explode"}, {"rule": "x" * 300}],
)
def test_a_tampered_change_is_refused(data):
    response = Client().post(CHANGE, data)

    assert response.status_code == 400


def test_the_figures_per_arrondissement_show_fewer_than_10_and_download(db):
    from mobilization.accounts.tests.factories import MemberFactory

    third, eleventh = ArrondissementFactory(number=3), ArrondissementFactory(number=11)
    for _ in range(9):
        SavedFootprintFactory(user=MemberFactory(), district=third, total_kg=9000.0)
    for _ in range(10):
        SavedFootprintFactory(user=MemberFactory(), district=eleventh, total_kg=6000.0)

    page = Client().get(reverse("footprint_plan:by_arrondissement"))
    download = Client().get(reverse("footprint_plan:download", args=["footprints-by-arrondissement", "csv"]))
    api = Client().get(reverse("api:footprint_arrondissements"))

    assert page.status_code == 200
    assert "fewer than 10" in page.content.decode()
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(b"".join(download).decode("utf-8-sig")))}
    assert rows["75103"]["fewer_than_10"] == "true" and rows["75103"]["median_kgco2e"] == ""
    assert rows["75111"]["people"] == "10" and rows["75111"]["median_kgco2e"] == "6000.0"
    by_code = {row["code"]: row for row in json.loads(api.content)}
    assert by_code["75103"]["median_kgco2e"] is None and by_code["75103"]["people"] is None
    assert by_code["75111"]["median_kgco2e"] == 6000.0


def test_a_volunteer_who_changed_answers_since_saving_is_told_to_save(volunteer):
    client = Client()
    client.force_login(volunteer)
    SavedFootprintFactory(user=volunteer, situation={"logement . surface": 45})
    assert "Your answers have changed" not in client.get(PLAN).content.decode()

    session = client.session
    session["footprint_answers"] = {"logement . surface": 80}
    session.save()

    assert "Your answers have changed" in client.get(PLAN).content.decode()


def test_the_pages_read_in_french_with_the_models_french_texts():
    from django.utils import translation

    with translation.override("fr"):
        plan_url, figures_url = reverse("footprint_plan:plan"), reverse("footprint_plan:by_arrondissement")
    client = Client()

    plan = client.get(plan_url).content.decode()
    figures = client.get(figures_url)

    assert "Devenir végétarien" in plan and "8,3" in plan
    assert figures.status_code == 200 and "sessionid" not in figures.cookies

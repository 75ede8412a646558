"""Plan actions in French and in English: staff write both, each page shows its own language, a text
missing in it is shown in the other one marked as such, searches find either, imports write French."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from mobilization.plan.actions import importers, services
from mobilization.plan.actions.models import Action, Milestone
from mobilization.plan.actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def page(client, language: str, name: str, query=None, **kwargs) -> str:
    address = url(language, name, **kwargs)
    response = client.get(address, query or {}, HTTP_ACCEPT_LANGUAGE=language, secure=True)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def bike_lanes():
    """Written by the city in French only, as every action was before translations."""
    return ActionFactory(
        reference="V-1",
        title_fr="Pistes cyclables",
        title_en="",
        department_fr="Direction de la voirie et des déplacements",
        department_en="Roads and Transport Department",
        description_fr="Mille kilomètres de **pistes**.",
    )


def test_an_english_page_shows_the_english_texts_and_marks_the_french_ones(client, bike_lanes):
    detail = page(client, "en", "plan_actions:detail", reference="V-1")
    listed = page(client, "en", "plan_actions:list")

    marked_title = r'<h1>.*<span lang="fr">Pistes cyclables</span>\s*<span[^>]*>\(in French\)</span>'
    marked_description = r'<p class="muted in-language">\(in French\)</p><div lang="fr"><p>Mille kilomètres'
    assert re.search(marked_title, detail)
    assert re.search(marked_description, detail)
    assert "Roads and Transport Department" in detail
    assert "Direction de la voirie" not in detail
    assert re.search(r'<span lang="fr">Pistes cyclables</span>', listed)


def test_a_french_page_shows_the_french_texts_unmarked(client, bike_lanes):
    detail = page(client, "fr", "plan_actions:detail", reference="V-1")

    assert re.search(r"<h1>.*<bdi>Pistes cyclables</bdi></h1>", detail)
    assert "Direction de la voirie et des déplacements" in detail
    assert "Roads and Transport" not in detail


def test_the_title_search_and_the_department_filter_find_either_language(client, bike_lanes):
    ActionFactory(reference="T-1", title_fr="Tramway", title_en="Tramway line")

    by_french_title = page(client, "en", "plan_actions:list", {"q": "cyclables"})
    by_english_title = page(client, "fr", "plan_actions:list", {"q": "line"})
    by_department = page(client, "en", "plan_actions:list", {"department": "Roads and Transport Department"})

    assert "V-1" in by_french_title
    assert "T-1" in by_english_title
    assert "V-1" in by_department
    assert "T-1" not in by_department


def test_staff_write_an_action_in_both_languages_on_its_page(client, staff, bike_lanes):
    client.force_login(staff)
    edit = url("en", "plan_actions:edit", reference="V-1")
    form = client.get(edit, secure=True).content.decode()
    assert 'name="title_fr"' in form
    assert 'name="title_en"' in form
    english_title = re.search(r'<input[^>]*name="title_en"[^>]*>', form).group(0)
    assert 'lang="en"' in english_title

    response = client.post(
        edit,
        {
            "title_fr": "Pistes cyclables", "title_en": "Cycle lanes",
            "description_fr": "Mille kilomètres.", "description_en": "A thousand kilometres.",
            "department_fr": "Direction de la voirie", "department_en": "Roads Department",
            "sector": "transport", "status": "in_progress",
        },
        secure=True,
    )  # fmt: skip

    assert response.status_code == 302
    action = Action.objects.get(reference="V-1")
    assert (action.title_fr, action.title_en) == ("Pistes cyclables", "Cycle lanes")
    assert (action.description_fr, action.description_en) == ("Mille kilomètres.", "A thousand kilometres.")
    assert (action.department_fr, action.department_en) == ("Direction de la voirie", "Roads Department")


def test_an_action_needs_a_title_in_one_language_at_least(client, staff, bike_lanes):
    client.force_login(staff)

    response = client.post(
        url("en", "plan_actions:edit", reference="V-1"),
        {"title_fr": " ", "title_en": "", "sector": "transport", "status": "planned"},
        secure=True,
    )

    assert response.status_code == 200
    assert "Give the action a title." in response.content.decode()
    assert Action.objects.get(reference="V-1").title_fr == "Pistes cyclables"


def test_staff_add_a_milestone_in_both_languages(client, staff, bike_lanes):
    client.force_login(staff)

    client.post(
        url("en", "plan_actions:milestone_add", reference="V-1"),
        {"date": "2025-02-01", "title_fr": "Travaux lancés", "title_en": "Works begin"},
        secure=True,
    )

    milestone = Milestone.objects.get(action=bike_lanes)
    assert (milestone.title_fr, milestone.title_en) == ("Travaux lancés", "Works begin")


def test_the_admin_takes_a_title_in_either_language_but_not_in_none(client, superuser):
    client.force_login(superuser)
    add = reverse("admin:plan_actions_action_add")
    common = {
        "sector": "energy", "status": "planned",
        "milestones-TOTAL_FORMS": "0", "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0", "milestones-MAX_NUM_FORMS": "1000",
    }  # fmt: skip

    english_only = client.post(add, {**common, "reference": "E-1", "title_en": "Solar roofs"}, secure=True)
    neither = client.post(add, {**common, "reference": "E-2", "title_fr": "", "title_en": ""}, secure=True)

    assert english_only.status_code == 302
    assert Action.objects.get(reference="E-1").title_en == "Solar roofs"
    assert neither.status_code == 200
    assert not Action.objects.filter(reference="E-2").exists()


def test_an_imported_file_writes_its_texts_in_french_whatever_the_page_language():
    with translation.override("en"):
        report = importers.import_actions(
            "reference,title,department\nI-1,Toits solaires,Direction de l'énergie\n"
        )

    assert report.succeeded
    action = Action.objects.get(reference="I-1")
    assert (action.title_fr, action.title_en) == ("Toits solaires", None)
    assert action.department_fr == "Direction de l'énergie"


def test_the_api_gives_both_languages(client, bike_lanes):
    services.add_milestone(bike_lanes, by=None, date=bike_lanes.created_at.date(), title_fr="Études")

    address = reverse("api:plan_action", kwargs={"reference": "V-1"})
    data = client.get(address, HTTP_ACCEPT_LANGUAGE="en").json()

    assert data["title"] == "Pistes cyclables"  # no English title: the French one
    assert (data["title_fr"], data["title_en"]) == ("Pistes cyclables", "")
    assert (data["department"], data["department_fr"]) == (
        "Roads and Transport Department",
        "Direction de la voirie et des déplacements",
    )
    assert data["milestones"][0]["title_fr"] == "Études"

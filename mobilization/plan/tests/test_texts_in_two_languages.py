"""The city's texts in French and in English: each page shows its own language, and a text missing in it
is shown in the other one, marked as such (its `lang`, and "(in French)")."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from mobilization.plan.models import Target
from mobilization.plan.tests.factories import ObjectiveWithSeriesFactory

pytestmark = pytest.mark.django_db


def page(client, language: str, name: str, **kwargs) -> str:
    """A page as a visitor reading `language` gets it (the language in the URL once pages carry it)."""
    with translation.override(language):
        url = reverse(name, kwargs=kwargs or None)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def heat_objective():
    return ObjectiveWithSeriesFactory(
        slug="heat",
        title_fr="Îlots de chaleur",
        title_en="Urban heat islands",
        description_fr="Moins de bitume, plus d'arbres.",
        description_en="",
    )


def test_a_french_page_shows_the_objective_in_french_and_an_english_page_in_english(client, heat_objective):
    french = page(client, "fr", "plan:objective", slug="heat")
    english = page(client, "en", "plan:objective", slug="heat")
    dashboard = page(client, "en", "plan:dashboard")

    assert "<h1>Îlots de chaleur</h1>" in french
    assert "Urban heat islands" not in french
    assert "<h1>Urban heat islands</h1>" in english
    assert "Îlots de chaleur" not in english
    assert "Urban heat islands" in dashboard


def test_a_text_missing_in_english_shows_the_french_one_marked_as_french(client, heat_objective):
    english = page(client, "en", "plan:objective", slug="heat")
    french = page(client, "fr", "plan:objective", slug="heat")

    assert re.search(
        r'<span lang="fr">Moins de bitume, plus d&#x27;arbres.</span>\s*<span[^>]*>\(in French\)', english
    )
    assert 'lang="fr"' not in french.split("<main", 1)[-1]  # on its own page, nothing is marked
    assert "Moins de bitume" in french


def test_a_text_missing_in_french_shows_the_english_one_marked_as_english(client):
    ObjectiveWithSeriesFactory(slug="water", title_fr="", title_en="Water use")

    french = page(client, "fr", "plan:objective", slug="water")

    assert re.search(r'<h1><span lang="en">Water use</span>\s*<span[^>]*>\(', french)


def test_staff_record_a_figure_and_a_target_with_their_notes_in_both_languages(
    client, heat_objective, city_staff
):
    client.force_login(city_staff)
    indicator = heat_objective.indicators.get(is_headline=True)
    target = heat_objective.targets.get()

    client.post(
        reverse("plan:add_value", kwargs={"slug": "heat"}),
        {
            "indicator": indicator.pk, "year": "2023", "value": "80", "status": "final",
            "source_citation": "Bilan", "source_url": "https://example.org/bilan",
            "note_fr": "Méthode révisée", "note_en": "Revised method",
        },
    )  # fmt: skip
    client.post(
        reverse("plan:target_edit", kwargs={"slug": "heat", "pk": target.pk}),
        {"year": "2040", "percent_of_baseline": "-30", "note_fr": "Plan 2024", "note_en": ""},
    )

    value = indicator.values.get(year=2023)
    assert (value.note_fr, value.note_en) == ("Méthode révisée", "Revised method")
    target = Target.objects.get(pk=target.pk)
    assert (target.note_fr, target.note_en) == ("Plan 2024", "")
    english = page(client, "en", "plan:objective", slug="heat")
    assert "Revised method" in english
    assert re.search(r'<span lang="fr">Plan 2024</span>', english)


def test_the_api_and_the_download_give_both_languages_and_the_one_asked_for(client, heat_objective):
    with translation.override("fr"):
        url = reverse("api:plan_objective", kwargs={"slug": "heat"})
    in_french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()
    in_english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()

    assert (in_french["title"], in_english["title"]) == ("Îlots de chaleur", "Urban heat islands")
    assert (in_english["title_fr"], in_english["title_en"]) == ("Îlots de chaleur", "Urban heat islands")
    assert in_english["metric_en"] == "Emissions"

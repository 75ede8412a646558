"""Governance texts in French and in English: the city answers a recommendation in both languages, each
page shows its own and marks a text shown in the other one."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from mobilization.plan.governance.models import CityResponse

pytestmark = pytest.mark.django_db


def url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def test_staff_answer_in_french_and_in_english_and_each_page_shows_its_own(client, recommendation, staff):
    client.force_login(staff)

    response = client.post(
        url("fr", "governance:answer_recommendation", pk=recommendation.pk),
        {"decision": "rejected", "justification_fr": "Trop coûteux.", "justification_en": "Too costly."},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 302
    answer = CityResponse.objects.get(recommendation=recommendation)
    assert (answer.justification_fr, answer.justification_en) == ("Trop coûteux.", "Too costly.")
    address = {code: url(code, "governance:recommendation", pk=recommendation.pk) for code in ("fr", "en")}
    french = client.get(address["fr"], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(address["en"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Trop coûteux." in french
    assert "Too costly." not in french
    assert "Too costly." in english


def test_an_answer_needs_a_justification_in_one_language_at_least(client, recommendation, staff):
    client.force_login(staff)

    response = client.post(
        url("en", "governance:answer_recommendation", pk=recommendation.pk),
        {"decision": "rejected", "justification_fr": " ", "justification_en": "\u200b"},
    )

    assert response.status_code == 200
    assert "Say why: a response needs a justification." in response.content.decode()
    assert not CityResponse.objects.filter(recommendation=recommendation, decision="rejected").exists()


def test_a_committee_written_in_french_only_is_marked_as_french_on_english_pages(client, committee):
    committee.mandate_fr, committee.mandate_en = "Suivre le **Plan Climat**.", ""
    committee.save()

    english = client.get(url("en", "governance:committee", slug=committee.slug)).content.decode()

    assert "Comité de suivi" in english
    assert re.search(r'\(in French\)</p><div lang="fr"><p>Suivre le <strong>Plan Climat</strong>', english)


def test_a_committee_member_issues_a_recommendation_in_both_languages(client, committee, citizen):
    client.force_login(citizen)

    response = client.post(
        url("en", "governance:recommendation_new", slug=committee.slug),
        {
            "reference": "R-7", "title_fr": "Plus d'arbres", "title_en": "More trees",
            "text_fr": "Planter 1 000 arbres.", "text_en": "",
            "issued_on": "2026-01-15", "response_due_on": "2026-04-15",
        },
    )  # fmt: skip

    assert response.status_code == 302
    recommendation = committee.recommendations.get(reference="R-7")
    assert (recommendation.title_fr, recommendation.title_en) == ("Plus d'arbres", "More trees")
    assert (recommendation.text_fr, recommendation.text_en) == ("Planter 1 000 arbres.", "")

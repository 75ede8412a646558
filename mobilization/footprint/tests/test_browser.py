"""In Chromium: a visitor answers three questions, skips the rest and reads the result, its breakdown and
the model's documentation of a figure (in French); a signed-in volunteer saves, comes back, changes an
answer and sees the history (in English). Axe runs on every page of the calculator, wide and on a phone."""

import re

import pytest

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core.testing import look_at, signed_in_page
from mobilization.footprint.models import SavedFootprint
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def look(page, axe_check, screenshot, name, *, phone=False):
    look_at(page, axe_check, screenshot, f"footprint-{name}", phone=phone)


def test_a_visitor_answers_three_questions_skips_the_rest_and_reads_the_result_and_its_sources(
    page, axe_check, screenshot
):
    page.goto("/fr/footprint/")
    look(page, axe_check, screenshot, "start", phone=True)
    page.get_by_role("link", name="Commencer le questionnaire", exact=True).click()
    page.wait_for_url(re.compile(r"/fr/footprint/questions/transport-voiture/"))
    assert page.locator("progress").count() == 1
    look(page, axe_check, screenshot, "step", phone=True)

    # A wrong answer: an error summary, the answer given kept.
    page.get_by_role("radio", name="Non, je ne monte jamais en voiture").check()
    page.get_by_label(re.compile("Quelle distance parcourez-vous")).fill("beaucoup")
    page.get_by_role("button", name="Suivante", exact=True).click()
    assert page.get_by_role("alert").count() == 1
    assert page.get_by_role("radio", name="Non, je ne monte jamais en voiture").is_checked()
    look(page, axe_check, screenshot, "step-error")

    # Three answers, then the result at once.
    page.get_by_role("radio", name="Oui, avec mon propre véhicule").check()
    page.get_by_label(re.compile("nombre moyen de voyageurs")).fill("2")
    page.get_by_label(re.compile("Quelle distance parcourez-vous")).fill("4000")
    page.get_by_role("button", name=re.compile("résultat")).click()
    page.wait_for_url(re.compile(r"/fr/footprint/result/"))
    assert page.get_by_text(re.compile("3 réponses")).count() >= 1
    assert page.locator("svg[role=img]").count() == 1
    table = page.get_by_role("table")
    assert table.get_by_role("link", name="Transport", exact=True).count() == 1
    look(page, axe_check, screenshot, "result", phone=True)

    # The documentation of a figure, one click away.
    table.get_by_role("link", name="Alimentation", exact=True).click()
    page.wait_for_url(re.compile(r"/fr/footprint/rules/alimentation/"))
    assert page.get_by_role("heading", name=re.compile("Alimentation")).count() >= 1
    assert page.get_by_text("Agribalyse").count() >= 1
    look(page, axe_check, screenshot, "rule", phone=True)
    # A rule with sources.
    page.goto("/fr/footprint/rules/logement/type/")
    assert page.get_by_role("link", name=re.compile("INSEE")).count() >= 1


def test_a_volunteer_saves_comes_back_changes_an_answer_and_sees_the_history_in_english(
    browser, live_server, axe_check, screenshot
):
    district = ArrondissementFactory(name="Paris 11e")
    volunteer = MemberFactory(display_name="Camille")
    page = signed_in_page(browser, live_server, volunteer)

    page.goto("/en/footprint/questions/logement/")
    page.get_by_label("What is the surface area of your home?").fill("40")
    page.get_by_role("radio", name="Flat").check()
    page.get_by_role("button", name="See my result now").click()
    page.wait_for_url(re.compile(r"/en/footprint/result/"))
    page.get_by_label(re.compile("Your arrondissement")).select_option(label=district.name)
    page.get_by_role("button", name="Save my footprint").click()
    page.wait_for_url(re.compile(r"/en/footprint/history/"))
    assert SavedFootprint.objects.filter(user=volunteer).count() == 1

    # Later, in a new session: the questions start from the latest answers.
    page.context.close()
    page = signed_in_page(browser, live_server, volunteer)
    page.goto("/en/footprint/")
    page.get_by_role("link", name="Continue the questions").click()
    page.goto("/en/footprint/questions/logement/")
    surface = page.get_by_label("What is the surface area of your home?")
    assert surface.input_value() == "40"
    surface.fill("80")
    page.get_by_role("button", name="See my result now").click()
    page.get_by_role("button", name="Save my footprint").click()
    page.wait_for_url(re.compile(r"/en/footprint/history/"))

    saved = list(SavedFootprint.objects.filter(user=volunteer).order_by("created_at", "pk"))
    assert [s.situation["logement . surface"] for s in saved] == [40, 80]
    assert page.locator("svg[role=img] circle").count() == 2
    assert page.get_by_role("table").locator("tbody tr").count() == 2
    look(page, axe_check, screenshot, "history", phone=True)
    page.context.close()

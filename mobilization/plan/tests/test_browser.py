"""A resident reads the Climate Plan dashboard and an objective page in a real browser, axe switched on."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.plan.paris import load_paris_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def paris(transactional_db):
    from django.core.cache import cache

    cache.clear()
    load_paris_plan()


def test_a_resident_sees_paris_energy_use_off_track_on_the_dashboard(page, screenshot, axe_check, paris):
    page.goto(reverse("plan:dashboard"))

    card = page.locator(".plan-card", has=page.get_by_role("link", name="Energy use"))
    expect(card).to_contain_text("Off track")
    expect(card).to_contain_text("30.8")
    expect(card).to_contain_text("on the current trend −16")
    expect(page.locator(".plan-card", has=page.get_by_role("link", name="Renewable share"))).to_contain_text(
        "19 % in 2023"
    )
    axe_check(page)
    screenshot(page)


def test_a_resident_reads_an_objective_chart_table_and_method(page, screenshot, axe_check, paris):
    page.goto(reverse("plan:dashboard"))
    page.locator("#main").get_by_role("link", name="Carbon footprint").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Carbon footprint")
    # The chart is named by its short title; the summary is its caption, read once.
    chart = page.get_by_role("img", name="Chart: Carbon footprint", exact=True)
    expect(chart).to_be_visible()
    expect(page.locator(".plan-chart figcaption")).to_contain_text("−32% since 2004")
    # The SVG loads and decodes: a broken image has no natural width.
    page.wait_for_function(
        "() => { const i = document.querySelector('.plan-chart img'); "
        "return i.complete && i.naturalWidth > 0; }"
    )
    table = page.get_by_role("table", name="Figures of the headline indicator (MtCO2e)")
    expect(table.get_by_role("row")).to_have_count(6)  # the header and 2004, 2014, 2018, 2021, 2022
    expect(page.get_by_role("heading", name="How we compute this")).to_be_visible()
    axe_check(page)
    screenshot(page)

"""A resident reads the plan's actions and follows one of them in a real browser, accessibility engine on."""

import io

import pytest
from playwright.sync_api import expect

from mobilization.plan.actions import demo
from mobilization.plan.models import Objective

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_plan(transactional_db):
    for position, (slug, title) in enumerate(
        [("local-emissions", "Émissions locales"), ("renewable-share", "Part des renouvelables")]
    ):
        Objective.objects.create(
            slug=slug,
            title=title,
            metric=title,
            unit="%",
            baseline_year=2004,
            baseline_value=100,
            position=position,
        )
    demo.seed(io.StringIO())


def test_a_resident_filters_the_actions_and_reads_one_with_its_timeline(
    page, screenshot, axe_check, demo_plan
):
    page.goto("/plan/actions/")

    expect(page.get_by_role("heading", name="Climate Plan actions", level=1)).to_be_visible()
    expect(page.get_by_role("table", name="Actions, average progress and budgets by sector")).to_be_visible()
    axe_check(page)
    screenshot(page, "plan_actions_list")

    page.get_by_label("Sector", exact=True).select_option("transport")
    page.get_by_role("button", name="Show actions").click()
    expect(page.get_by_role("heading", name="8 actions")).to_be_visible()
    page.get_by_role("link", name="PC-MOB-01 Pérenniser les « coronapistes »").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Pérenniser les « coronapistes »")
    timeline = page.locator("ol.timeline > li")
    expect(timeline).to_have_count(2)
    expect(timeline.first.locator("time")).to_have_attribute("datetime", "2021-10-04")
    expect(page.get_by_label("Progress", exact=True)).to_have_attribute("value", "100.00")
    axe_check(page)
    screenshot(page, "plan_actions_detail")


def test_a_parent_action_shows_its_children_and_their_progress(page, axe_check, demo_plan):
    page.goto("/plan/actions/PC-MOB-02/")

    children = page.get_by_role("table", name="The sub-actions whose progress makes up this action's")
    expect(children.get_by_role("row")).to_have_count(3)
    expect(page.get_by_text("Computed from its sub-actions (weighted average).")).to_be_visible()
    axe_check(page)

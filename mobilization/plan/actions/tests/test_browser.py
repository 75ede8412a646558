"""A resident reads the plan's actions and follows one of them, and a staff member follows an import, in a
real browser, accessibility engine on."""

import io

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.plan.actions import demo
from mobilization.plan.actions.models import Action, ActionImport
from mobilization.plan.actions.tasks import run_import
from mobilization.plan.actions.tests.factories import ActionImportFactory
from mobilization.plan.tests.factories import ObjectiveFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_plan(transactional_db):
    for position, (slug, title) in enumerate(
        [("local-emissions", "Émissions locales"), ("renewable-share", "Part des renouvelables")]
    ):
        ObjectiveFactory(
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
    page.goto(reverse("plan_actions:list"))

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
    page.goto(reverse("plan_actions:detail", kwargs={"reference": "PC-MOB-02"}))

    children = page.get_by_role("table", name="The sub-actions whose progress makes up this action's")
    expect(children.get_by_role("row")).to_have_count(3)
    expect(page.get_by_text("Computed from its sub-actions (weighted average).")).to_be_visible()
    axe_check(page)


def sign_in(page, live_server, user):
    """Sign in as the user: a session made by the test client, given to the browser as its cookie."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_staff_follow_a_queued_import_that_updates_in_place_without_reloading(
    page, live_server, screenshot, axe_check, staff
):
    action_import = ActionImportFactory(
        file_name="pistes.csv",
        content="reference,title,sector\nV-1,Pistes cyclables,transport\n",
        format=ActionImport.Format.OWN,
        created_by=staff,
    )
    sign_in(page, live_server, staff)
    page.goto(action_import.get_absolute_url())

    announcement = page.locator("#import-announcement")
    expect(announcement).to_have_attribute("aria-live", "polite")
    expect(announcement).to_contain_text("Queued")
    expect(page.locator('meta[http-equiv="refresh" i]')).to_have_count(0)
    expect(page.get_by_role("link", name="Refresh the status")).to_be_visible()
    axe_check(page)  # meta-refresh is one of axe's critical rules
    screenshot(page, "plan_actions_import_queued")
    page.evaluate("window.importPageNotReloaded = true")

    run_import.enqueue(action_import.pk)  # the worker runs it (immediately, in tests)

    expect(announcement).to_contain_text("Preview: nothing has been imported yet", timeout=10_000)
    expect(page.get_by_role("link", name="Refresh the status")).to_have_count(0)
    assert page.evaluate("window.importPageNotReloaded") is True  # swapped in place, not reloaded
    preview = page.locator("table.import-preview")
    expect(preview).to_contain_text("Pistes cyclables")
    expect(preview).to_contain_text("Created")
    assert not Action.objects.filter(reference="V-1").exists(), "nothing is imported before staff confirm"
    axe_check(page)
    screenshot(page, "plan_actions_import_preview")
    page.get_by_role("button", name="Confirm the import").click()  # the worker runs it at once, in tests

    expect(announcement).to_contain_text("Done: 1 created, 0 updated, 0 unchanged.", timeout=10_000)
    expect(page.get_by_role("link", name="Refresh the status")).to_have_count(0)
    expect(page.get_by_role("link", name="See the actions")).to_be_visible()
    axe_check(page)
    screenshot(page, "plan_actions_import_done")

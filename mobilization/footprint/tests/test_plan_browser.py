"""A signed-in volunteer builds an action plan and sees the projected footprint; the public reads the
figures per arrondissement. Axe checks every page, at 1280 px and on a phone (375 px)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.footprint.models import PersonalPlanItem
from mobilization.footprint.saving import save_footprint
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_a_volunteer_builds_an_action_plan_and_sees_the_projected_footprint(
    page, live_server, screenshot, axe_check
):
    volunteer = MemberFactory(display_name="Camille")
    save_footprint(volunteer, {"transport . avion . usager": "'occasionnellement'"})
    sign_in(page, live_server, volunteer)

    page.goto(reverse("footprint:result"))
    page.get_by_role("link", name="Build my action plan").click()
    expect(page.get_by_role("heading", name="My action plan", exact=True)).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Add to my plan (Go vegetarian)").click()
    expect(page.get_by_text("The action is in your plan.")).to_be_visible()
    page.get_by_role("button", name="Add to my plan (Travel without flying)").click()
    page.get_by_role("button", name="Mark done (Go vegetarian)").click()
    expect(page.get_by_text("Well done: the action is marked done.")).to_be_visible()

    projection = page.get_by_role("region", name="Your footprint with your plan")
    expect(projection.get_by_role("img")).to_be_visible()
    expect(projection.get_by_role("table")).to_contain_text("With your plan")
    axe_check(page)
    screenshot(page, "footprint_plan")
    page.set_viewport_size({"width": 375, "height": 800})
    axe_check(page)
    screenshot(page, "footprint_plan_phone")

    statuses = dict(PersonalPlanItem.objects.filter(plan__user=volunteer).values_list("rule", "status"))
    assert statuses == {
        "alimentation . devenir végétarien": "done",
        "transport . avion . arrêter l'avion": "planned",
    }


def test_the_public_reads_the_figures_per_arrondissement(page, screenshot, axe_check):
    eleventh, fourth = ArrondissementFactory(number=11), ArrondissementFactory(number=4)
    for index in range(10):
        save_footprint(MemberFactory(), {"logement . surface": 30 + index}, district=eleventh)
    save_footprint(MemberFactory(), {}, district=fourth)

    page.goto(reverse("footprint_plan:by_arrondissement"))

    expect(page.get_by_role("table")).to_contain_text("fewer than 10")
    axe_check(page)
    screenshot(page, "footprint_by_arrondissement")
    page.set_viewport_size({"width": 375, "height": 800})
    axe_check(page)
    screenshot(page, "footprint_by_arrondissement_phone")

"""An organisation runs an initiative, in a real browser with the accessibility engine on: its
representative has it run from the organisation's page, a colleague manages it, and the public sees the
organisation named on the initiative's page and in the list (and the registry lists a coalition's
commitment)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.commitments.tests.factories import (
    CoalitionCommitmentFactory,
    CoalitionFactory,
    OrganisationFactory,
)
from mobilization.initiatives.tests.factories import InitiativeFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_a_representative_has_the_organisation_run_an_initiative_and_the_public_sees_it(
    page, live_server, axe_check, screenshot
):
    camille = person(display_name="Camille")
    organisation = OrganisationFactory(name="Recyclerie du Faubourg", representative=camille)
    InitiativeFactory(title="Atelier de réparation", organiser=camille)
    CoalitionCommitmentFactory(
        coalition=CoalitionFactory(name="Commerces zéro déchet"), title="Zéro emballage"
    )

    sign_in(page, live_server, camille)
    page.goto(organisation.get_absolute_url())
    page.get_by_role("link", name="Initiatives it runs").click()
    axe_check(page)
    page.get_by_label("Initiative", exact=True).select_option(label="Atelier de réparation")
    page.get_by_role("button", name="Have the organisation run it").click()
    expect(page.get_by_text("Recyclerie du Faubourg runs “Atelier de réparation”")).to_be_visible()
    axe_check(page)
    screenshot(page, "organisation_initiatives")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "organisation_initiatives_narrow")

    visitor = page.context.browser.new_page(base_url=live_server.url)
    visitor.goto(reverse("initiatives:list"))
    expect(visitor.get_by_role("link", name="Recyclerie du Faubourg")).to_be_visible()
    axe_check(visitor)
    visitor.get_by_role("link", name="Atelier de réparation").click()
    expect(visitor.get_by_text("Run by Recyclerie du Faubourg (organisation)")).to_be_visible()
    axe_check(visitor)
    screenshot(visitor, "initiative_run_by_an_organisation")
    visitor.goto(reverse("commitments:list"))
    expect(visitor.get_by_role("link", name="Commerces zéro déchet")).to_be_visible()
    axe_check(visitor)
    screenshot(visitor, "commitments_registry_with_coalitions")
    visitor.set_viewport_size({"width": 375, "height": 800})
    screenshot(visitor, "commitments_registry_with_coalitions_narrow")
    visitor.close()

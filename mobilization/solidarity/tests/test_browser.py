"""In Chromium: a relative registers a neighbour, the coordinator reads the record and its sealed notes,
city staff find the reads in the log, a volunteer offers to be a buddy; axe checks every page, and
each page is photographed at 1280 and 375 pixels wide."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.solidarity.models import VulnerableResident
from mobilization.solidarity.tests.factories import ResidentFactory, buddy_training, certify, eleventh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    """A session made by the test client, given to the browser as its cookie."""
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def look(page, axe_check, screenshot, name):
    """Axe on the page, then a screenshot at the desktop's and at a phone's width."""
    axe_check(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, f"solidarity-{name}-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, f"solidarity-{name}-375")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_relative_registers_a_neighbour_and_withdraws_the_registration(
    page, live_server, axe_check, screenshot
):
    eleventh()
    relative = MemberFactory(display_name="Nadia")
    sign_in(page, live_server, relative)

    page.goto(reverse("solidarity:register_start"))
    look(page, axe_check, screenshot, "register-start")
    page.get_by_role("link", name="I register a relative or a neighbour").click()
    page.wait_for_url(re.compile(r"/solidarity/register/relative/$"))
    look(page, axe_check, screenshot, "register-form")

    page.get_by_label("First name").fill("Lucienne")
    page.get_by_label("Last name").fill("Fictif-Haddad")
    page.get_by_label("Date of birth").fill("1938-03-14")
    page.get_by_label("Aged 65 or over").check()
    page.get_by_label("Address").fill("24 rue de la Démo, 75011 Paris")
    page.get_by_label("Latitude of the home").fill("48.85912")
    page.get_by_label("Longitude of the home").fill("2.38016")
    page.get_by_label("Phone", exact=True).fill("01 99 00 43 21")
    page.get_by_label("Building access notes").fill("Code 4821A")
    page.get_by_label("The person lives alone").check()
    page.get_by_label("The person I register has asked me").check()
    page.get_by_role("button", name="Register").click()

    resident = VulnerableResident.objects.get()
    page.wait_for_url(re.compile(rf"/solidarity/residents/{resident.pk}/$"))
    expect(page.get_by_text("The registration is recorded")).to_be_visible()
    expect(page.get_by_text("01 99 00 43 21")).to_be_visible()
    expect(page.get_by_text("4821A")).to_have_count(0)  # sealed
    look(page, axe_check, screenshot, "resident")

    page.get_by_label("Away from").fill("2031-08-01")
    page.get_by_label("Away until").fill("2031-08-31")
    page.get_by_role("button", name="Add the absence").click()
    expect(page.get_by_text("The absence is recorded")).to_be_visible()

    page.get_by_role("link", name="Change the registration").click()
    look(page, axe_check, screenshot, "resident-edit")
    page.get_by_label("Other phone").fill("01 99 00 00 12")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("01 99 00 00 12")).to_be_visible()

    page.goto(reverse("solidarity:mine"))
    look(page, axe_check, screenshot, "mine")
    page.get_by_role("link", name="Lucienne Fictif-Haddad").click()
    page.get_by_role("link", name="Withdraw the registration").click()
    look(page, axe_check, screenshot, "withdraw")
    page.get_by_role("button", name="Withdraw and erase").click()
    expect(page.get_by_text("the record has been erased")).to_be_visible()
    assert not VulnerableResident.objects.exists()


def test_the_coordinator_reads_a_record_and_staff_find_the_read_in_the_log(
    page, live_server, axe_check, screenshot
):
    district = eleventh()
    resident = ResidentFactory(district=district, first_name="Marcel", last_name="Fictif-Durand")
    ResidentFactory.create_batch(4, district=district)
    coordinator = MemberFactory(email="ines@example.org", roles=(roles.SOLIDARITY_COORDINATOR,))
    sign_in(page, live_server, coordinator)

    page.goto(reverse("solidarity:residents"))
    look(page, axe_check, screenshot, "residents")
    page.get_by_role("link", name="Fictif-Durand Marcel").click()
    page.wait_for_url(re.compile(rf"/solidarity/residents/{resident.pk}/$"))
    page.get_by_role("link", name="Sealed: open them").click()
    expect(page.get_by_text("Code 4821A")).to_be_visible()
    look(page, axe_check, screenshot, "access-notes")

    sign_in(page, live_server, MemberFactory(roles=(roles.CITY_STAFF,)))
    page.goto(reverse("solidarity:read_log"))
    page.get_by_label("E-mail of the person who read").fill("ines@example.org")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("2 entries")).to_be_visible()
    look(page, axe_check, screenshot, "read-log")


def test_a_volunteer_offers_to_be_a_buddy_and_pauses(page, live_server, axe_check, screenshot):
    eleventh()
    buddy_training()
    volunteer = MemberFactory(display_name="Camille")
    sign_in(page, live_server, volunteer)

    page.goto(reverse("solidarity:buddy"))
    look(page, axe_check, screenshot, "buddy-new")
    page.get_by_label("I can visit people").check()
    page.get_by_role("combobox", name="My arrondissement").select_option(label="11e arrondissement")
    page.get_by_role("button", name="Offer to be a buddy").click()
    expect(page.get_by_text("Your buddy profile is saved")).to_be_visible()
    expect(page.get_by_text("once you hold a valid certification")).to_be_visible()
    page.get_by_role("link", name="Sessions of the training “Binôme solidarité canicule”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Binôme solidarité canicule")

    certify(volunteer, expires_on=date(2031, 5, 12))
    page.goto(reverse("solidarity:buddy"))
    expect(page.get_by_text("Your certification is valid until May 12, 2031.")).to_be_visible()
    page.get_by_role("button", name="Pause my check-ins").click()
    expect(page.get_by_text("no check-in will be given to you")).to_be_visible()
    look(page, axe_check, screenshot, "buddy-profile")

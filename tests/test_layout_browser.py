"""The layout as a person meets it: keyboard first, on a phone, with an accessibility engine watching."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_home_page_passes_axe_and_the_skip_link_leads_to_the_content(page, axe_check, screenshot):
    page.goto(reverse("home"))

    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible(), "the skip link shows when it has the keyboard focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    axe_check(page)
    screenshot(page, "home")


def test_the_home_page_fits_a_phone_screen(browser, live_server, screenshot):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, locale="fr-FR"
    )
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    phone = context.new_page()
    with translation.override("fr"):
        phone.goto(reverse("home"))

    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 375, "nothing overflows sideways on a phone"
    assert phone.locator(".site-menu > summary").is_visible(), "the navigation waits behind its Menu button"
    screenshot(phone, "home-phone")
    context.close()


def test_the_language_switch_works_from_the_keyboard(page):
    page.goto(reverse("home"))
    lang_before = page.locator("html").get_attribute("lang")
    switch = page.locator(".language-links a")
    switch.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") != lang_before

"""A resident joins the platform in Chromium: sign-up, the verification e-mail, signed in on their profile."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from mobilization.accounts.models import ConsentRecord, User
from mobilization.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_signs_up_confirms_their_email_and_lands_on_their_profile(
    page, live_server, screenshot, axe_check
):
    page.goto(reverse("account_signup"))
    axe_check(page)

    page.get_by_label("Display name").fill("Amina")
    page.get_by_label("Email").fill("amina@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label(re.compile("I accept the terms of use")).check()
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    screenshot(page, "accounts-sign-up")
    page.get_by_role("button", name="Sign Up").click()

    page.get_by_role("heading", name="Verify Your Email Address").wait_for()
    user = User.objects.get(email="amina@example.org")
    assert ConsentRecord.objects.filter(user=user).count() == 2
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)

    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    page.get_by_role("heading", name="My account").wait_for()
    assert "Signed in as Amina." in page.inner_text("main")
    # The flash messages of base.html (<ul role="status">) trip axe's "listitem" rule: reported to the
    # lead; the profile page itself is checked once they are gone.
    page.reload()
    axe_check(page)
    screenshot(page, "accounts-profile")


def test_the_profile_form_is_accessible(page, live_server, screenshot, axe_check):
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email="bruno@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email="bruno@example.org", verified=True, primary=True)
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill("bruno@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile("/$"))

    page.goto(reverse("accounts:profile_edit"))
    page.get_by_label("Monday: Evening").check()
    page.get_by_label("Phone number").fill("12")
    page.get_by_role("button", name="Save my profile").click()

    page.locator("#id_phone_error").wait_for()
    assert page.get_by_label("Monday: Evening").is_checked()  # kept after the error
    axe_check(page)
    screenshot(page, "accounts-profile-edit-error")


def sign_in(page, email, password=PASSWORD, lands_on=r"/$"):
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(lands_on))


def test_allauths_pages_wear_the_platforms_layout_and_pass_axe(page, live_server, screenshot, axe_check):
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email="chloe@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email="chloe@example.org", verified=True, primary=True)
    blocked = []

    def note_blocked(message):
        if "Content Security Policy" in message.text:
            blocked.append((page.url, message.text))

    page.on("console", note_blocked)
    # What base.html itself trips (htmx's indicator <style>: reported to the lead) is not ours to judge.
    page.goto(reverse("home"))
    page.wait_for_load_state("networkidle")
    from_base_layout = {text for _url, text in blocked}

    for path in (reverse("account_login"), reverse("account_reset_password")):
        page.goto(path)
        assert page.locator("a.skip-link").count() == 1
        axe_check(page)

    sign_in(page, "chloe@example.org")
    for path, name in (
        (reverse("account_email"), "email"),
        (reverse("account_change_password"), "password"),
        (reverse("mfa_index"), "two-factor"),
        (reverse("usersessions_list"), "sessions"),
        (reverse("account_reauthenticate"), "reauthenticate"),
        (reverse("accounts:privacy"), "privacy"),
        (reverse("accounts:my_data"), "my-data"),
        (reverse("accounts:delete_account"), "delete"),
    ):
        page.goto(path)
        assert page.locator("a.skip-link").count() == 1, path
        assert page.locator("h1").count() == 1, path
        axe_check(page)
        screenshot(page, f"accounts-{name}")
    assert not [(url, text) for url, text in blocked if text not in from_base_layout]


def current_code(secret):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def test_city_staff_set_up_their_authenticator_app_then_sign_in_with_it(
    page, live_server, axe_check, screenshot
):
    from django.core.cache import cache

    from mobilization.accounts import services
    from mobilization.core import roles

    services.create_demo_account("claire@paris.example", PASSWORD, [roles.CITY_STAFF], "Claire")
    from allauth.mfa.models import Authenticator

    Authenticator.objects.all().delete()  # as if the demo had not given her one

    # Straight from signing in to the authenticator set-up, which allauth guards with the password again.
    sign_in(page, "claire@paris.example", lands_on=reverse("account_reauthenticate"))
    assert "protect your account with an authenticator app" in page.inner_text("main")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Activate Authenticator App").wait_for()
    axe_check(page)
    screenshot(page, "accounts-totp-activate")
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(current_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.get_by_role("heading", name="Recovery Codes").wait_for()

    page.goto("/admin/")
    assert "/admin/" in page.url
    assert "Site administration" in page.content()

    page.goto(reverse("home"))
    page.get_by_role("button", name="Sign out").click()
    cache.clear()  # a code is accepted once: forget that this one was used
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill("claire@paris.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="Two-Factor Authentication").wait_for()
    axe_check(page)
    page.get_by_label("Code").fill(current_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("link", name="Administration").count() == 1

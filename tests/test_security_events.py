"""Security events are logged, without passwords, tokens or personal details; limits and errors say why."""

import logging

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from mobilization.accounts import services
from mobilization.core import roles
from tests.access.callers import PASSWORD, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="mobilization.security")

    def lines() -> list[str]:
        return [record.getMessage() for record in caplog.records if record.name == "mobilization.security"]

    return lines


@pytest.fixture
def volunteer():
    return make_member("amina@example.org", "Amina")


def assert_nothing_personal(lines, *secrets):
    for line in lines:
        for secret in secrets:
            assert secret not in line, f"the log line {line!r} holds {secret!r}"


def test_a_sign_in_is_logged_with_the_account_number_only(client, volunteer, security_log):
    response = client.post(reverse("account_login"), {"login": volunteer.email, "password": PASSWORD})

    assert response.status_code == 302
    assert f"accounts.signed_in actor={volunteer.pk} object=accounts.user#{volunteer.pk}" in security_log()
    assert_nothing_personal(security_log(), volunteer.email, PASSWORD)


def test_a_failed_sign_in_is_logged_without_the_address_or_the_password(client, volunteer, security_log):
    client.post(reverse("account_login"), {"login": volunteer.email, "password": "wrong password 123"})

    assert any(line.startswith("accounts.sign_in_failed") for line in security_log())
    assert_nothing_personal(security_log(), volunteer.email, "wrong password 123", "amina")


def test_denied_access_is_logged(client, volunteer, security_log):
    client.force_login(volunteer)
    response = client.get(reverse("admin:index"))

    assert response.status_code in {302, 403}
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 403
    assert any(line.startswith(f"access.denied actor={volunteer.pk}") for line in security_log())


def test_role_changes_and_exports_are_logged(volunteer, security_log):
    services.add_role(volunteer, roles.ORGANISER, by=None)
    services.export_personal_data(volunteer)

    lines = security_log()
    assert any(line.startswith("accounts.role_granted") for line in lines)
    assert any(line.startswith("accounts.personal_data_exported") for line in lines)
    assert_nothing_personal(lines, volunteer.email, "Amina")


def test_the_data_export_needs_the_owners_session(volunteer):
    response = Client().get(reverse("accounts:my_data_download"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert volunteer.email.encode() not in response.content


@pytest.mark.parametrize(
    "url_name, limit, form",
    [
        ("account_signup", {"signup": "2/m/ip"}, {"email": "", "password1": "x", "password2": "x"}),
        ("account_reset_password", {"reset_password": "2/m/ip"}, {"email": "someone@example.org"}),
    ],
)
def test_too_many_attempts_get_a_429_page_that_says_when_to_retry(client, url_name, limit, form):
    with override_settings(ACCOUNT_RATE_LIMITS=limit):
        statuses = [client.post(reverse(url_name), form).status_code for _ in range(2)]
        response = client.post(reverse(url_name), form)

    assert 429 not in statuses
    assert response.status_code == 429
    assert "try again" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.broken_urls", DEBUG=False)
def test_a_server_error_shows_the_platforms_page_and_never_the_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "secret internal detail" not in page
    assert "Traceback" not in page


@pytest.mark.parametrize(
    "url_name, form",
    [
        ("account_email", {"action_add": "", "email": "new-address@example.org"}),
        ("accounts:delete_account", {"confirm": "on"}),
    ],
)
def test_sensitive_changes_ask_for_the_password_again(client, volunteer, url_name, form):
    client.force_login(volunteer)  # a session that has not just typed the password

    response = client.post(reverse(url_name), form)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    volunteer.refresh_from_db()
    assert volunteer.email == "amina@example.org"
    assert volunteer.is_active


def test_a_new_password_needs_the_current_one(client, volunteer):
    client.force_login(volunteer)
    form = {
        "oldpassword": "not my password",
        "password1": "n3w pass phrase!",
        "password2": "n3w pass phrase!",
    }

    response = client.post(reverse("account_change_password"), form)

    assert response.status_code == 200
    volunteer.refresh_from_db()
    assert volunteer.check_password(PASSWORD)


def test_signing_out_everywhere_else_ends_the_other_sessions(volunteer):
    phone, laptop = Client(), Client()
    for device in (phone, laptop):
        assert (
            device.post(
                reverse("account_login"), {"login": volunteer.email, "password": PASSWORD}
            ).status_code
            == 302
        )
    sessions_page = phone.get(reverse("usersessions_list")).content.decode()
    assert sessions_page.count("<tr") >= 3, "the page lists both sessions (and a header row)"

    laptop.post(reverse("usersessions_list"))

    assert laptop.get(reverse("accounts:profile")).status_code == 200, "the device that asked stays signed in"
    response = phone.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

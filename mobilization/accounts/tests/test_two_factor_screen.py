"""The second step of a staff sign-in: the code, then "Sign in" first and "Cancel" after it."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from mobilization.accounts.tests.factories import PASSWORD
from mobilization.accounts.tests.test_security import give_totp

pytestmark = pytest.mark.django_db


def _buttons(html: str) -> list[tuple[str, str]]:
    """The buttons of the page's <main>, in order, as (their text, the form they submit or "")."""
    main = html[html.index("<main") : html.index("</main>")]
    buttons = []
    for attrs, text in re.findall(r"<button([^>]*)>(.*?)</button>", main, re.S):
        form = re.search(r'form="([^"]+)"', attrs)
        buttons.append((re.sub(r"\s+", " ", text).strip(), form.group(1) if form else ""))
    return buttons


@pytest.fixture
def code_screen(client, city_staff_member):
    give_totp(city_staff_member)
    credentials = {"login": city_staff_member.email, "password": PASSWORD}
    signed_in = client.post(reverse("account_login"), credentials)
    assert signed_in.url == reverse("mfa_authenticate")
    return client.get(reverse("mfa_authenticate")).content.decode()


def test_sign_in_is_the_first_button_and_cancel_a_secondary_one_after_it(code_screen):
    assert _buttons(code_screen) == [("Sign in", ""), ("Cancel", "logout-from-stage")]
    assert re.search(r'class="button">\s*Sign in', code_screen)
    assert re.search(r'class="button button-secondary">\s*Cancel', code_screen)


def test_cancel_signs_the_half_open_session_out_and_back_to_the_sign_in_page(client, code_screen):
    cancel = re.search(r'<form id="logout-from-stage" method="post" action="([^"]+)">', code_screen)
    assert cancel.group(1) == reverse("account_logout")

    answer = client.post(reverse("account_logout"), {"next": reverse("account_login")})

    assert answer.url == reverse("account_login")
    assert client.get(reverse("mfa_authenticate")).url.startswith(reverse("account_login"))


def test_the_code_screen_reads_in_french(client, code_screen):
    with translation.override("fr"):
        url = reverse("mfa_authenticate")
    html = client.get(url).content.decode()

    assert [text for text, _form in _buttons(html)] == ["Se connecter", "Annuler"]

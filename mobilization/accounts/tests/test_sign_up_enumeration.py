"""Signing up does not tell whether an address already has an account: not by the page, not by the time.

allauth's enumeration prevention answers an address that is taken as it answers a new one (the owner of
the address gets an e-mail saying they already have an account); the password is hashed on both paths, so
that the slow part of the work — the hash, ~200 ms with argon2 — happens whichever the address is. The
tests count the hasher's calls instead of timing the answers (tests use the fast MD5 hasher).
"""

import re
from unittest import mock

from django.contrib.auth.hashers import get_hasher
from django.urls import reverse

from mobilization.accounts.models import User
from mobilization.accounts.tests.test_sign_up_and_sign_in import sign_up_form


def sign_up_counting_hashes(client, email):
    hasher = type(get_hasher())
    original = hasher.encode
    with mock.patch.object(hasher, "encode", autospec=True, side_effect=original) as encode:
        response = client.post(reverse("account_signup"), sign_up_form(email=email))
    return response, encode.call_count


def shown(client, response, email) -> str:
    """The page the person lands on, without what changes on every request (nonce, CSRF token) and with
    the address they typed (which it repeats to them) as a placeholder."""
    page = client.get(response.url).content.decode().replace(email, "ADDRESS")
    page = re.sub(r'nonce="[^"]*"', 'nonce=""', page)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', page)


def test_signing_up_with_a_taken_address_answers_and_works_as_with_a_new_one(client, volunteer, mailoutbox):
    taken, taken_hashes = sign_up_counting_hashes(client, "amina@example.org")
    taken_page = shown(client, taken, "amina@example.org")
    client.cookies.clear()
    new, new_hashes = sign_up_counting_hashes(client, "new.person@example.org")
    new_page = shown(client, new, "new.person@example.org")

    assert (
        (taken.status_code, taken.url)
        == (new.status_code, new.url)
        == (
            302,
            reverse("account_email_verification_sent"),
        )
    )
    assert taken_page == new_page
    assert taken_hashes == new_hashes == 1
    assert User.objects.filter(email="amina@example.org").count() == 1
    # Each address's owner is told by e-mail, the only place the difference shows.
    assert [message.to for message in mailoutbox] == [["amina@example.org"], ["new.person@example.org"]]

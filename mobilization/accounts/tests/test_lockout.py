"""Locking out guessed passwords without locking out a whole school.

django-axes locks one account *from one address* after AXES_FAILURE_LIMIT failures, for
AXES_COOLOFF_TIME measured from the lock; allauth refuses every sign-in from an address that fails more
than a crowd behind one network address would. The clock is moved by patching what both read (no sleep).
"""

import contextlib
from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from mobilization.accounts.tests.conftest import make_member
from mobilization.accounts.tests.factories import PASSWORD


@contextlib.contextmanager
def clock_at(moment):
    """Every clock django-axes reads (and Django's `timezone.now`) shows `moment`."""
    with (
        mock.patch("django.utils.timezone.now", return_value=moment),
        mock.patch("axes.attempts.now", return_value=moment),
        mock.patch("axes.handlers.proxy.now", return_value=moment),
    ):
        yield


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_people_behind_one_address_still_sign_in_after_others_mistyped(client, db):
    """Forty mistakes by twenty people of one school in a minute leave the twenty-first free to sign in."""
    for number in range(20):
        make_member(f"pupil{number}@example.org", display_name=f"Pupil {number}")
        for _mistake in range(2):
            assert sign_in(client, f"pupil{number}@example.org", "wrong password").status_code == 200
    teacher = make_member("teacher@example.org", display_name="Teacher")

    response = sign_in(client, "teacher@example.org", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(teacher.pk)


def test_a_lockout_ends_on_its_own_clock_whatever_is_tried_during_it(client, volunteer):
    locked_at = timezone.now()
    with clock_at(locked_at):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, "amina@example.org", "wrong password")
        assert sign_in(client, "amina@example.org", PASSWORD).status_code == 429

    # Ten minutes later she tries again, with the wrong then the right password: still locked...
    with clock_at(locked_at + timedelta(minutes=10)):
        assert sign_in(client, "amina@example.org", "wrong password").status_code == 429
        assert sign_in(client, "amina@example.org", PASSWORD).status_code == 429
        assert "_auth_user_id" not in client.session

    # ...and the lock ends when it was due to, fifteen minutes after it began, not after her last try.
    with clock_at(locked_at + timedelta(hours=settings.AXES_COOLOFF_TIME, seconds=1)):
        response = sign_in(client, "amina@example.org", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(volunteer.pk)


def test_the_lock_is_per_account_and_address(client, volunteer):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "amina@example.org", "wrong password")

    from_here = sign_in(client, "amina@example.org", PASSWORD)
    from_home = client.post(
        reverse("account_login"),
        {"login": "amina@example.org", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.7",
    )

    assert from_here.status_code == 429
    assert from_home.status_code == 302

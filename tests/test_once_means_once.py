"""Once means once: "one per person" actions fired from many threads at once leave one row.

Each rests on a database unique constraint, not on a check before the insert. The threads race for real
only on PostgreSQL (SQLite serialises writers), so these tests run in CI's PostgreSQL pass.
"""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from mobilization.accounts.models import Profile, User
from mobilization.notifications import kinds
from mobilization.notifications.models import ChannelPreference
from mobilization.notifications.services import save_preferences

THREADS = 8

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="real concurrency needs PostgreSQL; CI runs this in its PostgreSQL pass",
    ),
    pytest.mark.django_db(transaction=True),
]


def run_at_once(action, count: int = THREADS) -> list:
    """Start `count` threads that wait on one barrier, then all call `action` together."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = action(index)
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread met
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_the_same_sign_up_from_many_requests_at_once_makes_one_account():
    form = {
        "email": "twice@example.org",
        "password1": "a long enough passphrase 2026",
        "password2": "a long enough passphrase 2026",
        "display_name": "Twice",
        "accept_terms": "on",
        "accept_privacy": "on",
    }

    def sign_up(_index):
        return Client(raise_request_exception=False).post("/accounts/signup/", form).status_code

    statuses = run_at_once(sign_up)

    assert User.objects.filter(email="twice@example.org").count() == 1
    assert Profile.objects.filter(user__email="twice@example.org").count() == 1
    assert all(isinstance(status, int) and status < 500 for status in statuses), statuses


def test_saving_the_same_preferences_at_once_keeps_one_row_per_kind_and_channel():
    user = User.objects.create_user(email="prefs@example.org", password="x" * 12)

    outcomes = run_at_once(lambda _index: save_preferences(user, {("welcome", "email")}))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    expected = sum(len(kind.allowed_channels) for kind in kinds.shown_in_preferences())
    assert ChannelPreference.objects.filter(user=user).count() == expected

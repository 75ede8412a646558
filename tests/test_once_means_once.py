"""Once means once: "one per person" actions fired from many threads at once leave one row.

Each rests on a database unique constraint, not on a check before the insert. The threads race for real
only on PostgreSQL (SQLite serialises writers), so these tests run in CI's PostgreSQL pass.
"""

from django.test import Client
from django.urls import reverse

from mobilization.accounts.models import Profile, User
from mobilization.core.testing import postgres_only, run_at_once
from mobilization.notifications import kinds
from mobilization.notifications.models import ChannelPreference
from mobilization.notifications.services import save_preferences

pytestmark = postgres_only()


def test_the_same_sign_up_from_many_requests_at_once_makes_one_account():
    form = {
        "email": "twice@example.org",
        "password1": "a long enough passphrase 2026",
        "password2": "a long enough passphrase 2026",
        "display_name": "Twice",
        "accept_terms": "on",
        "accept_privacy": "on",
    }

    sign_up_page = reverse("account_signup")

    def sign_up(_index):
        return Client(raise_request_exception=False).post(sign_up_page, form).status_code

    statuses = run_at_once(sign_up)

    assert User.objects.filter(email="twice@example.org").count() == 1
    assert Profile.objects.filter(user__email="twice@example.org").count() == 1
    assert all(isinstance(status, int) for status in statuses), statuses
    assert all(status < 500 for status in statuses), statuses


def test_saving_the_same_preferences_at_once_keeps_one_row_per_kind_and_channel():
    user = User.objects.create_user(email="prefs@example.org", password="x" * 12)

    outcomes = run_at_once(lambda _index: save_preferences(user, {("welcome", "email")}))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    expected = sum(len(kind.allowed_channels) for kind in kinds.shown_in_preferences())
    assert ChannelPreference.objects.filter(user=user).count() == expected

"""The registry of kinds: how an app declares what it sends."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from mobilization.notifications import kinds
from mobilization.notifications.checks import check_kind_templates
from mobilization.notifications.kinds import Channel, NotificationKind


@pytest.fixture
def registered():
    added = []

    def register(kind):
        added.append(kind.key)
        return kinds.register(kind)

    yield register
    for key in added:
        kinds.unregister(key)


def test_the_platform_registers_its_own_kinds():
    assert {"welcome", "account_security", "test_message"} <= {kind.key for kind in kinds.all_kinds()}
    assert kinds.get("account_security").allowed_channels == (Channel.INBOX, Channel.EMAIL, Channel.SMS)
    assert kinds.get("welcome").allowed_channels == (Channel.INBOX, Channel.EMAIL)


def test_only_an_urgent_kind_may_use_sms():
    with pytest.raises(ImproperlyConfigured):
        NotificationKind(key="event_reminder", label="Event reminders", allows_sms=True)
    with pytest.raises(ImproperlyConfigured):
        NotificationKind(key="event_reminder", label="Event reminders", is_urgent=True, sms_by_default=True)


def test_a_key_is_a_short_lowercase_name():
    with pytest.raises(ImproperlyConfigured):
        NotificationKind(key="Event Reminder", label="Event reminders")


def test_registering_the_same_kind_twice_is_harmless_but_two_kinds_under_one_key_are_refused(registered):
    registered(NotificationKind(key="sample_reminder", label="Event reminders"))
    registered(NotificationKind(key="sample_reminder", label="Event reminders"))

    with pytest.raises(ImproperlyConfigured):
        registered(NotificationKind(key="sample_reminder", label="Something else"))


def test_the_system_check_finds_a_kind_without_templates(registered):
    assert check_kind_templates() == []

    registered(NotificationKind(key="sample_reminder", label="Event reminders"))

    assert [error.id for error in check_kind_templates()] == ["notifications.E001", "notifications.E001"]


def test_the_preferences_page_lists_urgent_kinds_first():
    listed = [kind.key for kind in kinds.shown_in_preferences()]

    assert listed.index("account_security") < listed.index("welcome")
    assert "test_message" not in listed

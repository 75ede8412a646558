"""notify(): what each recipient gets, in which language, on which channels."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django_tasks.signals import task_enqueued

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.notifications import kinds
from mobilization.notifications.kinds import Channel
from mobilization.notifications.models import ChannelPreference, Delivery, Notification
from mobilization.notifications.services import notify
from mobilization.notifications.texts import language_of

SENT_AT = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


class Initiative:
    """Any object with a page of its own."""

    def get_absolute_url(self):
        return "/initiatives/7/"


def test_every_recipient_finds_the_message_in_their_inbox(resident, other_resident):
    notifications = notify([resident, other_resident], "welcome", {})

    assert {notification.recipient for notification in notifications} == {resident, other_resident}
    inbox = Notification.objects.filter(kind="welcome", shows_in_inbox=True, read_at=None)
    assert inbox.count() == 2
    assert inbox.first().subject == "Welcome to the Paris Climate Mobilization"
    assert "thank you for joining the Paris Climate Mobilization" in inbox.first().body


def test_a_recipient_named_twice_is_told_once_and_an_inactive_account_not_at_all(resident, db):
    closed = MemberFactory(email="closed@example.org", is_active=False)

    notifications = notify([resident, resident, closed, None], "welcome")

    assert [notification.recipient for notification in notifications] == [resident]


def test_a_kind_nobody_registered_is_refused(resident):
    with pytest.raises(kinds.UnknownKind):
        notify([resident], "no_such_kind", {})


def test_the_link_is_the_context_url_or_the_page_of_the_object_it_is_about(resident):
    [with_url] = notify([resident], "welcome", {"url": "/places/"})
    [with_object] = notify([resident], "welcome", {"initiative": Initiative()})

    assert with_url.url == "/places/"
    assert with_object.url == "/initiatives/7/"


@pytest.mark.parametrize(
    "url",
    ["https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere.example", "javascript:alert(1)"],
)
def test_a_link_to_another_site_is_never_kept(resident, url):
    [notification] = notify([resident], "welcome", {"url": url})

    assert notification.url == ""


# --- Languages --------------------------------------------------------------------------------------


def test_each_recipient_reads_the_message_in_their_own_language(db, settings):
    settings.LANGUAGE_CODE = "en"
    english = MemberFactory(email="edward@example.org")
    french = MemberFactory(email="francoise@example.org", preferred_language="fr")

    notifications = notify([english, french], "test_message", {"sent_at": SENT_AT})

    by_language = {notification.language: notification for notification in notifications}
    assert set(by_language) == {"en", "fr"}
    assert "sent on Nov. 25, 2026" in by_language["en"].body
    # Rendered under translation.override("fr"): Django's French formats and month names apply.
    assert "25 novembre 2026" in by_language["fr"].body
    assert "Nov." not in by_language["fr"].body


def test_without_a_language_of_their_own_a_recipient_reads_the_sites_language(resident, settings):
    settings.LANGUAGE_CODE = "fr"

    [notification] = notify([resident], "test_message", {"sent_at": SENT_AT})

    assert notification.language == "fr"
    assert "25 novembre 2026" in notification.body


def test_a_language_the_site_does_not_offer_falls_back_to_the_sites_language(db, settings):
    settings.LANGUAGE_CODE = "en"
    german = MemberFactory(email="greta@example.org", preferred_language="de")

    assert language_of(german) == "en"


def test_texts_are_plain_text_and_not_html_escaped(resident):
    [notification] = notify([resident], "account_security", {"event": "Sign-in from “Firefox & Linux” <new>"})

    assert "Sign-in from “Firefox & Linux” <new>" in notification.body


# --- Channels and preferences ---------------------------------------------------------------------


def test_the_email_is_sent_by_a_background_task_once_the_transaction_commits(
    resident, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://climat.example.org"
    enqueued = []

    def remember(sender, task_result, **kwargs):
        enqueued.append(task_result.task)

    task_enqueued.connect(remember)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            notify([resident], "welcome", {"url": reverse("territory:places")})
            assert mailoutbox == [], "nothing is sent before the transaction commits"
    finally:
        task_enqueued.disconnect(remember)

    assert [(task.name, task.queue_name) for task in enqueued] == [("send_email_deliveries", "email")]
    [message] = mailoutbox
    assert message.to == ["amina@example.org"]
    assert message.subject == "Welcome to the Paris Climate Mobilization"
    assert "See it on the platform: https://climat.example.org/en/places/" in message.body
    assert "https://climat.example.org/en/notifications/preferences/" in message.body
    delivery = Delivery.objects.get(channel=Channel.EMAIL)
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 1
    assert delivery.sent_at is not None
    assert delivery.provider_id == message.extra_headers["Message-ID"]


def test_no_email_when_the_person_turned_email_off_for_that_kind(resident, after_commit, mailoutbox):
    ChannelPreference.objects.create(user=resident, kind="welcome", channel=Channel.EMAIL, enabled=False)

    [notification] = after_commit(notify, [resident], "welcome", {})

    assert mailoutbox == []
    assert not notification.deliveries.exists()
    assert notification.shows_in_inbox


def test_with_the_inbox_turned_off_the_message_comes_by_email_only(resident, after_commit, mailoutbox):
    ChannelPreference.objects.create(user=resident, kind="welcome", channel=Channel.INBOX, enabled=False)

    [notification] = after_commit(notify, [resident], "welcome", {})

    assert not notification.shows_in_inbox
    assert len(mailoutbox) == 1


def test_an_urgent_message_reaches_the_inbox_even_if_the_person_turned_it_off(resident):
    ChannelPreference.objects.create(
        user=resident, kind="account_security", channel=Channel.INBOX, enabled=False
    )

    [notification] = notify([resident], "account_security", {})

    assert notification.shows_in_inbox


def test_a_person_who_turned_every_channel_off_is_not_told(resident):
    ChannelPreference.objects.create(user=resident, kind="welcome", channel=Channel.INBOX, enabled=False)
    ChannelPreference.objects.create(user=resident, kind="welcome", channel=Channel.EMAIL, enabled=False)

    assert notify([resident], "welcome", {}) == []
    assert not Notification.objects.exists()


def test_a_text_message_goes_to_the_phone_in_the_profile_when_the_person_chose_sms(
    resident_with_phone, settings, after_commit, sent_sms
):
    settings.SITE_URL = "https://climat.example.org"
    ChannelPreference.objects.create(
        user=resident_with_phone, kind="account_security", channel=Channel.SMS, enabled=True
    )

    after_commit(notify, [resident_with_phone], "account_security", {"event": "Your password was changed."})

    assert sent_sms() == [
        (
            "+33612345678",
            "Paris Climate: security alert on your account. Your password was changed. "
            "If it was not you, change your password: https://climat.example.org",
        )
    ]
    delivery = Delivery.objects.get(channel=Channel.SMS)
    assert delivery.status == Delivery.Status.SENT
    assert delivery.provider_id


def test_without_a_phone_number_the_text_message_is_skipped_with_the_reason(resident, after_commit, sent_sms):
    ChannelPreference.objects.create(
        user=resident, kind="account_security", channel=Channel.SMS, enabled=True
    )

    after_commit(notify, [resident], "account_security", {})

    delivery = Delivery.objects.get(channel=Channel.SMS)
    assert delivery.status == Delivery.Status.SKIPPED
    assert delivery.last_error == "no phone number"
    assert sent_sms() == []


def test_no_text_message_for_a_kind_that_is_not_urgent_whatever_is_stored(
    resident_with_phone, after_commit, sent_sms
):
    ChannelPreference.objects.create(
        user=resident_with_phone, kind="welcome", channel=Channel.SMS, enabled=True
    )

    after_commit(notify, [resident_with_phone], "welcome", {})

    assert not Delivery.objects.filter(channel=Channel.SMS).exists()
    assert sent_sms() == []


def test_sms_is_off_by_default_even_for_urgent_kinds_that_allow_it(
    resident_with_phone, after_commit, sent_sms
):
    after_commit(notify, [resident_with_phone], "account_security", {})

    assert sent_sms() == []


def test_telling_30_people_takes_no_more_queries_than_telling_3(db, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few = MemberFactory.create_batch(3)
    many = [MemberFactory(phone=f"+3361234567{number % 10}") for number in range(30)]

    with CaptureQueriesContext(connection) as for_few:
        notify(few, "account_security", {})
    with django_assert_max_num_queries(len(for_few.captured_queries)):
        notify(many, "account_security", {})
    assert Notification.objects.count() == 33


def test_the_kernel_tells_people_through_this_app():
    from mobilization.core import registries

    assert registries.notifier() is notify


def test_each_recipient_is_linked_to_the_page_in_their_own_language(
    db, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://climat.example.org"
    french = MemberFactory(email="francoise@example.org", preferred_language="fr")
    english = MemberFactory(email="emma@example.org", preferred_language="en")
    with translation.override("en"):
        link = reverse("territory:place", kwargs={"pk": 12})  # the sender's page, in English

    with django_capture_on_commit_callbacks(execute=True):
        notifications = notify([french, english], "welcome", {"url": link})

    by_language = {notification.language: notification for notification in notifications}
    assert by_language["fr"].url == "/fr/places/12/"
    assert by_language["en"].url == "/en/places/12/"
    emails = {message.to[0]: message.body for message in mailoutbox}
    assert "https://climat.example.org/fr/places/12/" in emails["francoise@example.org"]
    assert "https://climat.example.org/fr/notifications/preferences/" in emails["francoise@example.org"]
    assert "https://climat.example.org/en/places/12/" in emails["emma@example.org"]
    assert "/en/" not in emails["francoise@example.org"]

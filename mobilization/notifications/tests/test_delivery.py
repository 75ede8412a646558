"""The delivery log: each attempt recorded, failures retried with backoff, then given up."""

import smtplib
from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from mobilization.core.models import AuditEvent
from mobilization.notifications import services, tasks
from mobilization.notifications.delivery import attempt_delivery
from mobilization.notifications.kinds import Channel
from mobilization.notifications.models import ChannelPreference, Delivery
from mobilization.notifications.services import notify
from mobilization.notifications.sms import BaseSmsBackend, SmsError

THIS_MODULE = "mobilization.notifications.tests.test_delivery"


class RefusingEmailBackend(BaseEmailBackend):
    """A mail server that refuses every recipient, naming the address in its error, as real ones do."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused(
            {message.to[0]: (550, b"5.1.1 No such user") for message in email_messages}
        )


class UnreachableEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class FailingSmsBackend(BaseSmsBackend):
    def send(self, phone_number, text):
        raise SmsError("provider answered HTTP 503")


def later(minutes: int):
    return timezone.now() + timedelta(minutes=minutes)


@pytest.fixture
def failing_email(settings):
    settings.EMAIL_BACKEND = f"{THIS_MODULE}.RefusingEmailBackend"


def test_a_failed_email_is_recorded_with_its_first_attempt_and_retried_a_minute_later(
    resident, failing_email, after_commit, mailoutbox
):
    after_commit(notify, [resident], "welcome", {})

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 1
    assert later(0) + timedelta(seconds=50) < delivery.next_attempt_at <= later(1)
    assert delivery.last_error == "SMTPRecipientsRefused"
    assert mailoutbox == []


def test_the_error_recorded_never_holds_the_address_or_the_message(resident, failing_email, after_commit):
    after_commit(notify, [resident], "account_security", {"event": "Your password was changed."})

    delivery = Delivery.objects.get()
    assert resident.email not in delivery.last_error
    assert "password" not in delivery.last_error


def test_an_unreachable_mail_server_is_named_by_its_error_number(resident, settings, after_commit):
    settings.EMAIL_BACKEND = f"{THIS_MODULE}.UnreachableEmailBackend"

    after_commit(notify, [resident], "welcome", {})

    assert Delivery.objects.get().last_error == "ConnectionRefusedError: errno 111"


def test_a_failed_email_is_sent_when_retried_later_and_marked_sent(
    resident, failing_email, settings, after_commit, mailoutbox
):
    after_commit(notify, [resident], "welcome", {})
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert tasks.enqueue_due_deliveries(now=timezone.now()) == 0, "not due yet"
    assert tasks.enqueue_due_deliveries(now=later(2)) == 1

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 2
    assert delivery.next_attempt_at is None
    assert delivery.last_error == ""
    assert [message.to for message in mailoutbox] == [[resident.email]]


def test_retries_back_off_then_a_delivery_fails_for_good_after_four_attempts(
    resident, failing_email, after_commit
):
    after_commit(notify, [resident], "welcome", {})
    delivery = Delivery.objects.get()
    waits = []
    for minutes in (2, 7, 33):
        waits.append(round((delivery.next_attempt_at - timezone.now()).total_seconds() / 60))
        tasks.enqueue_due_deliveries(now=later(minutes))
        delivery.refresh_from_db()

    assert waits == [1, 5, 25]
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 4
    assert delivery.next_attempt_at is None
    assert delivery.is_failed_for_good

    assert tasks.enqueue_due_deliveries(now=later(60 * 24)) == 0
    delivery.refresh_from_db()
    assert delivery.attempts == 4


def test_a_delivery_no_worker_took_is_enqueued_again_by_the_sweep(resident, mailoutbox):
    notify([resident], "welcome", {})  # the transaction never commits: the task is never enqueued
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.QUEUED

    assert tasks.enqueue_due_deliveries(now=later(10)) == 0, "a worker may still be on its way"
    assert tasks.enqueue_due_deliveries(now=later(31)) == 1

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert len(mailoutbox) == 1


def test_a_delivery_already_sent_is_not_sent_again(resident, after_commit, mailoutbox):
    after_commit(notify, [resident], "welcome", {})
    delivery = Delivery.objects.get()

    assert attempt_delivery(delivery.pk) == Delivery.Status.SENT
    assert attempt_delivery(delivery.pk + 1000) == "missing"
    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1


class SecondWorkerWhileSendingBackend(BaseEmailBackend):
    """While the first worker's message leaves, a second worker is given the same delivery (its task
    was enqueued twice) and tries it: what it answered is kept for the test."""

    answers: list = []

    def send_messages(self, email_messages):
        delivery = Delivery.objects.get()
        SecondWorkerWhileSendingBackend.answers.append(attempt_delivery(delivery.pk))
        from django.core import mail

        mail.outbox.extend(email_messages)
        return len(email_messages)


def test_a_second_worker_does_not_send_what_the_first_is_sending(resident, settings, mailoutbox):
    notify([resident], "welcome", {})  # queued; no task run
    settings.EMAIL_BACKEND = f"{THIS_MODULE}.SecondWorkerWhileSendingBackend"
    SecondWorkerWhileSendingBackend.answers = []
    delivery = Delivery.objects.get()

    assert attempt_delivery(delivery.pk) == Delivery.Status.SENT
    assert SecondWorkerWhileSendingBackend.answers == ["taken"]
    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.sending_since) == (1, None)


def test_a_delivery_whose_worker_died_while_sending_is_sent_again_after_its_lease(resident, mailoutbox):
    notify([resident], "welcome", {})
    delivery = Delivery.objects.get()
    # A worker claimed it, then died before recording anything.
    Delivery.objects.filter(pk=delivery.pk).update(
        attempts=1, sending_since=timezone.now(), next_attempt_at=later(30)
    )
    assert attempt_delivery(delivery.pk) == "taken"  # while its lease runs, nobody else sends it
    assert mailoutbox == []

    assert tasks.enqueue_due_deliveries(now=later(31)) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sending_since) == (Delivery.Status.SENT, 2, None)
    assert len(mailoutbox) == 1


def test_the_retry_command_and_task_enqueue_due_deliveries(
    resident, failing_email, settings, after_commit, capsys
):
    after_commit(notify, [resident], "welcome", {})
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Delivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))

    call_command("retry_deliveries")

    assert "Deliveries enqueued again: 1" in capsys.readouterr().out
    assert Delivery.objects.get().status == Delivery.Status.SENT
    assert tasks.retry_due_deliveries.enqueue().return_value == 0


def test_a_failing_sms_provider_is_recorded_without_the_number(resident_with_phone, settings, after_commit):
    settings.SMS_BACKEND = f"{THIS_MODULE}.FailingSmsBackend"
    ChannelPreference.objects.create(
        user=resident_with_phone, kind="account_security", channel=Channel.SMS, enabled=True
    )

    after_commit(notify, [resident_with_phone], "account_security", {})

    delivery = Delivery.objects.get(channel=Channel.SMS)
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.last_error == "SmsError: provider answered HTTP 503"
    assert delivery.next_attempt_at is not None


def test_staff_can_ask_for_another_attempt_at_a_delivery_that_failed_for_good(
    resident, failing_email, settings, after_commit, mailoutbox
):
    after_commit(notify, [resident], "welcome", {})
    Delivery.objects.update(attempts=4, next_attempt_at=None)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert after_commit(services.retry_now, Delivery.objects.all()) == 1

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 1
    assert len(mailoutbox) == 1


def test_what_each_attempt_came_to_is_audited_as_the_platforms_doing(
    resident, failing_email, settings, after_commit
):
    after_commit(notify, [resident], "welcome", {})
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    after_commit(tasks.enqueue_due_deliveries, now=later(2))

    delivery = Delivery.objects.get()
    events = AuditEvent.objects.filter(object_type="notifications.delivery", object_id=str(delivery.pk))
    assert list(events.order_by("pk").values_list("action", "actor", "details")) == [
        ("notifications.delivery_failed", None, {"channel": "email", "attempt": 1}),
        ("notifications.delivery_sent", None, {"channel": "email", "attempt": 2}),
    ]

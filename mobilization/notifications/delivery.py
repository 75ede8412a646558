"""The delivery log: sending one e-mail or text message, and recording what each attempt came to.

A delivery is queued when `notify()` creates it; a worker's task calls `attempt_delivery()`, which sends
it and records the outcome (sent, skipped, failed). A failed delivery is tried again after 1, 5, then 25
minutes (`take_due()`, run every minute by the `retry_deliveries` command or task), then given up; staff
can ask for another attempt from the administration (`requeue_failed()`). The tasks that send and retry
are in `tasks.py`.
"""

import logging
import smtplib
from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from mobilization.core.transitions import transition, transition_all
from mobilization.notifications.kinds import Channel
from mobilization.notifications.models import Delivery, Notification
from mobilization.notifications.sms import SmsError, get_sms_backend
from mobilization.notifications.texts import absolute_url, text_templates

logger = logging.getLogger("mobilization.notifications")

# A failed delivery is tried again after 1, 5, then 25 minutes; after the 4th attempt it has failed for good.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=25))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A queued delivery that no worker has taken after this long (a lost task), or whose sending has not
# ended after this long (a worker that died while sending), is enqueued again by the retry sweep.
QUEUED_LEASE = timedelta(minutes=30)


def phone_number_of(user) -> str:
    """The recipient's mobile number (E.164) from their profile, or an empty string."""
    phone = getattr(getattr(user, "profile", None), "phone", None)
    return str(phone).strip() if phone else ""


class SkipDelivery(Exception):
    """Nothing to send to (the reason is recorded)."""


def attempt_delivery(delivery_id: int) -> str:
    """Send one queued delivery and record the attempt. Returns the delivery's status afterwards.

    A worker claims the delivery by bumping its attempt count and marking it `sending_since`, only if no
    other worker did and none is sending it: the same attempt is never made twice, nor an attempt while
    another is under way (a task enqueued twice, read by a second worker while the first sends), and no
    row lock is held while the message leaves. What the attempt came to (sent, skipped, failed) is then
    a transition: locked, still queued, audited, the mark cleared. A failure schedules the next attempt
    (1, 5, 25 minutes later) until the 4th, after which the delivery has failed for good.
    """
    delivery = Delivery.objects.select_related("notification__recipient").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Delivery.Status.QUEUED:
        return delivery.status if delivery else "missing"
    if delivery.sending_since is not None:
        return "taken"  # another worker is sending it (the sweep frees it if that worker died)
    now = timezone.now()
    if delivery.attempts >= MAX_ATTEMPTS:
        return _record_outcome(delivery, Delivery.Status.FAILED, next_attempt_at=None)
    # A lease, not a decision: one conditional UPDATE, safe to race; what the attempt came to is audited.
    claimed = Delivery.objects.filter(
        pk=delivery.pk, status=Delivery.Status.QUEUED, attempts=delivery.attempts, sending_since__isnull=True
    ).update(
        attempts=F("attempts") + 1, sending_since=now, next_attempt_at=now + QUEUED_LEASE, updated_at=now
    )
    if not claimed:
        return "taken"
    delivery.attempts += 1
    delivery.sending_since = now

    try:
        if delivery.channel == Channel.SMS:
            provider_id = _send_sms(delivery.notification)
        else:
            provider_id = _send_email(delivery.notification)
    except SkipDelivery as reason:
        return _record_outcome(
            delivery, Delivery.Status.SKIPPED, last_error=str(reason), next_attempt_at=None
        )
    except Exception as error:
        last_error = describe_error(error)
        logger.warning(
            "Delivery %s (%s) failed at attempt %s/%s: %s",
            delivery.pk,
            delivery.channel,
            delivery.attempts,
            MAX_ATTEMPTS,
            last_error,
        )
        retry_at = None
        if delivery.attempts < MAX_ATTEMPTS:
            retry_at = timezone.now() + RETRY_DELAYS[delivery.attempts - 1]
        return _record_outcome(
            delivery, Delivery.Status.FAILED, last_error=last_error, next_attempt_at=retry_at
        )
    return _record_outcome(
        delivery,
        Delivery.Status.SENT,
        sent_at=timezone.now(),
        provider_id=str(provider_id or "")[:200],
        last_error="",
        next_attempt_at=None,
    )


def _record_outcome(delivery: Delivery, status: str, **changes) -> str:
    """Move a queued delivery to what its attempt came to (sent, skipped, failed), under lock, audited."""
    transition(
        delivery,
        by=None,
        action=f"notifications.delivery_{status}",
        allowed_from=[Delivery.Status.QUEUED],
        to=status,
        changes={**changes, "sending_since": None},
        details={"channel": delivery.channel, "attempt": delivery.attempts},
    )
    return delivery.status


def describe_error(error: BaseException) -> str:
    """What went wrong, without the message or an address: the error's type and its status code.

    Mail servers put the refused address in their errors, providers the number: neither is kept.
    """
    name = type(error).__name__
    if isinstance(error, SmsError):
        detail = str(error)
    elif isinstance(error, smtplib.SMTPResponseException):
        detail = f"SMTP {error.smtp_code}"
    elif isinstance(error, OSError) and error.errno:
        detail = f"errno {error.errno}"
    else:
        detail = ""
    return (f"{name}: {detail}" if detail else name)[:200]


def _send_email(notification: Notification) -> str:
    recipient = notification.recipient
    if not recipient.is_active:
        raise SkipDelivery("account inactive")
    if not recipient.email:
        raise SkipDelivery("no e-mail address")
    language = notification.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "notification": notification,
            "link": absolute_url(notification.url),
            "preferences_link": absolute_url(reverse("notifications:preferences")),
            "city_name": settings.CITY_NAME,
        }
        body = text_templates().get_template("notifications/email/message.txt").render(context)
        # The same message in HTML, beside the plain text: real links, every value escaped.
        html = render_to_string("notifications/email/message.html", context)
    message_id = make_msgid(domain=DNS_NAME)
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)
    return message_id


def _send_sms(notification: Notification) -> str:
    recipient = notification.recipient
    if not recipient.is_active:
        raise SkipDelivery("account inactive")
    phone_number = phone_number_of(recipient)
    if not phone_number:
        raise SkipDelivery("no phone number")
    return get_sms_backend().send(phone_number, notification.sms_text or notification.subject)


def take_due(now: datetime) -> list[Delivery]:
    """Queue again the failed deliveries whose next attempt is due, and the queued ones no worker took
    (at most 1,000 at a time); returns them, for their tasks to be enqueued."""
    due = Q(status__in=[Delivery.Status.FAILED, Delivery.Status.QUEUED], next_attempt_at__lte=now)
    ids = list(Delivery.objects.filter(due).order_by("next_attempt_at").values_list("pk", flat=True)[:1000])
    if not ids:
        return []
    # One UPDATE, not `transition_all()`: this sweep is the platform renewing the lease of up to 1,000
    # deliveries a minute while a mail server or SMS provider is down, for no one's decision. Measured on
    # 1,000 due deliveries: 65-110 ms with the UPDATE, 1-5 s with a locked, audited transition per row
    # (1,000 audit rows a minute, with the rows locked meanwhile). What each attempt came to is what is
    # audited, by `attempt_delivery()`; the `status__in` condition of the UPDATE keeps it safe to race.
    Delivery.objects.filter(due, pk__in=ids).update(
        status=Delivery.Status.QUEUED, sending_since=None, next_attempt_at=now + QUEUED_LEASE, updated_at=now
    )
    return list(Delivery.objects.filter(pk__in=ids, status=Delivery.Status.QUEUED).only("pk", "channel"))


def requeue_failed(deliveries: Iterable[Delivery], *, by=None) -> list[Delivery]:
    """Queue again failed deliveries, even those that failed for good (staff ask for another attempt:
    the audit log says who); returns those queued."""
    ids = [delivery.pk for delivery in deliveries if delivery.status == Delivery.Status.FAILED]
    transition_all(
        Delivery.objects.filter(pk__in=ids),
        by=by,
        action="notifications.delivery_retried",
        allowed_from=[Delivery.Status.FAILED],
        to=Delivery.Status.QUEUED,
        changes={"attempts": 0, "next_attempt_at": timezone.now() + QUEUED_LEASE},
    )
    return list(Delivery.objects.filter(pk__in=ids, status=Delivery.Status.QUEUED).only("pk", "channel"))

"""Background work of the notifications app: sending e-mails and SMS, and retrying failed ones.

The retry sweep must run periodically (every minute is right): either a cron line or systemd timer
running `manage.py retry_deliveries`, or anything that enqueues `retry_due_deliveries` on a schedule.
"""

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django_tasks import task

from mobilization.notifications import delivery
from mobilization.notifications.kinds import Channel
from mobilization.notifications.models import Delivery


@task(queue_name="email")
def send_email_delivery(delivery_id: int) -> str:
    """Send one e-mail delivery; the attempt and its outcome are written in the delivery log."""
    return delivery.attempt_delivery(delivery_id)


@task(queue_name="default")
def send_sms_delivery(delivery_id: int) -> str:
    """Send one SMS delivery. SMS are urgent: they do not wait behind a long e-mail queue."""
    return delivery.attempt_delivery(delivery_id)


@task(queue_name="default")
def retry_due_deliveries() -> int:
    """Enqueue again the deliveries whose next attempt is due; returns how many."""
    return enqueue_due_deliveries()


def enqueue_deliveries(deliveries: Iterable[Delivery]) -> None:
    """One background task per delivery: e-mail on the "email" queue, SMS (urgent) on "default"."""
    for queued in deliveries:
        sender = send_sms_delivery if queued.channel == Channel.SMS else send_email_delivery
        sender.enqueue(queued.pk)


def enqueue_due_deliveries(now: datetime | None = None) -> int:
    """Enqueue again the failed deliveries whose next attempt is due, and the queued ones no worker took;
    returns how many. Run it every minute or so (the `retry_deliveries` command, or the task above)."""
    deliveries = delivery.take_due(now or timezone.now())
    enqueue_deliveries(deliveries)
    return len(deliveries)

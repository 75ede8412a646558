"""Background work of the notifications app: sending e-mails and SMS, and retrying failed ones.

The retry sweep must run periodically (every minute is right): either a cron line or systemd timer
running `manage.py retry_deliveries`, or anything that enqueues `retry_due_deliveries` on a schedule.
"""

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from mobilization.notifications import delivery
from mobilization.notifications.kinds import Channel
from mobilization.notifications.models import Delivery

logger = logging.getLogger("mobilization.notifications")

# Deliveries sent by one task. One task per delivery cost one queue row per message (6,000 buddies told
# of an event: 12,000 tasks to write before the first message left); one per batch of 100, 120 rows,
# and enough batches that several workers share the load. Each delivery is still claimed on its own
# (`delivery.attempt_delivery`): two workers given the same one send it once.
DELIVERIES_PER_TASK = 100


class QueuedDelivery(NamedTuple):
    pk: int
    channel: str


@task(queue_name="email")
def send_email_delivery(delivery_id: int) -> str:
    """Send one e-mail delivery; the attempt and its outcome are written in the delivery log."""
    return delivery.attempt_delivery(delivery_id)


@task(queue_name="default")
def send_sms_delivery(delivery_id: int) -> str:
    """Send one SMS delivery. SMS are urgent: they do not wait behind a long e-mail queue."""
    return delivery.attempt_delivery(delivery_id)


@task(queue_name="email")
def send_email_deliveries(delivery_ids: list[int]) -> dict:
    """Send a batch of e-mail deliveries, one after the other."""
    return _attempt_all(delivery_ids)


@task(queue_name="default")
def send_sms_deliveries(delivery_ids: list[int]) -> dict:
    """Send a batch of SMS deliveries (urgent: on the default queue)."""
    return _attempt_all(delivery_ids)


def _attempt_all(delivery_ids: list[int]) -> dict:
    """Attempt each delivery; one that breaks unexpectedly does not stop the others (it stays queued, and
    the retry sweep takes it again when its lease ends). Returns how many ended in each status."""
    outcomes: dict[str, int] = {}
    for delivery_id in delivery_ids:
        try:
            status = delivery.attempt_delivery(delivery_id)
        except Exception:
            logger.exception("Delivery %s could not be attempted", delivery_id)
            status = "error"
        outcomes[status] = outcomes.get(status, 0) + 1
    return outcomes


@task(queue_name="default")
def retry_due_deliveries() -> int:
    """Enqueue again the deliveries whose next attempt is due; returns how many."""
    return enqueue_due_deliveries()


def enqueue_deliveries(deliveries: "Iterable[Delivery | QueuedDelivery]") -> None:
    """One background task per batch of `DELIVERIES_PER_TASK` deliveries: e-mails on the "email" queue,
    SMS (urgent, and first) on "default"."""
    by_channel: dict[str, list[int]] = {Channel.SMS: [], Channel.EMAIL: []}
    for queued in deliveries:
        by_channel[Channel.SMS if queued.channel == Channel.SMS else Channel.EMAIL].append(queued.pk)
    # In one transaction: on the database queue, one commit for all the tasks rather than one each (on
    # PostgreSQL every commit waits for the disk: 120 of them were 4 of the 5 s of queueing 6,000 offers).
    with transaction.atomic():
        for channel, sender in ((Channel.SMS, send_sms_deliveries), (Channel.EMAIL, send_email_deliveries)):
            ids = by_channel[channel]
            for start in range(0, len(ids), DELIVERIES_PER_TASK):
                sender.enqueue(ids[start : start + DELIVERIES_PER_TASK])


def enqueue_due_deliveries(now: datetime | None = None) -> int:
    """Enqueue again the failed deliveries whose next attempt is due, and the queued ones no worker took;
    returns how many. Run it every minute or so (the `retry_deliveries` command, or the task above)."""
    deliveries = delivery.take_due(now or timezone.now())
    enqueue_deliveries(deliveries)
    return len(deliveries)

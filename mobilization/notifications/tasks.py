"""Background work of the notifications app: sending e-mails and SMS, and retrying failed ones.

The retry sweep must run periodically (every minute is right): either a cron line or systemd timer
running `manage.py retry_deliveries`, or anything that enqueues `retry_due_deliveries` on a schedule.
"""

from django_tasks import task

from mobilization.notifications import services


@task(queue_name="email")
def send_email_delivery(delivery_id: int) -> str:
    """Send one e-mail delivery; the attempt and its outcome are written in the delivery log."""
    return services.attempt_delivery(delivery_id)


@task(queue_name="default")
def send_sms_delivery(delivery_id: int) -> str:
    """Send one SMS delivery. SMS are urgent: they do not wait behind a long e-mail queue."""
    return services.attempt_delivery(delivery_id)


@task(queue_name="default")
def retry_due_deliveries() -> int:
    """Enqueue again the deliveries whose next attempt is due; returns how many."""
    return services.retry_due_deliveries()

"""Background work of the learning app: reminding volunteers whose certification is about to expire.

Run it once a day (more often is harmless: one reminder per certification and expiry date)::

    CRON_TZ=Europe/Paris
    30 9 * * * cd /srv/climat && .venv/bin/python manage.py send_certification_reminders

or enqueue `mobilization.learning.tasks.send_certification_reminders` from any scheduler.
"""

from django_tasks import task

from mobilization.learning import services


@task(queue_name="default")
def send_certification_reminders() -> int:
    """Remind the volunteers whose certification expires within 30 days; returns how many."""
    return services.send_expiry_reminders()

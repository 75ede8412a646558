"""Background work of commitments: the daily reminders and the "report overdue" status.

Run it once a day (it is idempotent: each reminder is sent once per commitment, due date and kind, even
when two runs overlap — see `services.send_reminders`)::

    30 8 * * * cd /srv/climat && .venv/bin/python manage.py send_commitment_reminders
"""

from django_tasks import task

from mobilization.commitments import services


@task(queue_name="default")
def send_commitment_reminders() -> int:
    return services.send_reminders()

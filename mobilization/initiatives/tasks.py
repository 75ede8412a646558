"""Background work of the initiatives' discovery side.

Scheduling the weekly digest: cron (or a systemd timer) runs, every Monday at 07:00 Paris time,
    manage.py send_initiatives_digest
which sends at once; or enqueues this task for the worker: `send_weekly_digest.enqueue()`. Running it
twice in a week sends nothing twice (see digest.py).
"""

from django_tasks import task

from mobilization.initiatives import digest


@task(queue_name="default")
def send_weekly_digest() -> int:
    """The weekly digest of new initiatives; returns how many volunteers were sent one."""
    return digest.send_weekly_digest()

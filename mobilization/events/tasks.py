"""Background work of events: the reminders the day before.

`send_event_reminders` reminds everyone registered to a scheduled event that starts "tomorrow" in the
city's time zone (Europe/Paris): from tomorrow 00:00 to the day after 00:00, local time, as computed by
`services.reminder_window`. Each registration is reminded once (`Registration.reminder_sent_at`); changing
an event's times clears it, so people are reminded of the new date.

Run it at least once a day, in the late afternoon, so that reminders arrive the evening before; running it
more often is harmless (someone who registers later the same day is reminded on the next run):

    # crontab of the application user: every day at 18:00 Paris time (as in deploy/README.md)
    CRON_TZ=Europe/Paris
    0 18 * * * cd /srv/climat && .venv/bin/python manage.py send_event_reminders

or enqueue `mobilization.events.tasks.send_event_reminders` from any scheduler.
"""

from django_tasks import task

from mobilization.events import services


@task(queue_name="default")
def send_event_reminders() -> int:
    """Remind the people registered to tomorrow's events; returns how many were reminded."""
    return services.send_reminders()

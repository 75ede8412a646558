"""Run the reminders of tomorrow's events now: `manage.py send_event_reminders` (daily, from cron).

See mobilization/events/tasks.py for the window and a crontab line.
"""

from django.core.management.base import BaseCommand

from mobilization.events import services


class Command(BaseCommand):
    help = (
        "Remind everyone registered to an event that starts tomorrow (Paris time), once each. "
        "Run it every day in the late afternoon, from cron or a systemd timer."
    )

    def handle(self, *args, **options):
        count = services.send_reminders()
        self.stdout.write(f"Event reminders sent: {count}")

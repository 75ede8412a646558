"""Close the consultations whose closing date has passed, count them and publish their results.

Run it every few minutes (cron or a systemd timer); pages and the API also close a due consultation on
first access, so this only makes the results appear without waiting for a visitor.
"""

from django.core.management.base import BaseCommand

from mobilization.plan.governance import services


class Command(BaseCommand):
    help = "Close the consultations whose closing date has passed and publish their results."

    def handle(self, *args, **options):
        closed = services.close_due_consultations()
        self.stdout.write(f"Closed {len(closed)} consultation(s).")

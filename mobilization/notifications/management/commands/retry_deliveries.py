from django.core.management.base import BaseCommand

from mobilization.notifications import tasks


class Command(BaseCommand):
    help = (
        "Enqueue again the e-mail and SMS deliveries whose next attempt is due (failed ones after their "
        "backoff, queued ones that no worker took). Run it every minute, from cron or a systemd timer."
    )

    def handle(self, *args, **options):
        count = tasks.enqueue_due_deliveries()
        self.stdout.write(f"Deliveries enqueued again: {count}")

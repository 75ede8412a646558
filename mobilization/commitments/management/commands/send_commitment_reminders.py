from django.core.management.base import BaseCommand

from mobilization.commitments import services


class Command(BaseCommand):
    help = "Remind organisations of progress reports due soon or overdue; mark overdue commitments."

    def handle(self, *args, **options):
        sent = services.send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")

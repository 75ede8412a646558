"""`manage.py send_certification_reminders`: the daily reminder of certifications about to expire
(see mobilization/learning/tasks.py)."""

from django.core.management.base import BaseCommand

from mobilization.learning import services


class Command(BaseCommand):
    help = "Remind volunteers whose certification expires within 30 days, with the next sessions; once each."

    def handle(self, *args, **options):
        count = services.send_expiry_reminders()
        self.stdout.write(f"Certification reminders sent: {count}")

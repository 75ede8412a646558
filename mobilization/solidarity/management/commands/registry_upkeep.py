"""`manage.py registry_upkeep`: the registry's daily upkeep (review reminders, then stale records deleted)."""

from django.core.management.base import BaseCommand

from mobilization.solidarity import services


class Command(BaseCommand):
    help = (
        "Send the yearly review reminders and delete the records not confirmed within the retention period."
    )

    def handle(self, *args, **options):
        reminded = services.send_review_reminders()
        deleted = services.delete_unconfirmed()
        self.stdout.write(f"{reminded} review reminder(s) sent, {deleted} unconfirmed record(s) deleted.")

"""Send the weekly digest of new initiatives (run it from cron on Monday mornings; see digest.py)."""

from django.core.management.base import BaseCommand

from mobilization.initiatives import digest


class Command(BaseCommand):
    help = "Send each volunteer the initiatives published in the last 7 days near them and on their themes."

    def handle(self, *args, **options):
        digest.send_weekly_digest(stdout=self.stdout)

"""`manage.py checkin_upkeep`: this window's check-ins made; the residents nobody reaches escalated."""

from django.core.management.base import BaseCommand

from mobilization.solidarity.tasks import checkin_upkeep


class Command(BaseCommand):
    help = "Make the check-ins of the current cadence window and escalate the residents nobody reached."

    def handle(self, *args, **options):
        result = checkin_upkeep.call()
        self.stdout.write(f"{result['made']} check-in(s) made; {result['escalated']} resident(s) escalated.")

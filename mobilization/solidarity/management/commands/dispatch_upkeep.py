"""`manage.py dispatch_upkeep`: unanswered offers expire; active events dispatched again."""

from django.core.management.base import BaseCommand

from mobilization.solidarity.tasks import dispatch_upkeep


class Command(BaseCommand):
    help = "Expire the offers left unanswered and dispatch every active extreme event again."

    def handle(self, *args, **options):
        result = dispatch_upkeep.call()
        self.stdout.write(
            f"{result['expired']} offer(s) expired; "
            f"{result['changed']} active event(s) changed by the dispatch."
        )

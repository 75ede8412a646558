"""Prepare the demo: every app's demo content, as the apps registered it (`core.registries.demo_seeders`):
the Paris territory and places, one account per role, then each pillar's content.

Run by `make demo`. Running it again reuses what exists: nothing is imported twice.
"""

import logging

from django.core.management import BaseCommand

from mobilization.core import registries


class Command(BaseCommand):
    help = "Set up the demo: the Paris territory and places (once), one account per role, demo content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reimport", action="store_true", help="Import the open data again (updates rows)."
        )

    def handle(self, *args, reimport=False, **options):
        seeders = list(registries.demo_seeders)
        # Each seeder returns at once when its content is already there. Their audit trail is still
        # written to the database; only its log lines are held back here, where hundreds of "proposal
        # published" lines would bury what the newcomer needs to read.
        security_log = logging.getLogger("mobilization.security")
        level = security_log.level
        security_log.setLevel(logging.WARNING)
        try:
            for seeder in seeders:
                seeder.seed(self.stdout, reimport=reimport)
        finally:
            security_log.setLevel(level)
        for seeder in seeders:
            if seeder.summary is not None:
                seeder.summary(self.stdout)

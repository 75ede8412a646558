"""Prepare the demo: the Paris territory and places, and one account per role.

Run by `make demo`. Running it again reuses what exists: nothing is imported twice.
"""

import logging
from importlib import import_module

from django.core.management import BaseCommand, call_command

from mobilization.accounts import roles
from mobilization.accounts.services import create_demo_account, ensure_roles
from mobilization.territory.models import District, Place

DEMO_PASSWORD = "climat-demo-2026"  # noqa: S105 - printed on purpose: demo accounts on a local SQLite file

DEMO_SEEDERS = (
    "mobilization.initiatives.demo",
    "mobilization.initiatives.events.demo",
    "mobilization.plan.demo",
    "mobilization.plan.actions.demo",
    "mobilization.plan.governance.demo",
)

DEMO_ACCOUNTS = [
    ("volunteer@demo.climat.test", "Camille (bénévole)", [roles.VOLUNTEER]),
    ("organiser@demo.climat.test", "Nadia (organisatrice)", [roles.VOLUNTEER, roles.ORGANISER]),
    (
        "organisation@demo.climat.test",
        "Hugo (entreprise)",
        [roles.VOLUNTEER, roles.ORGANISATION_REPRESENTATIVE],
    ),
    ("coordinator@demo.climat.test", "Inès (coordination solidarité)", [roles.SOLIDARITY_COORDINATOR]),
    ("staff@demo.climat.test", "Louis (équipe climat)", [roles.CITY_STAFF]),
    ("committee@demo.climat.test", "Awa (comité de suivi)", [roles.VOLUNTEER, roles.COMMITTEE_MEMBER]),
]


class Command(BaseCommand):
    help = "Import the Paris territory and places (once) and create one demo account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reimport", action="store_true", help="Import the open data again (updates rows)."
        )

    def handle(self, *args, reimport=False, **options):
        has_territory = District.objects.filter(level=District.Level.ARRONDISSEMENT).count() >= 20
        if reimport or not (has_territory and Place.objects.exists()):
            self.stdout.write(
                "Importing the Paris territory and places (Ville de Paris – opendata.paris.fr, ODbL)…"
            )
            call_command(
                "import_paris", stdout=self.stdout, stderr=self.stderr, verbosity=options["verbosity"]
            )
        else:
            districts, places = District.objects.count(), Place.objects.count()
            self.stdout.write(f"Territory already imported: {districts} districts, {places} places.")

        ensure_roles()
        district = District.objects.filter(level=District.Level.ARRONDISSEMENT, number=11).first()
        accounts = [
            (
                ", ".join(role_names),
                create_demo_account(
                    email=email,
                    password=DEMO_PASSWORD,
                    roles=role_names,
                    display_name=name,
                    district=district,
                ),
            )
            for email, name, role_names in DEMO_ACCOUNTS
        ]
        # Each pillar seeds its own demo content (mobilization/<app>/demo.py: `seed(stdout)`), once:
        # a seeder returns at once when its content is already there.
        # Their audit trail is still written to the database; only its log lines are held back here,
        # where hundreds of "proposal published" lines would bury what the newcomer needs to read.
        security_log = logging.getLogger("mobilization.security")
        level = security_log.level
        security_log.setLevel(logging.WARNING)
        try:
            for module_name in DEMO_SEEDERS:
                import_module(module_name).seed(self.stdout)
        finally:
            security_log.setLevel(level)

        self.stdout.write(self.style.SUCCESS(f"\nDemo accounts (password for all: {DEMO_PASSWORD})"))
        width = max(len(role_list) for role_list, _ in accounts)
        for role_list, account in accounts:
            line = f"  {role_list.ljust(width)}  {account.user.email}"
            if account.totp_secret:
                line += (
                    "  (two-factor: `manage.py demo_code " + account.user.email + "` prints the current code)"
                )
            self.stdout.write(line)

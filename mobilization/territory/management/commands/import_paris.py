from pathlib import Path

from django.core.management import BaseCommand

from mobilization.territory.importers import PARIS_DATA, import_paris
from mobilization.territory.management.commands._reporting import progress_printer, run_import


class Command(BaseCommand):
    help = (
        "Import the Paris territory and places: arrondissements, quartiers, cool places, drinking fountains "
        "and cool green spaces (Ville de Paris – opendata.paris.fr, ODbL). Running it again updates them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=PARIS_DATA, help="Where the exports are.")

    def handle(self, *args, data_dir, verbosity=1, **options):
        progress = progress_printer(self, verbosity)
        run_import(self, lambda: import_paris(data_dir, progress=progress), verbosity)

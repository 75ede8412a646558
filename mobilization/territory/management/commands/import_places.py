from pathlib import Path

from django.core.management import BaseCommand

from mobilization.territory.importers import SOURCES, import_places
from mobilization.territory.management.commands._reporting import progress_printer, run_import


class Command(BaseCommand):
    help = (
        "Import one kind of place from the city's open data (the project's copy unless --file is given). "
        "Running it again updates the places instead of duplicating them. Import the districts first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=[str(kind) for kind in SOURCES])
        parser.add_argument("--file", type=Path, help="The export to read instead of the project's copy.")

    def handle(self, *args, kind, file=None, verbosity=1, **options):
        progress = progress_printer(self, verbosity)
        run_import(self, lambda: [import_places(kind, file, progress=progress)], verbosity)

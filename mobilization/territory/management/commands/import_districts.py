from pathlib import Path

from django.core.management import BaseCommand

from mobilization.territory.importers import (
    ARRONDISSEMENTS_FILE,
    PARIS_DATA,
    QUARTIERS_FILE,
    import_districts,
)
from mobilization.territory.management.commands._reporting import run_import


class Command(BaseCommand):
    help = (
        "Import the arrondissements, then the quartiers (GeoJSON from opendata.paris.fr). "
        "Creates the city of Paris if needed; running it again updates the districts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--arrondissements", type=Path, default=PARIS_DATA / ARRONDISSEMENTS_FILE)
        parser.add_argument("--quartiers", type=Path, default=PARIS_DATA / QUARTIERS_FILE)

    def handle(self, *args, arrondissements, quartiers, verbosity=1, **options):
        run_import(self, lambda: import_districts(arrondissements, quartiers), verbosity)

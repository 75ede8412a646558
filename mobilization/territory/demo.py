"""The demo's territory: the Paris districts and places, imported once from the open data shipped in
`territory/data/paris/` (registered in apps.py, run first by `manage.py setup_demo`)."""

from django.core.management import call_command

from mobilization.territory.models import District, Place


def seed(stdout, *, reimport: bool = False, **options) -> None:
    """`reimport`: import the open data again (updates rows)."""
    has_territory = District.objects.filter(level=District.Level.ARRONDISSEMENT).count() >= 20
    if reimport or not (has_territory and Place.objects.exists()):
        stdout.write("Importing the Paris territory and places (Ville de Paris – opendata.paris.fr, ODbL)…")
        call_command("import_paris", stdout=stdout)
    else:
        districts, places = District.objects.count(), Place.objects.count()
        stdout.write(f"Territory already imported: {districts} districts, {places} places.")

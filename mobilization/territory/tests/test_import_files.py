"""Importing into an empty database: what must exist first, and files that stop everything."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mobilization.territory.models import City, District, Place

pytestmark = pytest.mark.django_db

COOL_PLACES = "ilots-de-fraicheur-equipements-activites.json"
GREEN_SPACES = "ilots-de-fraicheur-espaces-verts-frais.csv"


def test_import_paris_checks_every_file_before_writing_anything(paris_data, tmp_path, db):
    data_dir = tmp_path / "paris"
    shutil.copytree(paris_data, data_dir)
    (data_dir / GREEN_SPACES).write_text("nothing;useful\n1;2\n", encoding="utf-8")

    with pytest.raises(
        CommandError, match="ilots-de-fraicheur-espaces-verts-frais.csv lacks the columns ID, NOM"
    ):
        call_command("import_paris", data_dir=data_dir, stdout=StringIO())

    assert (City.objects.count(), District.objects.count(), Place.objects.count()) == (0, 0, 0)


def test_places_need_the_districts_first(paris_data, db):
    with pytest.raises(CommandError, match="import the districts first"):
        call_command("import_places", kind="cool_place", file=paris_data / COOL_PLACES, stdout=StringIO())
    assert not Place.objects.exists()


def test_a_missing_file_is_named(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_places", kind="fountain", file=tmp_path / "nowhere.json", stdout=StringIO())

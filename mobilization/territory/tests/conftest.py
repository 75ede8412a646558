"""Fixtures of the territory's tests: the real Paris exports imported once per module, and small factories."""

from pathlib import Path

import pytest

from mobilization.territory import services
from mobilization.territory.importers import import_paris
from mobilization.territory.models import City, District, Place

# The same folder as the root conftest's `paris_data` fixture, for fixtures that outlive one test.
SHARED_PARIS_DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "paris"


@pytest.fixture(autouse=True)
def _fresh_geometry_caches():
    """Each test starts without the previous test's district polygons and place tree."""
    services.forget_caches()
    yield
    services.forget_caches()


@pytest.fixture(scope="module")
def paris_import(django_db_setup, django_db_blocker):
    """Import the real Paris exports once for a whole test module; remove them afterwards.

    Tests that use it read the data inside their own transaction (the `db` fixture), which is rolled
    back after each test, so what a test changes does not leak into the next one.
    """
    with django_db_blocker.unblock():
        services.forget_caches()
        reports = import_paris(SHARED_PARIS_DATA)
        yield {report.file_name: report for report in reports}
        Place.objects.all().delete()
        District.objects.filter(level=District.Level.QUARTIER).delete()
        District.objects.all().delete()
        City.objects.all().delete()
        services.forget_caches()

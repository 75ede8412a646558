"""Fixtures of the initiatives tests: people, a small territory, and initiatives in each state."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from mobilization.core import roles
from tests.access.callers import make_member

# Two squares side by side: the 11th arrondissement west of 2.37°E, the 20th east of it.
ELEVENTH = {
    "type": "Polygon",
    "coordinates": [[[2.36, 48.85], [2.37, 48.85], [2.37, 48.87], [2.36, 48.87], [2.36, 48.85]]],
}
TWENTIETH = {
    "type": "Polygon",
    "coordinates": [[[2.37, 48.85], [2.41, 48.85], [2.41, 48.87], [2.37, 48.87], [2.37, 48.85]]],
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organiser(db):
    return make_member("nadia@example.org", "Nadia", (roles.VOLUNTEER, roles.ORGANISER))


@pytest.fixture
def other_organiser(db):
    return make_member("omar@example.org", "Omar", (roles.VOLUNTEER, roles.ORGANISER))


@pytest.fixture
def volunteer(db):
    return make_member("camille@example.org", "Camille")


@pytest.fixture
def moderator(db):
    return make_member("louis@paris.example", "Louis", (roles.CITY_STAFF,))


@pytest.fixture
def city(db):
    from mobilization.territory.models import City

    return City.objects.create(name="Paris", insee_code="75056")


def _district(city, number, geometry, lat, lon):
    from mobilization.territory.models import District

    return District.objects.create(
        city=city,
        level=District.Level.ARRONDISSEMENT,
        code=f"751{number:02d}",
        number=number,
        name=f"{number}e",
        geometry=geometry,
        area_m2=1_000_000,
        centroid_lat=lat,
        centroid_lon=lon,
    )


@pytest.fixture
def eleventh(city):
    return _district(city, 11, ELEVENTH, 48.86, 2.365)


@pytest.fixture
def twentieth(city):
    return _district(city, 20, TWENTIETH, 48.86, 2.39)


@pytest.fixture
def make_initiative(eleventh, organiser):
    from mobilization.initiatives import search
    from mobilization.initiatives.models import Initiative

    def make(title="Compost partagé du square", status=Initiative.Status.PUBLISHED, **extra):
        values = {
            "summary": "Un bac à compost pour les voisins.",
            "description": "Nous compostons les déchets de cuisine du quartier au square.",
            "themes": ["waste_repair"],
            "district": eleventh,
            "lat": 48.86,
            "lon": 2.365,
            "organiser": organiser,
            **extra,
        }
        initiative = Initiative.objects.create(
            title=title,
            status=status,
            published_at=timezone.now() if status == Initiative.Status.PUBLISHED else None,
            **values,
        )
        search.reindex(initiative)
        return initiative

    return make


@pytest.fixture
def published_initiative(make_initiative):
    return make_initiative()


@pytest.fixture
def draft_initiative(make_initiative):
    from mobilization.initiatives.models import Initiative

    return make_initiative("Atelier vélo", status=Initiative.Status.DRAFT, themes=["mobility"])


@pytest.fixture
def submitted_initiative(make_initiative):
    from mobilization.initiatives.models import Initiative

    return make_initiative("Repair café", status=Initiative.Status.SUBMITTED, submitted_at=timezone.now())

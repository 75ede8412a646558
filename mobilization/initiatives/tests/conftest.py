"""Fixtures of the initiatives tests: people, a small territory, and initiatives in each state (built by
the factories of tests/factories.py)."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.initiatives.models import Initiative
from mobilization.initiatives.tests.factories import InitiativeFactory
from mobilization.territory.tests.factories import ArrondissementFactory, CityFactory

ORGANISER_ROLES = (roles.VOLUNTEER, roles.ORGANISER)

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
    return MemberFactory(email="nadia@example.org", display_name="Nadia", roles=ORGANISER_ROLES)


@pytest.fixture
def other_organiser(db):
    return MemberFactory(email="omar@example.org", display_name="Omar", roles=ORGANISER_ROLES)


@pytest.fixture
def volunteer(db):
    return MemberFactory(email="camille@example.org", display_name="Camille")


@pytest.fixture
def moderator(db):
    return MemberFactory(email="louis@paris.example", display_name="Louis", roles=(roles.CITY_STAFF,))


@pytest.fixture
def city(db):
    return CityFactory()


def _arrondissement(city, number: int, geometry: dict, centroid_lon: float):
    return ArrondissementFactory(
        city=city,
        number=number,
        name=f"{number}e",
        geometry=geometry,
        area_m2=1_000_000,
        centroid_lat=48.86,
        centroid_lon=centroid_lon,
    )


@pytest.fixture
def eleventh(city):
    return _arrondissement(city, 11, ELEVENTH, 2.365)


@pytest.fixture
def twentieth(city):
    return _arrondissement(city, 20, TWENTIETH, 2.39)


@pytest.fixture
def make_initiative(eleventh, organiser):
    """Makes an initiative of `organiser` in the 11th (published unless told otherwise), indexed."""

    def make(title="Compost partagé du square", status=Initiative.Status.PUBLISHED, **extra):
        values = {
            "summary": "Un bac à compost pour les voisins.",
            "description": "Nous compostons les déchets de cuisine du quartier au square.",
            "themes": ["waste_repair"],
            "district": eleventh,
            "lat": 48.86,
            "lon": 2.365,
            "organiser": organiser,
            "published_at": timezone.now() if status == Initiative.Status.PUBLISHED else None,
            **extra,
        }
        return InitiativeFactory(title=title, status=status, **values)

    return make


@pytest.fixture
def published_initiative(make_initiative):
    return make_initiative()


@pytest.fixture
def draft_initiative(make_initiative):
    return make_initiative("Atelier vélo", status=Initiative.Status.DRAFT, themes=["mobility"])


@pytest.fixture
def submitted_initiative(make_initiative):
    return make_initiative("Repair café", status=Initiative.Status.SUBMITTED, submitted_at=timezone.now())

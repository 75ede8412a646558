"""Factories of the territory, for every app's tests: the city, its districts, its places.

`ArrondissementFactory(number=4)` is the 4th arrondissement of Paris (code 75104), a small square around
its centroid; `QuartierFactory(parent=arrondissement)` a quartier inside one; `PlaceFactory()` a
drinking fountain. They never read the real exports: tests that need the whole city use the
`paris_import` fixture of `territory/tests/conftest.py`.
"""

import factory

from mobilization.territory.models import City, District, Place


def square(lat: float, lon: float, half_side: float = 0.01) -> dict:
    """A small square polygon around a point, enough for a district in tests."""
    ring = [
        [lon - half_side, lat - half_side],
        [lon + half_side, lat - half_side],
        [lon + half_side, lat + half_side],
        [lon - half_side, lat + half_side],
        [lon - half_side, lat - half_side],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ["insee_code"]

    name = "Paris"
    insee_code = "75056"


class DistrictFactory(factory.django.DjangoModelFactory):
    """What every district has: a small square around its centroid, in the city of Paris."""

    class Meta:
        model = District
        abstract = True

    city = factory.SubFactory(CityFactory)
    centroid_lat = 48.86
    centroid_lon = 2.35
    geometry = factory.LazyAttribute(lambda district: square(district.centroid_lat, district.centroid_lon))
    area_m2 = 2_000_000


class ArrondissementFactory(DistrictFactory):
    level = District.Level.ARRONDISSEMENT
    number = factory.Sequence(lambda n: n % 20 + 1)
    code = factory.LazyAttribute(lambda district: f"751{district.number:02d}")
    name = factory.LazyAttribute(lambda district: f"{district.number}e arrondissement")


class QuartierFactory(DistrictFactory):
    """A quartier of `parent` (an arrondissement)."""

    level = District.Level.QUARTIER
    parent = factory.SubFactory(ArrondissementFactory)
    city = factory.SelfAttribute("parent.city")
    number = factory.Sequence(lambda n: n % 80 + 1)
    code = factory.LazyAttribute(lambda district: f"7510{district.number:03d}")
    name = factory.Sequence(lambda n: f"Quartier {n}")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    kind = Place.Kind.FOUNTAIN
    category = "Fontaine Wallace"
    name = factory.Sequence(lambda n: f"Fontaine {n:03d}")
    address = factory.Sequence(lambda n: f"{n} rue de Rivoli")
    lat = 48.8566
    lon = 2.3522
    is_free = True
    source_dataset = "tests"
    source_id = factory.Sequence(str)

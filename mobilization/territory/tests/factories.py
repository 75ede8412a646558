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


class ArrondissementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    city = factory.SubFactory(CityFactory)
    level = District.Level.ARRONDISSEMENT
    number = factory.Sequence(lambda n: n % 20 + 1)
    code = factory.LazyAttribute(lambda district: f"751{district.number:02d}")
    name = factory.LazyAttribute(lambda district: f"{district.number}e arrondissement")
    centroid_lat = 48.86
    centroid_lon = 2.35
    geometry = factory.LazyAttribute(lambda district: square(district.centroid_lat, district.centroid_lon))
    area_m2 = 2_000_000


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

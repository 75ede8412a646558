"""What the territory shows on the home page: its key figures, and a note until it is imported."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from mobilization.territory.models import City, District, Place


@pytest.fixture
def two_arrondissements(db):
    cache.clear()
    paris = City.objects.create(name="Paris", insee_code="75056")
    square = {"type": "Polygon", "coordinates": [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]]}
    for number, area in ((4, 1_600_000), (7, 4_090_000)):
        District.objects.create(
            city=paris,
            level=District.Level.ARRONDISSEMENT,
            code=f"751{number:02d}",
            number=number,
            name=f"{number}e",
            geometry=square,
            area_m2=area,
            centroid_lat=48.85,
            centroid_lon=2.35,
        )
    Place.objects.create(
        kind=Place.Kind.FOUNTAIN, name="Fontaine", lat=48.85, lon=2.35, source_dataset="t", source_id="1"
    )
    Place.objects.create(
        kind=Place.Kind.FOUNTAIN,
        name="Fontaine en panne",
        lat=48.85,
        lon=2.35,
        is_available=False,
        source_dataset="t",
        source_id="2",
    )
    yield
    cache.clear()


def test_the_home_page_gives_the_citys_key_figures(client, two_arrondissements):
    response = client.get(reverse("home"))

    figures = {figure.key: figure.value for figure in response.context["figures"]}
    assert figures["arrondissements"] == 2
    assert figures["area_km2"] == pytest.approx(5.69)
    assert figures["fountains"] == 1, "a fountain out of service is not counted"
    assert "5.7 km²" in response.content.decode()


def test_the_home_page_says_when_the_territory_is_not_imported(client, db):
    cache.clear()

    page = client.get(reverse("home")).content.decode()

    assert "The city's territory has not been imported yet." in page

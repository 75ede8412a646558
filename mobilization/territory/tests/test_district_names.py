"""District names in French and in English: arrondissements are named from their number, not with the
open data's abbreviation "14ème Ardt"; each page shows its own language."""

import pytest
from django.urls import reverse
from django.utils import translation

from mobilization.territory.names import arrondissement_names
from mobilization.territory.tests.factories import ArrondissementFactory, PlaceFactory


@pytest.mark.parametrize(
    ("number", "french", "english"),
    [
        (1, "1er arrondissement", "1st arrondissement"),
        (2, "2e arrondissement", "2nd arrondissement"),
        (3, "3e arrondissement", "3rd arrondissement"),
        (11, "11e arrondissement", "11th arrondissement"),
        (12, "12e arrondissement", "12th arrondissement"),
        (14, "14e arrondissement", "14th arrondissement"),
        (21, "21e arrondissement", "21st arrondissement"),
    ],
)
def test_an_arrondissement_is_named_from_its_number_in_both_languages(number, french, english):
    assert arrondissement_names(number) == {"name_fr": french, "name_en": english}


@pytest.mark.django_db
def test_a_place_page_names_its_arrondissement_in_the_page_language(client):
    fourteenth = ArrondissementFactory(number=14, official_name="Observatoire", **arrondissement_names(14))
    place = PlaceFactory(name="Parc Montsouris", district=fourteenth)

    pages = {}
    for language in ("fr", "en"):
        with translation.override(language):
            address = reverse("territory:place", args=[place.pk])
        pages[language] = client.get(address, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert "14e arrondissement (Observatoire)" in pages["fr"]
    assert "14th arrondissement (Observatoire)" in pages["en"]
    assert "14th" not in pages["fr"]
    assert "Ardt" not in pages["en"]

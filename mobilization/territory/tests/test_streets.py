"""The demo's street table: every street's point lies in the arrondissement it is listed under."""

import pytest

from mobilization.territory.services import district_at
from mobilization.territory.streets import STREETS, postcode

pytestmark = pytest.mark.django_db


def test_every_street_of_the_table_lies_in_the_arrondissement_it_is_listed_under(paris_import):
    misplaced = [
        (number, street.name, getattr(district_at(street.lat, street.lon), "number", None))
        for number, streets in STREETS.items()
        for street in streets
        if getattr(district_at(street.lat, street.lon), "number", None) != number
    ]

    assert sorted(STREETS) == list(range(1, 21))
    assert misplaced == []


def test_an_address_carries_the_postcode_of_its_arrondissement():
    street = STREETS[5][0]

    assert street.address(5, "Jardin partagé") == "Jardin partagé – 56 rue Mouffetard, 75005 Paris"
    assert postcode(1) == "75001" and postcode(20) == "75020"

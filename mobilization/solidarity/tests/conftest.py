import pytest

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.solidarity.tests.factories import ResidentFactory, eleventh
from mobilization.territory import services as territory_services


@pytest.fixture(autouse=True)
def _fresh_geometry_caches():
    territory_services.forget_caches()
    yield
    territory_services.forget_caches()


@pytest.fixture
def district(db):
    return eleventh()


@pytest.fixture
def coordinator(db):
    return MemberFactory(email="coordinator@example.org", roles=(roles.SOLIDARITY_COORDINATOR,))


@pytest.fixture
def volunteer(db):
    return MemberFactory(email="volunteer@example.org")


@pytest.fixture
def relative(db):
    return MemberFactory(email="relative@example.org")


@pytest.fixture
def resident(district, relative):
    from mobilization.solidarity.models import VulnerableResident

    return ResidentFactory(
        district=district, registered_by=relative, registered_as=VulnerableResident.RegisteredBy.RELATIVE
    )


def registration_values(**overrides) -> dict:
    values = {
        "first_name": "Lucienne",
        "last_name": "Fictif-Haddad",
        "date_of_birth": __import__("datetime").date(1938, 3, 14),
        "category": "aged_65",
        "address": "24 rue de la Démo, 75011 Paris",
        "lat": 48.85912,
        "lon": 2.38016,
        "access_notes": "Code 4821A",
        "phone": "+33199004321",
        "other_phone": "",
        "languages": ["fr", "ar"],
        "lives_alone": True,
        "has_tele_alarm": False,
        "preferred_contact": "call",
        "preferred_time": "morning",
        "emergency_contact": "Nadia, 06 39 98 00 11",
        "care_service": "",
    }
    values.update(overrides)
    return values

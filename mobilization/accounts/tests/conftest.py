import pytest
from django.core.cache import cache
from django.urls import reverse

from mobilization.accounts.models import User
from mobilization.accounts.tests.factories import PASSWORD, MemberFactory
from mobilization.core import roles
from mobilization.territory.tests.factories import ArrondissementFactory, CityFactory, QuartierFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts sign-in attempts in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def make_member(email, *, display_name="Amina", roles_=(roles.VOLUNTEER,), **extra) -> User:
    """A member as sign-up makes them (verified address, profile, roles, the two consents), without the
    second factor staff must add: the accounts tests check that they are asked to."""
    return MemberFactory(email=email, display_name=display_name, roles=roles_, two_factor=False, **extra)


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def volunteer(db):
    return make_member("amina@example.org", display_name="Amina")


@pytest.fixture
def other_volunteer(db):
    return make_member("bruno@example.org", display_name="Bruno")


@pytest.fixture
def city_staff_member(db):
    return make_member("claire@paris.example", display_name="Claire", roles_=(roles.CITY_STAFF,))


@pytest.fixture
def solidarity_coordinator(db):
    return make_member("dina@paris.example", display_name="Dina", roles_=(roles.SOLIDARITY_COORDINATOR,))


@pytest.fixture
def superuser(db):
    return make_member("root@paris.example", display_name="Root", is_staff=True, is_superuser=True)


@pytest.fixture
def city(db):
    return CityFactory()


@pytest.fixture
def arrondissement(city):
    return ArrondissementFactory(city=city, number=11, name="11e arrondissement")


@pytest.fixture
def other_arrondissement(city):
    return ArrondissementFactory(city=city, number=20, name="20e arrondissement")


@pytest.fixture
def quartier(city, arrondissement):
    return QuartierFactory(parent=arrondissement, number=41, name="Folie-Méricourt")


@pytest.fixture
def reauthenticate(password):
    """Confirm the password again, as allauth asks before sensitive actions (valid a few minutes)."""

    def confirm(client):
        response = client.post(reverse("account_reauthenticate"), {"password": password})
        assert response.status_code == 302, response.content.decode()[:2000]
        return response

    return confirm

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse

from mobilization.accounts import services
from mobilization.accounts.models import ConsentRecord, User
from mobilization.core import roles

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts sign-in attempts in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def make_member(email, *, display_name="Amina", roles_=(roles.VOLUNTEER,), verified=True, **extra) -> User:
    """A member as sign-up makes them: verified address, profile, roles, the two consents."""
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    services.sign_up(
        user,
        display_name=display_name,
        consents_given=[ConsentRecord.Purpose.TERMS, ConsentRecord.Purpose.PRIVACY],
    )
    services.set_roles(user, roles_, by=None)
    return user


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


def give_totp(user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def city(db):
    from mobilization.territory.models import City

    return City.objects.create(name="Paris", insee_code="75056")


def make_district(city, level, number, name, parent=None):
    from mobilization.territory.models import District

    code = f"751{number:02d}" if level == "arrondissement" else f"Q{number:03d}"
    return District.objects.create(
        city=city,
        level=level,
        parent=parent,
        code=code,
        number=number,
        name=name,
        geometry={"type": "Point", "coordinates": [2.35, 48.85]},
        area_m2=1_000_000,
        centroid_lat=48.85,
        centroid_lon=2.35,
    )


@pytest.fixture
def arrondissement(city):
    return make_district(city, "arrondissement", 11, "11e arrondissement")


@pytest.fixture
def other_arrondissement(city):
    return make_district(city, "arrondissement", 20, "20e arrondissement")


@pytest.fixture
def quartier(city, arrondissement):
    return make_district(city, "quartier", 41, "Folie-Méricourt", parent=arrondissement)


@pytest.fixture
def reauthenticate(password):
    """Confirm the password again, as allauth asks before sensitive actions (valid a few minutes)."""

    def confirm(client):
        response = client.post(reverse("account_reauthenticate"), {"password": password})
        assert response.status_code == 302, response.content.decode()[:2000]
        return response

    return confirm

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


def test_the_home_page_answers_in_french_by_default(client, settings, db):
    settings.LANGUAGE_CODE = "fr"
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="fr"' in page
    assert "Passer au contenu principal" in page


def test_the_home_page_gives_the_citys_key_figures(client, two_arrondissements):
    response = client.get(reverse("home"))

    figures = response.context["figures"]
    assert figures["arrondissements"] == 2
    assert figures["area_km2"] == pytest.approx(5.69)
    assert figures["fountains"] == 1, "a fountain out of service is not counted"
    assert "5.7 km²" in response.content.decode()


def test_the_language_switch_turns_the_site_into_english(client, settings, db):
    settings.LANGUAGE_CODE = "fr"
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert 'lang="en"' in response.content.decode()
    assert "Skip to main content" in response.content.decode()


def test_the_navigation_shows_sign_in_to_visitors_and_the_inbox_to_members(client, django_user_model):
    anonymous_page = client.get(reverse("home")).content.decode()
    assert reverse("account_login") in anonymous_page
    assert reverse("notifications:inbox") not in anonymous_page

    client.force_login(django_user_model.objects.create_user(email="a@example.org", password="x" * 12))
    member_page = client.get(reverse("home")).content.decode()
    assert reverse("notifications:inbox") in member_page
    assert reverse("account_login") not in member_page


def test_the_health_check_answers_without_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("health"))
    assert response.content == b"ok"


@pytest.mark.parametrize("language, title", [("en", "Page not found"), ("fr", "Page introuvable")])
def test_an_unknown_page_gets_the_platforms_404_in_the_visitors_language(client, db, language, title):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert title in response.content.decode()

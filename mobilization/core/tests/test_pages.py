import pytest
from django.urls import reverse


def test_the_home_page_answers_in_french_by_default(client, settings, db):
    settings.LANGUAGE_CODE = "fr"
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="fr"' in page
    assert "Passer au contenu principal" in page


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

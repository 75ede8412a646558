import html
import re

import pytest
from django.urls import reverse


def test_the_home_page_answers_in_french_by_default(client, settings, db):
    settings.LANGUAGE_CODE = "fr"
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="fr"' in page
    assert "Passer au contenu principal" in page


def test_the_language_switch_is_a_plain_link_to_the_same_page_in_english(client, settings, db):
    settings.LANGUAGE_CODE = "fr"
    page = client.get(reverse("initiatives:list"), {"q": "vélo", "district": "75111"}).content.decode()

    link = re.search(r'<a href="([^"]+)" hreflang="en" lang="en">English</a>', page)
    assert link, "a link to the English page, in English"
    assert link.group(1) == "/en/initiatives/?q=v%C3%A9lo&amp;district=75111"
    english = client.get(html.unescape(link.group(1))).content.decode()
    assert '<html lang="en">' in english
    assert "Skip to main content" in english
    assert re.search(r'<a href="/fr/initiatives/\?[^"]+" hreflang="fr" lang="fr">Français</a>', english)


def test_the_language_switch_needs_no_form_and_comes_after_the_main_content(client, settings, db):
    settings.LANGUAGE_CODE = "fr"
    page = client.get(reverse("home")).content.decode()

    assert "<form" not in page, "no form, hence no CSRF cookie, on a page a visitor only reads"
    assert page.index('hreflang="en" lang="en"') > page.index("</main>"), "in the footer"
    assert '<link rel="alternate" hreflang="en" href="/en/">' in page


def test_a_page_that_is_not_found_links_to_the_home_page_in_the_other_language(client, settings, db):
    settings.LANGUAGE_CODE = "fr"
    page = client.get("/fr/no-such-page/").content.decode()

    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in page


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

from django.urls import reverse


def test_the_home_page_answers_in_french_by_default(client, settings):
    settings.LANGUAGE_CODE = "fr"
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()
    assert "Passer au contenu principal" in response.content.decode()


def test_an_unknown_page_gets_the_platforms_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404

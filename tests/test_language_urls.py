"""Pages live under their language (/fr/…, /en/…); old addresses keep working.

The French and the English page are two addresses, so that a proxy caches them apart and a link says
which language it opens. A bookmark or an old e-mail's link without a language is sent to the visitor's
language; what machines and calendar apps use (the API, /health/, the feeds people subscribed to, the
administration) stays where it was.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from mobilization.events.tests.factories import CalendarTokenFactory, EventFactory
from mobilization.initiatives.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def in_language(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_pages_carry_their_language_in_the_address():
    assert in_language("fr", "home") == "/fr/"
    assert in_language("en", "initiatives:list") == "/en/initiatives/"
    assert in_language("fr", "territory:places") == "/fr/places/"
    assert in_language("en", "plan:dashboard") == "/en/plan/"


@pytest.mark.parametrize(
    "name, french, english",
    [
        ("home", "Passer au contenu principal", "Skip to main content"),
        ("initiatives:list", '<html lang="fr">', '<html lang="en">'),
        ("territory:places", '<html lang="fr">', '<html lang="en">'),
        ("plan:dashboard", '<html lang="fr">', '<html lang="en">'),
    ],
)
def test_the_french_and_the_english_address_answer_in_their_language_whatever_the_browser_says(
    client, name, french, english
):
    # The address decides, not the browser's preference: the two pages are two cacheable resources.
    french_page = client.get(in_language("fr", name), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    english_page = client.get(in_language("en", name), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert french in french_page and english not in french_page
    assert english in english_page and french not in english_page


@pytest.mark.parametrize("accept_language, expected", [("fr-FR,fr;q=0.9", "/fr/"), ("en-GB,en", "/en/")])
def test_an_old_bookmark_is_sent_to_the_visitors_language(client, accept_language, expected):
    initiative = InitiativeFactory()
    bookmarks = {
        "/initiatives/": "initiatives/",
        f"/initiatives/{initiative.pk}/": f"initiatives/{initiative.pk}/",
        "/places/?kind=fountain": "places/?kind=fountain",
        "/": "",
    }
    for old, new in bookmarks.items():
        response = client.get(old, HTTP_ACCEPT_LANGUAGE=accept_language)

        assert response.status_code == 302, old
        assert response["Location"] == expected + new
        assert "Accept-Language" in response["Vary"]
        assert client.get(response["Location"]).status_code == 200


def test_a_visitor_whose_browser_asks_for_neither_language_gets_french(client, settings):
    settings.LANGUAGE_CODE = "fr"

    response = client.get("/initiatives/", HTTP_ACCEPT_LANGUAGE="de")

    assert response["Location"] == "/fr/initiatives/"


def test_an_address_that_never_existed_is_still_not_found(client):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/fr/no-such-page/").status_code == 404


def test_what_machines_use_stays_where_it_was(client):
    assert client.get("/health/").content == b"ok"
    assert client.get("/api/v1/places").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert reverse("admin:index") == "/admin/"


def test_the_calendars_and_feeds_people_subscribed_to_answer_at_their_old_address(client):
    event = EventFactory(title="Repair café du 4e")
    token = CalendarTokenFactory()

    old_addresses = [
        f"/events/initiative/{event.initiative.pk}/calendar.ics",
        f"/events/calendar/{token.token}.ics",
        f"/events/{event.pk}/event.ics",
        "/initiatives/feed.rss",
        "/initiatives/feed.atom",
    ]
    for old in old_addresses:
        response = client.get(old)
        assert response.status_code == 200, old  # the feed itself: some calendar apps follow no redirect
    assert "Repair café du 4e" in client.get(old_addresses[0]).content.decode()
    # New subscriptions get the address with the language.
    assert in_language("fr", "events:my_feed", token=token.token) == f"/fr/events/calendar/{token.token}.ics"

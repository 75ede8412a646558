"""What a proxy and a browser may keep: public pages for people who are not signed in, private the rest.

An anonymous read of a public page sets no cookie, says `Cache-Control: public` with a short max-age, has
an ETag, and is answered 304 when the visitor already holds it; a signed-in page says `private`.
"""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.initiatives.tests.factories import InitiativeFactory
from mobilization.territory.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_pages() -> dict[str, str]:
    initiative = InitiativeFactory(title="Atelier vélo du 11e")
    place = PlaceFactory(name="Fontaine Wallace – Rue de Rivoli")
    return {
        "home": reverse("home"),
        "initiatives list": reverse("initiatives:list"),
        "an initiative": initiative.get_absolute_url(),
        "the plan": reverse("plan:dashboard"),
        "the places list": reverse("territory:places"),
        "a place": place.get_absolute_url(),
    }


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def test_an_anonymous_read_of_a_public_page_sets_no_cookie_and_may_be_cached_by_a_proxy(public_pages):
    for label, url in public_pages.items():
        response = Client().get(url)

        assert response.status_code == 200, label
        assert not response.cookies, f"{label} sets {list(response.cookies)}"
        assert "Set-Cookie" not in str(response.serialize_headers()), label
        assert {"public", "max-age=60", "stale-while-revalidate=60"} <= directives(response), label
        assert response["ETag"].startswith('"'), label
        # The address holds the language: the page does not vary on the browser's language.
        assert "accept-language" not in vary(response), label
        assert "hx-request" in vary(response), label
    assert not Session.objects.exists(), "an anonymous read creates no session"


def test_a_visitor_who_holds_the_page_already_gets_304_without_it(public_pages):
    for label, url in public_pages.items():
        first = Client().get(url)

        again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 304, label
        assert again.content == b"", label
        assert again["ETag"] == first["ETag"], label
        # The copy the browser holds keeps its own Content-Security-Policy (and nonce).
        assert "Content-Security-Policy" not in again, label


def test_the_etag_leaves_out_the_nonce_that_changes_on_every_response(public_pages):
    first, second = Client().get(public_pages["home"]), Client().get(public_pages["home"])

    assert first.content != second.content, "each response has a nonce of its own"
    assert first["ETag"] == second["ETag"]


def test_a_page_that_changed_is_sent_again(public_pages):
    url = public_pages["initiatives list"]
    before = Client().get(url)
    InitiativeFactory(title="Jardin partagé des Amandiers", district_number=20)

    after = Client().get(url, HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert "Jardin partagé des Amandiers" in after.content.decode()
    assert after["ETag"] != before["ETag"]


def test_pages_for_someone_signed_in_stay_private(public_pages):
    client = Client()
    client.force_login(MemberFactory())

    for label, url in [*public_pages.items(), ("inbox", reverse("notifications:inbox"))]:
        response = client.get(url)

        assert response.status_code == 200, label
        assert "public" not in directives(response), label
        assert {"private", "no-cache"} <= directives(response), label


def test_a_page_with_a_form_for_visitors_is_private_and_may_set_the_csrf_cookie():
    for url in (reverse("account_login"), reverse("account_signup")):
        response = Client().get(url)

        assert response.status_code == 200
        assert "csrftoken" in response.cookies
        assert "public" not in directives(response)
        assert "private" in directives(response)


def test_the_health_check_is_never_taken_from_a_cache():
    response = Client().get(reverse("health"))

    assert "public" not in directives(response)
    assert "no-cache" in directives(response) or "max-age=0" in directives(response)


def test_an_old_address_redirect_is_not_stored_by_a_proxy():
    response = Client().get("/initiatives/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 302
    assert "public" not in directives(response)

"""The page shell (core.shell): the layout rendered once per process and language for visitors who are not
signed in, filled in on each request. It must give the very page `render()` gives, and never one
visitor's page to another."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import add_message, constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.safestring import mark_safe

from mobilization.core import shell
from mobilization.territory.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def without_nonce(html: str) -> str:
    return re.sub(r'nonce="[^"]+"', 'nonce=""', html)


def nonces(html: str) -> set[str]:
    return set(re.findall(r'nonce="([^"]+)"', html))


def test_a_page_from_the_shell_is_the_page_render_gives(monkeypatch):
    place = PlaceFactory(name="Fontaine <Wallace> & fils")
    for url in [reverse("territory:places") + "?kind=fountain&x=%3Cb%3E", place.get_absolute_url()]:
        Client().get(url)  # the shell is kept
        from_shell = Client().get(url).content.decode()
        monkeypatch.setattr(shell, "may_use_shell", lambda request: False)
        rendered = Client().get(url).content.decode()
        monkeypatch.undo()

        assert without_nonce(from_shell) == without_nonce(rendered)
        assert "Fontaine &lt;Wallace&gt; &amp; fils" in from_shell


def test_each_response_has_its_own_nonce_in_its_page_and_its_header():
    url = reverse("territory:places")
    first, second = Client().get(url), Client().get(url)

    for response in (first, second):
        (nonce,) = nonces(response.content.decode())
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert nonces(first.content.decode()) != nonces(second.content.decode())


def test_the_other_language_links_follow_each_address():
    Client().get("/fr/places/")
    page = Client().get("/fr/places/?kind=fountain&district=75111").content.decode()

    english = "/en/places/?kind=fountain&amp;district=75111"
    assert f'<link rel="alternate" hreflang="en" href="{english}">' in page
    assert f'<a href="{english}" hreflang="en" lang="en">English</a>' in page


def test_a_member_never_gets_the_visitors_shell_nor_a_visitor_the_members_page(django_user_model):
    url = reverse("territory:places")
    member = django_user_model.objects.create_user(email="member@example.org", password="x" * 12)
    Client().get(url)
    signed_in = Client()
    signed_in.force_login(member)

    member_page = signed_in.get(url).content.decode()
    visitor_page = Client().get(url).content.decode()

    assert reverse("notifications:inbox") in member_page
    assert reverse("account_login") not in member_page
    assert reverse("account_login") in visitor_page
    assert reverse("notifications:inbox") not in visitor_page


def test_a_visitor_with_a_message_waiting_gets_the_page_rendered_whole():
    request = RequestFactory().get("/fr/places/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    assert shell.may_use_shell(request)

    add_message(request, constants.INFO, "Saved.")

    assert not shell.may_use_shell(request)


def test_a_fragment_escapes_what_it_is_given_unless_marked_safe():
    request = RequestFactory().get("/fr/places/")
    html = shell.render_fragment(
        request,
        "territory/_places_content.html",
        {"near": True, "several_pages": False, "has_rows": True},
        {
            "filters": mark_safe("<form></form>"),
            "query": 'a="b"&c',
            "near_lat": "48.8",
            "near_lon": "2.3",
            "near_label": "<script>",
            "count_title": "2 places",
            "page_number": 1,
            "page_total": 1,
            "rows": mark_safe("<tr><td>A</td></tr>"),
            "pagination": "",
        },
    )

    assert html.startswith("<form></form>")
    assert 'data-query="a=&quot;b&quot;&amp;c"' in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<tr><td>A</td></tr>" in html

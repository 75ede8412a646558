"""The platform's icon: linked from every page and answered at /favicon.ico, where browsers look for it."""

import pytest
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_links_the_svg_icon(client):
    html = client.get(reverse("home")).content.decode()

    assert f'<link rel="icon" href="{static("core/favicon.svg")}" type="image/svg+xml">' in html


def test_favicon_ico_leads_to_the_icon_instead_of_a_404(client):
    answer = client.get(reverse("favicon"))

    assert answer.status_code == 302
    assert answer["Location"] == static("core/favicon.svg")
    icon = client.get(answer["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(icon.streaming_content if icon.streaming else [icon.content])

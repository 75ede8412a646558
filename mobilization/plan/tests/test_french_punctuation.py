"""French pages put a non-breaking space before the colon of "2004 : 28"; English pages write "2004: 28"."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def _indicator_series(html: str) -> str:
    """The text of the first indicator's series of figures, under the "Indicators" heading."""
    section = html[html.index('<h3><a href="') :]
    return re.search(r"<p>(.*?)</p>", section, re.S).group(1)


def test_an_indicator_series_reads_2004_colon_28_with_french_spacing_on_a_french_page(client, paris_plan):
    with translation.override("fr"):
        french_url = reverse("plan:objective", kwargs={"slug": "carbon-footprint"})
    with translation.override("en"):
        english_url = reverse("plan:objective", kwargs={"slug": "carbon-footprint"})

    french = _indicator_series(client.get(french_url).content.decode())
    english = _indicator_series(client.get(english_url).content.decode())

    assert re.search(r"\b2004\u00a0: \d", french), french
    assert not re.search(r"\d: \d", french)
    assert re.search(r"\b2004: \d", english), english

"""RSS and Atom feeds of newly published initiatives: all, per arrondissement, per theme."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse_lazy

from mobilization.initiatives.models import Initiative
from mobilization.initiatives.tests.factories import InitiativeFactory, arrondissement

pytestmark = pytest.mark.django_db

RSS = reverse_lazy("initiatives:feed_rss")
ATOM = reverse_lazy("initiatives:feed_atom")
ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}


def xml(content):
    return ET.fromstring(content)  # noqa: S314 - the answer of our own test server


def rss_titles(response):
    return [item.findtext("title") for item in xml(response.content).iter("item")]


def test_the_rss_feed_lists_newly_published_initiatives_newest_first(client):
    InitiativeFactory(title="Ancienne", published_days_ago=10)
    InitiativeFactory(title="Récente", published_days_ago=1)
    InitiativeFactory(title="Brouillon", status=Initiative.Status.DRAFT)

    response = client.get(RSS)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss_titles(response) == ["Récente", "Ancienne"]
    channel = xml(response.content).find("channel")
    assert channel.findtext("title") == "New climate initiatives"
    assert (
        channel.find("item")
        .findtext("link")
        .endswith(Initiative.objects.get(title="Récente").get_absolute_url())
    )


def test_feeds_per_district_and_per_theme(client):
    InitiativeFactory(title="Vélo 11e", district_number=11, themes=["mobility"])
    InitiativeFactory(title="Jardin 11e", district_number=11, themes=["greening"])
    InitiativeFactory(title="Vélo 20e", district_number=20, themes=["mobility"])

    in_11 = client.get(RSS, {"district": "75111"})
    mobility = client.get(RSS, {"theme": "mobility"})
    both = client.get(RSS, {"district": "75111", "theme": "mobility"})

    assert set(rss_titles(in_11)) == {"Vélo 11e", "Jardin 11e"}
    assert "11e arrondissement" in xml(in_11.content).find("channel").findtext("title")
    assert set(rss_titles(mobility)) == {"Vélo 11e", "Vélo 20e"}
    assert rss_titles(both) == ["Vélo 11e"]


def test_the_atom_feed_is_valid_atom(client):
    InitiativeFactory(title="Atelier vélo", themes=["mobility"])

    response = client.get(ATOM, {"theme": "mobility"})
    root = xml(response.content)

    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert [
        entry.findtext("atom:title", namespaces=ATOM_NS) for entry in root.findall("atom:entry", ATOM_NS)
    ] == ["Atelier vélo"]
    assert root.find("atom:entry/atom:category", ATOM_NS).get("term") == "Mobility"


@pytest.mark.parametrize(
    "params", [{"district": "75199"}, {"district": "<b>"}, {"theme": "nope"}, {"district": "\x00"}]
)
def test_an_unknown_district_or_theme_is_a_404(client, params):
    arrondissement(11)
    assert client.get(RSS, params).status_code == 404


def test_an_organisers_markup_is_escaped_in_the_feed(client):
    InitiativeFactory(title="<script>alert(1)</script>", summary="<img src=x onerror=alert(1)>")

    response = client.get(RSS)
    item = xml(response.content).find("channel/item")

    assert "<img" not in item.findtext("description")
    assert "&lt;img" in item.findtext("description")

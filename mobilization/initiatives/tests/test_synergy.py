"""Similar initiatives nearby, and clusters of them for staff."""

import pytest

from mobilization.initiatives import synergy
from mobilization.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_a_new_compost_project_finds_the_compost_next_door_and_says_why(make_initiative, twentieth):
    compost = make_initiative("Compost partagé du square Maurice-Gardette", themes=["waste_repair"])
    make_initiative(
        "Chorale du quartier", themes=["education"], summary="On chante.", description="Chansons."
    )
    make_initiative(
        "Compost du square lointain", lat=48.86, lon=2.405, district=twentieth, themes=["waste_repair"]
    )  # about 2.9 km away: outside 1 km
    make_initiative("Compost en brouillon", status=Initiative.Status.DRAFT)

    found = synergy.similar_initiatives(
        "Composteur collectif square Gardette",
        "Un compost pour les déchets de cuisine des voisins.",
        ["waste_repair"],
        48.8605,
        2.3655,
        within_km=1,
    )

    assert [item.initiative for item in found] == [compost]
    item = found[0]
    assert "compost" in item.shared_words
    assert item.distance_m < 100
    assert "same theme: Waste and repair" in item.explanation
    assert "m away" in item.explanation


def test_the_initiative_page_lists_similar_ones_but_not_itself(make_initiative):
    first = make_initiative(
        "Jardin partagé des Amandiers", themes=["greening"], description="Potager et jardin"
    )
    second = make_initiative("Jardin partagé Truillot", themes=["greening"], description="Un jardin potager")
    found = synergy.cached_similar_to(first)
    assert [item.initiative for item in found] == [second]
    assert synergy.cached_similar_to(first)[0].initiative == second  # from the cache


def test_clusters_link_similar_initiatives_of_an_arrondissement(make_initiative, eleventh):
    a = make_initiative(
        "Atelier réparation vélos", description="Réparer son vélo, atelier vélo", themes=["mobility"]
    )
    b = make_initiative(
        "Réparation de vélos solidaire", description="Atelier vélo pour tous", themes=["mobility"]
    )
    make_initiative(
        "Chorale", summary="Chanter ensemble", description="Chansons du monde", themes=["education"]
    )

    clusters = synergy.clusters_in(eleventh)

    assert len(clusters) == 1
    assert {i.pk for i in clusters[0].initiatives} == {a.pk, b.pk}
    # The members' own words, as people wrote them, not the stems of the index.
    assert {"vélos", "réparation"} <= set(clusters[0].shared_words)

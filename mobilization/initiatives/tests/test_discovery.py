"""Finding initiatives: the list, its filters and sorting, the map data and the arrondissement pages."""

import html
import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation

from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.events.models import Event
from mobilization.initiatives.models import ImpactRecord, Initiative
from mobilization.initiatives.services import ImpactTotal
from mobilization.initiatives.tests.factories import InitiativeFactory, arrondissement, person

pytestmark = pytest.mark.django_db

LIST = reverse_lazy("initiatives:list")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


CARD_TITLE = re.compile(r'<h3 id="initiative-\d+-title"><a href="[^"]*">([^<]*)</a></h3>')
DISTANCE = re.compile(r'<span class="muted">([\d.,]+)\s*km')


def listed(response):
    """The titles of the cards on the page, in order (the cards are cached HTML, not a context)."""
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def distances(response) -> list[float]:
    return [float(km.replace(",", ".")) for km in DISTANCE.findall(response.content.decode())]


def event_for(initiative, *, in_days=3, status=Event.Status.SCHEDULED):
    starts = timezone.now() + timedelta(days=in_days)
    return Event.objects.create(
        initiative=initiative,
        title=f"Rendez-vous {initiative.title}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        address="12 rue Oberkampf",
        lat=initiative.lat,
        lon=initiative.lon,
        status=status,
        created_by=initiative.organiser,
    )


def test_the_list_shows_published_initiatives_newest_first_and_no_others(client):
    InitiativeFactory(title="Ancienne", published_days_ago=20)
    InitiativeFactory(title="Récente", published_days_ago=1)
    InitiativeFactory(title="Brouillon", status=Initiative.Status.DRAFT)
    InitiativeFactory(title="Soumise", status=Initiative.Status.SUBMITTED)
    InitiativeFactory(title="Refusée", status=Initiative.Status.REJECTED)
    InitiativeFactory(title="En pause", status=Initiative.Status.PAUSED)

    response = client.get(LIST)

    assert response.status_code == 200
    assert listed(response) == ["Récente", "Ancienne"]
    assert "2 initiatives found" in response.content.decode()


def test_paused_and_finished_initiatives_are_listed_on_demand(client):
    InitiativeFactory(title="Active")
    InitiativeFactory(title="En pause", status=Initiative.Status.PAUSED)
    InitiativeFactory(title="Terminée", status=Initiative.Status.FINISHED)
    InitiativeFactory(title="Brouillon", status=Initiative.Status.DRAFT)

    assert listed(client.get(LIST, {"status": "paused"})) == ["En pause"]
    assert listed(client.get(LIST, {"status": "finished"})) == ["Terminée"]
    assert set(listed(client.get(LIST, {"status": "all"}))) == {"Active", "En pause", "Terminée"}
    # A status that is not public is not a choice: the form says so, nothing private shows.
    response = client.get(LIST, {"status": "draft"})
    assert "Brouillon" not in listed(response)
    assert response.context["filters"].errors["status"]


def test_a_volunteer_searches_without_accents_and_finds_the_atelier_velo(client):
    InitiativeFactory(title="Atelier vélo de la Roquette", summary="Réparer son vélo ensemble.")
    InitiativeFactory(title="Jardin partagé", summary="Un potager.", themes=["greening"])

    response = client.get(LIST, {"q": "velo"})

    assert listed(response) == ["Atelier vélo de la Roquette"]
    assert "best matches first" in response.content.decode()


def test_filters_by_theme_district_volunteers_and_upcoming_event(client):
    bikes = InitiativeFactory(title="Vélo 11e", themes=["mobility"], district_number=11, volunteers_needed=3)
    InitiativeFactory(title="Vélo 20e", themes=["mobility"], district_number=20)
    InitiativeFactory(title="Compost 11e", themes=["waste_repair", "greening"], district_number=11)
    event_for(bikes)
    past = InitiativeFactory(title="Vélo passé", district_number=11)
    event_for(past, in_days=-3)
    cancelled = InitiativeFactory(title="Vélo annulé", district_number=11)
    event_for(cancelled, status=Event.Status.CANCELLED)

    assert set(listed(client.get(LIST, {"theme": "greening"}))) == {"Compost 11e"}
    assert set(listed(client.get(LIST, {"district": "75120"}))) == {"Vélo 20e"}
    assert listed(client.get(LIST, {"needs_volunteers": "on"})) == ["Vélo 11e"]
    assert listed(client.get(LIST, {"has_upcoming_event": "on"})) == ["Vélo 11e"]
    combined = client.get(
        LIST, {"theme": "mobility", "district": "75111", "has_upcoming_event": "on", "q": "vélo"}
    )
    assert listed(combined) == ["Vélo 11e"]


def test_the_card_shows_district_themes_needs_and_next_event(client):
    bikes = InitiativeFactory(title="Vélo 11e", volunteers_needed=5, needs="Le samedi matin")
    event_for(bikes, in_days=5)
    event_for(bikes, in_days=9)

    page = client.get(LIST).content.decode()

    assert "11e arrondissement" in page
    assert "Mobility" in page
    assert "5 volunteers" in page
    assert "Le samedi matin" in page
    assert "Next event:" in page
    assert f'href="{bikes.get_absolute_url()}"' in page


def test_nearest_first_from_a_point_or_an_arrondissement_centre(client):
    InitiativeFactory(title="Dans le 15e", district_number=15, published_days_ago=1)
    InitiativeFactory(title="Dans le 20e", district_number=20, published_days_ago=2)
    InitiativeFactory(title="Dans le 11e", district_number=11, published_days_ago=3)

    near_20 = client.get(LIST, {"near_district": "75120"})
    assert listed(near_20) == ["Dans le 20e", "Dans le 11e", "Dans le 15e"]
    near_15 = client.get(LIST, {"lat": "48.84", "lon": "2.29"})
    assert listed(near_15) == ["Dans le 15e", "Dans le 11e", "Dans le 20e"]
    assert distances(near_15)[0] < 1
    # Newest first when asked, even with a point.
    assert listed(client.get(LIST, {"lat": "48.84", "lon": "2.29", "sort": "newest"}))[0] == "Dans le 15e"
    assert listed(client.get(LIST, {"near_district": "75111", "sort": "newest"})) == [
        "Dans le 15e",
        "Dans le 20e",
        "Dans le 11e",
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"lat": "north", "lon": "2.3"},
        {"lat": "1e999", "lon": "nan"},
        {"lat": "91", "lon": "2.3"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"district": "<script>"},
        {"theme": "\x00"},
        {"q": "\x00velo"},
        {"q": "é" * 10000},
        {"near_district": "75199"},
        {"district": "75\x00"},
        {"near_district": "\x00"},
        {"status": "\x00"},
        {"sort": "nearest"},
    ],
)
def test_bad_parameters_are_answered_not_crashed(client, params):
    InitiativeFactory(title="Atelier vélo")

    response = client.get(LIST, params)

    assert response.status_code == 200


def test_the_list_is_paginated_by_twenty(client):
    for number in range(23):
        InitiativeFactory(title=f"Initiative {number:02d}", published_days_ago=number, index=False)

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert len(listed(first)) == 20
    assert listed(second) == ["Initiative 20", "Initiative 21", "Initiative 22"]
    assert "Page 1 of 2" in first.content.decode()


@pytest.mark.parametrize(
    "params", [{}, {"q": "velo"}, {"near_district": "75111", "has_upcoming_event": "on"}]
)
def test_the_list_takes_the_same_number_of_queries_whatever_the_results(client, params):
    organiser = person()

    def add_rows():
        for number in range(8):
            initiative = InitiativeFactory(title=f"Vélo {number}", organiser=organiser, volunteers_needed=2)
            event_for(initiative)
            ImpactRecord.objects.create(
                initiative=initiative,
                unit="people",
                quantity=10,
                date=timezone.localdate(),
                created_by=organiser,
            )

    def fetch():
        cache.clear()  # the results are cached: count the queries of computing them
        return client.get(LIST, params)

    first = InitiativeFactory(title="Vélo premier", organiser=organiser)
    event_for(first)
    # version, count and page (one query when searching), rows, next events, the organisations that run
    # them (registries.organisers_shown), the two arrondissement menus, and the arrondissement chosen as
    # `near_district`; the menus are read once per process and state of the other filters (the form's
    # shell, kept by the process: `cache.clear()` does not drop it)
    queries = assert_queries_do_not_grow(fetch, add_rows, at_most=9)
    if "q" in params:
        assert queries == 5


def test_the_cached_results_change_as_soon_as_an_initiative_or_an_event_changes(client):
    bikes = InitiativeFactory(title="Atelier vélo")
    assert "Atelier vélo" in client.get(LIST).content.decode()
    assert "Next event:" not in client.get(LIST).content.decode()  # from the cache

    event = event_for(bikes)
    assert "Next event:" in client.get(LIST).content.decode()

    InitiativeFactory(title="Jardin partagé")
    assert "Jardin partagé" in client.get(LIST).content.decode()

    bikes.status = Initiative.Status.PAUSED
    bikes.save()
    page = client.get(LIST).content.decode()
    assert "Atelier vélo" not in page
    assert "Jardin partagé" in page

    event.delete()
    assert "Next event:" not in client.get(LIST, {"status": "all"}).content.decode()


def test_a_card_is_rendered_once_and_again_when_what_it_shows_changes(client):
    bikes = InitiativeFactory(title="Atelier vélo", volunteers_needed=2)
    assert "2 volunteers" in client.get(LIST).content.decode()

    bikes.volunteers_needed = 3
    bikes.save()
    forget_results()  # only the cards stay

    assert "3 volunteers" in client.get(LIST).content.decode()


def forget_results():
    """Forget the cached results and pages of the lists but keep every cached card: what a page shows
    then comes from the cards' cache alone."""
    # The local-memory cache keeps its keys made (":1:initiatives:results:…"): the name is after the version.
    names = [key.split(":", 2)[2] for key in list(cache._cache)]
    forgotten = ("initiatives:results:", "initiatives:listing:")
    cache.delete_many([name for name in names if name.startswith(forgotten)])
    assert not [name for name in names if cache.get(name) is not None and name.startswith(forgotten)]


def test_a_cached_card_shows_a_new_title_at_once(client):
    bikes = InitiativeFactory(title="Atelier vélo")
    assert "Atelier vélo" in client.get(LIST).content.decode()

    bikes.title = "Atelier vélo et trottinettes"
    bikes.save()
    forget_results()

    assert "Atelier vélo et trottinettes" in client.get(LIST).content.decode()


def test_a_cached_card_shows_a_new_next_event_and_forgets_a_cancelled_one_at_once(client):
    bikes = InitiativeFactory(title="Atelier vélo")
    assert "Next event:" not in client.get(LIST).content.decode()

    event = event_for(bikes, in_days=4)
    forget_results()
    page = client.get(LIST).content.decode()
    assert "Next event:" in page
    assert timezone.localtime(event.starts_at).isoformat()[:16] in page

    sooner = event_for(bikes, in_days=2)
    forget_results()
    assert timezone.localtime(sooner.starts_at).isoformat()[:16] in client.get(LIST).content.decode()

    sooner.status = Event.Status.CANCELLED
    sooner.save()
    event.status = Event.Status.CANCELLED
    event.save()
    forget_results()
    assert "Next event:" not in client.get(LIST).content.decode()


def test_a_cached_card_speaks_the_language_of_the_page(client):
    InitiativeFactory(title="Atelier vélo", themes=["mobility"], volunteers_needed=2)
    with translation.override("fr"):
        french = client.get(reverse("initiatives:list")).content.decode()
    forget_results()
    with translation.override("en"):
        english = client.get(reverse("initiatives:list")).content.decode()

    assert "Mobilité" in french and "2 bénévoles" in french
    assert "Mobility" in english and "2 volunteers" in english
    assert "Mobilité" not in english


def test_a_page_of_cached_cards_reads_no_initiative_in_full(client):
    """Cards already rendered are found from their keys alone: no query reads the initiatives' texts."""
    for number in range(3):
        event_for(InitiativeFactory(title=f"Vélo {number}"))
    client.get(LIST)
    forget_results()

    with CaptureQueriesContext(connection) as queries:
        page = client.get(LIST).content.decode()

    assert "Vélo 2" in page
    assert not [query for query in queries if '"summary"' in query["sql"]]
    # the count and the page's keys: the cards shown since the last change of the initiatives and the
    # events are found by their keys and those versions alone
    assert len(queries) == 2, [query["sql"] for query in queries]

    cache.delete_many([key.split(":", 2)[2] for key in list(cache._cache) if ":recent-card:" in key])
    forget_results()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(LIST).content.decode()

    assert "Vélo 2" in page
    assert not [query for query in queries if '"summary"' in query["sql"]]
    # and the others by what decides each card (with its next event), read in one query, and the
    # organisations that run some of them (named on their cards)
    assert len(queries) == 4, [query["sql"] for query in queries]


def test_an_address_that_only_adds_a_parameter_reads_the_page_from_the_cache_but_a_search_ranks_again(client):
    for number in range(3):
        InitiativeFactory(title=f"Vélo {number}")
    client.get(LIST)
    client.get(LIST, {"q": "velo"})

    with CaptureQueriesContext(connection) as queries:
        page = client.get(LIST, {"from": "newsletter"}).content.decode()
    assert "Vélo 2" in page
    assert not queries, [query["sql"] for query in queries]  # the page, its cards and the versions

    with CaptureQueriesContext(connection) as queries:
        page = client.get(LIST, {"q": "velo", "from": "newsletter"}).content.decode()
    assert "Vélo 2" in page
    assert len(queries) == 1  # its ranking, in the database's full-text engine


def test_a_new_search_shows_its_words_and_keeps_the_rest_of_the_filter_form_cached(client):
    InitiativeFactory(title="Atelier vélo", themes=["mobility"])
    InitiativeFactory(title="Jardin partagé", themes=["greening"])
    client.get(LIST, {"q": "velo", "theme": "mobility"})

    with CaptureQueriesContext(connection) as queries:
        page = client.get(LIST, {"q": "jardin", "theme": "mobility"}).content.decode()

    assert 'name="q" id="id_q" value="jardin"' in page
    assert '<option value="mobility" selected>' in page
    # The arrondissement menus come from the cached form: no query lists the arrondissements.
    assert not [query for query in queries if 'FROM "territory_district"' in query["sql"]]
    page = client.get(LIST, {"q": "jardin", "theme": "greening"}).content.decode()
    assert '<option value="greening" selected>' in page
    assert '<option value="mobility" selected>' not in page
    assert "Jardin partagé" in page


def test_the_map_data_and_the_district_page_take_a_fixed_number_of_queries(client):
    organiser = person()
    InitiativeFactory(title="Vélo premier", organiser=organiser)

    def add_rows():
        for number in range(8):
            initiative = InitiativeFactory(title=f"Vélo {number}", organiser=organiser)
            event_for(initiative)

    def map_data():
        cache.clear()
        return client.get(reverse("initiatives:map_data"), {"q": "velo"})

    assert_queries_do_not_grow(map_data, add_rows, at_most=5)
    district = reverse("initiatives:district", kwargs={"code": "75111"})
    assert_queries_do_not_grow(lambda: client.get(district), add_rows, at_most=12)


def test_the_map_page_has_the_filters_the_map_and_a_plain_list(client):
    InitiativeFactory(title="Atelier vélo", district_number=11)

    response = client.get(reverse("initiatives:map"), {"district": "75111", "q": "velo"})
    page = response.content.decode()

    assert response.status_code == 200
    assert 'id="initiatives-map"' in page
    assert reverse("initiatives:map_data") + "?district=75111&amp;q=velo" in page
    assert "<table" in page
    assert "Atelier vélo" in page
    assert "nonce=" in page
    assert "initiatives/map.js" in page


def test_the_map_data_is_light_geojson_with_the_same_filters(client):
    bikes = InitiativeFactory(
        title="Atelier vélo", district_number=11, themes=["mobility"], lat=48.86, lon=2.37
    )
    InitiativeFactory(title="Jardin", summary="Un potager.", district_number=20, themes=["greening"])
    InitiativeFactory(title="Brouillon vélo", status=Initiative.Status.DRAFT)

    response = client.get(reverse("initiatives:map_data"), {"q": "velo"})
    data = json.loads(response.content)

    assert response["Content-Type"] == "application/geo+json"
    assert data["type"] == "FeatureCollection"
    assert data["features"] == [
        {
            "type": "Feature",
            "id": bikes.pk,
            "geometry": {"type": "Point", "coordinates": [2.37, 48.86]},
            "properties": {
                "id": bikes.pk,
                "title": "Atelier vélo",
                "url": reverse("initiatives:detail", kwargs={"pk": bikes.pk}),
                "themes": ["mobility"],
                "district": "75111",
            },
        }
    ]
    assert len(json.loads(client.get(reverse("initiatives:map_data")).content)["features"]) == 2
    assert client.get(reverse("initiatives:map_data"), {"lat": "x", "lon": "1"}).status_code == 400


def test_the_map_data_is_cached_a_short_time_per_query_string(client):
    InitiativeFactory(title="Atelier vélo")
    url = reverse("initiatives:map_data")
    assert len(json.loads(client.get(url).content)["features"]) == 1

    InitiativeFactory(title="Deuxième atelier")

    assert len(json.loads(client.get(url).content)["features"]) == 1  # from the cache
    assert len(json.loads(client.get(url, {"theme": "mobility"}).content)["features"]) == 2
    cache.clear()
    assert len(json.loads(client.get(url).content)["features"]) == 2


def test_the_district_page_shows_its_initiatives_upcoming_events_and_impact(client):
    here = InitiativeFactory(
        title="Atelier vélo du 11e", district_number=11, themes=["mobility", "waste_repair"]
    )
    elsewhere = InitiativeFactory(title="Jardin du 20e", district_number=20)
    hidden = InitiativeFactory(title="Brouillon du 11e", district_number=11, status=Initiative.Status.DRAFT)
    event_for(here)
    event_for(elsewhere)
    event_for(hidden)
    for initiative, quantity in [(here, "12.5"), (elsewhere, "99"), (hidden, "1000")]:
        ImpactRecord.objects.create(
            initiative=initiative,
            unit="kg_waste",
            quantity=Decimal(quantity),
            date=timezone.localdate(),
            created_by=initiative.organiser,
        )

    response = client.get(reverse("initiatives:district", kwargs={"code": "75111"}))
    page = response.content.decode()

    assert listed(response) == ["Atelier vélo du 11e"]
    assert [event.initiative.title for event in response.context["events"]] == ["Atelier vélo du 11e"]
    assert response.context["impact"] == [ImpactTotal("kg_waste", "kg of waste avoided", Decimal("12.5"))]
    assert [theme.theme for theme in response.context["impact_by_theme"]] == ["mobility", "waste_repair"]
    assert "12.5" in page
    assert "Brouillon" not in page
    assert "Jardin du 20e" not in page
    assert 'rel="alternate" type="application/rss+xml"' in page
    assert "?district=75111" in page


def test_an_unknown_district_page_is_a_404(client):
    arrondissement(11)
    assert client.get(reverse("initiatives:district", kwargs={"code": "75199"})).status_code == 404
    assert client.get(reverse("initiatives:district", kwargs={"code": "x" * 300})).status_code == 404


def test_the_list_links_its_feeds_and_downloads_with_its_filters(client):
    InitiativeFactory(title="Atelier vélo")

    page = client.get(LIST, {"district": "75111", "theme": "mobility", "page": "1"}).content.decode()

    assert 'rel="alternate" type="application/rss+xml"' in page
    assert 'rel="alternate" type="application/atom+xml"' in page
    assert reverse("initiatives:feed_rss") + "?district=75111&amp;theme=mobility" in page
    assert reverse("initiatives:download_csv") + "?district=75111&amp;theme=mobility" in page
    assert "Licence Ouverte" in page


def test_the_filter_form_is_a_labelled_get_form(client):
    page = client.get(LIST).content.decode()

    assert '<form method="get"' in page
    for field in ["q", "theme", "district", "status", "needs_volunteers", "has_upcoming_event", "lat", "lon"]:
        assert f'<label for="id_{field}"' in page


@pytest.mark.django_db
def test_filter_forms_share_their_fields_but_not_what_one_request_asked_or_got_wrong(client):
    """The list's filter forms share their field objects (core.filtering): a request's values, errors and
    arrondissement stay on its own form, and the next request sees a fresh one."""
    from mobilization.initiatives.filters import InitiativeFilter

    district = arrondissement(11)
    wrong = InitiativeFilter({"lat": "north", "district": district.code})
    right = InitiativeFilter({"q": "vélo"})
    assert wrong.form.fields["district"] is right.form.fields["district"]
    assert not wrong.is_valid() and "lat" in wrong.form.errors
    assert wrong.form.cleaned_data["district"] == district
    assert right.is_valid() and right.form.errors == {}
    assert right.form.cleaned_data["district"] is None and right.form.cleaned_data["q"] == "vélo"

    page = client.get(reverse("initiatives:list"), {"district": district.code}).content.decode()
    assert f'<option value="{district.code}" selected>' in page
    page = client.get(reverse("initiatives:list")).content.decode()
    assert '<option value="" selected>All of Paris</option>' in page
    assert f'<option value="{district.code}">' in page

"""The pages: the footer link, the suggestion form (rate-limited), the board, the roadmap, the releases."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from mobilization.codesign import services
from mobilization.codesign.models import Idea, Suggestion
from mobilization.codesign.tests.factories import IdeaFactory, SuggestionFactory
from mobilization.core.testing import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def test_every_page_links_to_the_suggestion_form_with_its_own_address_and_sets_no_cookie():
    places = reverse("territory:places")

    response = Client().get(places)

    assert f"{reverse('codesign:suggest')}?from={places}" in response.content.decode()
    assert not response.cookies


def test_a_visitor_suggests_an_improvement_from_the_map_page():
    places = reverse("territory:places")
    client = Client()
    form = client.get(reverse("codesign:suggest"), {"from": places})
    assert f'value="{places}"' in form.content.decode()

    response = client.post(
        reverse("codesign:suggest"),
        {
            "trying_to": "Trouver une fontaine",
            "would_help": "Un filtre",
            "page": places,
            "email": "a@example.org",
        },
    )

    assert response.status_code == 302
    assert "suggestion-received" in client.get(response["Location"]).content.decode()
    suggestion = Suggestion.objects.get()
    assert (suggestion.page, suggestion.language, suggestion.email, suggestion.author) == (
        places,
        places.split("/")[1],
        "a@example.org",
        None,
    )


def test_a_signed_in_member_is_not_asked_for_an_address(client, volunteer):
    client.force_login(volunteer)

    page = client.get(reverse("codesign:suggest")).content.decode()

    assert 'name="email"' not in page


def test_suggestions_are_rate_limited():
    client = Client()
    data = {"trying_to": "a", "would_help": "b"}
    statuses = [client.post(reverse("codesign:suggest"), data).status_code for _n in range(6)]

    assert statuses == [302] * 5 + [429]
    assert Suggestion.objects.count() == 5


def test_the_board_by_tool_and_the_roadmap_are_public_and_read_in_few_queries(client):
    IdeaFactory(title="Carte hors ligne", tool="maps")
    IdeaFactory(title="Rappels d'événements", tool="initiatives")

    board = client.get(reverse("codesign:board"), {"tool": "maps"}).content.decode()

    assert "Carte hors ligne" in board and "Rappels d&#x27;événements" not in board
    assert_queries_do_not_grow(
        lambda: client.get(reverse("codesign:board")), lambda: IdeaFactory.create_batch(5), at_most=8
    )
    assert_queries_do_not_grow(
        lambda: client.get(reverse("codesign:roadmap")),
        lambda: IdeaFactory.create_batch(5, status="planned"),
        at_most=15,
    )


def test_staff_turn_a_suggestion_into_an_idea_through_the_page(client, staff):
    suggestion = SuggestionFactory()
    client.force_login(staff)

    response = client.post(
        reverse("codesign:suggestion", kwargs={"pk": suggestion.pk}),
        {"title": "Filtre ouvert maintenant", "body": "Sur la carte", "tool": "maps"},
    )

    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()


def test_the_release_page_lists_the_ideas_it_came_from(client, staff):
    idea = IdeaFactory(title="Filtre des fontaines")
    release = services.publish_release(
        by=staff, version="2.5", title="Carte", notes="**Nouveau**", ideas=[idea]
    )

    page = client.get(release.get_absolute_url()).content.decode()

    assert "Filtre des fontaines" in page and "<strong>Nouveau</strong>" in page


def test_public_pages_set_no_cookie_for_a_visitor(staff):
    from mobilization.codesign.tests.factories import SurveyFactory

    idea = IdeaFactory()
    release = services.publish_release(by=staff, version="7.0", title="T", notes="N", ideas=[idea])
    survey = SurveyFactory()
    for url in (
        reverse("codesign:board"),
        reverse("codesign:roadmap"),
        idea.get_absolute_url(),
        release.get_absolute_url(),
        survey.get_absolute_url(),
        reverse("codesign:surveys"),
    ):
        response = Client().get(url)

        assert response.status_code == 200, url
        assert not response.cookies, f"{url} sets {list(response.cookies)}"
        assert "<form" not in response.content.decode().split("<footer")[0], f"{url} holds a form"


def test_my_data_holds_my_suggestions_supports_and_surveys_never_my_answers(volunteer):
    from mobilization.codesign.tests.factories import SurveyFactory

    services.suggest(
        trying_to="Trouver", would_help="Un filtre", page="/fr/", language="fr", author=volunteer
    )
    idea = IdeaFactory(title="Filtre")
    services.support_idea(idea, user=volunteer)
    survey = SurveyFactory()
    single, multiple, scale, text = survey.questions.all()
    services.answer_survey(
        survey,
        user=volunteer,
        answers={
            str(single.pk): [single.options.first().pk],
            str(multiple.pk): [multiple.options.first().pk],
            str(scale.pk): 2,
            str(text.pk): "Secret",
        },
    )

    data = services.export_personal_data(volunteer)

    assert data["suggestions"][0]["trying_to"] == "Trouver" and data["supported_ideas"] == ["Filtre"]
    assert [entry["survey"] for entry in data["surveys_answered"]] == [survey.title]
    assert "Secret" not in str(data)


def test_staff_publish_a_workshop_and_put_its_ideas_on_the_board(client, staff):
    from mobilization.codesign.tests.factories import WorkshopFactory

    workshop = WorkshopFactory(title_fr="Atelier carte", notes_fr="Douze bénévoles")
    assert Client().get(workshop.get_absolute_url()).status_code == 404, "unpublished notes are the team's"
    client.force_login(staff)

    client.post(reverse("codesign:publish_workshop", kwargs={"pk": workshop.pk}))
    client.post(
        reverse("codesign:idea_new"),
        {"title": "Horaires lisibles", "body": "Sur téléphone", "tool": "maps", "workshop": workshop.pk},
    )

    page = Client().get(workshop.get_absolute_url()).content.decode()
    assert "Douze bénévoles" in page and "Horaires lisibles" in page
    idea = Idea.objects.get(title="Horaires lisibles")
    assert "Atelier carte" in Client().get(idea.get_absolute_url()).content.decode()

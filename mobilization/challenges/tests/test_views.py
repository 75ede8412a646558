"""The challenges' pages through the test client: reading them, joining, checking in, the leaderboards
(a page and the part the page polls), the method, the invite link, the open data and the API."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.challenges import services
from mobilization.challenges.models import Challenge, ChallengeCheckIn, Participant
from mobilization.challenges.tests.factories import ChallengeFactory, ParticipantFactory, TeamFactory
from mobilization.core.testing import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_a_visitor_reads_an_open_challenge_without_a_form_nor_a_cookie(client, clock, car_free):
    response = client.get(car_free.challenge.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "A month without a car" in html or "Un mois sans voiture" in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert reverse("challenges:method") in html
    assert "1.115" in html or "1,115" in html  # the day's saving for an average person


def test_the_list_shows_open_and_published_challenges_not_drafts(client):
    ChallengeFactory(title_en="Open one")
    ChallengeFactory(title_en="Finished one", status=Challenge.Status.RESULTS_PUBLISHED)
    ChallengeFactory(title_en="Secret draft", status=Challenge.Status.DRAFT)
    html = client.get(reverse("challenges:list")).content.decode()
    assert "Open one" in html and "Finished one" in html
    assert "Secret draft" not in html


def test_a_draft_is_not_found_by_visitors(client):
    draft = ChallengeFactory(status=Challenge.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_volunteer_joins_their_arrondissement_and_checks_in_once_a_day(client, clock, car_free, eleventh):
    person = MemberFactory()
    client.force_login(person)
    challenge = car_free.challenge
    response = client.post(
        reverse("challenges:join_district", args=[challenge.pk]), {"district": eleventh.pk}
    )
    assert response.status_code == 302
    assert Participant.objects.get(user=person).team.district == eleventh

    check_in = reverse("challenges:check_in", args=[challenge.pk])
    client.post(check_in, {"action": car_free.pk})
    response = client.post(check_in, {"action": car_free.pk}, follow=True)
    assert ChallengeCheckIn.objects.count() == 1
    assert "already checked this in today" in response.content.decode()
    assert "Checked in today" in response.content.decode()

    clock.day += timedelta(days=1)
    client.post(check_in, {"action": car_free.pk})
    assert ChallengeCheckIn.objects.count() == 2


def test_a_team_name_with_markup_is_shown_escaped(client, clock, car_free):
    person = MemberFactory()
    client.force_login(person)
    name = '<img src=x onerror="alert(1)">'
    response = client.post(reverse("challenges:form_team", args=[car_free.challenge_id]), {"name": name})
    assert response.status_code == 302
    for url in (
        car_free.challenge.get_absolute_url(),
        reverse("challenges:leaderboard", args=[car_free.challenge_id]),
    ):
        html = client.get(url).content.decode()
        assert name not in html
        assert "&lt;img src=x" in html


def test_the_leaderboard_is_a_page_and_the_part_the_page_polls(client, clock, car_free):
    url = reverse("challenges:leaderboard", args=[car_free.challenge_id])
    page = client.get(url)
    part = client.get(url, headers={"HX-Request": "true"})
    assert "<html" in page.content.decode()
    assert part.content.decode().lstrip().startswith('<div id="leaderboard"')
    assert 'hx-trigger="every 10s"' in part.content.decode()
    assert "HX-Request" in page["Vary"]


def test_the_leaderboard_takes_no_more_queries_with_more_teams(client, clock, car_free):
    url = reverse("challenges:leaderboard", args=[car_free.challenge_id])

    def add_rows():
        for _ in range(5):
            participant = ParticipantFactory(team__challenge=car_free.challenge)
            services.check_in(participant, car_free)
        cache.clear()

    def fetch():
        cache.clear()
        return client.get(url)

    assert_queries_do_not_grow(fetch, add_rows, at_most=6)


def test_a_friend_joins_by_the_invite_link(client, clock, car_free):
    team = TeamFactory(challenge=car_free.challenge)
    url = reverse("challenges:invite", args=[team.invite_token])
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert client.post(url).url.startswith(reverse("account_login"))
    friend = MemberFactory()
    client.force_login(friend)
    client.post(url)
    assert Participant.objects.get(user=friend).team == team
    assert client.get(reverse("challenges:invite", args=["not-the-token"])).status_code == 404


def test_published_results_are_in_the_csv_and_the_api(client, clock, car_free):
    participant = ParticipantFactory(team__challenge=car_free.challenge, team__name="Les Vélos")
    services.check_in(participant, car_free)
    csv_url = reverse("challenges:download", args=["csv"])
    api_url = reverse("api:challenges_results")
    assert "Les Vélos" not in client.get(csv_url).getvalue().decode()
    assert client.get(api_url).json() == []

    Challenge.objects.filter(pk=car_free.challenge_id).update(status=Challenge.Status.RESULTS_PUBLISHED)
    csv_text = client.get(csv_url).getvalue().decode()
    assert "Les Vélos" in csv_text and "1.115" in csv_text
    [row] = client.get(api_url).json()
    assert (row["team"], row["check_ins"], row["kg_co2e_estimated"]) == ("Les Vélos", 1, 1.115)
    readme = client.get(reverse("challenges:download", args=["txt"])).content.decode()
    assert "kg_co2e_estimated" in readme
    assert client.get(reverse("challenges:download", args=["xml"])).status_code == 404


def test_the_method_page_states_the_conversion_and_the_savings_of_the_actions_used(client, car_free):
    html = client.get(reverse("challenges:method")).content.decode()
    assert "365" in html
    assert "Nos Gestes Climat" in html
    assert "Aller au travail autrement qu&#x27;en voiture" in html
    assert "406.8" in html and "1.115" in html


def test_the_home_page_shows_the_published_total(client, clock, car_free):
    from mobilization.core.services import forget_key_figures

    participant = ParticipantFactory(team__challenge=car_free.challenge)
    services.check_in(participant, car_free)
    Challenge.objects.filter(pk=car_free.challenge_id).update(status=Challenge.Status.RESULTS_PUBLISHED)
    forget_key_figures()
    html = client.get(reverse("home")).content.decode()
    assert "collective challenges" in html or "défis collectifs" in html

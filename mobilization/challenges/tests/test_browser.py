"""In Chromium: a volunteer forms a team, a friend joins it by its invite link, both check in two days in a
row (the clock is fixed), the leaderboards and the totals change (live, on a page left open), and once the
results are published the platform's total on the home page counts them. Axe runs on every page of the
challenges app, at 1280 px and 375 px."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.challenges import services, views
from mobilization.challenges.models import ChallengeCheckIn
from mobilization.challenges.tests.factories import VEGETARIAN, ChallengeActionFactory
from mobilization.core.services import forget_key_figures
from mobilization.core.testing import look_at, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def look(page, axe_check, screenshot, name):
    look_at(page, axe_check, screenshot, f"challenges-{name}")


def total_kg(page) -> str:
    return page.locator("#leaderboard [data-total='kg']").first.inner_text()


def test_a_team_checks_in_two_days_in_a_row_and_the_leaderboard_and_totals_change(
    page, browser, live_server, axe_check, screenshot, clock, car_free, monkeypatch
):
    monkeypatch.setattr(views, "POLL_SECONDS", 1)
    challenge = car_free.challenge
    ChallengeActionFactory(
        challenge=challenge, footprint_rule=VEGETARIAN, label_en="I ate vegetarian all day"
    )
    founder = MemberFactory(display_name="Camille")
    friend = MemberFactory(display_name="Sacha")

    # A visitor finds the challenge and its method, without a cookie.
    page.goto(reverse("challenges:list"))
    look(page, axe_check, screenshot, "list")
    page.get_by_role("link", name=challenge.title_en).click()
    page.wait_for_url(re.compile(rf"/challenges/{challenge.pk}/$"))
    look(page, axe_check, screenshot, "challenge-visitor")
    assert page.context.cookies() == []
    page.get_by_role("link", name="Estimated: how we compute it").first.click()
    look(page, axe_check, screenshot, "method")

    # A volunteer forms a team; their friend joins it by the invite link.
    founder_page = signed_in_page(browser, live_server, founder)
    founder_page.goto(challenge.get_absolute_url())
    look(founder_page, axe_check, screenshot, "challenge-join")
    founder_page.get_by_label("Team name").fill("Les Vélos du Canal")
    founder_page.get_by_role("button", name="Form a team").click()
    founder_page.get_by_text("Your team “Les Vélos du Canal” is formed").wait_for()
    invite = founder_page.locator("#invite-link").get_attribute("href")

    friend_page = signed_in_page(browser, live_server, friend)
    friend_page.goto(invite)
    look(friend_page, axe_check, screenshot, "invite")
    friend_page.get_by_role("button", name="Join this team").click()
    friend_page.get_by_text("You joined the team “Les Vélos du Canal”.").wait_for()

    # A page left open on the leaderboards follows them live.
    page.goto(reverse("challenges:leaderboard", args=[challenge.pk]))
    look(page, axe_check, screenshot, "leaderboard")
    assert total_kg(page) == "0.0"
    page.goto(challenge.get_absolute_url())

    # Day one: both check in; the founder twice, from two tabs: one check-in.
    for person_page in (founder_page, friend_page):
        person_page.goto(challenge.get_absolute_url())
        person_page.get_by_role("button", name=re.compile("I did it today.*without a car")).click()
        person_page.get_by_text("Checked in today ✓").first.wait_for()
    founder_page.get_by_role("button", name=re.compile("I did it today.*vegetarian")).click()
    founder_page.get_by_text("Checked in: “I ate vegetarian all day”").wait_for()
    look(founder_page, axe_check, screenshot, "challenge-checked-in")
    second_tab = founder_page.context.new_page()
    second_tab.goto(challenge.get_absolute_url())
    assert second_tab.get_by_role("button", name=re.compile("without a car")).count() == 0
    assert ChallengeCheckIn.objects.count() == 3
    day_one = "4.6"  # 1.115 × 2 + 2.405
    page.locator("#leaderboard [data-total='kg']", has_text=day_one).wait_for(timeout=10_000)
    team_row = page.locator("#team-board tbody tr").first
    assert "Les Vélos du Canal" in team_row.inner_text()
    assert "3" in team_row.locator("td").nth(2).inner_text()

    # Day two: the founder checks in again; the totals change again (live on the page left open).
    clock.day += timedelta(days=1)
    founder_page.goto(challenge.get_absolute_url())
    founder_page.get_by_role("button", name=re.compile("I did it today.*without a car")).click()
    founder_page.get_by_text("Checked in: “I went to work without a car”").wait_for()
    assert ChallengeCheckIn.objects.filter(day=clock.day).count() == 1
    page.locator("#leaderboard [data-total='kg']", has_text="5.8").wait_for(timeout=10_000)  # + 1.115
    assert page.locator("#leaderboard [data-total='check-ins']").inner_text() == "4"
    screenshot(page, "challenges-leaderboard-live")

    # After the end, the results are published: the platform's total on the home page counts them.
    services.end(challenge, by=None, on=challenge.ends_on + timedelta(days=1))
    services.publish_results(challenge, by=None)
    forget_key_figures()
    page.goto(reverse("home"))
    figure = page.get_by_text(re.compile("CO2e avoided in collective challenges")).first
    assert figure.count() == 1
    assert "6" in page.locator("main").inner_text()  # 5.765 kg, rounded
    page.goto(challenge.get_absolute_url())
    look(page, axe_check, screenshot, "results")
    assert "Results published on" in page.content()


def test_a_representative_joins_their_organisation_team(
    browser, live_server, axe_check, screenshot, clock, car_free, monkeypatch
):
    """The offer of an organisation's team (from the kernel's affiliations registry: a provider of the test's
    own stands for the commitments app's), then its row on the leaderboard, linked to the organisation."""
    from mobilization.core import registries

    bakery = registries.Affiliation(key="organisation:7", name="Boulangerie du Marais", url="/en/")
    provider = registries.Registry("affiliations")
    provider.register("test", lambda user: [bakery])
    monkeypatch.setattr(registries, "affiliations", provider)
    challenge = car_free.challenge
    services.form_team(challenge, "Les Vélos du Canal", MemberFactory())

    page = signed_in_page(browser, live_server, MemberFactory())
    page.goto(challenge.get_absolute_url())
    look(page, axe_check, screenshot, "challenge-join-organisation")
    page.get_by_role("button", name="Join the team of Boulangerie du Marais").click()
    page.get_by_text("You joined the team “Boulangerie du Marais”").wait_for()
    look(page, axe_check, screenshot, "challenge-organisation-team")
    assert page.locator("#team-board a", has_text="Boulangerie du Marais").count() == 1

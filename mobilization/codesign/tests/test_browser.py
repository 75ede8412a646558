"""Issue 16's "Done means", in Chromium: a volunteer suggests an improvement from the map page; staff turn
it into an idea; two others support it; staff plan it and later mark it done in a release; the supporters
get the notification with a link to the release notes; an anonymous survey is answered and its results
shown after closing, and the database holds no link from an answer to a person. Axe checks the board,
the roadmap and a survey; screenshots at 1280 and 375 px."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import make_member
from mobilization.codesign.models import Idea, Suggestion, SurveyParticipation, SurveyResponse
from mobilization.codesign.tests.factories import SurveyFactory
from mobilization.core import roles
from mobilization.notifications.models import Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def as_person(browser, live_server, user, *, width=1280):
    """A browser context of its own, signed in as `user` (the session of a forced sign-in)."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": width, "height": 900}
    )
    context.route(
        lambda url: not url.startswith(live_server.url), lambda route: route.fulfill(status=204, body="")
    )
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
    return context, context.new_page()


def test_a_suggestion_from_the_map_becomes_an_idea_is_supported_planned_and_released(
    browser, live_server, axe_check, screenshot
):
    volunteer = make_member("camille@example.org", "Camille")
    staff = make_member("equipe@example.org", "Équipe", (roles.CITY_STAFF,))
    supporters = [make_member(f"soutien{n}@example.org", f"Soutien {n}") for n in (1, 2)]

    # A volunteer suggests an improvement from the map page, through the link at its foot.
    context, page = as_person(browser, live_server, volunteer)
    page.goto(reverse("territory:places"))
    page.get_by_role("link", name="Suggest an improvement to this platform").click()
    page.get_by_label("What were you trying to do?").fill("Find a fountain that is open now")
    page.get_by_label("What would help?").fill("An “open now” filter on the map")
    page.get_by_role("button", name="Send my suggestion").click()
    expect(page.locator("#suggestion-received")).to_be_visible()
    suggestion = Suggestion.objects.get()
    assert suggestion.page == reverse("territory:places") and suggestion.author == volunteer
    context.close()

    # Staff turn it into an idea on the board.
    context, page = as_person(browser, live_server, staff)
    page.goto(reverse("codesign:suggestions"))
    page.get_by_role("link", name=f"Suggestion #{suggestion.pk}").click()
    assert page.get_by_label("Tool").input_value() == "maps", "the tool is guessed from the page"
    page.get_by_label("Title").fill("An “open now” filter on the cool places map")
    page.get_by_role("button", name="Put it on the board").click()
    idea = Idea.objects.get()
    assert page.url.endswith(idea.get_absolute_url())
    staff_context, staff_page = context, page

    # Two others support it.
    for supporter in supporters:
        context, page = as_person(browser, live_server, supporter)
        page.goto(reverse("codesign:board"))
        page.get_by_role("link", name=idea.title).click()
        page.get_by_role("button", name="Support this idea").click()
        expect(page.get_by_text("You support this idea.").first).to_be_visible()
        context.close()
    idea.refresh_from_db()
    assert idea.supports_count == 2

    # Staff plan it, with the team's reason, then mark it done in a release.
    staff_page.goto(idea.get_absolute_url())
    staff_page.get_by_label("New status").select_option("planned")
    staff_page.get_by_label("The team's reason").fill("Planned for the summer, before the heatwaves.")
    staff_page.get_by_role("button", name="Save the status").click()
    assert staff_page.locator(".cd-status").first.inner_text() == "Planned"
    staff_page.goto(reverse("codesign:release_new"))
    staff_page.get_by_label("Version").fill("2.4")
    staff_page.get_by_label("Title (French)").fill("La carte en canicule")
    staff_page.get_by_label("Release notes (French)").fill("- Un filtre « ouvert maintenant »")
    staff_page.get_by_label(idea.title).check()
    staff_page.get_by_role("button", name="Publish the release").click()
    expect(staff_page.locator("#release-ideas").get_by_text(idea.title)).to_be_visible()
    release_url = staff_page.url
    staff_context.close()

    # The supporters are told, with a link to the release notes.
    for supporter in supporters:
        notification = Notification.objects.get(recipient=supporter, kind="idea_done")
        assert release_url.endswith(notification.url)
    context, page = as_person(browser, live_server, supporters[0])
    page.goto(reverse("notifications:inbox"))
    page.get_by_role("link", name=re.compile("You asked, we built")).first.click()
    expect(page.get_by_role("heading", name=re.compile("Version 2.4"))).to_be_visible()
    context.close()

    # The board, the roadmap: public pages, checked by axe; at 1280 and at 375 px.
    for width in (1280, 375):
        context, page = as_person(browser, live_server, None, width=width)
        for name, url in (("board", reverse("codesign:board")), ("roadmap", reverse("codesign:roadmap"))):
            page.goto(url)
            axe_check(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            screenshot(page, f"codesign-{name}-{width}")
        page.goto(release_url)
        axe_check(page)
        screenshot(page, f"codesign-release-{width}")
        context.close()
    assert Idea.objects.get().status == Idea.Status.DONE


def test_an_anonymous_survey_is_answered_and_its_results_shown_after_closing(
    browser, live_server, axe_check, screenshot, settings
):
    settings.SURVEY_RESPONSE_BATCH = 2
    staff = make_member("equipe@example.org", "Équipe", (roles.CITY_STAFF,))
    survey = SurveyFactory(title_en="Your view of the platform")
    people = [make_member(f"reponse{n}@example.org", f"Réponse {n}") for n in range(3)]

    for index, person in enumerate(people):
        context, page = as_person(browser, live_server, person)
        page.goto(survey.get_absolute_url())
        if index == 0:
            axe_check(page)
            screenshot(page, "codesign-survey-form-1280")
        page.get_by_label(["La carte", "Les initiatives", "Le plan"][index]).first.check()
        page.get_by_label("Des rappels").check()
        page.get_by_label("4", exact=True).check()
        page.get_by_label("Un mot pour l'équipe ?").fill(f"Mot {index}")
        page.get_by_role("button", name="Send my answers").click()
        expect(page.locator("#answer-recorded")).to_be_visible()
        context.close()

    context, page = as_person(browser, live_server, staff)
    page.goto(survey.get_absolute_url())
    page.get_by_role("button", name="Close the survey and show the results").click()
    context.close()

    for width in (1280, 375):
        context, page = as_person(browser, live_server, None, width=width)
        page.goto(survey.get_absolute_url())
        assert page.locator("#response-count").inner_text() == "3 responses."
        assert page.locator("svg.cd-chart").count() == 3 and page.locator("table").count() == 3
        assert page.locator(".cd-texts li").all_inner_texts() == ["Mot 0", "Mot 1", "Mot 2"]
        axe_check(page)
        screenshot(page, f"codesign-survey-results-{width}")
        context.close()

    # Who answered is known; what each answered is not: no column of the responses names anyone.
    assert SurveyParticipation.objects.filter(survey=survey).count() == 3
    assert not SurveyResponse.objects.filter(survey=survey, respondent__isnull=False).exists()
    participation_ids = set(SurveyParticipation.objects.values_list("id", flat=True))
    assert not participation_ids & set(SurveyResponse.objects.values_list("id", flat=True))


def test_a_volunteer_registers_to_a_workshop_session_and_finds_its_outputs(
    browser, live_server, axe_check, screenshot
):
    from datetime import timedelta

    from django.utils import timezone

    from mobilization.codesign import services
    from mobilization.codesign.tests.factories import IdeaFactory, WorkshopFactory
    from mobilization.events.models import Registration
    from mobilization.events.tests.factories import EventFactory

    staff = make_member("equipe@example.org", "Équipe", (roles.CITY_STAFF,))
    volunteer = make_member("camille@example.org", "Camille", (roles.VOLUNTEER,))
    held = WorkshopFactory(title_fr="Atelier carte", notes_fr="Douze bénévoles ont testé la carte.")
    services.publish_workshop(held, by=staff)
    IdeaFactory(title="Horaires lisibles", workshop=held)
    past = timezone.now() - timedelta(days=20)
    held_session = EventFactory(
        initiative=None, workshop=held, created_by=staff, title="Séance carte", starts_at=past
    )
    coming = WorkshopFactory(title_fr="Atelier entraide", notes_fr="")
    services.announce_workshop(coming, by=staff)
    session = EventFactory(
        initiative=None, workshop=coming, created_by=staff, title="Séance entraide", capacity=8
    )

    context, page = as_person(browser, live_server, volunteer)
    page.goto(coming.get_absolute_url())
    axe_check(page)
    page.get_by_role("button", name=re.compile("Register")).click()
    assert page.locator("#registration-status").inner_text().startswith("You are registered")
    assert Registration.objects.get(event=session, user=volunteer).status == Registration.Status.REGISTERED
    context.close()

    for width in (1280, 375):
        context, page = as_person(browser, live_server, None, width=width)
        page.goto(held_session.get_absolute_url())
        axe_check(page)
        screenshot(page, f"codesign-workshop-session-{width}")
        page.locator("#event-host-links").get_by_role("link", name=re.compile("notes")).click()
        expect(page.get_by_text("Douze bénévoles")).to_be_visible()
        expect(page.get_by_text("Horaires lisibles")).to_be_visible()
        page.goto(coming.get_absolute_url())
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"codesign-workshop-{width}")
        context.close()

import io

import pytest

from mobilization.accounts.tests.factories import make_member
from mobilization.codesign import demo, services
from mobilization.codesign.models import Idea, Release, Suggestion, SurveyResponse, Workshop
from mobilization.core import roles

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_board_a_roadmap_releases_and_surveys_once():
    make_member("staff@demo.climat.test", "Staff", (roles.CITY_STAFF,))
    make_member("volunteer@demo.climat.test", "Volunteer", (roles.VOLUNTEER,))
    out = io.StringIO()

    demo.seed(out)
    demo.seed(out)

    assert Suggestion.objects.count() == 5 and Release.objects.count() == 2
    assert set(Idea.objects.values_list("status", flat=True)) == {
        "study",
        "planned",
        "progress",
        "done",
        "declined",
        "merged",
    }
    reminder = Idea.objects.get(title="Rappel la veille d'un événement")
    assert reminder.supports_count == 13, "11 + 5 supporters of the duplicate, 3 of them already counted"
    assert SurveyResponse.objects.filter(respondent__isnull=False).count() == 0
    figures = services.roadmap_figures()
    assert figures.ideas_done == 2 and figures.median_days_to_release is not None
    assert out.getvalue().count("Co-design:") == 1
    # A held workshop (notes, an idea, a past session) and an announced one (an upcoming session).
    held, announced = Workshop.objects.order_by("held_on")
    assert held.is_published and held.ideas.exists() and held.sessions.get().is_past
    assert announced.is_public and not announced.is_published
    upcoming = announced.sessions.get()
    assert not upcoming.is_past and upcoming.registrations.count() == 5

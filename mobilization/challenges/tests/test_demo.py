"""The demo's challenges: three of them, in their states, with teams and check-ins; run twice, once."""

import io

import pytest

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.challenges import demo, leaderboards, services
from mobilization.challenges.models import Challenge, ChallengeCheckIn
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_open_and_published_challenges_with_teams_and_check_ins():
    for number in range(1, 21):
        ArrondissementFactory(number=number)
    MemberFactory(email=demo.STAFF)
    for index in range(6):
        MemberFactory(email=f"person{index}@demo.climat.test")

    demo.seed(io.StringIO())
    demo.seed(io.StringIO())

    assert Challenge.objects.count() == 3
    assert set(Challenge.objects.values_list("status", flat=True)) == {"open", "results_published"}
    published = Challenge.objects.get(status="results_published")
    assert leaderboards.teams(published)[0].check_ins > 0
    assert ChallengeCheckIn.objects.exists()
    assert services.published_total_kg() > 0
    for challenge in Challenge.objects.all():
        assert challenge.teams.count() == 3

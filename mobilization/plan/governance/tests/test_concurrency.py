"""Once means once for votes and supports: 8 threads at once with the same account leave one row each."""

import pytest
from django.conf import settings

from mobilization.plan.governance import services
from mobilization.plan.governance.models import Ballot, Participation, PendingBallot, Support
from mobilization.plan.governance.tests.conftest import make_consultation, member, option_ids
from tests.test_once_means_once import run_at_once

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="real concurrency needs PostgreSQL; CI runs this in its PostgreSQL pass",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_eight_votes_at_once_from_one_account_leave_one_participation_and_one_ballot():
    consultation = make_consultation()
    question = consultation.questions.get()
    choice = option_ids(consultation)[0][0]
    voter = member("Racer")

    outcomes = run_at_once(
        lambda _index: services.cast_ballot(consultation, user=voter, answers={question.pk: [choice]})
    )

    assert Participation.objects.filter(consultation=consultation).count() == 1
    assert PendingBallot.objects.filter(consultation=consultation).count() == 1
    assert not Ballot.objects.filter(consultation=consultation).exists()
    assert sum(outcome is None for outcome in outcomes) == 1
    assert all(isinstance(o, services.AlreadyDone) for o in outcomes if o is not None), outcomes


def test_eight_supports_at_once_from_one_account_count_once():
    staff = member("Staff", ("city_staff",))
    proposal = services.publish_proposal(
        services.submit_proposal(author=member("Author"), title="T", body="B"), by=staff
    )
    fan = member("Fan")

    run_at_once(lambda _index: services.support_proposal(proposal, user=fan))

    proposal.refresh_from_db()
    assert Support.objects.filter(proposal=proposal).count() == 1 == proposal.supports_count

"""Once means once for votes and supports: 8 threads at once with the same account leave one row each."""

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core.errors import AlreadyDone, InvalidTransition
from mobilization.core.models import AuditEvent
from mobilization.core.testing import postgres_only, run_at_once
from mobilization.plan.governance import services
from mobilization.plan.governance.models import Ballot, CityResponse, Participation, PendingBallot, Support
from mobilization.plan.governance.tests.factories import ConsultationFactory, ProposalFactory, option_ids

pytestmark = postgres_only()


def test_eight_votes_at_once_from_one_account_leave_one_participation_and_one_ballot():
    consultation = ConsultationFactory()
    question = consultation.questions.get()
    choice = option_ids(consultation)[0][0]
    voter = MemberFactory(display_name="Racer")

    outcomes = run_at_once(
        lambda _index: services.cast_ballot(consultation, user=voter, answers={question.pk: [choice]})
    )

    assert Participation.objects.filter(consultation=consultation).count() == 1
    assert PendingBallot.objects.filter(consultation=consultation).count() == 1
    assert not Ballot.objects.filter(consultation=consultation).exists()
    assert sum(outcome is None for outcome in outcomes) == 1
    assert all(isinstance(o, AlreadyDone) for o in outcomes if o is not None), outcomes


def test_eight_supports_at_once_from_one_account_count_once():
    proposal = ProposalFactory(published=True)
    fan = MemberFactory(display_name="Fan")

    run_at_once(lambda _index: services.support_proposal(proposal, user=fan))

    proposal.refresh_from_db()
    assert Support.objects.filter(proposal=proposal).count() == 1
    assert proposal.supports_count == 1


def test_the_threshold_is_dated_once_when_supports_cross_it_at_once(settings):
    settings.PROPOSAL_SUPPORT_THRESHOLD = 3
    proposal = ProposalFactory(published=True)
    fans = [MemberFactory(display_name=f"Fan {index}") for index in range(8)]

    run_at_once(lambda index: services.support_proposal(proposal, user=fans[index]))

    proposal.refresh_from_db()
    assert proposal.supports_count == 8
    assert proposal.threshold_reached_at is not None
    assert AuditEvent.objects.filter(action="governance.proposal_threshold_reached").count() == 1


def test_two_final_answers_at_once_leave_one(recommendation, staff):
    outcomes = run_at_once(
        lambda index: services.answer_recommendation(
            recommendation, by=staff, decision="rejected", justification=f"Non ({index})."
        ),
        count=4,
    )

    assert sum(not isinstance(outcome, Exception) for outcome in outcomes) == 1
    assert all(isinstance(o, InvalidTransition) for o in outcomes if isinstance(o, Exception)), outcomes
    assert CityResponse.objects.filter(recommendation=recommendation).count() == 1

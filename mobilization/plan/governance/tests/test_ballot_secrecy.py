"""Secret ballots with many voters: nothing the database keeps pairs a participation with its ballot.

Each voter picks a different option, so that a ballot can be told apart from the others and the order
the database stores them in can be compared with the order of the votes.
"""

import json
import uuid

import pytest
from django.db import connection
from django.test import override_settings

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core.models import AuditEvent
from mobilization.plan.governance import services
from mobilization.plan.governance.models import Ballot, Participation, PendingBallot
from mobilization.plan.governance.tests.factories import ConsultationFactory, option_ids

pytestmark = pytest.mark.django_db

LABELS = tuple(f"Option {n}" for n in range(20))


def _consultation():
    return ConsultationFactory(questions=(("Which one?", "single", 1, LABELS),))


def _vote_in_order(consultation, count):
    """`count` voters, the n-th choosing the n-th option; returns the options in the order of the votes."""
    question = consultation.questions.get()
    options = option_ids(consultation)[0][:count]
    for index, option in enumerate(options):
        services.cast_ballot(
            consultation, user=MemberFactory(display_name=f"Voter {index}"), answers={question.pk: [option]}
        )
    return question, options


def _stored_choices(table, consultation):
    """The chosen option of each row, in the order the database hands the rows back when none is asked
    for: insertion order on SQLite (rowid) and, for a table just written, on PostgreSQL (heap order)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT answers FROM {table} WHERE consultation_id = %s", [consultation.pk])  # noqa: S608 (a model's table)
        rows = [row[0] for row in cursor.fetchall()]
    answers = [json.loads(raw) if isinstance(raw, str) else raw for raw in rows]
    return [next(iter(choices.values()))[0] for choices in answers]


@override_settings(CONSULTATION_BALLOT_BATCH=10)
def test_ballots_wait_in_the_pool_until_a_batch_is_full_then_are_counted_together():
    consultation = _consultation()
    _vote_in_order(consultation, 9)
    assert PendingBallot.objects.filter(consultation=consultation).count() == 9
    assert not Ballot.objects.filter(consultation=consultation).exists()

    question = consultation.questions.get()
    services.cast_ballot(
        consultation,
        user=MemberFactory(display_name="Tenth"),
        answers={question.pk: [option_ids(consultation)[0][9]]},
    )

    assert not PendingBallot.objects.filter(consultation=consultation).exists()
    assert Ballot.objects.filter(consultation=consultation).count() == 10
    assert Participation.objects.filter(consultation=consultation).count() == 10


@override_settings(CONSULTATION_BALLOT_BATCH=10)
def test_the_stored_order_of_ballots_does_not_follow_the_order_of_the_votes():
    consultation = _consultation()
    _question, voting_order = _vote_in_order(consultation, 20)

    stored = _stored_choices(Ballot._meta.db_table, consultation)
    assert sorted(stored) == sorted(voting_order)
    # Two shuffled batches of ten: the chance that both come back in voting order is (1/10!)², nil.
    assert stored != voting_order
    # Participations are numbered by nothing: a random UUID, not a counter that gives the order of votes.
    assert all(isinstance(pk, uuid.UUID) for pk in Participation.objects.values_list("pk", flat=True))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is PostgreSQL's transaction stamp")
@pytest.mark.django_db(transaction=True)  # each vote in its own committed transaction, as in production
@override_settings(CONSULTATION_BALLOT_BATCH=5)
def test_no_ballot_was_written_by_the_transaction_of_a_participation():
    consultation = _consultation()
    _vote_in_order(consultation, 10)

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT xmin::text FROM {Participation._meta.db_table} WHERE consultation_id = %s",  # noqa: S608
            [consultation.pk],
        )
        voters = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            f"SELECT xmin::text FROM {Ballot._meta.db_table} WHERE consultation_id = %s",  # noqa: S608
            [consultation.pk],
        )
        ballots = [row[0] for row in cursor.fetchall()]
    assert len(ballots) == 10
    assert not voters & set(ballots)
    # Ballots arrive in batches: at most two transactions wrote these ten, never one per voter.
    assert len(set(ballots)) == 2


@override_settings(CONSULTATION_BALLOT_BATCH=10)
def test_closing_counts_the_ballots_still_in_the_pool_and_reshuffles_them_all(staff):
    consultation = _consultation()
    question, options = _vote_in_order(consultation, 13)
    assert PendingBallot.objects.filter(consultation=consultation).count() == 3

    result = services.close_consultation(consultation, by=staff)

    assert result.ballots_count == 13
    assert result.participations_count == 13
    assert not PendingBallot.objects.filter(consultation=consultation).exists()
    counts = result.counts[str(question.pk)]
    assert all(counts[str(option)] == 1 for option in options)
    assert sum(counts.values()) == 13
    recount = services.recount(consultation, by=staff)
    assert recount.matches
    assert recount.ballots == 13


@override_settings(CONSULTATION_BALLOT_BATCH=3)
def test_the_audit_log_never_says_who_voted_or_when_each_ballot_came():
    consultation = _consultation()
    voters_before = set(AuditEvent.objects.values_list("pk", flat=True))
    _vote_in_order(consultation, 6)

    events = AuditEvent.objects.exclude(pk__in=voters_before)
    assert not events.filter(action="governance.voted").exists()
    added = events.filter(action="governance.ballots_added")
    assert added.count() == 2
    assert all(event.actor_id is None for event in added)
    assert all(event.details == {"ballots": 3} for event in added)


def test_a_batch_is_never_smaller_than_two():
    with override_settings(CONSULTATION_BALLOT_BATCH=1):
        assert services.ballot_batch_size() == 2
    with override_settings(CONSULTATION_BALLOT_BATCH=25):
        assert services.ballot_batch_size() == 25

"""Consultations: one secret ballot per verified account, results after closing, and a recount."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core.errors import AlreadyDone, NotAllowed
from mobilization.plan.governance import services
from mobilization.plan.governance.models import (
    Ballot,
    Consultation,
    ConsultationResult,
    Participation,
    PendingBallot,
)
from mobilization.plan.governance.tests.factories import ConsultationFactory, option_ids

pytestmark = pytest.mark.django_db


def test_a_consultation_is_run_closed_published_and_recounted(client, open_consultation, staff):
    [[trees, bikes, shade]] = option_ids(open_consultation)
    question = open_consultation.questions.get()
    for index, choice in enumerate([trees, trees, bikes, trees, shade]):
        services.cast_ballot(
            open_consultation,
            user=MemberFactory(display_name=f"Voter {index}"),
            answers={question.pk: [choice]},
        )

    result = services.close_consultation(open_consultation, by=staff)

    assert result.ballots_count == 5
    assert result.participations_count == 5
    assert result.counts[str(question.pk)] == {str(trees): 3, str(bikes): 1, str(shade): 1}
    _result, questions = services.results(open_consultation)
    assert [(o.label, o.count, o.percent) for o in questions[0].options] == [
        ("Trees", 3, 60.0),
        ("Bikes", 1, 20.0),
        ("Shade", 1, 20.0),
    ]
    assert services.recount(open_consultation, by=staff).matches
    html = client.get(open_consultation.get_absolute_url()).content.decode()
    assert "60.0 %" in html
    api = client.get(f"/api/v1/plan/consultations/{open_consultation.pk}/results").json()
    assert api["ballots"] == 5
    assert api["questions"][0]["options"][0]["votes"] == 3


def test_a_tampered_tally_is_caught_by_the_recount(client, open_consultation, staff):
    [[trees, bikes, _shade]] = option_ids(open_consultation)
    question = open_consultation.questions.get()
    for index in range(3):
        services.cast_ballot(
            open_consultation, user=MemberFactory(display_name=f"V{index}"), answers={question.pk: [trees]}
        )
    result = services.close_consultation(open_consultation, by=staff)
    result.counts[str(question.pk)][str(bikes)] = 2
    result.save()

    report = services.recount(open_consultation, by=staff)
    assert not report.matches
    assert any("Bikes: 2 published, 0 counted." in line for line in report.differences)
    client.force_login(staff)
    html = client.post(reverse("governance:recount", kwargs={"pk": open_consultation.pk})).content.decode()
    assert "The recount differs from the published results" in html


def test_the_recount_page_says_it_matches(client, open_consultation, staff):
    question = open_consultation.questions.get()
    services.cast_ballot(
        open_consultation,
        user=MemberFactory(display_name="V"),
        answers={question.pk: [option_ids(open_consultation)[0][0]]},
    )
    services.close_consultation(open_consultation, by=staff)
    client.force_login(staff)
    assert (
        "Recount matches"
        in client.post(reverse("governance:recount", kwargs={"pk": open_consultation.pk})).content.decode()
    )


def test_one_ballot_per_account(open_consultation):
    voter = MemberFactory(display_name="Once")
    question = open_consultation.questions.get()
    [[trees, bikes, _]] = option_ids(open_consultation)
    services.cast_ballot(open_consultation, user=voter, answers={question.pk: [trees]})
    with pytest.raises(AlreadyDone):
        services.cast_ballot(open_consultation, user=voter, answers={question.pk: [bikes]})
    assert Participation.objects.count() == 1
    assert PendingBallot.objects.count() == 1
    assert not Ballot.objects.exists()


def test_an_unverified_account_cannot_vote(open_consultation):
    question = open_consultation.questions.get()
    unverified = MemberFactory(display_name="Unverified")
    unverified.emailaddress_set.update(verified=False)
    with pytest.raises(NotAllowed):
        services.cast_ballot(
            open_consultation,
            user=unverified,
            answers={question.pk: [option_ids(open_consultation)[0][0]]},
        )
    assert not Participation.objects.exists()
    assert not Ballot.objects.exists()
    assert not PendingBallot.objects.exists()


def test_a_ballot_must_follow_the_questions(open_consultation):
    other = ConsultationFactory()
    question = open_consultation.questions.get()
    voter = MemberFactory(display_name="Sloppy")
    for answers in (
        {},
        {question.pk: option_ids(open_consultation)[0][:2]},
        {question.pk: option_ids(other)[0][:1]},
    ):
        with pytest.raises(services.InvalidBallot):
            services.cast_ballot(open_consultation, user=voter, answers=answers)
    assert not Participation.objects.exists()


def test_a_multiple_choice_question_takes_up_to_its_limit(db):
    consultation = ConsultationFactory(questions=(("Which?", "multiple", 2, ("A", "B", "C")),))
    question = consultation.questions.get()
    a, b, c = option_ids(consultation)[0]
    services.cast_ballot(consultation, user=MemberFactory(display_name="M1"), answers={question.pk: [a, b]})
    with pytest.raises(services.InvalidBallot):
        services.cast_ballot(
            consultation, user=MemberFactory(display_name="M2"), answers={question.pk: [a, b, c]}
        )


def test_results_are_hidden_while_open_even_to_staff(client, open_consultation, staff):
    question = open_consultation.questions.get()
    services.cast_ballot(
        open_consultation,
        user=MemberFactory(display_name="Early"),
        answers={question.pk: [option_ids(open_consultation)[0][0]]},
    )
    with pytest.raises(services.ResultsNotAvailable):
        services.results(open_consultation)
    with pytest.raises(services.ResultsNotAvailable):
        services.recount(open_consultation, by=staff)
    client.force_login(staff)
    html = client.get(open_consultation.get_absolute_url()).content.decode()
    assert "ballots cast" not in html
    assert "ballot cast" not in html
    response = client.get(f"/api/v1/plan/consultations/{open_consultation.pk}/results")
    assert response.status_code == 409
    assert "closed" in response.json()["detail"]
    assert client.post(reverse("governance:recount", kwargs={"pk": open_consultation.pk})).status_code == 302
    assert not ConsultationResult.objects.exists()


def test_a_consultation_past_its_closing_date_is_counted_on_first_access(client, db):
    consultation = ConsultationFactory(past_closing=True)
    assert consultation.results_published_at is None
    response = client.get(f"/api/v1/plan/consultations/{consultation.pk}/results")
    assert response.status_code == 200
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PUBLISHED


def test_the_close_consultations_command_closes_what_is_due(db):
    from django.core.management import call_command

    due = ConsultationFactory(past_closing=True)
    still_open = ConsultationFactory()
    call_command("close_consultations")
    due.refresh_from_db()
    still_open.refresh_from_db()
    assert due.results_published_at is not None
    assert still_open.results_published_at is None


def test_a_verified_member_votes_through_the_page_and_cannot_vote_twice(client, open_consultation):
    voter = MemberFactory(display_name="Web voter")
    client.force_login(voter)
    trees = option_ids(open_consultation)[0][0]
    url = reverse("governance:vote", kwargs={"pk": open_consultation.pk})
    response = client.post(url, {"answer_1": str(trees)}, follow=True)
    assert "Your vote is recorded" in response.content.decode()
    response = client.post(url, {"answer_1": str(trees)})
    assert response.status_code == 200
    assert "already voted" in response.content.decode()
    assert PendingBallot.objects.count() == 1
    assert Participation.objects.count() == 1


def test_no_page_api_or_download_links_a_voter_to_a_ballot(client, open_consultation, staff):
    question = open_consultation.questions.get()
    voter = MemberFactory(display_name="Secret")
    services.cast_ballot(
        open_consultation, user=voter, answers={question.pk: [option_ids(open_consultation)[0][1]]}
    )
    ballot_before = PendingBallot.objects.get()
    services.close_consultation(open_consultation, by=staff)
    ballot = Ballot.objects.get()
    assert not PendingBallot.objects.exists()

    # The ballot row holds nothing that names or dates the voter, and closing gave it a new identifier.
    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "consultation", "answers"}
    assert ballot.pk != ballot_before.pk
    client.force_login(staff)
    texts = [
        client.get(open_consultation.get_absolute_url()).content.decode(),
        client.get(f"/api/v1/plan/consultations/{open_consultation.pk}/results").content.decode(),
        *(
            b"".join(
                client.get(
                    reverse("governance:download", kwargs={"dataset": "results", "fmt": fmt})
                ).streaming_content
            ).decode()
            for fmt in ("json", "csv")
        ),
    ]
    for text in texts:
        assert voter.email not in text
        assert "Secret" not in text
        assert str(ballot.pk) not in text
    assert timezone.localdate() == Participation.objects.get().voted_on

"""Citizen proposals: moderated, supported once per account, commented, and answered past the threshold."""

import csv
import io

import pytest
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core.errors import AlreadyDone, DomainError, InvalidTransition
from mobilization.core.models import AuditEvent
from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.plan.governance import services
from mobilization.plan.governance.models import Proposal, Support
from mobilization.plan.governance.tests.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_submitted_proposal_is_seen_only_by_its_author_and_staff(client, author, staff):
    proposal = services.submit_proposal(author=author, title="Vélos", body="Des pistes.")
    url = proposal.get_absolute_url()

    assert client.get(url).status_code == 404
    client.force_login(MemberFactory(display_name="Nosy"))
    assert client.get(url).status_code == 404
    client.force_login(author)
    assert client.get(url).status_code == 200
    client.force_login(staff)
    assert "Vélos" in client.get(reverse("governance:proposal_moderation")).content.decode()


def test_staff_reject_a_proposal_with_a_reason_its_author_reads(client, author, staff):
    proposal = services.submit_proposal(author=author, title="Vélos", body="Des pistes.")
    client.force_login(staff)
    response = client.post(
        reverse("governance:reject_proposal", kwargs={"pk": proposal.pk}), {"reason": "Hors sujet"}
    )
    assert response.status_code == 302
    client.force_login(author)
    assert "Hors sujet" in client.get(proposal.get_absolute_url()).content.decode()


def test_a_member_supports_a_proposal_once_and_may_withdraw(client, published_proposal):
    supporter = MemberFactory(display_name="Supporter")
    services.support_proposal(published_proposal, user=supporter)
    with pytest.raises(AlreadyDone):
        services.support_proposal(published_proposal, user=supporter)
    published_proposal.refresh_from_db()
    assert published_proposal.supports_count == 1
    assert Support.objects.count() == 1

    client.force_login(supporter)
    response = client.post(reverse("governance:support", kwargs={"pk": published_proposal.pk}))
    assert response.status_code == 302
    assert Support.objects.count() == 1
    client.post(reverse("governance:withdraw_support", kwargs={"pk": published_proposal.pk}))
    published_proposal.refresh_from_db()
    assert published_proposal.supports_count == 0


def test_a_proposal_crossing_the_threshold_must_be_answered_and_its_page_says_so(
    client, published_proposal, staff, settings
):
    settings.PROPOSAL_SUPPORT_THRESHOLD = 3
    for index in range(3):
        services.support_proposal(published_proposal, user=MemberFactory(display_name=f"S{index}"))
    published_proposal.refresh_from_db()
    assert published_proposal.must_be_answered

    html = client.get(published_proposal.get_absolute_url()).content.decode()
    assert "This proposal reached 3 supports: the city must answer it." in html
    assert "Awaiting the city&#x27;s answer since" in html or "Awaiting the city's answer since" in html
    assert client.get("/api/v1/plan/proposals").json()[0]["must_be_answered"] is True

    client.force_login(staff)
    client.post(
        reverse("governance:answer_proposal", kwargs={"pk": published_proposal.pk}),
        {"answer": "La Ville installera 30 fontaines."},
    )
    published_proposal.refresh_from_db()
    assert published_proposal.status == Proposal.Status.ANSWERED
    html = client.get(published_proposal.get_absolute_url()).content.decode()
    assert "La Ville installera 30 fontaines." in html
    assert "must answer" not in html


def test_below_the_threshold_the_page_does_not_say_the_city_must_answer(client, published_proposal, settings):
    settings.PROPOSAL_SUPPORT_THRESHOLD = 3
    services.support_proposal(published_proposal, user=MemberFactory(display_name="One"))
    assert "reached" not in client.get(published_proposal.get_absolute_url()).content.decode()


def test_members_comment_and_staff_hide_a_comment_with_a_reason(client, published_proposal, staff):
    commenter = MemberFactory(display_name="Commenter")
    client.force_login(commenter)
    client.post(
        reverse("governance:comment", kwargs={"pk": published_proposal.pk}), {"body": "Très bonne idée"}
    )
    comment = published_proposal.comments.get()
    client.force_login(staff)
    client.post(reverse("governance:hide_comment", kwargs={"pk": comment.pk}), {"hide-reason": "Publicité"})
    html = client.get(published_proposal.get_absolute_url()).content.decode()
    assert "Très bonne idée" not in html
    assert "Publicité" in html


def test_the_public_api_and_download_give_no_e_mail(client, published_proposal, author):
    api = client.get("/api/v1/plan/proposals").content.decode()
    download = client.get(reverse("governance:download", kwargs={"dataset": "proposals", "fmt": "csv"}))
    assert author.email not in api
    assert author.email not in b"".join(download.streaming_content).decode()
    assert "Author" in api


def test_a_title_a_spreadsheet_would_run_as_a_formula_is_downloaded_as_text(client, staff):
    proposal = services.submit_proposal(
        author=MemberFactory(display_name="Formula"),
        title='=HYPERLINK("https://evil.example","Click")',
        body="b",
    )
    services.publish_proposal(proposal, by=staff)

    download = client.get(reverse("governance:download", kwargs={"dataset": "proposals", "fmt": "csv"}))

    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    titles = [row["title"] for row in rows]
    assert '\'=HYPERLINK("https://evil.example","Click")' in titles


def test_the_list_sorts_by_supports_or_newest_in_a_fixed_number_of_queries(client, staff):
    batch = iter(range(100))

    def add_rows():
        start = next(batch) * 6
        for index in range(start, start + 6):
            proposal = services.submit_proposal(
                author=MemberFactory(display_name=f"A{index}"), title=f"P{index}", body="b"
            )
            services.publish_proposal(proposal, by=staff)

    add_rows()
    assert_queries_do_not_grow(lambda: client.get(reverse("governance:proposals")), add_rows, at_most=8)
    popular = Proposal.objects.get(title="P3")
    services.support_proposal(popular, user=MemberFactory(display_name="Fan"))
    html = client.get(reverse("governance:proposals") + "?sort=supported").content.decode()
    assert html.index(">P3<") < html.index(">P0<")
    html = client.get(reverse("governance:proposals") + "?sort=newest").content.decode()
    assert html.index(">P11<") < html.index(">P3<")


def test_a_proposal_is_moderated_once(author, staff):
    proposal = ProposalFactory(author=author)
    services.publish_proposal(proposal, by=staff)

    with pytest.raises(InvalidTransition):
        services.publish_proposal(proposal, by=staff)
    with pytest.raises(InvalidTransition):
        services.reject_proposal(proposal, by=staff, reason="Trop tard")
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.PUBLISHED
    assert AuditEvent.objects.filter(action="governance.proposal_published").count() == 1


def test_a_stale_copy_of_a_proposal_cannot_answer_it_twice(published_proposal, staff):
    stale = Proposal.objects.get(pk=published_proposal.pk)
    services.answer_proposal(published_proposal, by=staff, answer="Oui.")

    with pytest.raises(InvalidTransition):
        services.answer_proposal(stale, by=staff, answer="Non.")
    published_proposal.refresh_from_db()
    assert published_proposal.answer == "Oui."


def test_a_rejection_and_an_answer_need_a_text(published_proposal, staff):
    with pytest.raises(DomainError):
        services.reject_proposal(ProposalFactory(), by=staff, reason="  ")
    with pytest.raises(DomainError):
        services.answer_proposal(published_proposal, by=staff, answer="  ")
    published_proposal.refresh_from_db()
    assert published_proposal.status == Proposal.Status.PUBLISHED


def test_the_threshold_is_dated_the_first_time_only(published_proposal, settings):
    settings.PROPOSAL_SUPPORT_THRESHOLD = 2
    first, second, third = (MemberFactory(display_name=f"Fan {index}") for index in range(3))
    services.support_proposal(published_proposal, user=first)
    services.support_proposal(published_proposal, user=second)
    reached_at = Proposal.objects.get(pk=published_proposal.pk).threshold_reached_at

    services.withdraw_support(published_proposal, user=second)
    services.support_proposal(published_proposal, user=second)
    services.support_proposal(published_proposal, user=third)

    published_proposal.refresh_from_db()
    assert reached_at is not None
    assert published_proposal.threshold_reached_at == reached_at
    assert published_proposal.supports_count == 3
    assert AuditEvent.objects.filter(action="governance.proposal_threshold_reached").count() == 1


def test_a_comment_is_hidden_once_with_a_reason(staff):
    comment = CommentFactory()
    with pytest.raises(DomainError):
        services.hide_comment(comment, by=staff, reason=" ")
    services.hide_comment(comment, by=staff, reason="Publicité")

    with pytest.raises(AlreadyDone):
        services.hide_comment(comment, by=staff, reason="Encore")
    comment.refresh_from_db()
    assert comment.hidden_reason == "Publicité"
    assert AuditEvent.objects.filter(action="governance.comment_hidden").count() == 1

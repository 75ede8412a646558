"""Citizen proposals: moderated, supported once per account, commented, and answered past the threshold."""

import csv
import io

import pytest
from django.urls import reverse

from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.plan.governance import services
from mobilization.plan.governance.models import Proposal, Support
from mobilization.plan.governance.tests.conftest import member

pytestmark = pytest.mark.django_db


def test_a_submitted_proposal_is_seen_only_by_its_author_and_staff(client, author, staff):
    proposal = services.submit_proposal(author=author, title="Vélos", body="Des pistes.")
    url = proposal.get_absolute_url()

    assert client.get(url).status_code == 404
    client.force_login(member("Nosy"))
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
    supporter = member("Supporter")
    services.support_proposal(published_proposal, user=supporter)
    with pytest.raises(services.AlreadyDone):
        services.support_proposal(published_proposal, user=supporter)
    published_proposal.refresh_from_db()
    assert published_proposal.supports_count == 1 == Support.objects.count()

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
        services.support_proposal(published_proposal, user=member(f"S{index}"))
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
    assert "La Ville installera 30 fontaines." in html and "must answer" not in html


def test_below_the_threshold_the_page_does_not_say_the_city_must_answer(client, published_proposal, settings):
    settings.PROPOSAL_SUPPORT_THRESHOLD = 3
    services.support_proposal(published_proposal, user=member("One"))
    assert "reached" not in client.get(published_proposal.get_absolute_url()).content.decode()


def test_members_comment_and_staff_hide_a_comment_with_a_reason(client, published_proposal, staff):
    commenter = member("Commenter")
    client.force_login(commenter)
    client.post(
        reverse("governance:comment", kwargs={"pk": published_proposal.pk}), {"body": "Très bonne idée"}
    )
    comment = published_proposal.comments.get()
    client.force_login(staff)
    client.post(reverse("governance:hide_comment", kwargs={"pk": comment.pk}), {"hide-reason": "Publicité"})
    html = client.get(published_proposal.get_absolute_url()).content.decode()
    assert "Très bonne idée" not in html and "Publicité" in html


def test_the_public_api_and_download_give_no_e_mail(client, published_proposal, author):
    api = client.get("/api/v1/plan/proposals").content.decode()
    download = client.get(reverse("governance:download", kwargs={"dataset": "proposals", "fmt": "csv"}))
    assert author.email not in api and author.email not in download.content.decode()
    assert "Author" in api


def test_a_title_a_spreadsheet_would_run_as_a_formula_is_downloaded_as_text(client, staff):
    proposal = services.submit_proposal(
        author=member("Formula"), title='=HYPERLINK("https://evil.example","Click")', body="b"
    )
    services.publish_proposal(proposal, by=staff)

    download = client.get(reverse("governance:download", kwargs={"dataset": "proposals", "fmt": "csv"}))

    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    titles = [row["title"] for row in rows]
    assert '\'=HYPERLINK("https://evil.example","Click")' in titles


def test_the_list_sorts_by_supports_or_newest_in_a_fixed_number_of_queries(client, staff):
    batch = iter(range(100))

    def add_rows():
        start = next(batch) * 6
        for index in range(start, start + 6):
            proposal = services.submit_proposal(author=member(f"A{index}"), title=f"P{index}", body="b")
            services.publish_proposal(proposal, by=staff)

    add_rows()
    assert_queries_do_not_grow(lambda: client.get(reverse("governance:proposals")), add_rows, at_most=8)
    popular = Proposal.objects.get(title="P3")
    services.support_proposal(popular, user=member("Fan"))
    html = client.get(reverse("governance:proposals") + "?sort=supported").content.decode()
    assert html.index(">P3<") < html.index(">P0<")
    html = client.get(reverse("governance:proposals") + "?sort=newest").content.decode()
    assert html.index(">P11<") < html.index(">P3<")

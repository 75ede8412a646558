"""Monitoring committees: meetings, minutes, recommendations, and the city's responses."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core.errors import DomainError, InvalidTransition
from mobilization.core.models import AuditEvent
from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.notifications.models import Notification
from mobilization.plan.governance import services
from mobilization.plan.governance.models import CityResponse, Recommendation
from mobilization.plan.governance.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_staff_answer_a_recommendation_and_the_committee_members_are_told(
    recommendation, staff, citizen, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = services.answer_recommendation(
            recommendation,
            by=staff,
            decision=CityResponse.Decision.ACCEPTED,
            justification="Budget voté en conseil de Paris.",
            implementation_due_on=timezone.localdate() + timedelta(days=365),
        )

    assert response.responded_by == staff
    assert Notification.objects.filter(recipient=citizen, kind="recommendation_answered").exists()
    assert AuditEvent.objects.filter(action="governance.recommendation_answered").exists()
    assert any("R-1" in mail.subject for mail in mailoutbox)


def test_the_answer_is_shown_on_the_public_page_and_in_the_api(client, recommendation, staff):
    services.answer_recommendation(
        recommendation, by=staff, decision=CityResponse.Decision.REJECTED, justification="Trop coûteux ici."
    )

    page = client.get(recommendation.get_absolute_url())
    assert page.status_code == 200
    assert "Rejected" in page.content.decode()
    assert "Trop coûteux ici." in page.content.decode()
    api = client.get("/api/v1/plan/recommendations").json()
    assert api[0]["decision"] == "rejected"
    assert api[0]["justification"] == "Trop coûteux ici."
    assert api[0]["overdue"] is False


def test_an_accepted_recommendation_needs_a_date_and_every_answer_a_justification(recommendation, staff):
    with pytest.raises(DomainError):
        services.answer_recommendation(
            recommendation, by=staff, decision=CityResponse.Decision.ACCEPTED, justification="Oui."
        )
    with pytest.raises(DomainError):
        services.answer_recommendation(
            recommendation, by=staff, decision=CityResponse.Decision.REJECTED, justification="  "
        )


def test_a_recommendation_under_study_gets_a_final_answer_once_and_only_once(recommendation, staff):
    services.answer_recommendation(recommendation, by=staff, decision="study", justification="On étudie.")
    services.answer_recommendation(recommendation, by=staff, decision="rejected", justification="Non, car…")

    with pytest.raises(InvalidTransition):
        services.answer_recommendation(
            recommendation,
            by=staff,
            decision="accepted",
            justification="Finalement",
            implementation_due_on=timezone.localdate(),
        )
    assert CityResponse.objects.get().decision == "rejected"


def test_a_recommendation_without_an_answer_after_its_due_date_is_shown_overdue(
    client, recommendation, staff
):
    Recommendation.objects.filter(pk=recommendation.pk).update(
        response_due_on=timezone.localdate() - timedelta(days=1)
    )

    html = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Overdue" in html
    assert "has not answered by the due date" in html
    committee_html = client.get(recommendation.committee.get_absolute_url()).content.decode()
    assert "Overdue" in committee_html
    assert client.get("/api/v1/plan/recommendations?overdue=true").json()[0]["overdue"] is True

    services.answer_recommendation(recommendation, by=staff, decision="study", justification="À l'étude.")
    assert (
        "still under study after the due date"
        in client.get(recommendation.get_absolute_url()).content.decode()
    )
    services.answer_recommendation(recommendation, by=staff, decision="rejected", justification="Non.")
    assert "Overdue" not in client.get(recommendation.get_absolute_url()).content.decode()


def test_a_committee_member_schedules_a_meeting_publishes_minutes_and_issues_a_recommendation(
    client, committee, citizen
):
    client.force_login(citizen)
    response = client.post(
        reverse("governance:meeting_new", kwargs={"slug": committee.slug}),
        {"starts_at": "2026-01-15T18:30", "place": "Hôtel de Ville", "agenda_fr": "- Bilan 2025"},
    )
    meeting = committee.meetings.get()
    assert response.status_code == 302
    response = client.post(
        reverse("governance:publish_minutes", kwargs={"pk": meeting.pk}),
        {"minutes_fr": "Le comité a adopté R-9."},
    )
    assert response.status_code == 302
    assert "Le comité a adopté R-9." in client.get(meeting.get_absolute_url()).content.decode()
    response = client.post(
        reverse("governance:recommendation_new", kwargs={"slug": committee.slug}),
        {
            "reference": "R-9",
            "title_fr": "Plus d'arbres",
            "text_fr": "Planter.",
            "meeting": meeting.pk,
            "issued_on": "2026-01-15",
            "response_due_on": "2026-04-15",
        },
    )
    assert response.status_code == 302
    assert committee.recommendations.get().meeting == meeting


def test_a_volunteer_who_does_not_sit_on_the_committee_cannot_run_it(client, committee):
    client.force_login(MemberFactory(display_name="Outsider"))
    assert client.get(reverse("governance:meeting_new", kwargs={"slug": committee.slug})).status_code == 403


def test_the_committee_page_shows_members_by_display_name_only(client, committee, citizen):
    html = client.get(committee.get_absolute_url()).content.decode()
    assert "Camille" in html
    assert "Dr Hélène Martin" in html
    assert citizen.email not in html


def test_the_committee_page_takes_no_more_queries_with_more_recommendations(
    client, committee, citizen, staff
):
    today = timezone.localdate()

    def add_rows():
        for index in range(5):
            rec = services.issue_recommendation(
                committee,
                by=citizen,
                reference=f"X-{index}",
                title="t",
                text="x",
                issued_on=today,
                response_due_on=today,
            )
            services.answer_recommendation(rec, by=staff, decision="rejected", justification="Non.")

    services.issue_recommendation(
        committee, by=citizen, reference="X-a", title="t", text="x", issued_on=today, response_due_on=today
    )
    assert_queries_do_not_grow(lambda: client.get(committee.get_absolute_url()), add_rows, at_most=12)


def test_minutes_are_dated_when_first_published_and_corrections_keep_the_date(committee, citizen):
    meeting = MeetingFactory(committee=committee)
    services.publish_minutes(meeting, by=citizen, minutes="Première version.")
    published_at = meeting.minutes_published_at

    services.publish_minutes(meeting, by=citizen, minutes="Version corrigée.")

    meeting.refresh_from_db()
    assert published_at is not None
    assert meeting.minutes_published_at == published_at
    assert meeting.minutes == "Version corrigée."
    assert AuditEvent.objects.filter(action="governance.minutes_published").count() == 2


def test_the_minutes_of_a_meeting_to_come_cannot_be_published(committee, citizen):
    meeting = MeetingFactory(committee=committee, starts_at=timezone.now() + timedelta(days=1))

    with pytest.raises(InvalidTransition):
        services.publish_minutes(meeting, by=citizen, minutes="Trop tôt.")
    meeting.refresh_from_db()
    assert meeting.minutes == ""
    assert meeting.minutes_published_at is None


def test_the_first_answer_and_the_final_one_are_both_audited_with_what_they_replace(recommendation, staff):
    services.answer_recommendation(recommendation, by=staff, decision="study", justification="On étudie.")
    services.answer_recommendation(recommendation, by=staff, decision="rejected", justification="Non.")

    events = AuditEvent.objects.filter(action="governance.recommendation_answered").order_by("pk")
    assert [event.details for event in events] == [
        {"decision": "study", "previous": ""},
        {"decision": "rejected", "previous": "study"},
    ]
    assert CityResponse.objects.get().decision == "rejected"

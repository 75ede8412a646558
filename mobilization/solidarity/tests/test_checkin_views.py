"""The buddy's and the coordinators' pages through the test client: who sees what (404 to others),
outcomes once per key (form and JSON), the dashboard and its live part, the report and its CSV, the
escalation's actions, and every read of a resident in the audit log."""

import uuid

import pytest
from django.urls import reverse

from mobilization.core.models import AuditEvent
from mobilization.solidarity import checkins
from mobilization.solidarity.models import Assignment, CheckIn, Escalation, ExtremeEvent
from mobilization.solidarity.tests.checkin_factories import accepted, active_event, buddy
from mobilization.solidarity.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def event(district):
    return active_event([district])


@pytest.fixture
def profile(db):
    return buddy("buddy@example.org", does_visits=True)


@pytest.fixture
def checkin(event, resident, profile):
    accepted(event, resident, profile)
    checkins.generate_checkins(event)
    return CheckIn.objects.get()


def card(resident):
    return reverse("solidarity:checkin_card", kwargs={"pk": resident.pk})


def reads(resident, part):
    return AuditEvent.objects.filter(
        action="solidarity.resident_viewed", object_id=str(resident.pk), details__part=part
    ).count()


def test_the_buddy_sees_their_resident_s_contact_details_and_the_read_is_logged(
    client, checkin, resident, profile
):
    client.force_login(profile.user)
    page = client.get(reverse("solidarity:checkins"))
    assert page.status_code == 200 and resident.last_name in page.content.decode()
    assert resident.phone_shown not in page.content.decode()  # the list decrypts nothing

    response = client.get(card(resident))
    body = response.content.decode()
    assert response.status_code == 200
    assert resident.phone_shown in body and "Needs attention" in body
    assert resident.care_service not in body and resident.get_category_display() not in body
    assert "4821A" not in body  # a call: the access notes stay sealed
    assert reads(resident, "buddy_card") == 1 and reads(resident, "access_notes") == 0


def test_the_access_notes_show_on_the_day_of_a_visit(client, checkin, resident, profile):
    CheckIn.objects.update(mode=CheckIn.Mode.VISIT)
    client.force_login(profile.user)
    assert "4821A" in client.get(card(resident)).content.decode()
    assert reads(resident, "access_notes") == 1


def test_another_buddy_gets_404_for_a_resident_not_theirs(client, checkin, resident):
    other = buddy("other@example.org")
    client.force_login(other.user)
    assert client.get(card(resident)).status_code == 404
    response = client.post(
        reverse("solidarity:checkin_outcome", kwargs={"pk": checkin.pk}),
        {"key": str(uuid.uuid4()), "outcome": "fine"},
    )
    assert response.status_code == 404
    assert reads(resident, "buddy_card") == 0


@pytest.mark.parametrize(
    "change",
    [
        {"status": Assignment.Status.OFFERED},  # not accepted yet
        {"status": Assignment.Status.DECLINED},
    ],
)
def test_no_contact_details_before_accepting(client, event, resident, profile, change):
    assignment = accepted(event, resident, profile)
    Assignment.objects.filter(pk=assignment.pk).update(**change)
    client.force_login(profile.user)
    assert client.get(card(resident)).status_code == 404


@pytest.mark.parametrize("status", ["watch", "standing_down", "closed"])
def test_no_contact_details_once_the_event_is_not_active(client, checkin, event, resident, profile, status):
    ExtremeEvent.objects.filter(pk=event.pk).update(status=status)
    client.force_login(profile.user)
    assert client.get(card(resident)).status_code == 404


def test_an_outcome_sent_twice_with_its_key_is_recorded_once(client, checkin, profile):
    client.force_login(profile.user)
    url = reverse("solidarity:checkin_outcome", kwargs={"pk": checkin.pk})
    data = {"key": str(uuid.uuid4()), "outcome": "no_answer"}
    first = client.post(url, data, **JSON)
    second = client.post(url, data, **JSON)
    assert first.status_code == second.status_code == 200
    assert first.json()["status"] == "recorded" and second.json()["status"] == "already_recorded"
    assert second.json()["outcome"] == "no_answer"
    assert CheckIn.objects.filter(outcome="no_answer").count() == 1
    assert CheckIn.objects.open().count() == 1  # one retry, not two


def test_the_plain_form_records_and_a_medical_need_says_call_15(client, checkin, profile, coordinator):
    client.force_login(profile.user)
    url = reverse("solidarity:checkin_outcome", kwargs={"pk": checkin.pk})
    response = client.post(
        url, {"key": str(uuid.uuid4()), "outcome": "needs_help", "needs": ["medical"]}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("solidarity:checkins")
    assert "call 15" in response.content.decode()
    assert Escalation.objects.get().needs == ["medical"]


def test_needs_help_without_a_need_is_answered_with_the_form(client, checkin, profile):
    client.force_login(profile.user)
    url = reverse("solidarity:checkin_outcome", kwargs={"pk": checkin.pk})
    response = client.post(url, {"key": str(uuid.uuid4()), "outcome": "needs_help"})
    assert response.status_code == 400 and "Say what the person needs" in response.content.decode()
    assert client.post(url, {"key": "x", "outcome": "fine"}, **JSON).status_code == 400


def test_a_second_outcome_for_the_same_checkin_is_refused(client, checkin, profile):
    client.force_login(profile.user)
    url = reverse("solidarity:checkin_outcome", kwargs={"pk": checkin.pk})
    client.post(url, {"key": str(uuid.uuid4()), "outcome": "fine"}, **JSON)
    refused = client.post(url, {"key": str(uuid.uuid4()), "outcome": "refused"}, **JSON)
    assert refused.status_code == 409 and CheckIn.objects.get(pk=checkin.pk).outcome == "fine"


def test_the_service_worker_is_served_from_the_checkins_address(client):
    response = client.get(reverse("solidarity:checkins_sw"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert b"caches" in response.content


def test_the_coordinator_follows_coverage_and_handles_an_escalation(
    client, checkin, event, resident, profile, coordinator
):
    checkins.record_outcome(checkin, by=profile.user, outcome="needs_help", needs=["water"], key=uuid.uuid4())
    ResidentFactory(district=resident.district)  # not assigned: on the unassigned list
    client.force_login(coordinator)
    page = client.get(reverse("solidarity:dashboard", kwargs={"pk": event.pk}))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Coverage: 50 % (1 of 2)" in body and "1 without a buddy" in body and "1 open escalation" in body
    live = reverse("solidarity:dashboard_live", kwargs={"pk": event.pk})
    assert client.get(live, HTTP_HX_REQUEST="true").status_code == 200
    assert client.get(live).status_code == 302

    escalation = Escalation.objects.get()
    url = reverse("solidarity:escalation", kwargs={"pk": escalation.pk})
    assert client.get(url).status_code == 200
    assert reads(resident, "escalation") == 1
    client.post(reverse("solidarity:escalation_take", kwargs={"pk": escalation.pk}))
    client.post(reverse("solidarity:escalation_note", kwargs={"pk": escalation.pk}), {"text": "Eau livrée."})
    client.post(
        reverse("solidarity:escalation_resolve", kwargs={"pk": escalation.pk}),
        {"resolution": "help_arranged"},
    )
    escalation.refresh_from_db()
    assert (escalation.status, escalation.owner, escalation.notes.count()) == ("resolved", coordinator, 1)

    report = client.get(reverse("solidarity:event_report", kwargs={"pk": event.pk}))
    assert report.status_code == 200
    csv = client.get(reverse("solidarity:event_report_csv", kwargs={"pk": event.pk})).content.decode()
    assert csv.splitlines()[0].startswith("arrondissement,residents,reached")
    assert ",2,1,50," in csv


def test_a_volunteer_or_a_buddy_cannot_open_the_coordination_pages(client, checkin, event, profile):
    escalation = Escalation.objects.create(event=event, resident=checkin.resident, reason="no_answer")
    client.force_login(profile.user)
    for url in (
        reverse("solidarity:coordination"),
        reverse("solidarity:dashboard", kwargs={"pk": event.pk}),
        reverse("solidarity:event_report", kwargs={"pk": event.pk}),
        reverse("solidarity:escalation", kwargs={"pk": escalation.pk}),
    ):
        assert client.get(url).status_code == 404, url


def test_a_coordinator_of_other_arrondissements_gets_404(client, checkin, event, coordinator):
    from mobilization.solidarity.models import CoordinatorScope
    from mobilization.territory.tests.factories import ArrondissementFactory

    scope = CoordinatorScope.objects.create(coordinator=coordinator)
    scope.districts.set([ArrondissementFactory(number=3)])
    escalation = Escalation.objects.create(event=event, resident=checkin.resident, reason="no_answer")
    client.force_login(coordinator)
    assert client.get(reverse("solidarity:dashboard", kwargs={"pk": event.pk})).status_code == 404
    assert client.get(reverse("solidarity:escalation", kwargs={"pk": escalation.pk})).status_code == 404


def test_the_coordinators_and_the_buddy_s_lists_take_no_query_per_row(
    client, event, resident, profile, coordinator
):
    from mobilization.core.testing import assert_queries_do_not_grow
    from mobilization.solidarity import escalations

    def add_rows(count=1):
        def add():
            for _ in range(4):
                other = ResidentFactory(district=resident.district)
                helper = buddy(f"buddy-{uuid.uuid4().hex[:8]}@example.org")
                accepted(event, other, helper)
                checkins.generate_checkins(event)
                checkin = CheckIn.objects.get(resident=other)
                checkins.record_outcome(checkin, by=helper.user, outcome="no_answer", key=uuid.uuid4())
                escalation = escalations.escalate(event, other, reason="needs_help", needs=["water"])
                escalations.take(escalation, by=coordinator)
                ResidentFactory(district=resident.district)  # without a buddy
            # The buddy's own list grows too.
            for _ in range(3):
                mine = ResidentFactory(district=resident.district)
                accepted(event, mine, profile)
            checkins.generate_checkins(event)

        return add

    add_rows()()
    client.force_login(coordinator)
    for name in ("solidarity:dashboard", "solidarity:event_report"):
        url = reverse(name, kwargs={"pk": event.pk})
        assert_queries_do_not_grow(lambda url=url: client.get(url), add_rows())
    assert_queries_do_not_grow(lambda: client.get(reverse("solidarity:escalations")), add_rows())
    client.force_login(profile.user)
    assert_queries_do_not_grow(lambda: client.get(reverse("solidarity:checkins")), add_rows())


def test_a_coordinator_calls_a_person_without_a_buddy_and_coverage_counts_it(
    client, event, resident, coordinator
):
    client.force_login(coordinator)
    url = reverse("solidarity:coordinator_call", kwargs={"pk": event.pk, "resident_pk": resident.pk})
    page = client.get(url)
    assert page.status_code == 200 and resident.phone_shown in page.content.decode()
    assert reads(resident, "call") == 1
    key = str(uuid.uuid4())
    response = client.post(url, {"key": key, "outcome": "fine"})
    assert response.status_code == 302
    client.post(url, {"key": key, "outcome": "fine"})  # sent twice: recorded once
    checkin = CheckIn.objects.get()
    assert (checkin.buddy, checkin.recorded_by, checkin.outcome) == (None, coordinator, "fine")
    dashboard = client.get(reverse("solidarity:dashboard", kwargs={"pk": event.pk})).content.decode()
    assert "Coverage: 100 % (1 of 1)" in dashboard


def test_a_coordinator_s_unanswered_calls_escalate_at_the_third_without_retries(event, resident, coordinator):
    for _ in range(2):
        done = checkins.record_call(event, resident, by=coordinator, outcome="no_answer", key=uuid.uuid4())
        assert done.retry is None and done.escalation is None
    done = checkins.record_call(event, resident, by=coordinator, outcome="no_answer", key=uuid.uuid4())
    assert done.escalation.reason == "no_answer"
    assert CheckIn.objects.open().count() == 0


def test_a_volunteer_cannot_open_the_call_page(client, event, resident, profile):
    client.force_login(profile.user)
    url = reverse("solidarity:coordinator_call", kwargs={"pk": event.pk, "resident_pk": resident.pk})
    assert client.get(url).status_code == 404

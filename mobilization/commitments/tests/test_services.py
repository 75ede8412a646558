from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.commitments import services
from mobilization.commitments.models import (
    Commitment,
    Invitation,
    Organisation,
    ProgressReport,
    ReportReminder,
    Representation,
)
from mobilization.commitments.tests.factories import (
    CommitmentFactory,
    OrganisationFactory,
    ProgressReportFactory,
)
from mobilization.core import roles
from mobilization.core.errors import AlreadyDone, InvalidTransition, NotAllowed
from mobilization.core.roles import has_role
from mobilization.notifications.models import Notification
from mobilization.plan.tests.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db


def test_a_person_signs_up_an_organisation_which_awaits_verification_and_they_represent_it():
    person = MemberFactory()
    organisation = services.register_organisation(
        by=person, name="Café Le Terminus", kind="company", size_band="micro", siren="732829320"
    )
    assert organisation.status == Organisation.Status.PENDING
    assert list(organisation.representatives.all()) == [person]
    assert has_role(person, roles.ORGANISATION_REPRESENTATIVE)


def test_an_unverified_organisation_cannot_publish_a_commitment(staff):
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    person = organisation.representatives.get()
    fields = {"title": "Halve", "indicator": "Emissions", "unit": "tCO2e", "theme": "energy"}
    fields |= {"baseline_year": 2020, "baseline_value": 100, "target_year": 2030, "target_value": 50}
    with pytest.raises(NotAllowed):
        services.create_commitment(organisation, by=person, **fields)
    services.verify_organisation(organisation, by=staff)
    commitment = services.create_commitment(organisation, by=person, interim_targets=[(2025, 75)], **fields)
    assert commitment.status == Commitment.Status.PLEDGED
    assert [(t.year, t.value) for t in commitment.interim_targets.all()] == [(2025, 75)]
    assert Notification.objects.filter(recipient=person, kind="organisation_verified").exists()


def test_staff_reject_an_organisation_with_a_reason_its_representatives_read(staff):
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    services.reject_organisation(organisation, by=staff, reason="We could not find this SIRET.")
    assert organisation.status == Organisation.Status.REJECTED
    notice = Notification.objects.get(kind="organisation_rejected")
    assert "We could not find this SIRET." in notice.body


def test_an_invited_person_accepts_and_represents_the_organisation_the_address_is_erased(
    organisation, representative
):
    invitation, token = services.invite_representative(
        organisation, email="Zoe@Example.org", by=representative
    )
    assert invitation.token_hash != token and token not in invitation.token_hash
    invited = MemberFactory()
    services.accept_invitation(services.invitation_for(token), by=invited)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED and invitation.email == ""
    assert Representation.objects.filter(organisation=organisation, user=invited).exists()
    with pytest.raises(InvalidTransition):
        services.accept_invitation(invitation, by=MemberFactory())


def test_the_invitation_email_carries_the_link(
    organisation, representative, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = services.invite_representative(
            organisation, email="zoe@example.org", by=representative
        )
    assert mail.outbox[-1].to == ["zoe@example.org"]
    assert token in mail.outbox[-1].body


def test_an_expired_invitation_is_refused(organisation, representative):
    invitation, token = services.invite_representative(
        organisation, email="zoe@example.org", by=representative
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(InvalidTransition):
        services.accept_invitation(services.invitation_for(token), by=MemberFactory())


def test_a_person_can_represent_several_organisations(representative, organisation):
    second = OrganisationFactory(representative=representative)
    assert set(services.organisations_of(representative)) == {organisation, second}


def test_a_report_questioned_then_completed_keeps_its_history_and_is_verified(
    commitment, representative, staff
):
    report, created = services.submit_report(
        commitment, by=representative, period="2021", value=96, links=["https://example.org/bilan-2021.pdf"]
    )
    assert created and report.status == ProgressReport.Status.SUBMITTED
    services.ask_for_more_information(report, by=staff, comment="Send the energy bill.")
    notice = Notification.objects.get(recipient=representative, kind="progress_report_reviewed")
    assert "Send the energy bill." in notice.body
    report, created = services.submit_report(
        commitment, by=representative, period="2021", value=94, narrative="The bill is attached.",
        files=[services.EvidenceFile("bill.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))],
    )  # fmt: skip
    assert not created and report.status == ProgressReport.Status.SUBMITTED and report.value == 94
    revision = report.revisions.get()
    assert (revision.value, revision.status) == (96, ProgressReport.Status.MORE_INFORMATION)
    assert revision.links == ["https://example.org/bilan-2021.pdf"]
    assert report.evidence.count() == 2
    services.verify_report(report, by=staff)
    commitment.refresh_from_db()
    assert commitment.latest_verified_value == 94
    assert commitment.progress_percent == pytest.approx(12.0)
    with pytest.raises(AlreadyDone):
        services.submit_report(commitment, by=representative, period="2021", value=10)


def test_a_rejection_needs_a_comment_and_the_figure_stops_counting(commitment, representative, staff):
    report, _created = services.submit_report(commitment, by=representative, period="2021", value=40)
    with pytest.raises(Exception, match="Say why"):
        services.reject_report(report, by=staff, comment=" ")
    services.reject_report(report, by=staff, comment="This figure covers another site.")
    commitment.refresh_from_db()
    assert commitment.latest_value is None


def test_a_period_of_another_frequency_or_not_started_is_refused(commitment, representative):
    with pytest.raises(Exception, match="2025"):
        services.submit_report(commitment, by=representative, period="2021-Q1", value=1)
    with pytest.raises(Exception, match="not started"):
        services.submit_report(commitment, by=representative, period=str(services.today().year + 1), value=1)


def test_a_withdrawn_commitment_takes_no_report(commitment, representative):
    services.withdraw_commitment(commitment, by=representative, reason="Sold the shop.")
    with pytest.raises(NotAllowed):
        services.submit_report(commitment, by=representative, period="2021", value=1)


# --- Reminders and "report overdue" ---------------------------------------------------------------------


def test_a_missing_report_turns_the_commitment_overdue_and_sends_exactly_one_reminder(representative):
    commitment = CommitmentFactory(
        organisation=representative.represented_organisations.get(), starts_on=date(2024, 1, 1)
    )
    # 2024 was due on 2025-03-31, overdue from 2025-04-30.
    today = date(2025, 5, 2)
    assert services.send_reminders(today) == 1
    assert services.send_reminders(today) == 0  # the second run sends nothing
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.REPORT_OVERDUE
    assert ReportReminder.objects.get().kind == ReportReminder.Kind.OVERDUE
    assert Notification.objects.filter(recipient=representative, kind="progress_report_overdue").count() == 1


def test_representatives_are_reminded_before_a_report_is_due(representative):
    CommitmentFactory(organisation=representative.represented_organisations.get(), starts_on=date(2024, 1, 1))
    assert services.send_reminders(date(2025, 3, 20)) == 1
    assert ReportReminder.objects.get().kind == ReportReminder.Kind.BEFORE_DUE
    assert services.send_reminders(date(2025, 3, 21)) == 0


def test_a_report_filed_late_lifts_the_overdue_status(representative, today):
    today(date(2025, 5, 2))
    commitment = CommitmentFactory(
        organisation=representative.represented_organisations.get(), starts_on=date(2024, 1, 1)
    )
    services.send_reminders(date(2025, 5, 2))
    services.submit_report(commitment, by=representative, period="2024", value=97)
    commitment.refresh_from_db()
    assert commitment.status != Commitment.Status.REPORT_OVERDUE


def test_the_commitments_of_an_objective_sum_their_verified_change_where_units_agree():
    objective = ObjectiveFactory(unit="tCO2e")
    same = CommitmentFactory()
    same.objectives.add(objective)
    ProgressReportFactory(commitment=same, period="2021", value=90, status=ProgressReport.Status.VERIFIED)
    services.refresh_figures(same)
    other = CommitmentFactory(unit="MWh")
    other.objectives.add(objective)
    figures = services.objective_contributions(objective)
    assert figures["verified_change"] == -10
    assert figures["same_unit"] == [same] and figures["other_unit"] == [other]

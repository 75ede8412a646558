"""Every state change goes through the kernel's `transition()` (DESIGN.md, "Conventions").

Two checks, both read from the code itself so that a new pillar cannot slip past them:

1. No module changes a status by hand: no `.update(status=…)`, no `save(update_fields=[…"status"…])`, no
   `obj.status = …` outside `core/transitions.py` (a syntax-tree scan of `mobilization/`). The few places
   that may are named in `EXEMPT`, with the reason; an exemption the scan no longer finds fails too.
2. Every function that calls `transition()` or `transition_all()` has a scenario here, which goes through
   the public service a person or a task calls, and checks that the row was locked (a
   `select_for_update()` on its model; on PostgreSQL, the `FOR UPDATE` in the SQL) and that the audit log
   has the change under its action. A new caller without a scenario fails the inventory test.
"""

import ast
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.db.models.query import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.core.models import AuditEvent

SOURCE = Path(__file__).resolve().parent.parent / "mobilization"
HELPER_MODULE = SOURCE / "core" / "transitions.py"
STATE_FIELDS = {"status", "decision"}
HELPERS = {"transition", "transition_all"}


# --- 1. No status changed by hand ----------------------------------------------------------------------


def _python_files():
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE).parts
        if "tests" in parts or "migrations" in parts or path == HELPER_MODULE:
            continue
        yield path


class _Scan(ast.NodeVisitor):
    """Collects (function, what) for every hand-made status change, and every caller of the helper."""

    def __init__(self):
        self.functions: list[str] = []
        self.writes: list[tuple[str, str]] = []
        self.callers: set[str] = set()

    def _where(self) -> str:
        return ".".join(self.functions) or "<module>"

    def visit_FunctionDef(self, node):
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node):
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
        if name in HELPERS and self.functions:
            self.callers.add(self.functions[0])
        if isinstance(function, ast.Attribute) and function.attr == "update":
            for keyword in node.keywords:
                if keyword.arg in STATE_FIELDS:
                    self.writes.append((self._where(), f".update({keyword.arg}=…)"))
        if isinstance(function, ast.Attribute) and function.attr in {"save", "bulk_update"}:
            named = [ast.unparse(value) for value in [*node.args[1:], *(k.value for k in node.keywords)]]
            if any(repr(field) in text or f'"{field}"' in text for text in named for field in STATE_FIELDS):
                self.writes.append((self._where(), f".{function.attr}(… status …)"))
        self.generic_visit(node)

    def visit_Assign(self, node):
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr in STATE_FIELDS:
                self.writes.append((self._where(), f"{ast.unparse(target)} = …"))
        self.generic_visit(node)


def _scan() -> dict[str, _Scan]:
    scans = {}
    for path in _python_files():
        scan = _Scan()
        scan.visit(ast.parse(path.read_text(encoding="utf-8")))
        scans[path.relative_to(SOURCE.parent).as_posix()] = scan
    return scans


SCANS = _scan()

# (file, function): why it may write a status field without the helper.
EXEMPT = {
    ("mobilization/core/trajectory.py", "assess"): "`Assessment` is a plain dataclass of the mathematics, "
    "not a row: nothing is saved",
    ("mobilization/core/trajectory.py", "_judge_on_the_latest_value"): "the same `Assessment` dataclass",
    ("mobilization/events/services.py", "_fill_free_seats"): "mirrors in memory, for the notices, what "
    "`transition_all()` has just saved",
    ("mobilization/notifications/delivery.py", "take_due"): "the platform renewing the lease of up to 1,000 "
    "due deliveries a minute while a provider is down: one guarded UPDATE (measured 65-110 ms against "
    "1-5 s per row through the helper); each attempt's outcome is a transition (`_record_outcome`)",
    ("mobilization/solidarity/dispatching.py", "_write"): "the dispatch replaces, in one UPDATE, the offers "
    "its new result no longer holds (up to thousands when an arrondissement leaves an event), under the "
    "event's row lock and in the dispatch's transaction; the run's counts are kept (`DispatchRun`) and "
    "the dispatch audited (`solidarity.event_dispatched`)",
    ("mobilization/plan/services.py", "record_value"): "an indicator value's status says whether the "
    "figure is provisional or final (data, not a workflow): the row is locked with "
    "`select_for_update()` and the change audited with the figure it replaces",
}


def test_no_status_is_changed_by_hand_outside_the_transition_helper():
    found = {(path, where.split(".")[0]): what for path, scan in SCANS.items() for where, what in scan.writes}
    unexplained = {place: what for place, what in found.items() if place not in EXEMPT}
    assert not unexplained, (
        "change these states through core.transitions.transition() (or name the place in EXEMPT, with "
        f"the reason): {unexplained}"
    )


def test_every_exemption_is_still_needed():
    found = {(path, where.split(".")[0]) for path, scan in SCANS.items() for where, _what in scan.writes}
    assert not set(EXEMPT) - found, f"no longer found, remove from EXEMPT: {set(EXEMPT) - found}"


# --- 2. Every caller of the helper locks and audits ------------------------------------------------------


def _callers() -> set[str]:
    return {
        f"{Path(path).with_suffix('').as_posix().removeprefix('mobilization/').replace('/', '.')}:{name}"
        for path, scan in SCANS.items()
        for name in scan.callers
    }


@dataclass(frozen=True)
class Change:
    """What a scenario must leave: the object whose row is locked and audited under `action`."""

    obj: object
    action: str


SCENARIOS: dict[str, Callable[[], list[Change]]] = {}


def scenario(*callers: str):
    """Register a scenario for the functions (module:function) that call the helper on its path."""

    def register(function):
        for caller in callers:
            SCENARIOS[caller] = function
        return function

    return register


def _staff():
    return MemberFactory(roles=(roles.CITY_STAFF,))


# accounts ------------------------------------------------------------------------------------------------


@scenario("accounts.services:_withdraw")
def _withdraw_consent():
    from mobilization.accounts import services
    from mobilization.accounts.consents import Purpose

    person = MemberFactory()
    record = services.give_consent(person, Purpose.VULNERABLE_REGISTRATION)
    services.withdraw_consent(person, Purpose.VULNERABLE_REGISTRATION)
    return [Change(record, "accounts.consent_withdrawn")]


@scenario("accounts.services:delete_account")
def _delete_account():
    from mobilization.accounts import services

    person = MemberFactory()
    services.delete_account(person, by=person)
    return [Change(person, "accounts.account_deleted")]


# events --------------------------------------------------------------------------------------------------


@scenario("events.services:update_event")
def _update_event():
    from mobilization.events import services
    from mobilization.events.tests.factories import EventFactory, event_details

    event = EventFactory()
    services.update_event(event, event_details(title="Repair café, second edition"), by=event.created_by)
    return [Change(event, "event.changed")]


@scenario("events.services:cancel_event")
def _cancel_event():
    from mobilization.events import services
    from mobilization.events.tests.factories import EventFactory

    event = EventFactory()
    services.cancel_event(event, by=event.created_by, reason="The hall is closed.")
    return [Change(event, "event.cancelled")]


@scenario("events.services:register")
def _register():
    from mobilization.events import services
    from mobilization.events.tests.factories import EventFactory

    event, person = EventFactory(), MemberFactory()
    registration = services.register(event, person)
    services.cancel_registration(registration)
    services.register(event, person)  # coming back: the cancelled registration is registered again
    return [Change(registration, "event.registered")]


@scenario("events.services:cancel_registration", "events.services:_fill_free_seats")
def _cancel_registration_and_promote():
    from mobilization.events import services
    from mobilization.events.tests.factories import EventFactory

    event = EventFactory(capacity=1)
    first = services.register(event, MemberFactory())
    waiting = services.register(event, MemberFactory())
    assert waiting.status == waiting.Status.WAITLISTED
    services.cancel_registration(first)
    return [Change(first, "event.registration_cancelled"), Change(waiting, "event.registration_promoted")]


# initiatives ---------------------------------------------------------------------------------------------


def _initiative(**values):
    from mobilization.initiatives.tests.factories import InitiativeFactory

    return InitiativeFactory(**values)


@scenario("initiatives.services:submit")
def _submit():
    from mobilization.initiatives import services

    initiative = _initiative(status="draft")
    services.submit(initiative, by=initiative.organiser)
    return [Change(initiative, "initiative.submitted")]


@scenario("initiatives.services:publish")
def _publish():
    from mobilization.initiatives import services

    initiative = _initiative(status="submitted")
    services.publish(initiative, by=_staff())
    return [Change(initiative, "initiative.published")]


@scenario("initiatives.services:reject")
def _reject():
    from mobilization.initiatives import services

    initiative = _initiative(status="submitted")
    services.reject(initiative, by=_staff(), reason="Please say where it takes place.")
    return [Change(initiative, "initiative.rejected")]


@scenario("initiatives.services:_pause")
def _pause():
    from mobilization.initiatives import services

    initiative = _initiative()
    services.pause(initiative, by=initiative.organiser)
    return [Change(initiative, "initiative.paused")]


@scenario("initiatives.services:resume")
def _resume():
    from mobilization.initiatives import services

    initiative = _initiative()
    services.pause(initiative, by=initiative.organiser)
    services.resume(initiative, by=initiative.organiser)
    return [Change(initiative, "initiative.resumed")]


@scenario("initiatives.services:finish")
def _finish():
    from mobilization.initiatives import services

    initiative = _initiative()
    services.finish(initiative, by=initiative.organiser)
    return [Change(initiative, "initiative.finished")]


@scenario("initiatives.services:mark_change_reviewed")
def _mark_change_reviewed():
    from mobilization.initiatives import services

    initiative = _initiative(changed_since_review_at=timezone.now())
    services.mark_change_reviewed(initiative, by=_staff())
    return [Change(initiative, "initiative.change_reviewed")]


@scenario("initiatives.services:reply_to_contact")
def _reply_to_contact():
    from mobilization.initiatives import services
    from mobilization.initiatives.tests.factories import ContactMessageFactory

    contact = ContactMessageFactory()
    services.reply_to_contact(contact, by=contact.initiative.organiser, reply="See you on Saturday!")
    return [Change(contact, "initiative.contact_answered")]


@scenario("initiatives.services:resolve_report")
def _resolve_report():
    from mobilization.initiatives import services
    from mobilization.initiatives.tests.factories import ContentReportFactory

    report = ContentReportFactory()
    other = ContentReportFactory(initiative=report.initiative)
    services.resolve_report(
        report, by=_staff(), action=services.ReportAction.UNPUBLISH, resolution="Advertising."
    )
    return [Change(report, "initiative.report_resolved"), Change(other, "initiative.report_resolved")]


@scenario("initiatives.services:hide_news_post")
def _hide_news_post():
    from mobilization.initiatives import services
    from mobilization.initiatives.tests.factories import NewsPostFactory

    post = NewsPostFactory()
    services.hide_news_post(post, by=_staff(), reason="Personal attack.")
    return [Change(post, "initiative.news_hidden")]


@scenario("initiatives.services:answer_partnership")
def _answer_partnership():
    from mobilization.initiatives import services
    from mobilization.initiatives.tests.factories import PartnershipFactory

    partnership = PartnershipFactory()
    services.answer_partnership(partnership, by=partnership.partner.organiser, accept=True)
    return [Change(partnership, "initiative.partnership_accepted")]


# notifications -------------------------------------------------------------------------------------------


def _queued_delivery():
    from mobilization.notifications.models import Delivery
    from mobilization.notifications.services import notify

    notify([MemberFactory(email="amina@example.org")], "welcome", {})
    return Delivery.objects.get()


@scenario("notifications.delivery:_record_outcome")
def _attempt_delivery():
    from mobilization.notifications.delivery import attempt_delivery

    delivery = _queued_delivery()
    assert attempt_delivery(delivery.pk) == "sent"
    return [Change(delivery, "notifications.delivery_sent")]


@scenario("notifications.delivery:requeue_failed")
def _requeue_failed():
    from mobilization.notifications.delivery import requeue_failed
    from mobilization.notifications.models import Delivery

    delivery = _queued_delivery()
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, attempts=4)
    delivery.refresh_from_db()
    assert requeue_failed([delivery], by=_staff())
    return [Change(delivery, "notifications.delivery_retried")]


# plan actions --------------------------------------------------------------------------------------------


@scenario("plan.actions.services:save_changes")
def _update_action():
    from mobilization.plan.actions import services
    from mobilization.plan.actions.tests.factories import ActionFactory

    action = ActionFactory()
    services.update_action(action, by=_staff(), status="in_progress")
    return [Change(action, "plan_actions.action_updated")]


@scenario("plan.actions.services:_record_milestone")
def _add_milestone():
    from mobilization.plan.actions import services
    from mobilization.plan.actions.tests.factories import ActionFactory

    action = ActionFactory()
    services.add_milestone(
        action, by=_staff(), date=date(2026, 3, 1), title="Works started", status="delayed"
    )
    return [Change(action, "plan_actions.milestone_added")]


@scenario("plan.actions.tasks:run_import", "plan.actions.tasks:_finish")
def _run_import():
    from mobilization.plan.actions.tasks import run_import
    from mobilization.plan.actions.tests.factories import ActionImportFactory

    action_import = ActionImportFactory()
    run_import.call(action_import.pk)
    return [
        Change(action_import, "plan_actions.import_started"),
        Change(action_import, "plan_actions.import_finished"),
    ]


@scenario("plan.actions.services:confirm_import")
def _confirm_import():
    from mobilization.plan.actions import services
    from mobilization.plan.actions.tests.factories import ActionImportFactory

    action_import = ActionImportFactory(
        status="previewed", report={"preview": {"categories": [], "rows": []}}
    )
    services.confirm_import(action_import, by=_staff(), sector_mapping={})
    return [Change(action_import, "plan_actions.import_confirmed")]


@scenario("plan.actions.services:cancel_import")
def _cancel_import():
    from mobilization.plan.actions import services
    from mobilization.plan.actions.tests.factories import ActionImportFactory

    action_import = ActionImportFactory(
        status="previewed", report={"preview": {"categories": [], "rows": []}}
    )
    services.cancel_import(action_import, by=_staff())
    return [Change(action_import, "plan_actions.import_cancelled")]


# governance ----------------------------------------------------------------------------------------------


@scenario("plan.governance.services:publish_minutes")
def _publish_minutes():
    from mobilization.plan.governance import services
    from mobilization.plan.governance.tests.factories import MeetingFactory

    meeting = MeetingFactory()
    services.publish_minutes(meeting, by=_staff(), minutes="We agreed on three recommendations.")
    return [Change(meeting, "governance.minutes_published")]


@scenario("plan.governance.services:answer_recommendation")
def _answer_recommendation():
    from mobilization.plan.governance import services
    from mobilization.plan.governance.models import CityResponse
    from mobilization.plan.governance.tests.factories import RecommendationFactory

    recommendation = RecommendationFactory()
    response = services.answer_recommendation(
        recommendation,
        by=_staff(),
        decision=CityResponse.Decision.ACCEPTED,
        justification="Fifty schoolyards by 2027.",
        implementation_due_on=timezone.localdate() + timedelta(days=365),
    )
    return [Change(response, "governance.recommendation_answered")]


@scenario("plan.governance.services:publish_proposal")
def _publish_proposal():
    from mobilization.plan.governance import services
    from mobilization.plan.governance.tests.factories import ProposalFactory

    proposal = ProposalFactory()
    services.publish_proposal(proposal, by=_staff())
    return [Change(proposal, "governance.proposal_published")]


@scenario("plan.governance.services:reject_proposal")
def _reject_proposal():
    from mobilization.plan.governance import services
    from mobilization.plan.governance.tests.factories import ProposalFactory

    proposal = ProposalFactory()
    services.reject_proposal(proposal, by=_staff(), reason="Already in the plan (action A-12).")
    return [Change(proposal, "governance.proposal_rejected")]


@scenario("core.supports:answer")
def _answer_proposal():
    from mobilization.plan.governance import services
    from mobilization.plan.governance.tests.factories import ProposalFactory

    proposal = ProposalFactory(published=True)
    services.answer_proposal(proposal, by=_staff(), answer="Forty new fountains this summer.")
    return [Change(proposal, "governance.proposal_answered")]


@scenario("plan.governance.services:_date_threshold")
def _support_to_the_threshold():
    from mobilization.plan.governance import services
    from mobilization.plan.governance.tests.factories import ProposalFactory

    proposal = ProposalFactory(published=True)
    with mock.patch.object(services, "support_threshold", return_value=1):
        services.support_proposal(proposal, user=MemberFactory())
    return [Change(proposal, "governance.proposal_threshold_reached")]


@scenario("core.supports:hide")
def _hide_comment():
    from mobilization.plan.governance import services
    from mobilization.plan.governance.tests.factories import CommentFactory

    comment = CommentFactory()
    services.hide_comment(comment, by=_staff(), reason="Insults.")
    return [Change(comment, "governance.comment_hidden")]


@scenario("plan.governance.services:close_consultation")
def _close_consultation():
    from mobilization.plan.governance import services
    from mobilization.plan.governance.tests.factories import ConsultationFactory

    consultation = ConsultationFactory(past_closing=True)
    services.close_consultation(consultation)
    return [Change(consultation, "governance.consultation_closed")]


# challenges ----------------------------------------------------------------------------------------------


@scenario("challenges.services:publish")
def _publish_challenge():
    from mobilization.challenges import services
    from mobilization.challenges.tests.factories import ChallengeActionFactory

    action = ChallengeActionFactory(challenge__status="draft")
    services.publish(action.challenge, by=_staff())
    return [Change(action.challenge, "challenge.published")]


@scenario("challenges.services:end", "challenges.services:publish_results")
def _end_challenge_and_publish_its_results():
    from mobilization.challenges import services
    from mobilization.challenges.tests.factories import ChallengeFactory

    challenge = ChallengeFactory(starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 30))
    services.end(challenge, by=None, on=date(2027, 3, 31))
    services.publish_results(challenge, by=_staff())
    return [Change(challenge, "challenge.ended"), Change(challenge, "challenge.results_published")]


# learning ------------------------------------------------------------------------------------------------


def _certified_at_a_session():
    """A volunteer registered to a session that starts in half an hour, marked present: certified."""
    from mobilization.events import services as event_services
    from mobilization.learning import services
    from mobilization.learning.tests.factories import SessionFactory

    session = SessionFactory(starts_at=timezone.now() + timedelta(minutes=30))
    trainer, person = session.training.trainers.get(), MemberFactory()
    event_services.register(session, person)
    certification = services.take_attendance(session, [person.pk], by=trainer)[0]
    return session, trainer, person, certification


@scenario("learning.services:publish_training")
def _publish_training():
    from mobilization.learning import services
    from mobilization.learning.tests.factories import TrainingFactory

    training = TrainingFactory(status="draft")
    services.publish_training(training, by=_staff())
    return [Change(training, "training.published")]


@scenario("learning.services:archive_training")
def _archive_training():
    from mobilization.learning import services
    from mobilization.learning.tests.factories import TrainingFactory

    training = TrainingFactory()
    services.archive_training(training, by=_staff())
    return [Change(training, "training.archived")]


@scenario("learning.services:take_attendance", "learning.services:revoke_certification")
def _mark_absent_after_all():
    from mobilization.learning import services

    session, trainer, person, certification = _certified_at_a_session()
    services.take_attendance(session, [], by=trainer)
    return [
        Change(certification.attendance, "training.attendance_marked"),
        Change(certification, "certification.revoked"),
    ]


@scenario("learning.services:grant_if_earned")
def _restore_certification():
    from mobilization.learning import services

    session, trainer, person, certification = _certified_at_a_session()
    services.take_attendance(session, [], by=trainer)
    services.take_attendance(session, [person.pk], by=trainer)
    certification.refresh_from_db()
    assert certification.status == certification.Status.VALID
    return [Change(certification, "certification.restored")]


@scenario("learning.services:send_expiry_reminders")
def _remind_expiry():
    from mobilization.learning import services

    _session, _trainer, _person, certification = _certified_at_a_session()
    services.send_expiry_reminders(today=certification.expires_on - timedelta(days=3))
    return [Change(certification, "certification.expiry_reminded")]


@scenario("learning.services:update_resource")
def _update_resource():
    from mobilization.learning import services
    from mobilization.learning.tests.factories import ResourceFactory

    resource = ResourceFactory(status="draft")
    details = services.ResourceDetails(
        title="Fiche canicule",
        summary="Les bons réflexes.",
        body="",
        kind="guide",
        theme="solidarity",
        language="fr",
        level="beginner",
        link="",
    )
    services.update_resource(resource, details, by=resource.author)
    return [Change(resource, "resource.changed")]


@scenario("learning.services:submit_resource", "learning.services:reject_resource")
def _submit_and_reject_resource():
    from mobilization.learning import services
    from mobilization.learning.tests.factories import ResourceFactory

    resource = ResourceFactory(status="draft")
    services.submit_resource(resource, by=resource.author)
    services.reject_resource(resource, by=_staff(), reason="Ajoutez une source.")
    return [Change(resource, "resource.submitted"), Change(resource, "resource.rejected")]


@scenario("learning.services:publish_resource")
def _publish_resource():
    from mobilization.learning import services
    from mobilization.learning.tests.factories import ResourceFactory

    resource = ResourceFactory(status="submitted", published_at=None)
    services.publish_resource(resource, by=_staff())
    return [Change(resource, "resource.published")]


# solidarity ----------------------------------------------------------------------------------------------


def _registered_resident():
    from mobilization.solidarity.tests.factories import ResidentFactory

    return ResidentFactory()


@scenario("solidarity.services:confirm_registration")
def _confirm_registration():
    from mobilization.solidarity import services

    resident = _registered_resident()
    services.confirm_registration(resident, by=_staff())
    return [Change(resident, "solidarity.registration_confirmed")]


@scenario("solidarity.services:pause_buddy", "solidarity.services:resume_buddy")
def _pause_and_resume_buddy():
    from datetime import date

    from mobilization.solidarity import services
    from mobilization.solidarity.tests.factories import BuddyProfileFactory

    profile = BuddyProfileFactory()
    services.pause_buddy(profile, by=profile.user, until=date(2030, 1, 7))
    services.resume_buddy(profile, by=profile.user)
    return [Change(profile, "solidarity.buddy_paused"), Change(profile, "solidarity.buddy_resumed")]


def _active_event_with_an_offer():
    from mobilization.solidarity import dispatching
    from mobilization.solidarity.models import Assignment, ExtremeEvent
    from mobilization.solidarity.tests.event_factories import EventFactory, trained_buddy
    from mobilization.solidarity.tests.factories import ResidentFactory, eleventh

    event = EventFactory(status=ExtremeEvent.Status.ACTIVE, districts=[eleventh()])
    trained_buddy()
    ResidentFactory()
    dispatching.dispatch(event)
    return event, Assignment.objects.select_related("buddy__user", "event").get(event=event)


@scenario(
    "solidarity.event_services:update_event",
    "solidarity.event_services:activate",
    "solidarity.event_services:stand_down",
    "solidarity.event_services:close",
)
def _extreme_event_lifecycle():
    from mobilization.solidarity import event_services
    from mobilization.solidarity.tests.event_factories import EventFactory, trained_buddy
    from mobilization.solidarity.tests.factories import ResidentFactory

    coordinator = MemberFactory(roles=(roles.SOLIDARITY_COORDINATOR,))
    event = EventFactory()
    trained_buddy()
    ResidentFactory()
    event_services.update_event(event, by=coordinator, values={"level": "red"})
    event_services.activate(event, by=coordinator)
    event_services.stand_down(event, by=coordinator)
    offer = event.assignments.get()
    event_services.close(event, by=coordinator)
    return [
        Change(event, "solidarity.event_updated"),
        Change(event, "solidarity.event_activated"),
        Change(event, "solidarity.event_stood_down"),
        Change(event, "solidarity.event_closed"),
        Change(offer, "solidarity.offer_expired"),
    ]


@scenario("solidarity.offers:accept")
def _accept_offer():
    from mobilization.solidarity import offers

    _event, offer = _active_event_with_an_offer()
    offers.accept(offer, by=offer.buddy.user)
    return [Change(offer, "solidarity.offer_accepted")]


@scenario("solidarity.offers:decline")
def _decline_offer():
    from mobilization.solidarity import offers

    _event, offer = _active_event_with_an_offer()
    offers.decline(offer, by=offer.buddy.user)
    return [Change(offer, "solidarity.offer_declined")]


@scenario("solidarity.offers:expire_offers")
def _expire_offers():
    from mobilization.solidarity import offers

    _event, offer = _active_event_with_an_offer()
    offers.expire_offers(now=timezone.now() + timedelta(days=2))
    return [Change(offer, "solidarity.offer_expired")]


# codesign ------------------------------------------------------------------------------------------------


@scenario("codesign.services:turn_into_idea")
def _turn_into_idea():
    from mobilization.codesign import services
    from mobilization.codesign.tests.factories import SuggestionFactory

    suggestion = SuggestionFactory()
    services.turn_into_idea(suggestion, by=_staff(), title="Filtre", body="", tool="maps")
    return [Change(suggestion, "codesign.suggestion_turned_into_idea")]


@scenario("codesign.services:close_suggestion")
def _close_suggestion():
    from mobilization.codesign import services
    from mobilization.codesign.tests.factories import SuggestionFactory

    suggestion = SuggestionFactory()
    services.close_suggestion(suggestion, by=_staff())
    return [Change(suggestion, "codesign.suggestion_closed")]


@scenario("codesign.services:merge")
def _merge_ideas():
    from mobilization.codesign import services
    from mobilization.codesign.tests.factories import IdeaFactory

    duplicate, kept = IdeaFactory(), IdeaFactory()
    services.merge(duplicate, into=kept, by=_staff())
    return [Change(duplicate, "codesign.idea_merged")]


@scenario("codesign.services:publish_workshop")
def _publish_workshop():
    from mobilization.codesign import services
    from mobilization.codesign.tests.factories import WorkshopFactory

    workshop = WorkshopFactory()
    services.publish_workshop(workshop, by=_staff())
    return [Change(workshop, "codesign.workshop_published")]


@scenario("codesign.services:announce_workshop")
def _announce_workshop():
    from mobilization.codesign import services
    from mobilization.codesign.tests.factories import WorkshopFactory

    workshop = WorkshopFactory()
    services.announce_workshop(workshop, by=_staff())
    return [Change(workshop, "codesign.workshop_announced")]


@scenario("codesign.services:close_survey")
def _close_survey():
    from mobilization.codesign import services
    from mobilization.codesign.tests.factories import SurveyFactory

    survey = SurveyFactory()
    services.close_survey(survey, by=_staff())
    return [Change(survey, "codesign.survey_closed")]


# footprint -----------------------------------------------------------------------------------------------


@scenario("footprint.plans:mark_done", "footprint.plans:mark_planned")
def _footprint_action_done_then_planned():
    from mobilization.footprint import plans

    person = MemberFactory()
    item = plans.choose(person, "alimentation . devenir végétarien")
    plans.mark_done(item, by=person)
    plans.mark_planned(item, by=person)
    return [Change(item, "footprint.plan_action_done"), Change(item, "footprint.plan_action_planned")]


# commitments ---------------------------------------------------------------------------------------------


@scenario("commitments.services:verify_organisation")
def _verify_organisation():
    from mobilization.commitments import services
    from mobilization.commitments.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(status="pending")
    services.verify_organisation(organisation, by=_staff())
    return [Change(organisation, "commitments.organisation_verified")]


@scenario("commitments.services:reject_organisation")
def _reject_organisation():
    from mobilization.commitments import services
    from mobilization.commitments.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(status="pending")
    services.reject_organisation(organisation, by=_staff(), reason="No such SIRET.")
    return [Change(organisation, "commitments.organisation_rejected")]


@scenario("commitments.services:accept_invitation")
def _accept_invitation():
    from mobilization.commitments import services
    from mobilization.commitments.tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    invitation, _token = services.invite_representative(
        organisation, email="zoe@example.org", by=organisation.representatives.get()
    )
    services.accept_invitation(invitation, by=MemberFactory())
    return [Change(invitation, "commitments.invitation_accepted")]


@scenario("commitments.services:withdraw_commitment")
def _withdraw_commitment():
    from mobilization.commitments import services
    from mobilization.commitments.tests.factories import CommitmentFactory

    commitment = CommitmentFactory()
    services.withdraw_commitment(commitment, by=commitment.organisation.representatives.get(), reason="Sold.")
    return [Change(commitment, "commitments.commitment_withdrawn")]


@scenario("commitments.services:_revise", "commitments.services:refresh_figures")
def _revise_report():
    from mobilization.commitments import services
    from mobilization.commitments.tests.factories import CommitmentFactory

    commitment = CommitmentFactory()
    person = commitment.organisation.representatives.get()
    services.submit_report(commitment, by=person, period="2021", value=96)
    report, _created = services.submit_report(commitment, by=person, period="2021", value=94)
    return [Change(report, "commitments.report_revised"), Change(commitment, "commitments.status_settled")]


@scenario("commitments.services:revoke_api_token")
def _revoke_api_token():
    from mobilization.commitments import services
    from mobilization.commitments.tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    person = organisation.representatives.get()
    token, _key = services.create_api_token(organisation, label="ERP", by=person)
    services.revoke_api_token(token, by=person)
    return [Change(token, "commitments.api_token_revoked")]


@scenario("commitments.services:_review")
def _review_report():
    from mobilization.commitments import services
    from mobilization.commitments.tests.factories import CommitmentFactory

    commitment = CommitmentFactory()
    report, _created = services.submit_report(
        commitment, by=commitment.organisation.representatives.get(), period="2021", value=96
    )
    services.verify_report(report, by=_staff())
    return [Change(report, "commitments.report_verified")]


@scenario("commitments.coalitions:_decide")
def _decide_membership():
    from mobilization.commitments import coalitions
    from mobilization.commitments.tests.factories import CoalitionFactory, OrganisationFactory

    lead = OrganisationFactory()
    coalition = CoalitionFactory(lead=lead)
    joiner = OrganisationFactory()
    membership = coalitions.request_to_join(coalition, joiner, by=joiner.representatives.get())
    coalitions.approve_membership(membership, by=lead.representatives.get())
    return [Change(membership, "commitments.coalition_member_approved")]


@scenario("commitments.coalitions:request_to_join")
def _request_to_join_again():
    from mobilization.commitments import coalitions
    from mobilization.commitments.tests.factories import CoalitionFactory, OrganisationFactory

    lead = OrganisationFactory()
    coalition = CoalitionFactory(lead=lead)
    joiner = OrganisationFactory()
    person = joiner.representatives.get()
    membership = coalitions.request_to_join(coalition, joiner, by=person)
    coalitions.decline_membership(membership, by=lead.representatives.get())
    coalitions.request_to_join(coalition, joiner, by=person)  # asked again, after the refusal
    return [Change(membership, "commitments.coalition_join_requested")]


# solidarity: check-ins and escalations ----------------------------------------------------------------


def _checkin_world():
    from mobilization.solidarity import checkins
    from mobilization.solidarity.models import CheckIn
    from mobilization.solidarity.tests.checkin_factories import accepted, active_event, buddy
    from mobilization.solidarity.tests.factories import ResidentFactory

    event = active_event()
    resident = ResidentFactory()
    profile = buddy()
    accepted(event, resident, profile)
    checkins.generate_checkins(event)
    return event, resident, profile, CheckIn.objects.get(resident=resident)


@scenario("solidarity.checkins:record_outcome")
def _record_checkin_outcome():
    import uuid

    from mobilization.solidarity import checkins

    _event, _resident, profile, checkin = _checkin_world()
    checkins.record_outcome(checkin, by=profile.user, outcome="fine", key=uuid.uuid4())
    return [Change(checkin, "solidarity.checkin_recorded")]


@scenario("solidarity.escalations:escalate")
def _escalate_twice():
    from mobilization.solidarity import escalations

    event, resident, _profile, checkin = _checkin_world()
    escalation = escalations.escalate(event, resident, reason="no_answer", checkin=checkin)
    escalations.escalate(event, resident, reason="needs_help", needs=["water"])  # joins the open one
    return [Change(escalation, "solidarity.escalation_joined")]


@scenario("solidarity.escalations:take", "solidarity.escalations:resolve")
def _take_and_resolve_escalation():
    from mobilization.solidarity import escalations

    event, resident, _profile, _checkin = _checkin_world()
    coordinator = MemberFactory(roles=(roles.SOLIDARITY_COORDINATOR,))
    escalation = escalations.escalate(event, resident, reason="needs_help", needs=["water"])
    escalations.take(escalation, by=coordinator)
    escalations.resolve(escalation, by=coordinator, resolution="help_arranged")
    return [
        Change(escalation, "solidarity.escalation_taken"),
        Change(escalation, "solidarity.escalation_resolved"),
    ]


def test_every_caller_of_the_helper_has_a_scenario():
    callers = _callers()
    assert callers, "the scan found no caller of transition(): is SOURCE right?"
    assert not callers - set(SCENARIOS), f"add a scenario for: {sorted(callers - set(SCENARIOS))}"
    assert not set(SCENARIOS) - callers, f"no longer call the helper: {sorted(set(SCENARIOS) - callers)}"


@pytest.mark.django_db
@pytest.mark.parametrize("caller", sorted(SCENARIOS))
def test_the_state_change_locks_its_row_and_is_audited(caller):
    locked_models = []
    select_for_update = QuerySet.select_for_update

    def spy(queryset, *args, **kwargs):
        locked_models.append(queryset.model._meta.label_lower)
        return select_for_update(queryset, *args, **kwargs)

    with (
        mock.patch.object(QuerySet, "select_for_update", spy),
        CaptureQueriesContext(connection) as queries,
    ):
        changes = SCENARIOS[caller]()

    assert changes
    for change in changes:
        label = change.obj._meta.label_lower
        assert label in locked_models, f"{caller}: the {label} row was not locked"
        assert AuditEvent.objects.filter(
            action=change.action, object_type=label, object_id=str(change.obj.pk)
        ).exists(), f"{caller}: no audit record {change.action} for {label}#{change.obj.pk}"
    if connection.vendor == "postgresql":
        assert any("FOR UPDATE" in query["sql"] for query in queries.captured_queries)

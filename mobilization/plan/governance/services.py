"""What people do in shared governance: one function per state change, each checked and audit-logged.

The functions take model objects and plain values, raise the kernel's domain errors (`core.errors`) with a
message a person can read, and know nothing of requests or HTML. Every state change goes through the
kernel's `transition()`; the secret ballot's writes (votes, the pool, the shuffles) are not state changes
and hold the consultation's row lock themselves (see the models' docstring).
"""

import contextlib
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import get_language

from mobilization.core import audit, supports
from mobilization.core.errors import AlreadyDone, DomainError, InvalidTransition, NotAllowed
from mobilization.core.transitions import Notice, lock, transition
from mobilization.core.translation import LANGUAGE_CODES
from mobilization.plan.governance.models import (
    Ballot,
    CityResponse,
    Comment,
    Committee,
    Consultation,
    ConsultationResult,
    Meeting,
    Option,
    Participation,
    PendingBallot,
    Proposal,
    Recommendation,
    Support,
)


class InvalidBallot(DomainError):
    """A ballot's choices do not follow the consultation's questions."""


class ResultsNotAvailable(DomainError):
    """The results of a consultation are asked for before it has closed."""


def in_columns(name: str, text: str | dict[str, str]) -> dict[str, str]:
    """A text the city or a committee writes, for its columns: its versions by language ({"fr": …, "en": …}
    → `title_fr`, `title_en`), or one text in the language active now."""
    versions = text if isinstance(text, dict) else {get_language(): text}
    return {f"{name}_{code}": value for code, value in versions.items() if code in LANGUAGE_CODES}


_required = supports.required

# The decision of a response row made for a recommendation that awaits the city's answer, until the answer
# is written in the same transaction: no row is ever committed with it.
AWAITING = ""


def support_threshold() -> int:
    return int(getattr(settings, "PROPOSAL_SUPPORT_THRESHOLD", 100))


# --- Committees ---------------------------------------------------------------------------------------------


def schedule_meeting(
    committee: Committee, *, by, starts_at: datetime, place: str, agenda: str | dict[str, str]
) -> Meeting:
    meeting = Meeting.objects.create(
        committee=committee, starts_at=starts_at, place=place, created_by=by, **in_columns("agenda", agenda)
    )
    audit.record(by, "governance.meeting_scheduled", meeting)
    return meeting


def publish_minutes(meeting: Meeting, *, by, minutes: str | dict[str, str]) -> Meeting:
    """The committee publishes (or corrects) the minutes of a meeting that has taken place; they are dated
    the first time."""

    texts = in_columns("minutes", minutes)

    def has_taken_place(meeting: Meeting) -> None:
        if meeting.starts_at > timezone.now():
            raise InvalidTransition(_("The minutes of a meeting can be published once it has taken place."))
        _required(" ".join(texts.values()), _("Write the minutes first."))

    return transition(
        meeting,
        by=by,
        action="governance.minutes_published",
        allowed_from=None,
        check=has_taken_place,
        refresh=["starts_at", "minutes_published_at"],
        changes={
            **texts,
            "minutes_published_at": lambda meeting: meeting.minutes_published_at or timezone.now(),
        },
    )


def issue_recommendation(
    committee: Committee,
    *,
    by,
    reference: str,
    title: str | dict[str, str],
    text: str | dict[str, str],
    issued_on: date,
    response_due_on: date,
    meeting: Meeting | None = None,
    objectives=(),
) -> Recommendation:
    if response_due_on < issued_on:
        raise DomainError(_("The response is due after the recommendation is issued."))
    if meeting is not None and meeting.committee_id != committee.pk:
        raise DomainError(_("This meeting is not one of the committee's."))
    try:
        with transaction.atomic():
            recommendation = Recommendation.objects.create(
                committee=committee,
                meeting=meeting,
                reference=reference,
                **in_columns("title", title),
                **in_columns("text", text),
                issued_on=issued_on,
                response_due_on=response_due_on,
                created_by=by,
            )
    except IntegrityError:
        raise AlreadyDone(_("The committee already has a recommendation with this reference.")) from None
    recommendation.objectives.set(objectives)
    audit.record(by, "governance.recommendation_issued", recommendation)
    return recommendation


def answer_recommendation(
    recommendation: Recommendation,
    *,
    by,
    decision: str,
    justification: str | dict[str, str],
    implementation_due_on: date | None = None,
) -> CityResponse:
    """The city answers a recommendation, or gives its final answer to one it had put under study.

    The response goes from "awaiting" (a response row with no decision, made under the recommendation's
    lock the first time) or "under study" to the decision; a final answer is never replaced. The
    committee's members with an account are told. `justification` is a text in the language active now, or
    its versions by language ({"fr": "…", "en": "…"}), one of them at least.
    """
    decision = CityResponse.Decision(decision)
    texts = in_columns("justification", justification)
    _required(" ".join(texts.values()), _("Say why: a response needs a justification."))
    accepted = decision in (CityResponse.Decision.ACCEPTED, CityResponse.Decision.PARTLY_ACCEPTED)
    if accepted and implementation_due_on is None:
        raise DomainError(_("Say by when an accepted recommendation will be carried out."))
    if not accepted:
        implementation_due_on = None
    members = [seat.user for seat in recommendation.committee.members.select_related("user") if seat.user]
    now = timezone.now()
    with transaction.atomic():
        # Two answers at once are served one after the other: the second finds the first one's response.
        lock(recommendation)
        response, _created = CityResponse.objects.get_or_create(
            recommendation=recommendation, defaults={"decision": AWAITING, "responded_at": now}
        )
        return transition(
            response,
            by=by,
            action="governance.recommendation_answered",
            state_field="decision",
            allowed_from=(AWAITING, CityResponse.Decision.UNDER_STUDY),
            to=decision,
            changes={
                **texts,
                "implementation_due_on": implementation_due_on,
                "responded_by": by,
                "responded_at": now,
            },
            message=_("This recommendation has already received the city's final answer."),
            details={"decision": decision, "previous": response.decision},
            notices=[
                Notice(
                    members,
                    "recommendation_answered",
                    {"recommendation": recommendation, "response": response},
                )
            ],
        )


# --- Proposals ----------------------------------------------------------------------------------------------


def submit_proposal(*, author, title: str, body: str, objectives=()) -> Proposal:
    proposal = Proposal.objects.create(author=author, title=title, body=body)
    proposal.objectives.set(objectives)
    audit.record(author, "governance.proposal_submitted", proposal)
    return proposal


def publish_proposal(proposal: Proposal, *, by) -> Proposal:
    return transition(
        proposal,
        by=by,
        action="governance.proposal_published",
        allowed_from=[Proposal.Status.SUBMITTED],
        to=Proposal.Status.PUBLISHED,
        changes={"published_at": timezone.now(), "moderated_by": by},
        message=_("Only a proposal awaiting moderation can be published."),
    )


def reject_proposal(proposal: Proposal, *, by, reason: str) -> Proposal:
    return transition(
        proposal,
        by=by,
        action="governance.proposal_rejected",
        allowed_from=[Proposal.Status.SUBMITTED],
        to=Proposal.Status.REJECTED,
        check=lambda _proposal: _required(reason, _("Say why the proposal is rejected.")),
        changes={"rejection_reason": reason, "moderated_by": by},
        message=_("Only a proposal awaiting moderation can be rejected."),
    )


def answer_proposal(proposal: Proposal, *, by, answer: str) -> Proposal:
    """The city's official answer to a published proposal (owed once it reaches the support threshold)."""
    return supports.answer(
        proposal,
        by=by,
        action="governance.proposal_answered",
        allowed_from=[Proposal.Status.PUBLISHED],
        to=Proposal.Status.ANSWERED,
        text=answer,
        missing=_("Write the answer first."),
        message=_("Only a published proposal can be answered."),
    )


# One support per account and proposal, and the count kept equal to the rows: the kernel's mechanics,
# which the platform's ideas (codesign) share.
SUPPORTS = supports.Supports(Support, "proposal")


def _date_threshold_if_reached(proposal: Proposal) -> None:
    """After a recount (under the proposal's lock): date the threshold the first time it is met."""
    proposal.refresh_from_db(fields=["threshold_reached_at"])
    if proposal.threshold_reached_at is None and proposal.supports_count >= support_threshold():
        _date_threshold(proposal)


def _date_threshold(proposal: Proposal) -> Proposal:
    """The proposal reached the support threshold: it is dated once, the first time (under its row lock,
    so that of two supports crossing it at once, only the first dates it)."""

    def not_dated_yet(proposal: Proposal) -> None:
        if proposal.threshold_reached_at is not None:
            raise AlreadyDone(_("This proposal has already reached the support threshold."))

    return transition(
        proposal,
        by=None,
        action="governance.proposal_threshold_reached",
        allowed_from=None,
        refresh=["threshold_reached_at"],
        check=not_dated_yet,
        changes={"threshold_reached_at": timezone.now()},
        details={"supports": proposal.supports_count},
    )


def support_proposal(proposal: Proposal, *, user) -> Support:
    """One support per account and proposal: a second one is refused, even from two requests at once.

    Under the proposal's lock: a support cannot slip in after the city has answered, and the count and
    the threshold's date follow every support (`core.supports`)."""

    def is_published(proposal: Proposal) -> None:
        if proposal.status != Proposal.Status.PUBLISHED:
            raise InvalidTransition(
                _("Only a published proposal awaiting the city's answer can be supported.")
            )

    return SUPPORTS.add(
        proposal,
        user=user,
        may_support=is_published,
        already=_("You already support this proposal."),
        after=_date_threshold_if_reached,
    )


def withdraw_support(proposal: Proposal, *, user) -> None:
    SUPPORTS.withdraw(proposal, user=user, not_supported=_("You do not support this proposal."))


def comment_on(proposal: Proposal, *, author, body: str) -> Comment:
    if not proposal.is_public:
        raise InvalidTransition(_("Only a published proposal can be commented on."))
    _required(body, _("Write your comment first."))
    comment = Comment.objects.create(proposal=proposal, author=author, body=body)
    audit.record(author, "governance.comment_posted", comment)
    return comment


def hide_comment(comment: Comment, *, by, reason: str) -> Comment:
    return supports.hide(
        comment,
        by=by,
        reason=reason,
        action="governance.comment_hidden",
        already=_("This comment is already hidden."),
        missing=_("Say why the comment is hidden."),
    )


# --- Consultations ------------------------------------------------------------------------------------------


def has_verified_email(user) -> bool:
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def has_voted(consultation: Consultation, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Participation.objects.filter(consultation=consultation, user=user).exists()


def clean_answers(consultation: Consultation, answers: dict) -> dict[str, list[int]]:
    """Check a ballot's choices against the questions: every question answered, within its limit, with
    its own options. Returns {question id (str): sorted option ids}."""
    questions = list(consultation.questions.prefetch_related("options"))
    clean = {}
    for question in questions:
        raw = answers.get(question.pk, answers.get(str(question.pk), []))
        try:
            chosen = sorted({int(value) for value in raw})
        except (TypeError, ValueError):
            raise InvalidBallot(_("A choice is not one of the options.")) from None
        valid = {option.pk for option in question.options.all()}
        if not chosen:
            raise InvalidBallot(_("Answer every question: “%(question)s”.") % {"question": question.text})
        if not set(chosen) <= valid:
            raise InvalidBallot(_("A choice is not one of the options."))
        if len(chosen) > question.choice_limit:
            raise InvalidBallot(
                _("Choose at most %(count)d options for “%(question)s”.")
                % {"count": question.choice_limit, "question": question.text}
            )
        clean[str(question.pk)] = chosen
    unknown = {str(key) for key in answers} - set(clean)
    if unknown:
        raise InvalidBallot(_("A question is not one of the consultation's."))
    return clean


def ballot_batch_size() -> int:
    """k: how many ballots wait in the pool before they are added to the counted ballots, shuffled.

    The `CONSULTATION_BALLOT_BATCH` setting; never below 2, where a batch would hide no one."""
    return max(2, int(getattr(settings, "CONSULTATION_BALLOT_BATCH", 10)))


# The source of every shuffle of ballots: the operating system's, which no one can predict or replay.
_random = random.SystemRandom()


# What a consultation's status is computed from: read again under its lock before a vote or the closing.
_STATUS_FIELDS = ("opens_at", "closes_at", "closed_at", "results_published_at")


def _add_shuffled(model, consultation: Consultation, answers: list) -> None:
    """Write `answers` as rows of `model` (a pool or the counted ballots), in a random order, with fresh
    UUIDs."""
    answers = list(answers)
    _random.shuffle(answers)
    model.objects.bulk_create(
        [model(id=uuid.uuid4(), consultation=consultation, answers=choices) for choices in answers]
    )


def _rewrite(model, consultation: Consultation, answers: list) -> None:
    """Replace the consultation's rows of `model` by `answers`, in a random order, with fresh UUIDs."""
    model.objects.filter(consultation=consultation).delete()
    _add_shuffled(model, consultation, answers)


def _pool(consultation: Consultation) -> list:
    return list(PendingBallot.objects.filter(consultation=consultation).values_list("answers", flat=True))


def cast_ballot(consultation: Consultation, *, user, answers: dict) -> None:
    """Record that `user` voted (Participation) and put what they voted into the pool (PendingBallot).

    Both are written in one transaction, under the consultation's lock: the unique Participation makes a
    second vote fail — also when two requests race — and takes its ballot down with it; a vote cannot
    slip in after the consultation has closed. The pool is rewritten shuffled with fresh UUIDs. Then, in
    a transaction of its own, a full pool is added to the counted ballots (`flush_ballot_pool`), so that
    no ballot shares its transaction, or its place in the storage order, with its voter's participation
    (see the models' docstring). Returns nothing on purpose: not even the caller learns which ballot is
    theirs.

    No audit event names the voter: the participation, dated to the day, is the record that they voted.
    """
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed(_("Sign in to vote."))
    if not has_verified_email(user):
        raise NotAllowed(_("Confirm your e-mail address to vote."))
    if consultation.status != Consultation.Status.OPEN:
        raise InvalidTransition(_("This consultation is not open for voting."))
    clean = clean_answers(consultation, answers)
    with transaction.atomic():
        # Votes, flushes and the closing of one consultation happen one at a time, so that none of them
        # sees the pool or the status half-changed.
        lock(consultation, fields=_STATUS_FIELDS)
        if consultation.status != Consultation.Status.OPEN:
            raise InvalidTransition(_("This consultation is not open for voting."))
        try:
            with transaction.atomic():
                Participation.objects.create(
                    consultation=consultation, user=user, voted_on=timezone.localdate()
                )
        except IntegrityError:
            raise AlreadyDone(_("You have already voted in this consultation.")) from None
        _rewrite(PendingBallot, consultation, [*_pool(consultation), clean])
    flush_ballot_pool(consultation)


def flush_ballot_pool(consultation: Consultation, *, force: bool = False) -> int:
    """Add the pool's ballots to the counted ones, shuffled, with fresh UUIDs, in one transaction, once
    it holds a batch (`ballot_batch_size`), or whatever it holds with `force`. Returns how many moved.

    The audit log records that a batch was added, with no actor: nothing there says who voted when.
    """
    with transaction.atomic():
        lock(consultation)
        pending = _pool(consultation)
        if not pending or (len(pending) < ballot_batch_size() and not force):
            return 0
        PendingBallot.objects.filter(consultation=consultation).delete()
        _add_shuffled(Ballot, consultation, pending)  # one new batch, shuffled within itself
    audit.record(None, "governance.ballots_added", consultation, ballots=len(pending))
    return len(pending)


def tally(consultation: Consultation) -> dict[str, dict[str, int]]:
    """Count the stored ballots: {question id: {option id: count}}, every option present (ids as str).

    Only `Ballot` is read: ballots still in the pool are flushed before any count (closing, recount)."""
    counts = {
        str(question.pk): {str(option.pk): 0 for option in question.options.all()}
        for question in consultation.questions.prefetch_related("options")
    }
    counter: Counter = Counter()
    for answers in (
        Ballot.objects.filter(consultation=consultation).values_list("answers", flat=True).iterator()
    ):
        for question_id, option_ids in answers.items():
            for option_id in option_ids:
                counter[(str(question_id), str(option_id))] += 1
    for (question_id, option_id), count in counter.items():
        counts.setdefault(question_id, {})[option_id] = count
    return counts


def shuffle_ballots(consultation: Consultation) -> None:
    """Flush the pool and rewrite all the consultation's ballots in one random order with new identifiers,
    in one transaction: after it, neither the storage order nor the transaction that wrote them tells
    anything, not even which batch a ballot came in (see the models' docstring)."""
    with transaction.atomic():
        lock(consultation)
        ballots = list(Ballot.objects.filter(consultation=consultation).values_list("answers", flat=True))
        pending = _pool(consultation)
        PendingBallot.objects.filter(consultation=consultation).delete()
        _rewrite(Ballot, consultation, ballots + pending)


def close_consultation(consultation: Consultation, *, by=None) -> ConsultationResult:
    """Close a consultation (staff, or the closing date passed), count it and publish the results.

    All under the consultation's lock: no vote slips in between the closing and the count."""
    now = timezone.now()

    def may_close(consultation: Consultation) -> None:
        if consultation.results_published_at is not None:
            raise InvalidTransition(_("This consultation is already closed and its results published."))
        if now < consultation.opens_at:
            raise InvalidTransition(_("A consultation that has not opened cannot be closed."))
        if by is None and now < consultation.closes_at:
            raise InvalidTransition(_("This consultation is still open."))

    with transaction.atomic():
        lock(consultation)
        # Every ballot cast, counted or still in the pool: closing adds the pool to the counted ones.
        ballots = (
            Ballot.objects.filter(consultation=consultation).count()
            + PendingBallot.objects.filter(consultation=consultation).count()
        )
        transition(
            consultation,
            by=by,
            action="governance.consultation_closed",
            allowed_from=None,
            refresh=_STATUS_FIELDS,
            check=may_close,
            changes={
                "closed_at": lambda consultation: consultation.closed_at or min(now, consultation.closes_at),
                "results_published_at": now,
            },
            details={"ballots": ballots},
        )
        shuffle_ballots(consultation)
        return ConsultationResult.objects.create(
            consultation=consultation,
            counts=tally(consultation),
            ballots_count=Ballot.objects.filter(consultation=consultation).count(),
            participations_count=Participation.objects.filter(consultation=consultation).count(),
            computed_at=now,
        )


def close_due_consultations() -> list[Consultation]:
    """Close every consultation whose closing date has passed (the `close_consultations` command)."""
    closed = []
    due = Consultation.objects.filter(results_published_at__isnull=True, closes_at__lte=timezone.now())
    for consultation in due:
        try:
            close_consultation(consultation)
        except InvalidTransition:
            continue  # closed by another worker meanwhile
        closed.append(consultation)
    return closed


def close_if_due(consultation: Consultation) -> Consultation:
    """On first access after its closing date, a consultation is closed and counted."""
    if consultation.results_published_at is None and timezone.now() >= consultation.closes_at:
        with contextlib.suppress(InvalidTransition):
            close_consultation(consultation)
        consultation.refresh_from_db()
    return consultation


@dataclass
class OptionResult:
    option_id: int
    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    question_id: int
    text: str
    kind: str
    options: list[OptionResult] = field(default_factory=list)
    answered: int = 0


def results(consultation: Consultation) -> tuple[ConsultationResult, list[QuestionResult]]:
    """The published results: counts and percentages of ballots per option. Never while it is open."""
    consultation = close_if_due(consultation)
    if consultation.results_published_at is None:
        raise ResultsNotAvailable(_("Results are published once the consultation has closed."))
    result = consultation.result
    total = result.ballots_count
    questions = []
    for question in consultation.questions.prefetch_related("options"):
        counts = result.counts.get(str(question.pk), {})
        options = [
            OptionResult(
                option_id=option.pk,
                label=option.label,
                count=int(counts.get(str(option.pk), 0)),
                percent=round(100 * int(counts.get(str(option.pk), 0)) / total, 1) if total else 0.0,
            )
            for option in question.options.all()
        ]
        questions.append(QuestionResult(question.pk, question.text, question.kind, options, total))
    return result, questions


@dataclass
class Recount:
    matches: bool
    ballots: int
    published_ballots: int
    differences: list[str]


def recount(consultation: Consultation, *, by=None) -> Recount:
    """Count the stored ballots again and compare with the published tally.

    A ballot still in the pool after closing (there should be none: closing flushes it, and no vote is
    taken once closed) is flushed first, so that it is counted — and shows as a difference."""
    if consultation.results_published_at is None:
        raise ResultsNotAvailable(_("Results are published once the consultation has closed."))
    flush_ballot_pool(consultation, force=True)
    published = consultation.result
    fresh = tally(consultation)
    ballots = Ballot.objects.filter(consultation=consultation).count()
    labels = {
        str(option.pk): f"{option.question.text} — {option.label}"
        for option in Option.objects.filter(question__consultation=consultation).select_related("question")
    }
    differences = []
    if ballots != published.ballots_count:
        differences.append(
            _("Ballots: %(published)d published, %(counted)d counted.")
            % {"published": published.ballots_count, "counted": ballots}
        )
    keys = set(fresh) | set(published.counts)
    for question_id in sorted(keys):
        fresh_counts = fresh.get(question_id, {})
        published_counts = published.counts.get(question_id, {})
        for option_id in sorted(set(fresh_counts) | set(published_counts)):
            a, b = int(published_counts.get(option_id, 0)), int(fresh_counts.get(option_id, 0))
            if a != b:
                differences.append(
                    _("%(option)s: %(published)d published, %(counted)d counted.")
                    % {"option": labels.get(option_id, option_id), "published": a, "counted": b}
                )
    report = Recount(not differences, ballots, published.ballots_count, differences)
    audit.record(by, "governance.consultation_recounted", consultation, matches=report.matches)
    return report


# --- Personal data ------------------------------------------------------------------------------------------


def export_personal_data(user) -> dict:
    """What shared governance holds about a person: their proposals, supports, comments, committee seats
    and the consultations they took part in (never what they voted: no one can know it)."""
    from mobilization.plan.governance.models import CommitteeMember

    return {
        "proposals": [
            {"title": p.title, "status": p.status, "created_at": p.created_at.isoformat()}
            for p in Proposal.objects.filter(author=user)
        ],
        "supported_proposals": list(
            Support.objects.filter(user=user).values_list("proposal__title", flat=True).order_by("pk")
        ),
        "comments": [
            {"proposal": c.proposal.title, "body": c.body, "created_at": c.created_at.isoformat()}
            for c in Comment.objects.filter(author=user).select_related("proposal")
        ],
        "committee_seats": [
            {"committee": seat.committee.name, "kind": seat.kind, "since": seat.since.isoformat()}
            for seat in CommitteeMember.objects.filter(user=user).select_related("committee")
        ],
        "consultations_voted_in": [
            {"consultation": p.consultation.title, "voted_on": p.voted_on.isoformat()}
            for p in Participation.objects.filter(user=user).select_related("consultation")
        ],
    }


def anonymise_personal_data(user) -> None:
    """Proposals and comments stay (their author shows as "Former member"); seats end with the account.
    Supports and participations stay: they hold nothing but the link to the anonymised account, and keep
    the counts and the "one per account" rule true."""
    from mobilization.plan.governance.models import CommitteeMember

    CommitteeMember.objects.filter(user=user).delete()

"""The domain logic of trainings: publishing them, attendance, the quiz, certifications and their expiry.

A certification is granted when a volunteer is marked present at a session and, where the training asks
for it, has passed its quiz (before or after the session: whichever comes last grants it). It is valid
from the day of the session until `validity_months` later (the expiry day included), or for ever. Marking
someone absent after all revokes the certification that session gave them. Every change of state goes
through `core.transitions.transition()`.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilization.core import audit
from mobilization.core.errors import InvalidTransition, NotAllowed
from mobilization.core.transitions import Notice, lock, transition
from mobilization.events.models import Event, Registration
from mobilization.learning import search
from mobilization.learning.models import (
    Attendance,
    Certification,
    QuizAttempt,
    Resource,
    ResourceFeedback,
    Training,
)
from mobilization.notifications.services import notify

# Trainers take attendance at the door: from an hour before the session starts.
ATTENDANCE_OPENS_BEFORE = timedelta(hours=1)
# A certification about to expire is reminded this many days before.
REMIND_DAYS_BEFORE = 30
NEXT_SESSIONS_IN_REMINDER = 3


# --- Trainings --------------------------------------------------------------------------------------------


def publish_training(training: Training, *, by) -> Training:
    """Staff publish a training: it is listed, and its trainers may add sessions."""
    return transition(
        training,
        by=by,
        action="training.published",
        allowed_from=[Training.Status.DRAFT, Training.Status.ARCHIVED],
        to=Training.Status.PUBLISHED,
        message=_("This training is already published."),
    )


def archive_training(training: Training, *, by) -> Training:
    """Staff archive a training: no new session; its certifications stay valid until they expire."""
    return transition(
        training,
        by=by,
        action="training.archived",
        allowed_from=[Training.Status.PUBLISHED],
        to=Training.Status.ARCHIVED,
        message=_("Only a published training can be archived."),
    )


def upcoming_sessions(training: Training, now=None):
    return (
        Event.objects.filter(training=training)
        .scheduled()
        .upcoming(now)
        .filter(starts_at__gte=now or timezone.now())
        .with_registered_count()
    )


# --- Attendance -------------------------------------------------------------------------------------------


@dataclass
class SheetLine:
    """One registered person on a session's attendance sheet (display name only)."""

    user_id: int
    name: str
    present: bool
    certification_code: str | None


def attendance_sheet(event: Event) -> list[SheetLine]:
    """The people registered to the session (not those waiting), by display name, with their attendance."""
    registrations = (
        event.registrations.filter(status=Registration.Status.REGISTERED)
        .select_related("user__profile")
        .order_by("created_at", "pk")
    )
    marked = {
        attendance.user_id: attendance
        for attendance in Attendance.objects.filter(event=event).select_related("certification")
    }
    lines = []
    for registration in registrations:
        profile = getattr(registration.user, "profile", None)
        attendance = marked.get(registration.user_id)
        certification = getattr(attendance, "certification", None) if attendance else None
        lines.append(
            SheetLine(
                user_id=registration.user_id,
                name=(profile.display_name if profile else "") or _("(no name)"),
                present=bool(attendance and attendance.status == Attendance.Status.PRESENT),
                certification_code=certification.code
                if certification and certification.status == Certification.Status.VALID
                else None,
            )
        )
    return lines


def refuses_attendance(event: Event, now=None) -> str:
    """Why attendance cannot be taken at this session now ("" when it can)."""
    if event.training_id is None:
        return _("This event is not a training session.")
    if event.is_cancelled:
        return _("This session is cancelled.")
    if event.starts_at - ATTENDANCE_OPENS_BEFORE > (now or timezone.now()):
        return _("Attendance can be taken from an hour before the session starts.")
    return ""


def take_attendance(event: Event, present_ids, *, by) -> list[Certification]:
    """The trainer marks who came among the people registered: those present may be certified (returned),
    those marked absent after all lose the certification the session gave them."""
    refusal = refuses_attendance(event)
    if refusal:
        raise InvalidTransition(refusal)
    present_ids = {int(pk) for pk in present_ids}
    granted = []
    with transaction.atomic():
        lock(event, fields=["status"])
        registered = set(
            event.registrations.filter(status=Registration.Status.REGISTERED).values_list(
                "user_id", flat=True
            )
        )
        unknown = present_ids - registered
        if unknown:
            raise NotAllowed(_("Only people registered to the session can be marked present."))
        existing = {a.user_id: a for a in Attendance.objects.filter(event=event).select_related("user")}
        for user_id in sorted(registered):
            attendance = existing.get(user_id)
            wanted = Attendance.Status.PRESENT if user_id in present_ids else Attendance.Status.ABSENT
            if attendance is None:
                if wanted == Attendance.Status.ABSENT:
                    continue  # nobody marked yet and not present: nothing to record
                attendance = Attendance.objects.create(
                    event=event, user_id=user_id, status=wanted, marked_by=by
                )
                audit.record(by, "training.attendance_marked", attendance, status=wanted)
            elif attendance.status != wanted:
                transition(
                    attendance,
                    by=by,
                    action="training.attendance_marked",
                    allowed_from=[Attendance.Status.PRESENT, Attendance.Status.ABSENT],
                    to=wanted,
                    changes={"marked_by": by},
                )
            if wanted == Attendance.Status.PRESENT:
                certification = grant_if_earned(attendance, by=by)
                if certification is not None:
                    granted.append(certification)
            else:
                _revoke_from(attendance, by=by)
    return granted


def _revoke_from(attendance: Attendance, *, by) -> None:
    certification = Certification.objects.filter(
        attendance=attendance, status=Certification.Status.VALID
    ).first()
    if certification is not None:
        revoke_certification(certification, by=by, reason="absent")


def revoke_certification(certification: Certification, *, by, reason: str = "") -> Certification:
    """A certification stops holding at once (the person was marked absent, or staff withdrew it)."""
    return transition(
        certification,
        by=by,
        action="certification.revoked",
        allowed_from=[Certification.Status.VALID],
        to=Certification.Status.REVOKED,
        message=_("This certification is already revoked."),
        details={"reason": reason[:40]} if reason else None,
    )


# --- The quiz ---------------------------------------------------------------------------------------------


def has_passed_quiz(user, training: Training) -> bool:
    return QuizAttempt.objects.filter(user=user, training=training, passed=True).exists()


def submit_quiz(training: Training, user, answers: dict[int, int]) -> QuizAttempt:
    """Score the volunteer's answers ({question id: choice id}); a pass certifies them if they attended."""
    questions = list(training.questions.prefetch_related("choices"))
    if not questions:
        raise InvalidTransition(_("This training has no quiz."))
    right = 0
    for question in questions:
        correct = {choice.pk for choice in question.choices.all() if choice.is_correct}
        if answers.get(question.pk) in correct:
            right += 1
    score = round(100 * right / len(questions))
    passed = score >= training.quiz_pass_mark
    with transaction.atomic():
        attempt = QuizAttempt.objects.create(training=training, user=user, score=score, passed=passed)
        audit.record(user, "training.quiz_taken", attempt, passed=passed)
        if passed:
            attendance = (
                Attendance.objects.filter(
                    user=user, event__training=training, status=Attendance.Status.PRESENT, certification=None
                )
                .select_related("event__training")
                .order_by("-event__starts_at")
                .first()
            )
            if attendance is not None:
                grant_if_earned(attendance, by=user)
    return attempt


# --- Certifications ---------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days: 31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def grant_if_earned(attendance: Attendance, *, by) -> Certification | None:
    """The certification an attendance earns, once: it needs the person present and, where the training
    asks for it, a passed quiz. Valid from the day of the session for the training's validity, or from today
    when the trainer takes attendance at the door before a session that starts after midnight: a
    certification is never dated in the future, so it holds the moment it is granted."""
    event = attendance.event
    training = event.training
    if attendance.status != Attendance.Status.PRESENT:
        return None
    if training.requires_quiz and not has_passed_quiz(attendance.user, training):
        return None
    existing = Certification.objects.filter(attendance=attendance).first()
    if existing is not None:
        if existing.status == Certification.Status.REVOKED:
            # Marked absent, then present again: the same certification holds again.
            return transition(
                existing,
                by=by,
                action="certification.restored",
                allowed_from=[Certification.Status.REVOKED],
                to=Certification.Status.VALID,
            )
        return None
    granted_on = min(timezone.localdate(event.starts_at), timezone.localdate())
    expires_on = add_months(granted_on, training.validity_months) if training.validity_months else None
    certification = Certification.objects.create(
        user=attendance.user,
        training=training,
        attendance=attendance,
        granted_on=granted_on,
        expires_on=expires_on,
    )
    audit.record(by, "certification.granted", certification)
    notify([attendance.user], "certification_granted", {"certification": certification, "training": training})
    return certification


def certifications_of(user):
    return Certification.objects.filter(user=user).select_related("training").order_by("-granted_on", "-pk")


def holder_name(certification: Certification) -> str:
    """The only thing the public page shows of the holder: their display name."""
    profile = getattr(certification.user, "profile", None)
    return (profile.display_name if profile else "") or _("(no name)")


# --- Expiry reminders -------------------------------------------------------------------------------------


def send_expiry_reminders(today: date | None = None) -> int:
    """Remind each volunteer whose certification expires within REMIND_DAYS_BEFORE days, with the next
    sessions of the training; once per certification and expiry date (`reminded_for`), even when two runs
    overlap (rows are claimed under a lock, skipping those another run holds). Someone who already holds a
    certification of the same training that lasts longer (renewed) is not reminded. Returns how many."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=REMIND_DAYS_BEFORE)
    count = 0
    with transaction.atomic():
        due = list(
            Certification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=Certification.Status.VALID, expires_on__gte=today, expires_on__lte=horizon)
            .exclude(reminded_for=F("expires_on"))
            .select_related("training", "user")
            .order_by("pk")
        )
        for certification in due:
            renewed = (
                Certification.objects.filter(
                    Q(expires_on__isnull=True) | Q(expires_on__gt=certification.expires_on),
                    user=certification.user,
                    training=certification.training,
                    status=Certification.Status.VALID,
                )
                .exclude(pk=certification.pk)
                .exists()
            )
            expiry = certification.expires_on
            notices = []
            if not renewed:
                sessions = list(upcoming_sessions(certification.training)[:NEXT_SESSIONS_IN_REMINDER])
                notices = [
                    Notice(
                        [certification.user],
                        "certification_expiring",
                        {
                            "certification": certification,
                            "training": certification.training,
                            "sessions": sessions,
                            "url": certification.training.get_absolute_url(),
                        },
                    )
                ]
                count += 1
            transition(
                certification,
                by=None,
                action="certification.expiry_reminded",
                allowed_from=[Certification.Status.VALID],
                changes={"reminded_for": expiry},
                details={"renewed": renewed},
                notices=notices,
            )
    return count


# --- Personal data ----------------------------------------------------------------------------------------


def export_personal_data(user) -> dict:
    return {
        "certifications": [
            {
                "training": c.training.title,
                "code": c.code,
                "granted_on": c.granted_on,
                "valid_until": c.expires_on,
                "status": c.status,
            }
            for c in certifications_of(user)
        ],
        "attendances": [
            {"session": a.event.title, "starts_at": a.event.starts_at, "status": a.status}
            for a in Attendance.objects.filter(user=user).select_related("event")
        ],
        "quiz_attempts": [
            {"training": q.training.title, "score": q.score, "passed": q.passed, "at": q.created_at}
            for q in QuizAttempt.objects.filter(user=user).select_related("training")
        ],
    }


def anonymise_personal_data(user) -> None:
    """Certifications, attendances and quiz scores have no use without the person: deleted."""
    Certification.objects.filter(user=user).delete()
    Attendance.objects.filter(user=user).delete()
    QuizAttempt.objects.filter(user=user).delete()


# --- Resources ----------------------------------------------------------------------------------------------


@dataclass
class ResourceDetails:
    """What a writer types for a resource."""

    title: str
    summary: str
    body: str
    kind: str
    theme: str
    language: str
    level: str
    link: str


def _store_file(resource: Resource, checked) -> None:
    if checked is not None:
        resource.file.save(checked.name, checked.content, save=False)
        resource.file_kind = checked.kind


def create_resource(
    details: ResourceDetails, *, by, checked_file=None, objectives=(), initiatives=()
) -> Resource:
    """A writer (city staff or a trusted volunteer) drafts a resource; it is public once staff publish it."""
    with transaction.atomic():
        resource = Resource(author=by, **vars(details))
        _store_file(resource, checked_file)
        resource.save()
        resource.objectives.set(objectives)
        resource.initiatives.set(initiatives)
        search.reindex(resource)
        audit.record(by, "resource.created", resource)
    return resource


def update_resource(
    resource: Resource, details: ResourceDetails, *, by, checked_file=None, objectives=None, initiatives=None
) -> Resource:
    """Its author (before publication) or staff change a resource; the search index follows."""
    with transaction.atomic():
        transition(
            resource,
            by=by,
            action="resource.changed",
            allowed_from=None,
            changes=vars(details),
        )
        if checked_file is not None:
            _store_file(resource, checked_file)
            resource.save(update_fields=["file", "file_kind", "updated_at"])
        if objectives is not None:
            resource.objectives.set(objectives)
        if initiatives is not None:
            resource.initiatives.set(initiatives)
        search.reindex(resource)
    return resource


def submit_resource(resource: Resource, *, by) -> Resource:
    """The author asks staff to review a draft (or a resource sent back and corrected)."""
    return transition(
        resource,
        by=by,
        action="resource.submitted",
        allowed_from=[Resource.Status.DRAFT, Resource.Status.REJECTED],
        to=Resource.Status.SUBMITTED,
        message=_("Only a draft or a resource sent back can be submitted."),
    )


def publish_resource(resource: Resource, *, by) -> Resource:
    """Staff publish a resource after review: everyone can read and find it; its author is told."""
    notices = (
        []
        if resource.author_id == by.pk
        else [Notice([resource.author], "resource_published", {"resource": resource})]
    )
    return transition(
        resource,
        by=by,
        action="resource.published",
        allowed_from=[Resource.Status.DRAFT, Resource.Status.SUBMITTED],
        to=Resource.Status.PUBLISHED,
        changes={"published_at": lambda _resource: timezone.now(), "rejection_reason": ""},
        message=_("This resource is already published, or was sent back."),
        notices=notices,
    )


def reject_resource(resource: Resource, *, by, reason: str) -> Resource:
    """Staff send a submitted resource back to its author, saying why."""
    reason = reason.strip()
    return transition(
        resource,
        by=by,
        action="resource.rejected",
        allowed_from=[Resource.Status.SUBMITTED],
        to=Resource.Status.REJECTED,
        changes={"rejection_reason": reason},
        message=_("Only a submitted resource can be sent back."),
        notices=[Notice([resource.author], "resource_rejected", {"resource": resource, "reason": reason})],
    )


def give_feedback(resource: Resource, user, *, useful: bool, comment: str = "") -> ResourceFeedback:
    """ "Was this useful?": one answer per person and resource; answering again changes it."""
    if not resource.is_public:
        raise InvalidTransition(_("Only a published resource takes feedback."))
    feedback, _created = ResourceFeedback.objects.update_or_create(
        resource=resource, user=user, defaults={"useful": useful, "comment": comment.strip()}
    )
    return feedback


def feedback_summary(resource: Resource) -> dict:
    """For staff: how many found it useful or not, and the comments (without names)."""
    rows = list(resource.feedback.order_by("-updated_at").values("useful", "comment", "updated_at"))
    return {
        "useful": sum(1 for row in rows if row["useful"]),
        "not_useful": sum(1 for row in rows if not row["useful"]),
        "comments": [row for row in rows if row["comment"]][:50],
    }

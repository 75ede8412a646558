"""What people do in co-design: one function per state change, each checked and audit-logged.

Supports, answers and the moderation of comments are the kernel's (`core.supports`), the same code as the
Climate Plan's citizen proposals; the anonymous surveys follow the design of its secret ballots.
"""

import contextlib
import random
import statistics
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mobilization.codesign.models import (
    Idea,
    IdeaComment,
    IdeaSupport,
    Release,
    Suggestion,
    Survey,
    SurveyParticipation,
    SurveyPendingResponse,
    SurveyQuestion,
    SurveyResponse,
    Tool,
    Workshop,
)
from mobilization.core import audit, supports
from mobilization.core.errors import AlreadyDone, DomainError, InvalidTransition, NotAllowed
from mobilization.core.transitions import Notice, lock, transition
from mobilization.core.translation import set_texts
from mobilization.events.models import Event, Registration
from mobilization.notifications.models import is_local_path

SUPPORTS = supports.Supports(IdeaSupport, "idea")

# Where the team may move an idea on the roadmap ("done" comes with a release: `publish_release`).
ROADMAP_MOVES = {
    Idea.Status.PLANNED: (Idea.Status.UNDER_STUDY, Idea.Status.IN_PROGRESS),
    Idea.Status.IN_PROGRESS: (Idea.Status.UNDER_STUDY, Idea.Status.PLANNED),
    Idea.Status.DECLINED: (Idea.Status.UNDER_STUDY, Idea.Status.PLANNED),
    Idea.Status.UNDER_STUDY: (Idea.Status.PLANNED, Idea.Status.IN_PROGRESS, Idea.Status.DECLINED),
}
STATUSES_STAFF_SET = (
    Idea.Status.PLANNED,
    Idea.Status.IN_PROGRESS,
    Idea.Status.DECLINED,
    Idea.Status.UNDER_STUDY,
)

# Which tool a page belongs to, by the first part of its path after the language (a guess staff correct).
_TOOL_OF_SECTION = {
    "initiatives": Tool.INITIATIVES,
    "events": Tool.INITIATIVES,
    "places": Tool.MAPS,
    "plan": Tool.PLAN,
    "footprint": Tool.FOOTPRINT,
    "solidarity": Tool.SOLIDARITY,
    "commitments": Tool.COMMITMENTS,
    "challenges": Tool.CHALLENGES,
    "learning": Tool.LEARNING,
}


def clean_page(path: str) -> str:
    """The page a suggestion came from: a path on this site, or nothing (never another site's address,
    never a query string, which may hold someone's token)."""
    path = (path or "").strip()
    if not is_local_path(path):
        return ""
    return path.split("?", 1)[0].split("#", 1)[0][:300]


def tool_of_page(path: str) -> str:
    parts = [part for part in path.split("/") if part]
    if parts and parts[0] in {code for code, _name in settings.LANGUAGES}:
        parts = parts[1:]
    return _TOOL_OF_SECTION.get(parts[0], Tool.OTHER) if parts else Tool.OTHER


# --- Suggestions --------------------------------------------------------------------------------------------


def suggest(
    *, trying_to: str, would_help: str, page: str, language: str, author=None, email: str = ""
) -> Suggestion:
    """Record a suggestion from the foot of a page. Signed in, the account is the way to be told; not
    signed in, an optional e-mail address (kept only until they are told)."""
    supports.required(trying_to, _("Say what you were trying to do."))
    supports.required(would_help, _("Say what would help."))
    is_member = getattr(author, "is_authenticated", False)
    suggestion = Suggestion.objects.create(
        trying_to=trying_to.strip(),
        would_help=would_help.strip(),
        page=clean_page(page),
        language=language,
        author=author if is_member else None,
        email="" if is_member else (email or "").strip(),
    )
    audit.record(author if is_member else None, "codesign.suggestion_received", suggestion)
    return suggestion


def turn_into_idea(suggestion: Suggestion, *, by, title: str, body: str, tool: str) -> Idea:
    """Staff turn a suggestion into an idea on the board; its author (if signed in) is its author."""
    supports.required(title, _("Give the idea a title."))
    with transaction.atomic():
        lock(suggestion, fields=["status"])
        if suggestion.status != Suggestion.Status.NEW:
            raise InvalidTransition(_("This suggestion has already been handled."))
        idea = Idea.objects.create(
            title=title.strip(),
            body=(body or "").strip() or suggestion.would_help,
            tool=Tool(tool),
            author=suggestion.author,
            created_by=by,
        )
        transition(
            suggestion,
            by=by,
            action="codesign.suggestion_turned_into_idea",
            allowed_from=[Suggestion.Status.NEW],
            to=Suggestion.Status.TURNED_INTO_IDEA,
            changes={"idea": idea, "handled_by": by},
            details={"idea": idea.pk},
        )
    return idea


def close_suggestion(suggestion: Suggestion, *, by) -> Suggestion:
    """Staff close a suggestion that becomes no idea (noise, already on the board)."""
    return transition(
        suggestion,
        by=by,
        action="codesign.suggestion_closed",
        allowed_from=[Suggestion.Status.NEW],
        to=Suggestion.Status.CLOSED,
        changes={"handled_by": by, "email": ""},
        message=_("This suggestion has already been handled."),
    )


# --- Ideas --------------------------------------------------------------------------------------------------


def create_idea(*, by, title: str, body: str, tool: str, workshop: Workshop | None = None) -> Idea:
    """Staff put an idea on the board themselves (one that came from a workshop, say)."""
    supports.required(title, _("Give the idea a title."))
    supports.required(body, _("Describe the idea."))
    idea = Idea.objects.create(
        title=title.strip(), body=body.strip(), tool=Tool(tool), created_by=by, workshop=workshop
    )
    audit.record(by, "codesign.idea_created", idea)
    return idea


def people_of(idea: Idea) -> list:
    """Who hears of an idea: its author and its supporters (each once)."""
    from django.contrib.auth import get_user_model

    ids = set(IdeaSupport.objects.filter(idea=idea).values_list("user_id", flat=True))
    if idea.author_id:
        ids.add(idea.author_id)
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True))


def support_idea(idea: Idea, *, user) -> IdeaSupport:
    """One support per account and idea, even from two requests at once (core.supports)."""

    def is_open(idea: Idea) -> None:
        if not idea.is_open_to_support:
            raise InvalidTransition(_("Only an idea under study, planned or in progress can be supported."))

    return SUPPORTS.add(idea, user=user, may_support=is_open, already=_("You already support this idea."))


def withdraw_support(idea: Idea, *, user) -> None:
    SUPPORTS.withdraw(idea, user=user, not_supported=_("You do not support this idea."))


def comment_on(idea: Idea, *, author, body: str) -> IdeaComment:
    if idea.status == Idea.Status.MERGED:
        raise InvalidTransition(_("This idea was merged: comment on the idea it was merged into."))
    supports.required(body, _("Write your comment first."))
    comment = IdeaComment.objects.create(idea=idea, author=author, body=body.strip())
    audit.record(author, "codesign.comment_posted", comment)
    return comment


def hide_comment(comment: IdeaComment, *, by, reason: str) -> IdeaComment:
    return supports.hide(comment, by=by, reason=reason, action="codesign.comment_hidden")


def set_status(idea: Idea, *, by, status: str, reason: str) -> Idea:
    """The team moves an idea on the roadmap, saying why; its author and supporters are told."""
    status = Idea.Status(status)
    if status not in ROADMAP_MOVES:
        raise InvalidTransition(_("An idea is done when a release brings it; merge a duplicate instead."))
    idea = supports.answer(
        idea,
        by=by,
        action="codesign.idea_status_changed",
        allowed_from=ROADMAP_MOVES[status],
        to=status,
        text=reason,
        missing=_("Say why: the roadmap shows the team's reason."),
        message=_("This idea cannot take this status now."),
        notices=[Notice(people_of(idea), "idea_status_changed", {"idea": idea})],
        details={"status": status},
    )
    _tell_by_email(idea)
    return idea


def merge(duplicate: Idea, *, into: Idea, by) -> Idea:
    """Staff merge a duplicate into the idea that is kept: supports move without counting anyone twice,
    the duplicate's authors and supporters are told, and its page leads to the kept idea."""
    if duplicate.pk == into.pk:
        raise DomainError(_("An idea cannot be merged into itself."))
    if into.status in (Idea.Status.MERGED,):
        raise InvalidTransition(_("Merge into an idea that is still on the board."))
    told = people_of(duplicate)
    with transaction.atomic():
        transition(
            duplicate,
            by=by,
            action="codesign.idea_merged",
            allowed_from=[Idea.Status.UNDER_STUDY, Idea.Status.PLANNED, Idea.Status.IN_PROGRESS],
            to=Idea.Status.MERGED,
            changes={"merged_into": into},
            message=_("Only an idea still on the roadmap can be merged."),
            details={"into": into.pk},
            notices=[
                Notice(told, "idea_merged", {"idea": duplicate, "kept": into, "url": into.get_absolute_url()})
            ],
        )
        SUPPORTS.move(duplicate, into)
        Suggestion.objects.filter(idea=duplicate).update(idea=into)
    into.refresh_from_db()
    return into


def _versions(text: str | dict[str, str]) -> dict[str, str]:
    """A text the team writes: its versions by language ({"fr": …, "en": …}), or one text in the language
    active now."""
    versions = text if isinstance(text, dict) else {translation.get_language(): text}
    return {code: (value or "").strip() for code, value in versions.items()}


def publish_release(
    *, by, version: str, title: str | dict, notes: str | dict, ideas=(), released_on=None
) -> Release:
    """A release is put online: its notes are published, and each idea it brings is done; their authors
    and supporters are told, with a link to the release notes."""
    titles, notes = _versions(title), _versions(notes)
    supports.required(version, _("Give the release its version."))
    supports.required(" ".join(titles.values()), _("Give the release a title."))
    supports.required(" ".join(notes.values()), _("Write the release notes."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                release = Release(
                    version=version.strip(), released_on=released_on or timezone.localdate(), created_by=by
                )
                set_texts(release, "title", titles)
                set_texts(release, "notes", notes)
                release.save()
        except IntegrityError:
            raise AlreadyDone(_("A release already has this version.")) from None
        audit.record(by, "codesign.release_published", release)
        for idea in ideas:
            mark_done(idea, release=release, by=by)
    return release


def mark_done(idea: Idea, *, release: Release, by) -> Idea:
    idea = supports.answer(
        idea,
        by=by,
        action="codesign.idea_done",
        allowed_from=[Idea.Status.UNDER_STUDY, Idea.Status.PLANNED, Idea.Status.IN_PROGRESS],
        to=Idea.Status.DONE,
        text=_("Built in version %(version)s.") % {"version": release.version},
        changes={"release": release},
        message=_("Only an idea still on the roadmap can be marked done."),
        notices=[
            Notice(
                people_of(idea),
                "idea_done",
                {"idea": idea, "release": release, "url": release.get_absolute_url()},
            )
        ],
        details={"release": release.pk},
    )
    _tell_by_email(idea, release=release)
    return idea


def _tell_by_email(idea: Idea, *, release: Release | None = None) -> None:
    """People who suggested it without an account and left an address hear of the outcome (done or
    declined), once; then the address is erased."""
    if idea.status not in (Idea.Status.DONE, Idea.Status.DECLINED):
        return
    waiting = list(Suggestion.objects.filter(idea=idea).exclude(email=""))
    if not waiting:
        return
    from mobilization.notifications.texts import absolute_url

    for suggestion in waiting:
        with translation.override(suggestion.language or settings.LANGUAGE_CODE):
            page = release.get_absolute_url() if release else idea.get_absolute_url()
            subject = _("Your suggestion: %(title)s") % {"title": idea.title}
            body = _(
                "Thank you for your suggestion. What became of it: %(status)s.\n\n%(reason)s\n\n%(link)s"
            ) % {
                "status": idea.get_status_display(),
                "reason": idea.answer,
                "link": absolute_url(page),
            }
        transaction.on_commit(
            lambda subject=subject, body=body, to=suggestion.email: send_mail(subject, body, None, [to])
        )
    Suggestion.objects.filter(pk__in=[s.pk for s in waiting]).update(email="")


# --- Figures ------------------------------------------------------------------------------------------------


@dataclass
class RoadmapFigures:
    suggestions: int
    ideas_done: int
    median_days_to_release: float | None


def roadmap_figures() -> RoadmapFigures:
    done = list(
        Idea.objects.filter(status=Idea.Status.DONE, release__isnull=False).values_list(
            "created_at", "release__released_on"
        )
    )
    days = [max(0, (released_on - timezone.localtime(created).date()).days) for created, released_on in done]
    return RoadmapFigures(
        suggestions=Suggestion.objects.count(),
        ideas_done=len(done),
        median_days_to_release=statistics.median(days) if days else None,
    )


# --- Workshops ----------------------------------------------------------------------------------------------


def publish_workshop(workshop: Workshop, *, by) -> Workshop:
    def has_notes(workshop: Workshop) -> None:
        supports.required(workshop.notes, _("Write the workshop's notes first."))
        if workshop.published_at is not None:
            raise AlreadyDone(_("These notes are already published."))

    return transition(
        workshop,
        by=by,
        action="codesign.workshop_published",
        allowed_from=None,
        refresh=["published_at", "notes"],
        check=has_notes,
        changes={"published_at": timezone.now()},
    )


def workshop_sessions(workshop: Workshop, now=None) -> tuple[list[Event], list[Event]]:
    """The workshop's sessions (events): those to come, soonest first, and those held, latest first."""
    now = now or timezone.now()
    sessions = Event.objects.filter(workshop=workshop).with_registered_count()
    upcoming = list(sessions.filter(ends_at__gte=now).order_by("starts_at", "pk"))
    past = list(sessions.scheduled().filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:20])
    return upcoming, past


def registrations_of(user, sessions) -> dict[int, str]:
    """The person's registration status ("registered", "waitlisted") on each of the sessions, by event."""
    if not getattr(user, "is_authenticated", False) or not sessions:
        return {}
    return dict(
        Registration.objects.filter(user=user, event__in=sessions)
        .exclude(status=Registration.Status.CANCELLED)
        .values_list("event_id", "status")
    )


def announce_workshop(workshop: Workshop, *, by) -> Workshop:
    """Makes the workshop's page public before it is held: people register to its sessions (events)."""

    def not_yet(workshop: Workshop) -> None:
        if workshop.is_public:
            raise AlreadyDone(_("This workshop is already public."))

    return transition(
        workshop,
        by=by,
        action="codesign.workshop_announced",
        allowed_from=None,
        refresh=["announced_at", "published_at"],
        check=not_yet,
        changes={"announced_at": timezone.now()},
    )


# --- Surveys ------------------------------------------------------------------------------------------------


class InvalidResponse(DomainError):
    """A survey's answers do not follow its questions."""


def is_targeted(survey: Survey, user) -> bool:
    """Whether the survey asks this person: every member, or those of its districts, themes or roles."""
    if not getattr(user, "is_authenticated", False):
        return False
    district_ids = {district.pk for district in survey.districts.all()}
    if not (district_ids or survey.themes or survey.roles):
        return True
    profile = getattr(user, "profile", None)
    if district_ids and getattr(profile, "home_district_id", None) in district_ids:
        return True
    interests = set(getattr(profile, "themes", None) or [])
    if survey.themes and interests & set(survey.themes):
        return True
    return bool(survey.roles) and user.groups.filter(name__in=survey.roles).exists()


def has_answered(survey: Survey, user) -> bool:
    return getattr(user, "is_authenticated", False) and survey.participations.filter(user=user).exists()


def clean_survey_answers(survey: Survey, answers: dict) -> dict[str, object]:
    """Check answers against the questions: {question id (str): [option ids] | 1-5 | text}. A free-text
    question may stay empty; the others must be answered."""
    clean: dict[str, object] = {}
    for question in survey.questions.prefetch_related("options"):
        raw = answers.get(str(question.pk))
        if question.kind == SurveyQuestion.Kind.TEXT:
            text = (raw or "").strip() if isinstance(raw, str) else ""
            if text:
                clean[str(question.pk)] = text[:2000]
            continue
        if question.kind == SurveyQuestion.Kind.SCALE:
            try:
                value = int(raw)
            except (TypeError, ValueError):
                raise InvalidResponse(
                    _("Answer every question: “%(question)s”.") % {"question": question.text}
                ) from None
            if not 1 <= value <= 5:
                raise InvalidResponse(_("Choose a value from 1 to 5."))
            clean[str(question.pk)] = value
            continue
        values = raw if isinstance(raw, list) else [raw] if raw not in (None, "") else []
        try:
            chosen = sorted({int(value) for value in values})
        except (TypeError, ValueError):
            raise InvalidResponse(_("A choice is not one of the options.")) from None
        if not chosen:
            raise InvalidResponse(_("Answer every question: “%(question)s”.") % {"question": question.text})
        if not set(chosen) <= {option.pk for option in question.options.all()}:
            raise InvalidResponse(_("A choice is not one of the options."))
        if question.kind == SurveyQuestion.Kind.SINGLE and len(chosen) > 1:
            raise InvalidResponse(_("Choose one option."))
        clean[str(question.pk)] = chosen
    return clean


def response_batch_size() -> int:
    """k: how many anonymous responses wait in the pool before they join the counted ones, shuffled."""
    return max(2, int(getattr(settings, "SURVEY_RESPONSE_BATCH", 10)))


_random = random.SystemRandom()


def _add_shuffled(model, survey: Survey, answers: list) -> None:
    answers = list(answers)
    _random.shuffle(answers)
    model.objects.bulk_create([model(id=uuid.uuid4(), survey=survey, answers=item) for item in answers])


def _pool(survey: Survey) -> list:
    return list(SurveyPendingResponse.objects.filter(survey=survey).values_list("answers", flat=True))


def answer_survey(survey: Survey, *, user, answers: dict) -> None:
    """Record that `user` answered (SurveyParticipation) and what they answered.

    An anonymous survey never writes the response with its participation: the response goes into the
    pool, rewritten shuffled with fresh UUIDs, in the participation's transaction; a full pool joins the
    counted responses in a transaction of its own (`flush_pool`), as the Climate Plan's secret ballots
    do. Returns nothing: not even the caller learns which response is theirs."""
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed(_("Sign in to answer."))
    if not is_targeted(survey, user):
        raise NotAllowed(_("This survey is for other volunteers."))
    clean = clean_survey_answers(survey, answers)
    with transaction.atomic():
        lock(survey, fields=["opens_at", "closes_at", "closed_at"])
        if not survey.is_open:
            raise InvalidTransition(_("This survey is not open."))
        try:
            with transaction.atomic():
                SurveyParticipation.objects.create(survey=survey, user=user, answered_on=timezone.localdate())
        except IntegrityError:
            raise AlreadyDone(_("You have already answered this survey.")) from None
        if survey.is_anonymous:
            pending = [*_pool(survey), clean]
            SurveyPendingResponse.objects.filter(survey=survey).delete()
            _add_shuffled(SurveyPendingResponse, survey, pending)
        else:
            SurveyResponse.objects.create(survey=survey, answers=clean, respondent=user)
    if survey.is_anonymous:
        flush_pool(survey)


def flush_pool(survey: Survey, *, force: bool = False) -> int:
    with transaction.atomic():
        lock(survey)
        pending = _pool(survey)
        if not pending or (len(pending) < response_batch_size() and not force):
            return 0
        SurveyPendingResponse.objects.filter(survey=survey).delete()
        _add_shuffled(SurveyResponse, survey, pending)
    audit.record(None, "codesign.survey_responses_added", survey, responses=len(pending))
    return len(pending)


def close_survey(survey: Survey, *, by=None) -> Survey:
    """Close a survey: the pool joins the counted responses, and an anonymous survey's responses are all
    rewritten in one random order with new identifiers (nothing tells the batches apart any more)."""
    now = timezone.now()

    def may_close(survey: Survey) -> None:
        if survey.closed_at is not None:
            raise AlreadyDone(_("This survey is already closed."))
        if now < survey.opens_at:
            raise InvalidTransition(_("A survey that has not opened cannot be closed."))
        if by is None and now < survey.closes_at:
            raise InvalidTransition(_("This survey is still open."))

    with transaction.atomic():
        transition(
            survey,
            by=by,
            action="codesign.survey_closed",
            allowed_from=None,
            refresh=["opens_at", "closes_at", "closed_at"],
            check=may_close,
            changes={"closed_at": lambda survey: min(now, survey.closes_at)},
        )
        if survey.is_anonymous:
            counted = list(SurveyResponse.objects.filter(survey=survey).values_list("answers", flat=True))
            everything = counted + _pool(survey)
            SurveyPendingResponse.objects.filter(survey=survey).delete()
            SurveyResponse.objects.filter(survey=survey).delete()
            _add_shuffled(SurveyResponse, survey, everything)
    return survey


def close_if_due(survey: Survey) -> Survey:
    if survey.closed_at is None and timezone.now() >= survey.closes_at:
        with contextlib.suppress(DomainError):  # closed by another request meanwhile
            close_survey(survey)
        survey.refresh_from_db()
    return survey


@dataclass
class OptionCount:
    label: str
    count: int
    percent: float


@dataclass
class QuestionResults:
    question: SurveyQuestion
    options: list[OptionCount] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    average: float | None = None
    answered: int = 0

    @property
    def chart(self) -> str:
        from mobilization.codesign.charts import bar_chart

        return bar_chart(self.options, labelled_by=f"question-{self.question.pk}")


def survey_results(survey: Survey) -> tuple[int, list[QuestionResults]]:
    """Counts per option (a scale's values are its options 1 to 5), and free texts as one list sorted
    alphabetically — never a response as a whole. Only once the survey is closed."""
    survey = close_if_due(survey)
    if survey.closed_at is None:
        raise InvalidTransition(_("The results are shown once the survey has closed."))
    responses = list(SurveyResponse.objects.filter(survey=survey).values_list("answers", flat=True))
    results = []
    for question in survey.questions.prefetch_related("options"):
        key = str(question.pk)
        given = [answers[key] for answers in responses if key in answers]
        result = QuestionResults(question=question, answered=len(given))
        if question.kind == SurveyQuestion.Kind.TEXT:
            result.texts = sorted(str(text) for text in given)
        elif question.kind == SurveyQuestion.Kind.SCALE:
            counter = Counter(int(value) for value in given)
            result.options = [
                OptionCount(str(value), counter[value], _percent(counter[value], len(given)))
                for value in range(1, 6)
            ]
            result.average = round(statistics.fmean(int(v) for v in given), 1) if given else None
        else:
            counter = Counter(option_id for chosen in given for option_id in chosen)
            result.options = [
                OptionCount(option.label, counter[option.pk], _percent(counter[option.pk], len(given)))
                for option in question.options.all()
            ]
        results.append(result)
    return len(responses), results


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def surveys_for(user):
    """Open surveys that ask this person and that they have not answered yet."""
    now = timezone.now()
    open_surveys = Survey.objects.filter(opens_at__lte=now, closes_at__gt=now, closed_at__isnull=True)
    return [survey for survey in open_surveys.prefetch_related("districts") if is_targeted(survey, user)]


# --- Personal data ------------------------------------------------------------------------------------------


def export_personal_data(user) -> dict:
    return {
        "suggestions": [
            {
                "trying_to": s.trying_to,
                "would_help": s.would_help,
                "page": s.page,
                "created_at": s.created_at.isoformat(),
            }
            for s in Suggestion.objects.filter(author=user)
        ],
        "supported_ideas": list(
            IdeaSupport.objects.filter(user=user).values_list("idea__title", flat=True).order_by("pk")
        ),
        "comments": [
            {"idea": c.idea.title, "body": c.body, "created_at": c.created_at.isoformat()}
            for c in IdeaComment.objects.filter(author=user).select_related("idea")
        ],
        "surveys_answered": [
            {"survey": p.survey.title, "answered_on": p.answered_on.isoformat()}
            for p in SurveyParticipation.objects.filter(user=user).select_related("survey")
        ],
    }


def anonymise_personal_data(user) -> None:
    """Suggestions lose their author; comments stay (shown as "Former member"); a named survey's responses
    lose their respondent. Supports and participations stay: they keep the counts true."""
    Suggestion.objects.filter(author=user).update(author=None)
    SurveyResponse.objects.filter(respondent=user).update(respondent=None)

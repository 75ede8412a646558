"""Co-design: the volunteers shape the platform's own tools.

- A `Suggestion` is what anyone sends from the "Suggest an improvement" link at the foot of every page:
  what they were trying to do, what would help, the page it came from and its language. Staff read them
  and turn the useful ones into an `Idea`.
- An `Idea` is an improvement to the platform, on the public board by tool; volunteers support it (one
  support per account: `IdeaSupport`, the kernel's `core.supports`, shared with the Climate Plan's
  proposals) and comment; staff merge duplicates and move it along the public roadmap (under study,
  planned, in progress, done, declined), always with the team's reason.
- A `Release` lists what was built and the ideas it came from ("you asked, we built").
- A `Survey` asks volunteers a few questions. When it is anonymous, who answered (`SurveyParticipation`)
  and what was answered (`SurveyResponse`) share nothing but the survey, the design of the Climate
  Plan's secret ballots (see `plan.governance.models`): random UUIDs, no timestamps, no ordering, and
  responses that arrive in the counted table only in shuffled batches from a pool
  (`SurveyPendingResponse`), rewritten once more in a random order when the survey closes.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel


class Tool(models.TextChoices):
    """The platform's tools an idea is about (the board's sections)."""

    INITIATIVES = "initiatives", _("Initiatives and events")
    MAPS = "maps", _("Maps")
    FOOTPRINT = "footprint", _("Carbon footprint")
    SOLIDARITY = "solidarity", _("Solidarity in extreme weather")
    PLAN = "plan", _("Climate Plan")
    COMMITMENTS = "commitments", _("Organisations' commitments")
    CHALLENGES = "challenges", _("Challenges")
    LEARNING = "learning", _("Learning")
    OTHER = "other", _("Other")


class Suggestion(TimeStampedModel):
    """What someone sent from the foot of a page. Only staff read it; it becomes an idea, or is closed."""

    class Status(models.TextChoices):
        NEW = "new", _("To read")
        TURNED_INTO_IDEA = "idea", _("Turned into an idea")
        CLOSED = "closed", _("Closed")

    trying_to = models.TextField(_("What were you trying to do?"), max_length=2000)
    would_help = models.TextField(_("What would help?"), max_length=2000)
    page = models.CharField(_("page"), max_length=300, blank=True, help_text=_("Where it was sent from."))
    language = models.CharField(_("language"), max_length=8)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Purpose: to tell someone who is not signed in what became of their suggestion; erased once told.
    email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.NEW)
    idea = models.ForeignKey(
        "Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self):
        return self.trying_to[:60]


class IdeaQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Idea.Status.MERGED)


class Idea(TimeStampedModel):
    """An improvement to the platform itself: supported, commented, and answered on the roadmap."""

    class Status(models.TextChoices):
        UNDER_STUDY = "study", _("Under study")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "progress", _("In progress")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")
        MERGED = "merged", _("Merged into another idea")

    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("description"), max_length=5000)
    tool = models.CharField(_("tool"), max_length=12, choices=Tool, default=Tool.OTHER)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who suggested it, when they were signed in."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.UNDER_STUDY)
    # The team's reason for the current status (core.supports.answer).
    answer = models.TextField(_("the team's reason"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Kept equal to the number of IdeaSupport rows by core.supports (recounted, never incremented blindly).
    supports_count = models.PositiveIntegerField(_("supports"), default=0)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    release = models.ForeignKey(
        "Release", on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    workshop = models.ForeignKey(
        "Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        help_text=_("The co-design workshop it came from."),
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-supports_count", "-created_at", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [models.Index(fields=["tool", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("codesign:idea", kwargs={"pk": self.pk})

    @property
    def is_open_to_support(self) -> bool:
        return self.status in (self.Status.UNDER_STUDY, self.Status.PLANNED, self.Status.IN_PROGRESS)


class IdeaSupport(models.Model):
    """One account's support for an idea: at most one, held by the database's unique constraint."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="codesign_one_support")]

    def __str__(self):
        return f"{self.idea_id}/{self.user_id}"


class IdeaComment(TimeStampedModel):
    """A signed-in member's comment on an idea; staff may hide it, saying why (core.supports.hide)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("comment"), max_length=3000)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.TextField(_("why it is hidden"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.idea} #{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Release(TimeStampedModel):
    """A version of the platform put online: its notes, and the ideas it came from."""

    version = models.CharField(_("version"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=160)
    notes = models.TextField(_("release notes"), help_text=_("Markdown."))
    released_on = models.DateField(_("released on"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-released_on", "-pk"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self):
        return f"{self.version} — {self.title}"

    def get_absolute_url(self):
        return reverse("codesign:release", kwargs={"version": self.version})


class Workshop(TimeStampedModel):
    """A co-design workshop with volunteers: its published outputs (notes) and the ideas it produced.

    Its sessions are events (a kind of host of the events app, see hosting.py): people register to them,
    with the waiting list, reminders and calendars of every event. Its page is public once announced
    (`announced_at`: people can register to its sessions) or once its notes are published."""

    title = models.CharField(_("title"), max_length=160)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_("Markdown."))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)
    # What the events' filters read of a host: its arrondissement and its themes.
    district = models.ForeignKey(
        "territory.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("arrondissement"),
    )
    themes = models.JSONField(_("themes"), default=list, blank=True, help_text=_("Keys of Theme."))

    # Where the event form places a new session at first: nowhere (staff choose).
    lat = None
    lon = None

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("co-design workshop")
        verbose_name_plural = _("co-design workshops")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("codesign:workshop", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @staticmethod
    def public_q(prefix: str = "") -> Q:
        return Q(**{f"{prefix}announced_at__isnull": False}) | Q(**{f"{prefix}published_at__isnull": False})

    @property
    def is_public(self) -> bool:
        return self.announced_at is not None or self.published_at is not None


# --- Surveys ------------------------------------------------------------------------------------------------


class Survey(TimeStampedModel):
    """A few questions to volunteers, open between two dates; results are shown once it closes."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("No one, staff included, can link an answer to the person who gave it."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Who is asked: empty means every member.
    districts = models.ManyToManyField(
        "territory.District", blank=True, related_name="+", verbose_name=_("districts")
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    roles = models.JSONField(_("roles"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="codesign_survey_dates"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("codesign:survey", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None or timezone.now() >= self.closes_at

    @property
    def is_open(self) -> bool:
        return not self.is_closed and timezone.now() >= self.opens_at


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        SCALE = "scale", _("A scale from 1 to 5")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind, default=Kind.SINGLE)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self):
        return self.text


class SurveyOption(models.Model):
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("survey option")
        verbose_name_plural = _("survey options")

    def __str__(self):
        return self.label


class SurveyParticipation(models.Model):
    """WHO answered a survey — never what. One per account and survey; a random id, the day only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answered_on = models.DateField(_("answered on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("survey participation")
        verbose_name_plural = _("survey participations")
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="codesign_one_participation")]

    def __str__(self):
        return str(self.pk)


class SurveyPendingResponse(models.Model):
    """A response of an anonymous survey waiting in the pool until a batch is full: what, never who."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pending_responses")
    answers = models.JSONField(_("answers"))

    class Meta:
        verbose_name = _("pending survey response")
        verbose_name_plural = _("pending survey responses")

    def __str__(self):
        return str(self.pk)


class SurveyResponse(models.Model):
    """WHAT was answered: {question id: [option ids] | scale value | text}. A random id, no date, no order;
    `respondent` is set only for a survey that is not anonymous (and said so to the person)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(_("answers"))
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return str(self.pk)

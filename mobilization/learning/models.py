"""Trainings and what attending them gives: a certification that anyone can verify by its public code.

A training's sessions are events (`events.Event.training`): registration, the waiting list, reminders and
calendars are the events app's. What is the learning app's own: the training itself (written by city
staff, in French and English), its trainers, the attendance its trainers take at each session, the short
quiz some trainings ask for, and the certifications granted on attendance (and a passed quiz).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel
from mobilization.core.search import FullTextDocumentField
from mobilization.core.themes import Theme, theme_labels


class TrainingQuerySet(models.QuerySet):
    def public(self):
        return self.filter(Training.public_q())


class Training(TimeStampedModel):
    """A course with sessions ("Binôme solidarité canicule"): attending one certifies the volunteer."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    PUBLIC_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)

    # What other pillars name the training by: holds_valid_certification(user, "heatwave-buddy").
    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("A short, stable name other parts of the platform use: heatwave-buddy."),
    )
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=280)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links.")
    )
    themes = models.JSONField(_("themes"), default=list, blank=True, help_text=_("Keys of Theme."))
    # Where its sessions usually take place: what the events' arrondissement filter reads of a host.
    district = models.ForeignKey(
        "territory.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("usual arrondissement"),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="trainings_given", verbose_name=_("trainers")
    )
    requires_quiz = models.BooleanField(
        _("a quiz must be passed"),
        default=False,
        help_text=_("Attending is not enough: the volunteer also passes the training's short quiz."),
    )
    quiz_pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty when the certification does not expire."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    @staticmethod
    def public_q(prefix: str = "") -> Q:
        return Q(**{f"{prefix}status__in": Training.PUBLIC_STATUSES})

    def get_absolute_url(self):
        return reverse("learning:training_detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    # Where the event form places a new session at first: nowhere (the trainer chooses).
    lat = None
    lon = None

    def theme_labels(self) -> list[str]:
        return theme_labels(self.themes)


class QuizQuestion(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class QuizChoice(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=200)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["pk"]

    def __str__(self):
        return self.text


class QuizAttempt(TimeStampedModel):
    """One go at a training's quiz: the score only (which answers were chosen is not kept)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="quiz_attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        indexes = [models.Index(fields=["user", "training", "passed"])]

    def __str__(self):
        return f"{self.training} – {self.score}%"


class Attendance(TimeStampedModel):
    """Whether a registered volunteer came to a session, as its trainer marked it."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PRESENT)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="unique_session_attendance")]

    def __str__(self):
        return f"{self.event} – {self.get_status_display()}"


# Letters and digits that cannot be mistaken for each other when read aloud or typed (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_certification_code() -> str:
    """A public code like "K7Q4-MZ3P-XA": random, not guessable from the person or the date."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class CertificationQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Certifications that hold on `day`: not revoked, granted by then, not expired (the expiry day
        itself still counts)."""
        return self.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=day),
            status=Certification.Status.VALID,
            granted_on__lte=day,
        )


class Certification(TimeStampedModel):
    """What attending a training (and passing its quiz, where asked) gives a volunteer."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certifications"
    )
    training = models.ForeignKey(Training, on_delete=models.PROTECT, related_name="certifications")
    # The session that earned it: one certification per attendance.
    attendance = models.OneToOneField(
        Attendance, on_delete=models.SET_NULL, null=True, blank=True, related_name="certification"
    )
    code = models.CharField(_("public code"), max_length=12, unique=True, default=new_certification_code)
    granted_on = models.DateField(_("granted on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.VALID)
    # The expiry date that the last reminder was about: one reminder per certification and expiry.
    reminded_for = models.DateField(_("reminder sent for the expiry of"), null=True, blank=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["-granted_on", "-pk"]
        indexes = [models.Index(fields=["user", "training", "status"]), models.Index(fields=["expires_on"])]

    def __str__(self):
        return f"{self.training} – {self.code}"

    def get_absolute_url(self):
        return reverse("learning:certification", kwargs={"code": self.code})

    def is_valid_on(self, day) -> bool:
        return (
            self.status == self.Status.VALID
            and self.granted_on <= day
            and (self.expires_on is None or self.expires_on >= day)
        )


# --- Resources: guides, good practices, videos, documents ------------------------------------------------


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Resource.Status.PUBLISHED)


class Resource(TimeStampedModel):
    """A guide, a good practice, a video or a document: a link, an uploaded file, or a text of its own.
    Written by city staff or trusted volunteers (rules.py), read by everyone once staff published it."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        GOOD_PRACTICE = "good_practice", _("Good practice")
        VIDEO = "video", _("Video")
        DOCUMENT = "document", _("Document")

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        ENGLISH = "en", _("English")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Sent back")

    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=280, help_text=_("One or two sentences."))
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown: **bold**, lists, links."))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.GUIDE)
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.FRENCH)
    level = models.CharField(_("level"), max_length=12, choices=Level, default=Level.BEGINNER)
    link = models.URLField(_("link"), blank=True, max_length=500, help_text=_("A page or a video, https://…"))
    # Checked (a PDF) or checked and re-encoded (a picture) before it is stored, under a random name.
    file = models.FileField(_("file"), upload_to="learning/", blank=True, max_length=200)
    file_kind = models.CharField(max_length=8, blank=True)  # "pdf" or "image": how the page offers it
    objectives = models.ManyToManyField(
        "plan.Objective", blank=True, related_name="learning_resources", verbose_name=_("plan objectives")
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", blank=True, related_name="learning_resources", verbose_name=_("initiatives")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    rejection_reason = models.TextField(_("why it was sent back"), blank=True, max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="learning_resources",
        verbose_name=_("author"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "theme", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:resource_detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ResourceFullText(models.Model):
    """SQLite only: the FTS5 table searched for resources (core/search.py), one row per resource (its
    rowid is the resource's key). On PostgreSQL the resources' `search_vector` column plays this part.
    Created by migration 0002, written in SQL by `search.reindex`: read-only here, for the join."""

    resource = models.OneToOneField(
        Resource,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,  # a trigger deletes the row with its resource
        related_name="full_text",
    )
    title = models.TextField()
    summary = models.TextField()
    body = models.TextField()
    document = FullTextDocumentField(db_column="learning_resource_fulltext")

    class Meta:
        managed = False
        db_table = "learning_resource_fulltext"

    def __str__(self):
        return self.title


class ResourceFeedback(TimeStampedModel):
    """ "Was this useful?": one answer per person and resource (they may change it), which staff read."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    useful = models.BooleanField(_("useful"))
    comment = models.CharField(_("what was missing"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("feedback on a resource")
        verbose_name_plural = _("feedback on resources")
        constraints = [models.UniqueConstraint(fields=["resource", "user"], name="unique_resource_feedback")]

    def __str__(self):
        return f"{self.resource} – {'+' if self.useful else '-'}"

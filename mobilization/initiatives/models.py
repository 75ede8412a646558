"""Local initiatives, the people around them, what they achieve, and how they team up.

Events and registrations live in the events app (mobilization/events/), which initiatives host
(hosting.py).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel
from mobilization.core.search import FullTextDocumentField  # noqa: F401 - migration 0007 names it here
from mobilization.core.themes import (
    Theme,  # noqa: F401 - the events app imports it from here (until merged)
    theme_labels,
)


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Initiative.Status.PUBLISHED)

    def public(self):
        """What anyone may read: published, paused and finished initiatives, except those that the
        moderators unpublished (after a report, or for a change they refused)."""
        return self.filter(Initiative.public_q())


class Initiative(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        PAUSED = "paused", _("Paused")
        FINISHED = "finished", _("Finished")
        REJECTED = "rejected", _("Rejected")

    PUBLIC_STATUSES = (Status.PUBLISHED, Status.PAUSED, Status.FINISHED)

    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=280, help_text=_("One or two sentences."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links.")
    )
    themes = models.JSONField(_("themes"), default=list, help_text=_("Keys of Theme."))
    district = models.ForeignKey(
        "territory.District", on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("district")
    )
    lat = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(_("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organised_initiatives",
        verbose_name=_("organiser"),
    )
    location = models.CharField(
        _("where"),
        max_length=160,
        blank=True,
        help_text=_("A street, a square, a building people know: never a private home address."),
    )
    website = models.URLField(_("website"), blank=True)
    image = models.ImageField(_("image"), upload_to="initiatives/%Y/%m/", blank=True)
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to="initiatives/thumbs/%Y/%m/", blank=True, editable=False
    )
    volunteers_needed = models.PositiveSmallIntegerField(
        _("volunteers needed"), default=0, help_text=_("How many more volunteers you are looking for.")
    )
    needs = models.CharField(
        _("needs"), max_length=280, blank=True, help_text=_('For example "5 volunteers on Saturdays".')
    )
    skills_wanted = models.JSONField(_("skills wanted"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT, db_index=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    pause_reason = models.TextField(_("reason for pausing"), blank=True)
    # Staff unpublishing (after a report, or for a change they refuse) is a pause too, from any public
    # status, and hides the initiative from everyone but its organiser and staff (`is_public`). Resuming
    # one that staff paused goes back through moderation; resuming one that the organiser paused does not.
    paused_by_moderators = models.BooleanField(_("paused by the moderators"), default=False)
    # Set when its organiser changes the texts, the picture or the website of an initiative already
    # public: the change shows at once, and staff review it afterwards (see services.update_initiative).
    changed_since_review_at = models.DateTimeField(
        _("changed since its review at"), null=True, blank=True, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "district"]),
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["status", "lat", "lon"]),
            # Covers the "has a published initiative changed?" version of cached blocks (cache.py).
            models.Index(fields=["status", "updated_at"], name="initiative_status_updated"),
            # Migration 0008 adds one more, written for each database: the public initiatives of a status,
            # newest first (the lists' count and first page read it alone).
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"pk": self.pk})

    @classmethod
    def public_q(cls, prefix: str = "") -> Q:
        """The condition of `is_public`, for a query on initiatives, or through `prefix` ("initiative__")."""
        return Q(**{f"{prefix}status__in": cls.PUBLIC_STATUSES, f"{prefix}paused_by_moderators": False})

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES and not self.paused_by_moderators

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED

    def theme_labels(self) -> list[str]:
        return theme_labels(self.themes)


class InitiativeSearchTerm(models.Model):
    """The term vectors of initiatives: one row per (initiative, stemmed accent-free term), weighted by
    where it occurs. What "similar initiatives" compare (synergy.py); search itself runs in the
    database's full-text engine (search.py).
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=64)
    weight = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "term"], name="unique_initiative_term")]
        indexes = [models.Index(fields=["term", "initiative"])]

    def __str__(self):
        return f"{self.term} ({self.weight:g})"


class InitiativeFullText(models.Model):
    """SQLite only: the FTS5 table searched for initiatives (`search.py`), one row per initiative (its
    rowid is the initiative's key) holding the stemmed, accent-free terms of its title, summary and
    description. On PostgreSQL the initiatives' own `search_vector` column plays this part and this table
    does not exist. Created by migration 0007, never written through the ORM (`search.reindex` does, in
    SQL): read-only here, for the join that searching and ranking need.
    """

    initiative = models.OneToOneField(
        Initiative,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,  # a trigger deletes the row with its initiative
        related_name="full_text",
    )
    title = models.TextField()
    summary = models.TextField()
    description = models.TextField()
    document = FullTextDocumentField(db_column="initiatives_fulltext")

    class Meta:
        managed = False
        db_table = "initiatives_fulltext"

    def __str__(self):
        return self.title


class Membership(TimeStampedModel):
    """A volunteer who joined an initiative, with the message they wrote to its organiser."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    message = models.TextField(_("message to the organiser"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["initiative", "user"], name="unique_membership")]


class Follow(TimeStampedModel):
    """Someone who follows an initiative's news without joining it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "user"], name="unique_follow")]


class NewsPost(TimeStampedModel):
    """An update by the organiser; members and followers are notified."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="news_posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    # Staff hide a post after a report; it disappears from the public page, the organiser still sees why.
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    def __str__(self):
        return self.title


class ContactMessage(TimeStampedModel):
    """Someone writes to an initiative's organiser through the platform, and the organiser may answer
    there: neither sees the other's e-mail address, only their public names."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="contact_messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"))
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message to an organiser")
        verbose_name_plural = _("messages to organisers")

    def __str__(self):
        return f"{self.initiative_id}/{self.pk}"


class ImpactRecord(TimeStampedModel):
    """An outcome an organiser records: a quantity in a unit, on a date, with how it was measured."""

    class Unit(models.TextChoices):
        PEOPLE_REACHED = "people", _("people reached")
        EVENTS_HELD = "events", _("events held")
        WASTE_AVOIDED_KG = "kg_waste", _("kg of waste avoided")
        TREES_PLANTED = "trees", _("trees planted")
        CO2E_AVOIDED_T = "t_co2e", _("tCO2e avoided")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="impact_records")
    unit = models.CharField(_("unit"), max_length=12, choices=Unit)
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    date = models.DateField(_("date"))
    method = models.TextField(
        _("method"), blank=True, help_text=_("How it was measured or estimated (required for tCO2e).")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date"]
        verbose_name = _("impact record")
        verbose_name_plural = _("impact records")


class Partnership(TimeStampedModel):
    """One initiative asks another to be its partner; once accepted, both pages show it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    requester = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="partnerships_asked")
    partner = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="partnerships_received")
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["requester", "partner"], name="unique_partnership"),
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("partner")), name="no_self_partnership"
            ),
        ]


class ContentReport(TimeStampedModel):
    """Someone signed in reports an initiative (or one of its news posts); staff review and act."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACTED = "acted", _("Acted upon")
        DISMISSED = "dismissed", _("Dismissed")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="reports")
    news_post = models.ForeignKey(
        NewsPost, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("what is wrong"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(_("what staff did"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            # One open report per person and object (an initiative, or one of its news posts).
            models.UniqueConstraint(
                fields=["reporter", "initiative"],
                condition=models.Q(status="open", news_post__isnull=True),
                name="one_open_report_per_initiative",
            ),
            models.UniqueConstraint(
                fields=["reporter", "news_post"],
                condition=models.Q(status="open", news_post__isnull=False),
                name="one_open_report_per_news_post",
            ),
        ]

    def __str__(self):
        return f"{self.initiative_id}: {self.reason[:40]}"

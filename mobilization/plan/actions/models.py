"""Climate Plan actions: what the city does to reach the plan's objectives, how far each action has got,
and the dated milestones of its timeline (Decidim's accountability "results" and "timeline entries").

An action's `progress` is stored: for a leaf it is `progress_override` when given, else the percentage its
status implies; for a parent it is the weighted average of its children's progress. It is recomputed by
`services.recompute_progress` (up the chain of parents), never by a signal.
"""

import re
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel

REFERENCE_VALIDATOR = RegexValidator(
    r"^(?!(?:import|download)\Z)[A-Za-z0-9][A-Za-z0-9_-]*\Z",
    _("Use letters, digits, dashes and underscores only (not the words “import” or “download”)."),
)
PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Action(TimeStampedModel):
    """One action of the Climate Plan: "Renovate 1,000 social housing units a year"."""

    class Sector(models.TextChoices):
        BUILDINGS = "buildings", _("Buildings")
        TRANSPORT = "transport", _("Transport and mobility")
        ENERGY = "energy", _("Energy")
        WASTE = "waste", _("Waste and circular economy")
        FOOD = "food", _("Food")
        GREENING = "greening", _("Greening and biodiversity")
        ADAPTATION = "adaptation", _("Adaptation and resilience")
        ECONOMY = "economy", _("Economy and employment")
        MIXED = "mixed", _("Several sectors")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DELAYED = "delayed", _("Delayed")
        COMPLETED = "completed", _("Completed")
        ABANDONED = "abandoned", _("Abandoned")

    class Source(models.TextChoices):
        PLATFORM = "platform", _("This platform")
        CSV = "csv", _("CSV import")
        DECIDIM = "decidim", _("Decidim import")

    reference = models.CharField(
        _("reference"),
        max_length=64,
        unique=True,
        validators=[REFERENCE_VALIDATOR],
        help_text=_("A short code that never changes, e.g. A-12."),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True, max_length=20_000, help_text=_("Markdown."))
    objectives = models.ManyToManyField(
        "plan.Objective", related_name="actions", blank=True, verbose_name=_("objectives")
    )
    sector = models.CharField(_("sector"), max_length=16, choices=Sector, default=Sector.OTHER)
    department = models.CharField(
        _("responsible department"), max_length=160, blank=True, help_text=_("The city department in charge.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PLANNED)
    progress_override = models.DecimalField(
        _("progress override (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        help_text=_("Leave empty to use the progress the status implies."),
    )
    progress = models.DecimalField(
        _("progress (%)"), max_digits=5, decimal_places=2, default=Decimal("0"), validators=PERCENT_VALIDATORS
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget_planned = models.DecimalField(
        _("planned budget (€)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )  # fmt: skip
    budget_spent = models.DecimalField(
        _("spent budget (€)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )  # fmt: skip
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("parent action"),
    )  # fmt: skip
    district = models.ForeignKey(
        "territory.District",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_actions",
        verbose_name=_("district"),
        help_text=_("Where the action takes place, when it is one arrondissement or quartier."),
    )
    weight = models.DecimalField(
        _("weight"), max_digits=8, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.001"))],
        help_text=_("Share of this action in its parent's progress; equal shares when no weight is given."),
    )  # fmt: skip
    source = models.CharField(_("source"), max_length=16, choices=Source, default=Source.PLATFORM)
    external_id = models.CharField(
        _("external id"), max_length=64, blank=True, help_text=_("Its id in the system it was imported from.")
    )

    class Meta:
        ordering = ["reference"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="plan_action_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="plan_action_end_after_start",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["sector", "status"])]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    def get_absolute_url(self):
        return reverse("plan_actions:detail", kwargs={"reference": self.reference})


class Milestone(TimeStampedModel):
    """A dated entry of an action's timeline: "Tender awarded", "First 50 km of cycle lanes open"."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True, max_length=20_000, help_text=_("Markdown."))
    status = models.CharField(_("status at that date"), max_length=16, choices=Action.Status, blank=True)
    progress = models.DecimalField(
        _("progress at that date (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=PERCENT_VALIDATORS,
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"


class ActionImport(TimeStampedModel):
    """A CSV file of actions uploaded by city staff, imported in the background, with its report.

    The file's text is kept in the database (not under a public media URL) so that only staff see it.
    """

    class Format(models.TextChoices):
        OWN = "own", _("This platform's format")
        DECIDIM = "decidim", _("Decidim accountability export")
        UNKNOWN = "unknown", _("Unknown")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        PREVIEWED = "previewed", _("Awaiting confirmation")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    file_name = models.CharField(_("file name"), max_length=255)
    content = models.TextField(_("file content"))
    format = models.CharField(_("format"), max_length=16, choices=Format, default=Format.UNKNOWN)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.QUEUED)
    report = models.JSONField(_("import report"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Staff confirm the preview: until then the file has changed nothing. The sector chosen for each of the
    # file's Decidim categories is kept with the import (and remembered for the next one).
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    sector_mapping = models.JSONField(_("sector of each category"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("action import")
        verbose_name_plural = _("action imports")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("plan_actions:import_status", kwargs={"pk": self.pk})


class CategorySector(TimeStampedModel):
    """The sector staff chose for a Decidim category in an import's preview, offered again the next time
    a file has that category. Keyed by the category's name as the file gives it (accents and case kept
    apart by `key`)."""

    key = models.CharField(_("category"), max_length=255, unique=True)
    category = models.CharField(_("category as Decidim names it"), max_length=255)
    sector = models.CharField(_("sector"), max_length=16, choices=Action.Sector)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    @staticmethod
    def key_for(category: str) -> str:
        """The category's name without case, accents nor spacing differences: "Mobilité" is "mobilite"."""
        decomposed = unicodedata.normalize("NFKD", category.casefold())
        plain = "".join(character for character in decomposed if not unicodedata.combining(character))
        return re.sub(r"[\s_-]+", " ", plain).strip()[:255]

    class Meta:
        ordering = ["category"]
        verbose_name = _("sector of a Decidim category")
        verbose_name_plural = _("sectors of Decidim categories")

    def __str__(self):
        return f"{self.category} → {self.get_sector_display()}"

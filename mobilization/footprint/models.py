"""A person's saved footprints: each save is one row, so the rows are the person's history.

Anonymous people keep their answers in their session only; a signed-in person's answers live in the
session too until they save, and saving creates a `SavedFootprint`. The answers are kept in the model's
own names and value syntax (`{"logement . surface": 45, "logement . type": "'appartement'"}`), so that a
newer model can compute them again; the figures are those the model computed at the time, with its version.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedFootprintQuerySet(models.QuerySet):
    def of(self, user):
        """The person's saved footprints, latest first (none for a visitor)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user).order_by("-created_at", "-pk")


class SavedFootprint(models.Model):
    """A footprint a signed-in person saved: their answers and what the model computed from them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_footprints",
        verbose_name=_("person"),
    )
    situation = models.JSONField(
        _("answers"), default=dict, blank=True, help_text=_("Rule name → value, in the model's syntax.")
    )
    total_kg = models.FloatField(_("total (kgCO2e a year)"))
    # Top-level category (the model's name: "transport", "services sociétaux") → kgCO2e a year.
    categories = models.JSONField(_("by category (kgCO2e a year)"), default=dict, blank=True)
    model_version = models.CharField(_("model version"), max_length=32)
    # Chosen by the person, optional: the anonymous aggregates per arrondissement count it.
    district = models.ForeignKey(
        "territory.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": "arrondissement"},
        verbose_name=_("arrondissement"),
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True, db_index=True)

    objects = SavedFootprintQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved footprint")
        verbose_name_plural = _("saved footprints")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="footprint_saved_user_idx")]

    def __str__(self):
        return f"{self.total_kg / 1000:.1f} tCO2e ({self.created_at:%Y-%m-%d})"

    @property
    def total_tonnes(self) -> float:
        return self.total_kg / 1000


class PersonalPlan(models.Model):
    """A signed-in person's action plan: the model's actions they chose, each planned or done.

    Anonymous people keep theirs in their session only. The savings are computed from the person's
    latest saved footprint (`footprint`), or from the model's defaults when they have saved none, and
    computed again when they save a newer one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="footprint_plan",
        verbose_name=_("person"),
    )
    # The saved footprint the savings were computed from (none: the model's defaults, the French average).
    footprint = models.ForeignKey(
        SavedFootprint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("footprint"),
    )
    # What carrying out the plan takes off the footprint (superseded actions counted once): the figure the
    # anonymous aggregates per arrondissement add up.
    committed_kg = models.FloatField(_("committed savings (kgCO2e a year)"), default=0.0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("personal action plan")
        verbose_name_plural = _("personal action plans")

    def __str__(self):
        return f"{self.committed_kg:.0f} kgCO2e"


class PersonalPlanItem(models.Model):
    """One action of the model in a person's plan, named by its rule ("alimentation . devenir végétarien")."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")

    plan = models.ForeignKey(PersonalPlan, on_delete=models.CASCADE, related_name="items")
    rule = models.CharField(_("action (rule of the model)"), max_length=255)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.PLANNED)
    # What the action saves a year, computed from the footprint of the plan (kgCO2e).
    saving_kg = models.FloatField(_("saving (kgCO2e a year)"), default=0.0)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(_("chosen at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("action of a personal plan")
        verbose_name_plural = _("actions of personal plans")
        ordering = ["-saving_kg", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "rule"], name="footprint_plan_item_once")]

    def __str__(self):
        return self.rule

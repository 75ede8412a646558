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

"""The Climate Plan: its objectives with baselines and targets, and the indicators that measure them.

Plan actions live in the `plan_actions` sub-app (plan/actions/), committees, proposals and consultations in
the `governance` sub-app (plan/governance/).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel


class Objective(TimeStampedModel):
    """What the plan aims at, measured by one metric in one unit: "Carbon footprint, ktCO2e, down"."""

    class Direction(models.TextChoices):
        DOWN = "down", _("Lower is better")
        UP = "up", _("Higher is better")

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    metric = models.CharField(_("metric"), max_length=160)
    unit = models.CharField(_("unit"), max_length=40)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction, default=Direction.DOWN)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.FloatField(_("baseline value"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plan:objective", kwargs={"slug": self.slug})

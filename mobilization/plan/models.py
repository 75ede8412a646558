"""The Climate Plan: its objectives with baselines and targets, and the indicators that measure them.

Plan actions live in the `plan_actions` sub-app (plan/actions/), committees, proposals and consultations in
the `governance` sub-app (plan/governance/).

Every change to an objective's figures (its baseline, a target, a value of one of its indicators) bumps
the objective's `data_version`: charts and the dashboard are cached under keys that include it, so a new
value is shown at once and nothing is recomputed while nothing changed. The bump is done in the models'
own `save()` and `delete()` (so that the administration bumps it too); a bulk update must call
`Objective.bump_data_version()` itself.

Texts the city writes (titles, descriptions, notes) are in French and in English: `plan/translation.py`
registers them with django-modeltranslation, which adds `title_fr` and `title_en` beside `title`; `title`
reads the visitor's language, falling back to the other one (see `core.translation`).

A "carbon neutral" or "zero emissions" target is a target whose absolute `value` is 0 with `is_net_zero`
ticked: the value drawn and compared is 0, the flag only changes its wording ("Carbon neutral in 2050").
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel
from mobilization.core.trajectory import value_of_change


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
    baseline_value = models.FloatField(
        _("baseline value"),
        null=True,
        blank=True,
        help_text=_("Empty while the city has not published the baseline figure."),
    )
    baseline_note = models.CharField(
        _("baseline note"), max_length=300, blank=True, help_text=_("Where the baseline comes from.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    data_version = models.PositiveIntegerField(
        _("data version"), default=1, editable=False, help_text=_("Bumped whenever the figures change.")
    )

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plan:objective", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        bump = self.pk is not None and not kwargs.get("update_fields")
        if bump:
            # In the database, not from this copy: a version bumped meanwhile is never handed out twice.
            self.data_version = F("data_version") + 1
        super().save(*args, **kwargs)
        if bump:
            self.refresh_from_db(fields=["data_version"])

    @property
    def is_increasing(self) -> bool:
        return self.direction == self.Direction.UP

    @staticmethod
    def bump_data_version(objective_id: int | None) -> None:
        """The objective's figures changed: its cached charts and the dashboard are out of date."""
        if objective_id is not None:
            Objective.objects.filter(pk=objective_id).update(
                data_version=F("data_version") + 1, updated_at=timezone.now()
            )


class Target(TimeStampedModel):
    """A milestone of an objective: an absolute value, or a change against the baseline, by a year."""

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="targets", verbose_name=_("objective")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"), null=True, blank=True, help_text=_("In the objective's unit."))
    percent_of_baseline = models.FloatField(
        _("change against the baseline (%)"),
        null=True,
        blank=True,
        help_text=_("-50 means half the baseline value; give this or a value, not both."),
    )
    is_net_zero = models.BooleanField(
        _("carbon neutral / zero"),
        default=False,
        help_text=_("A target of zero (value 0), shown as “carbon neutral” or “zero”."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["objective", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["objective", "year"], name="plan_unique_target_year"),
            models.CheckConstraint(
                condition=(Q(value__isnull=False) & Q(percent_of_baseline__isnull=True))
                | (Q(value__isnull=True) & Q(percent_of_baseline__isnull=False)),
                name="plan_target_value_or_percent",
            ),
            models.CheckConstraint(
                condition=Q(is_net_zero=False) | Q(value=0), name="plan_net_zero_target_is_zero"
            ),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        if (self.value is None) == (self.percent_of_baseline is None):
            raise ValidationError(_("Give either a value or a change against the baseline, not both."))
        if self.is_net_zero and self.value != 0:
            raise ValidationError(_("A carbon neutral (zero) target has the value 0."))

    @property
    def target_value(self) -> float | None:
        """The target in the objective's unit; None for a change against a baseline not yet published."""
        if self.value is not None:
            return self.value
        return value_of_change(self.objective.baseline_value, self.percent_of_baseline)

    @property
    def label(self) -> str:
        """ "−50 % in 2030 against 2004", "Carbon neutral in 2050", "100 % in 2050"."""
        from mobilization.plan.formatting import format_number, format_percent

        if self.is_net_zero:
            return gettext("Zero (carbon neutral) in %(year)s") % {"year": self.year}
        if self.percent_of_baseline is not None:
            return gettext("%(change)s in %(year)s against %(baseline_year)s") % {
                "change": format_percent(self.percent_of_baseline, signed=True),
                "year": self.year,
                "baseline_year": self.objective.baseline_year,
            }
        return gettext("%(value)s %(unit)s in %(year)s") % {
            "value": format_number(self.value),
            "unit": self.objective.unit,
            "year": self.year,
        }

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Objective.bump_data_version(self.objective_id)

    def delete(self, *args, **kwargs):
        objective_id = self.objective_id
        result = super().delete(*args, **kwargs)
        Objective.bump_data_version(objective_id)
        return result


class Indicator(TimeStampedModel):
    """A time series that measures an objective, or a part of it (a sector's share)."""

    objective = models.ForeignKey(
        Objective,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name=_("objective"),
    )
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=160)
    unit = models.CharField(_("unit"), max_length=40)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    sector = models.CharField(
        _("sector"), max_length=80, blank=True, help_text=_("For a breakdown; empty for the total.")
    )
    is_headline = models.BooleanField(
        _("headline"), default=False, help_text=_("The series the objective's trajectory is computed from.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["objective", "-is_headline", "position", "title"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["objective"], condition=Q(is_headline=True), name="plan_one_headline_per_objective"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plan:indicator", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        previous = None
        if self.pk is not None:
            previous = Indicator.objects.filter(pk=self.pk).values_list("objective_id", flat=True).first()
        super().save(*args, **kwargs)
        Objective.bump_data_version(self.objective_id)
        if previous != self.objective_id:
            Objective.bump_data_version(previous)

    def delete(self, *args, **kwargs):
        objective_id = self.objective_id
        result = super().delete(*args, **kwargs)
        Objective.bump_data_version(objective_id)
        return result


class IndicatorValue(TimeStampedModel):
    """One figure of an indicator's series, with where it comes from.

    A *derived* figure is one the platform computed from published ones (a 2004 value worked back from a
    published "−25 % against 2004"): the city never published it, so it is never shown as if it had; its
    note says how it was computed."""

    class Status(models.TextChoices):
        PROVISIONAL = "provisional", _("Provisional")
        FINAL = "final", _("Final")
        DERIVED = "derived", _("Derived by the platform, not published")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period_date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("For a figure of part of a year (a month, a quarter): the period's last day."),
    )
    value = models.FloatField(_("value"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.FINAL)
    source_citation = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source link"), max_length=500)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "year", "period_date"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(period_date__isnull=True),
                name="plan_unique_value_per_year",
            ),
            models.UniqueConstraint(fields=["indicator", "period_date"], name="plan_unique_value_per_date"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.period_label}: {self.value}"

    @property
    def period_label(self) -> str:
        return self.period_date.isoformat() if self.period_date else str(self.year)

    @property
    def is_provisional(self) -> bool:
        return self.status == self.Status.PROVISIONAL

    @property
    def is_derived(self) -> bool:
        return self.status == self.Status.DERIVED

    def _objective_id(self) -> int | None:
        indicator = Indicator.objects.filter(pk=self.indicator_id).values_list("objective_id", flat=True)
        return indicator.first()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Objective.bump_data_version(self._objective_id())

    def delete(self, *args, **kwargs):
        objective_id = self._objective_id()
        result = super().delete(*args, **kwargs)
        Objective.bump_data_version(objective_id)
        return result

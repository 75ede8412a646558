"""What the city's climate team does to the plan's figures: record a value, set a target.

Each function checks what it is given, saves, and writes the audit log; the models bump the objective's
data version, so charts and the dashboard show the change at once.
"""

import math

from django.db import transaction
from django.utils.translation import gettext as _

from mobilization.core import audit
from mobilization.core.errors import DomainError
from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target


def _check_number(value: float, what: str) -> None:
    if value is None or not math.isfinite(value):
        raise DomainError(_("%(what)s must be a finite number.") % {"what": what})


@transaction.atomic
def record_value(
    indicator: Indicator,
    *,
    year: int,
    value: float,
    source_citation: str,
    source_url: str,
    status: str = IndicatorValue.Status.FINAL,
    note_fr: str = "",
    note_en: str = "",
    by=None,
) -> IndicatorValue:
    """Record an indicator's figure for a year; a figure already there for that year is replaced (a
    provisional one made final, a correction), and the audit log keeps the one it replaces."""
    _check_number(value, _("The value"))
    if not source_citation.strip() or not source_url.strip():
        raise DomainError(_("Every figure needs its source: a citation and a link."))
    existing = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, year=year, period_date__isnull=True)
        .order_by()  # the default ordering joins the objective, which PostgreSQL cannot lock
        .first()
    )
    previous = None
    if existing is None:
        existing = IndicatorValue(
            indicator=indicator, year=year, created_by=by if by and by.is_authenticated else None
        )
    else:
        previous = {"value": existing.value, "status": existing.status, "source_url": existing.source_url}
    existing.value = value
    existing.status = status
    existing.source_citation = source_citation.strip()
    existing.source_url = source_url.strip()
    existing.note_fr = note_fr.strip()
    existing.note_en = note_en.strip()
    existing.save()
    audit.record(
        by,
        "plan.indicator_value_recorded",
        existing,
        indicator=indicator.slug,
        year=year,
        value=value,
        status=status,
        previous=previous,
    )
    return existing


@transaction.atomic
def save_target(target: Target, *, by=None) -> Target:
    """Add or change a target of an objective (validated by the model's own rules)."""
    if target.value is not None:
        _check_number(target.value, _("The value"))
    if target.percent_of_baseline is not None:
        _check_number(target.percent_of_baseline, _("The change against the baseline"))
    is_new = target.pk is None
    previous = None
    if not is_new:
        previous = Target.objects.filter(pk=target.pk).values("year", "value", "percent_of_baseline").first()
    target.full_clean()
    target.save()
    audit.record(
        by,
        "plan.target_added" if is_new else "plan.target_changed",
        target,
        objective=target.objective.slug,
        year=target.year,
        value=target.value,
        percent_of_baseline=target.percent_of_baseline,
        is_net_zero=target.is_net_zero,
        previous=previous,
    )
    return target


def objectives_version() -> tuple:
    """One query that changes whenever any objective's figures change: the dashboard's cache key."""
    from django.db.models import Count, Max, Sum

    figures = Objective.objects.aggregate(
        count=Count("pk"), versions=Sum("data_version"), last=Max("updated_at")
    )
    last = figures["last"].timestamp() if figures["last"] else 0
    return figures["count"], figures["versions"] or 0, last

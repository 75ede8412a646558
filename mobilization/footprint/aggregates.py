"""The anonymous figures of the footprints per arrondissement: how many people completed one, the median of
their footprints, and the savings they committed in their action plans.

Each person counts once, with their latest saved footprint, in the arrondissement they gave with it.
A figure is published only for a group of at least `MINIMUM_GROUP` people: the median of the people who
completed a footprint, the committed savings of those who have an action plan. A smaller group is
shown as "fewer than 10", never its figures (not even its exact count).
"""

import statistics
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from mobilization.footprint.models import PersonalPlan, SavedFootprint
from mobilization.territory.models import District

MINIMUM_GROUP = 10


@dataclass(frozen=True)
class Figures:
    """The published figures of one group of people; None where the group is too small."""

    people: int | None  # None: fewer than MINIMUM_GROUP
    median_kg: float | None
    plans: int | None  # people with an action plan that saves something; None: fewer than MINIMUM_GROUP
    committed_kg: float | None  # their committed savings, summed

    @property
    def is_shown(self) -> bool:
        return self.people is not None

    @property
    def plans_shown(self) -> bool:
        return self.plans is not None


def figures(totals: list[float], commitments: list[float], minimum: int = MINIMUM_GROUP) -> Figures:
    """The figures of a group from each person's latest total and each plan's committed savings (only
    the people with a plan that saves something)."""
    shown = len(totals) >= minimum
    plans_shown = shown and len(commitments) >= minimum
    return Figures(
        people=len(totals) if shown else None,
        median_kg=statistics.median(totals) if shown else None,
        plans=len(commitments) if plans_shown else None,
        committed_kg=sum(commitments) if plans_shown else None,
    )


@dataclass(frozen=True)
class DistrictRow:
    district_id: int | None  # None: the whole city
    name: str
    code: str
    figures: Figures


def latest_footprints():
    """Each person's latest saved footprint (one row a person)."""
    latest = (
        SavedFootprint.objects.filter(user=OuterRef("user")).order_by("-created_at", "-pk").values("pk")[:1]
    )
    return SavedFootprint.objects.filter(pk=Subquery(latest.values("pk")[:1]))


def by_arrondissement(minimum: int = MINIMUM_GROUP) -> list[DistrictRow]:
    """One row per arrondissement of the city (in their order), then the whole city."""
    rows = list(latest_footprints().values_list("user_id", "district_id", "total_kg"))
    committed = dict(PersonalPlan.objects.filter(committed_kg__gt=0).values_list("user_id", "committed_kg"))
    totals: dict[int | None, list[float]] = {}
    savings: dict[int | None, list[float]] = {}
    for user_id, district_id, total in rows:
        totals.setdefault(district_id, []).append(total)
        if user_id in committed:
            savings.setdefault(district_id, []).append(committed[user_id])
    result = [
        DistrictRow(d.pk, d.name, d.code, figures(totals.get(d.pk, []), savings.get(d.pk, []), minimum))
        for d in District.objects.arrondissements()
    ]
    everyone = [total for _user, _district, total in rows]
    everyones_savings = [committed[user_id] for user_id, _district, _total in rows if user_id in committed]
    result.append(DistrictRow(None, _("Whole city"), "", figures(everyone, everyones_savings, minimum)))
    return result

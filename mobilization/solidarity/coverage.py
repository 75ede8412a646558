"""What the coordinators follow during an event, and the report after it.

- **Coverage**: of the residents in scope (registered in the event's arrondissements that the coordinator
  follows, not away today), those someone spoke with (fine, needs help or refused) within the last
  cadence period (two days in orange, one in red), by arrondissement. A sliding window, so that coverage
  does not drop to nothing at the start of each new window.
- **Unassigned**: in scope, with no buddy offered or accepted (the call list's reason when the dispatch
  gave one). **Unreached**: in scope, not spoken with within the period; the latest attempt beside.
- **Buddies**: those with an accepted or offered assignment in the event, their load and what they did today.
- **Report**: coverage over the whole event, time from the activation to the first contact with each
  person (median, 90th percentile, longest), escalations by reason and by arrondissement.

Every function reads a fixed number of queries whatever the number of residents; no encrypted field is
read (the lists name residents, the records are read on their own pages, each read logged).
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from mobilization.solidarity.models import (
    ENCRYPTED_FIELDS,
    Absence,
    Assignment,
    CallListEntry,
    CheckIn,
    Escalation,
    ExtremeEvent,
    VulnerableResident,
)
from mobilization.territory.models import District


def _districts_for(event: ExtremeEvent, user) -> list[District]:
    from mobilization.solidarity.services import coordinator_districts

    districts = event.districts.order_by("number", "pk")
    scope = None if user is None or user.is_superuser else coordinator_districts(user)
    if scope is not None:
        districts = districts.filter(pk__in=scope)
    return list(districts.defer("geometry"))


def residents_in_scope(event: ExtremeEvent, user=None, now: datetime | None = None) -> QuerySet:
    """The registered residents the event covers for this coordinator (all of the event's for None)."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    away = Absence.objects.filter(starts_on__lte=day, ends_on__gte=day).values("resident_id")
    return (
        VulnerableResident.objects.filter(district__in=[d.pk for d in _districts_for(event, user)])
        .exclude(pk__in=away)
        .defer(*ENCRYPTED_FIELDS, "consent_wording")
    )


def period(event: ExtremeEvent) -> timedelta:
    return event.cadence or timedelta(days=1)


def reached_since(event: ExtremeEvent, since: datetime) -> QuerySet:
    return (
        CheckIn.objects.filter(event=event, outcome__in=CheckIn.REACHED, recorded_at__gte=since)
        .values("resident_id")
        .distinct()
    )


@dataclass
class DistrictCoverage:
    district: District
    residents: int = 0
    with_buddy: int = 0
    reached: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.reached / self.residents) if self.residents else None


@dataclass
class Coverage:
    since: datetime
    rows: list[DistrictCoverage] = field(default_factory=list)

    @property
    def residents(self) -> int:
        return sum(row.residents for row in self.rows)

    @property
    def reached(self) -> int:
        return sum(row.reached for row in self.rows)

    @property
    def with_buddy(self) -> int:
        return sum(row.with_buddy for row in self.rows)

    @property
    def percent(self) -> int | None:
        return round(100 * self.reached / self.residents) if self.residents else None

    def as_map_data(self) -> dict:
        """{arrondissement code: percent or None}, for the map script."""
        return {row.district.code: row.percent for row in self.rows}


def coverage(event: ExtremeEvent, user=None, now: datetime | None = None) -> Coverage:
    now = now or timezone.now()
    since = now - period(event)
    districts = _districts_for(event, user)
    result = Coverage(since=since, rows=[DistrictCoverage(district) for district in districts])
    by_pk = {row.district.pk: row for row in result.rows}
    scope = residents_in_scope(event, user, now)
    live = Assignment.objects.filter(event=event, status__in=Assignment.LIVE).values("resident_id")
    counted = scope.values("district_id").annotate(
        residents=Count("pk"),
        with_buddy=Count("pk", filter=Q(pk__in=live)),
        reached=Count("pk", filter=Q(pk__in=reached_since(event, since))),
    )
    for row in counted:
        target = by_pk[row["district_id"]]
        target.residents, target.with_buddy, target.reached = (
            row["residents"],
            row["with_buddy"],
            row["reached"],
        )
    return result


def unassigned(event: ExtremeEvent, user=None, now: datetime | None = None) -> list[VulnerableResident]:
    """Residents in scope with no live assignment, each with `reason` (the call list's) when known."""
    live = Assignment.objects.filter(event=event, status__in=Assignment.LIVE).values("resident_id")
    residents = list(
        residents_in_scope(event, user, now)
        .exclude(pk__in=live)
        .select_related("district")
        .order_by("district__number", "last_name", "pk")
    )
    reasons = dict(
        CallListEntry.objects.filter(event=event, resident__in=[r.pk for r in residents]).values_list(
            "resident_id", "reason"
        )
    )
    labels = dict(CallListEntry.Reason.choices)
    for resident in residents:
        code = reasons.get(resident.pk)
        resident.reason = labels.get(code, "") if code else ""
    return residents


def unreached(
    event: ExtremeEvent, user=None, now: datetime | None = None, limit: int | None = None
) -> tuple[int, list[VulnerableResident]]:
    """How many residents in scope nobody spoke with within the period, and the first `limit` of them,
    longest overdue first (those with no check-in due last), each with `last_attempt` (their latest
    recorded check-in, or None) and `due_since` (their oldest open one)."""
    now = now or timezone.now()
    since = now - period(event)
    rows = list(
        residents_in_scope(event, user, now)
        .exclude(pk__in=reached_since(event, since))
        .order_by("district__number", "last_name", "pk")
        .values_list("pk", "district__number")
    )
    due = dict(
        CheckIn.objects.filter(event=event, resident_id__in=[pk for pk, _number in rows])
        .open()
        .values("resident_id")
        .annotate(first=Min("due_at"))
        .values_list("resident_id", "first")
    )
    rows.sort(key=lambda row: (due.get(row[0]) is None, due.get(row[0]) or now, row[1] or 0, row[0]))
    shown = [pk for pk, _number in (rows if limit is None else rows[:limit])]
    residents = (
        VulnerableResident.objects.select_related("district")
        .defer(*ENCRYPTED_FIELDS, "consent_wording")
        .in_bulk(shown)
    )
    latest: dict[int, CheckIn] = {}
    recorded = CheckIn.objects.filter(event=event, resident_id__in=shown, recorded_at__isnull=False)
    for checkin in recorded.order_by("resident_id", "recorded_at", "pk"):
        latest[checkin.resident_id] = checkin
    result = []
    for pk in shown:
        resident = residents[pk]
        resident.last_attempt = latest.get(pk)
        resident.due_since = due.get(pk)
        result.append(resident)
    return len(rows), result


@dataclass
class BuddyLoad:
    name: str
    district: str
    accepted: int
    offered: int
    capacity: int
    done_today: int
    to_do: int


def buddy_loads(
    event: ExtremeEvent, user=None, now: datetime | None = None, limit: int | None = None
) -> tuple[int, list[BuddyLoad]]:
    """How many buddies the event has in the coordinator's arrondissements (by their residents), and the
    `limit` busiest, busiest first."""
    now = now or timezone.now()
    start_of_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    districts = [d.pk for d in _districts_for(event, user)]
    assignments = Assignment.objects.filter(
        event=event, status__in=Assignment.LIVE, resident__district__in=districts
    )
    every = list(
        assignments.values("buddy_id")
        .annotate(
            accepted=Count("pk", filter=Q(status=Assignment.Status.ACCEPTED)),
            offered=Count("pk", filter=Q(status=Assignment.Status.OFFERED)),
        )
        .order_by()
    )
    every.sort(key=lambda row: (-(row["accepted"] + row["offered"]), row["buddy_id"]))
    counts = every if limit is None else every[:limit]
    shown = [row["buddy_id"] for row in counts]
    done = Counter(
        CheckIn.objects.filter(
            event=event, recorded_at__gte=start_of_day, resident__district__in=districts
        ).values_list("buddy_id", flat=True)
    )
    to_do = Counter(
        CheckIn.objects.filter(event=event, resident__district__in=districts)
        .open()
        .values_list("buddy_id", flat=True)
    )
    from mobilization.solidarity.models import BuddyProfile

    profiles = BuddyProfile.objects.select_related("user__profile", "base_district").in_bulk(shown)
    loads = []
    for row in counts:
        profile = profiles[row["buddy_id"]]
        account = getattr(profile.user, "profile", None)
        loads.append(
            BuddyLoad(
                name=getattr(account, "display_name", "") or str(profile),
                district=profile.base_district.name,
                accepted=row["accepted"],
                offered=row["offered"],
                capacity=profile.checkins_per_day,
                done_today=done[profile.pk],
                to_do=to_do[profile.pk],
            )
        )
    return len(every), loads


# --- The report after the event -----------------------------------------------------------------------------


@dataclass
class Report:
    event: ExtremeEvent
    rows: list[dict]
    residents: int
    reached: int
    first_contact_hours: list[float]
    escalations_by_reason: list[tuple[str, int]]
    escalations_medical: int
    escalations_total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.reached / self.residents) if self.residents else None

    def _quantile(self, q: float) -> float | None:
        hours = sorted(self.first_contact_hours)
        if not hours:
            return None
        if len(hours) == 1:
            return round(hours[0], 1)
        return round(statistics.quantiles(hours, n=100, method="inclusive")[int(q * 100) - 1], 1)

    @property
    def median_hours(self) -> float | None:
        return round(statistics.median(self.first_contact_hours), 1) if self.first_contact_hours else None

    @property
    def p90_hours(self) -> float | None:
        return self._quantile(0.9)

    @property
    def longest_hours(self) -> float | None:
        return round(max(self.first_contact_hours), 1) if self.first_contact_hours else None


def report(event: ExtremeEvent, user=None) -> Report:
    """The event as a whole, for the coordinator's arrondissements: who was reached, how fast, what
    was escalated. Residents counted are those registered now in the event's arrondissements."""
    start = event.activated_at or event.starts_at
    districts = _districts_for(event, user)
    residents = VulnerableResident.objects.filter(district__in=[d.pk for d in districts])
    first = dict(
        CheckIn.objects.filter(event=event, outcome__in=CheckIn.REACHED, resident__in=residents)
        .values("resident_id")
        .annotate(first=Min("recorded_at"))
        .values_list("resident_id", "first")
    )
    per_district = Counter(residents.values_list("district_id", flat=True))
    reached_per_district = Counter(residents.filter(pk__in=list(first)).values_list("district_id", flat=True))
    hours = [max(0.0, (moment - start).total_seconds() / 3600) for moment in first.values()]
    hours_by_district = defaultdict(list)
    for resident_id, district_id in residents.filter(pk__in=list(first)).values_list("pk", "district_id"):
        hours_by_district[district_id].append(max(0.0, (first[resident_id] - start).total_seconds() / 3600))
    escalations = Escalation.objects.filter(event=event, resident__in=residents)
    reason_labels = dict(Escalation.Reason.choices)
    counts: dict[int, Counter] = defaultdict(Counter)
    for district_id, reason, needs in escalations.values_list("resident__district_id", "reason", "needs"):
        counts[district_id][reason] += 1
        counts[district_id]["all"] += 1
        if "medical" in (needs or []):
            counts[district_id]["medical"] += 1
    rows = []
    for district in districts:
        count = per_district[district.pk]
        reached = reached_per_district[district.pk]
        times = hours_by_district[district.pk]
        rows.append(
            {
                "district": district,
                "residents": count,
                "reached": reached,
                "percent": round(100 * reached / count) if count else None,
                "median_hours": round(statistics.median(times), 1) if times else None,
                "escalations": counts[district.pk]["all"],
                "no_answer": counts[district.pk][Escalation.Reason.NO_ANSWER],
                "needs_help": counts[district.pk][Escalation.Reason.NEEDS_HELP],
                "medical": counts[district.pk]["medical"],
            }
        )
    totals = sum(counts.values(), Counter())
    return Report(
        event=event,
        rows=rows,
        residents=sum(per_district.values()),
        reached=len(first),
        first_contact_hours=hours,
        escalations_by_reason=[(str(reason_labels[code]), totals[code]) for code in Escalation.Reason.values],
        escalations_medical=totals["medical"],
        escalations_total=totals["all"],
    )

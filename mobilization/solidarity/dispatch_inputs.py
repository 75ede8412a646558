"""What the dispatch reads from the database: the residents in an event's scope and the buddies available,
as the solver's plain dataclasses (dispatch.Resident, dispatch.Buddy).

- Residents: every registered person of the event's arrondissements who is not away today (an absence
  covering the day). Read as columns (`values_list`): no encrypted field is decrypted for a dispatch.
- Buddies: the profiles of everyone holding a valid certification of the buddies' training
  (buddies.trained_buddies), not paused, offering calls or visits. Their capacity for the event is the
  check-ins they offer per day times the event's cadence in days (a person is checked on once per
  cadence window: three a day every two days is six people), less the people they already check on in
  the other live events. A buddy who stated no language speaks French.
- Eligibility is the solver's (distance, mode, language: dispatch.candidates); `is_eligible()` says the
  same for one pair, to keep an accepted assignment only while it still holds.
- The previous buddy of a person: within the event, their current buddy (so a new run changes nothing
  that need not change); otherwise the buddy who checked on them in their last event (the last accepted
  assignment of an earlier event).
"""

import json
import math
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast

from mobilization.solidarity import buddies as buddy_rules
from mobilization.solidarity.dispatch import Buddy, Mode, Resident, project
from mobilization.solidarity.event_models import Assignment, ExtremeEvent
from mobilization.solidarity.models import Absence, BuddyProfile, VulnerableResident

DEFAULT_LANGUAGES = frozenset({"fr"})


@dataclass(frozen=True)
class Inputs:
    residents: dict[int, Resident]  # by id
    buddies: dict[int, Buddy]  # by buddy profile id (the solver's buddy id)


def residents_in_scope(
    event: ExtremeEvent, today: date, previous: dict[int, int] | None = None
) -> dict[int, Resident]:
    """The residents in scope, each with their previous buddy from `previous` (resident id → buddy id)."""
    previous = previous or {}
    away = Absence.objects.filter(resident=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today)
    rows = (
        VulnerableResident.objects.filter(district__in=event.districts.values("pk"))
        .filter(~Exists(away))
        .order_by("pk")
        .annotate(languages_text=Cast("languages", TextField()))
        .values_list("pk", "lat", "lon", "preferred_contact", "languages_text")
    )
    residents = {}
    languages_of = _json_sets()
    modes = {mode.value: mode for mode in Mode}
    previous_of = previous.get
    # Positional arguments, in the order of Resident's fields: a fifth faster than keywords, 20,000 times.
    for pk, lat, lon, contact, languages in rows:
        x, y = project(lat, lon)
        residents[pk] = Resident(pk, x, y, modes[contact], languages_of(languages), previous_of(pk))
    return residents


def _json_sets():
    """A parser of JSON lists into frozensets that parses each distinct text once: the residents' and
    buddies' languages are a few dozen distinct lists over tens of thousands of rows, and decoding each
    row's JSON was a third of the time of reading them."""
    cache: dict = {}

    def parse(text):
        try:
            return cache[text]
        except KeyError:
            value = cache[text] = frozenset(json.loads(text) or ()) if text else frozenset()
            return value

    return parse


def capacity_days(event: ExtremeEvent) -> float:
    """How many days of check-ins one person takes: the cadence (one day when the level sets none)."""
    cadence = event.cadence
    return max(cadence.total_seconds() / 86400, 1.0) if cadence else 1.0


def available_buddies(event: ExtremeEvent, today: date) -> dict[int, Buddy]:
    days = capacity_days(event)
    elsewhere = Count(
        "assignments",
        filter=Q(assignments__status__in=Assignment.LIVE)
        & ~Q(assignments__event=event)
        & ~Q(assignments__event__status=ExtremeEvent.Status.CLOSED),
    )
    rows = (
        buddy_rules.trained_buddies(on=today)
        .filter(Q(paused_until__isnull=True) | Q(paused_until__lt=today))
        .filter(Q(does_calls=True) | Q(does_visits=True))
        .annotate(elsewhere=elsewhere, languages_text=Cast("languages", TextField()))
        .order_by("pk")
        .values_list(
            "pk",
            "base_lat",
            "base_lon",
            "checkins_per_day",
            "max_distance_km",
            "does_calls",
            "does_visits",
            "languages_text",
            "elsewhere",
        )
    )
    found = {}
    languages_of = _json_sets()
    for pk, lat, lon, per_day, max_km, calls, visits, languages, elsewhere_count in rows:
        languages = languages_of(languages)
        x, y = project(lat, lon)
        modes = frozenset(m for m, offered in ((Mode.CALL, calls), (Mode.VISIT, visits)) if offered)
        found[pk] = Buddy(
            id=pk,
            x=x,
            y=y,
            capacity=max(math.floor(per_day * days) - elsewhere_count, 0),
            max_distance_m=max_km * 1000.0,
            modes=modes,
            languages=frozenset(languages) if languages else DEFAULT_LANGUAGES,
        )
    return found


def is_eligible(resident: Resident, buddy: Buddy) -> bool:
    """The solver's rule for one pair (capacity aside): within reach, the mode offered, a shared language."""
    distance = math.hypot(resident.x - buddy.x, resident.y - buddy.y)
    return (
        distance <= buddy.max_distance_m
        and resident.mode in buddy.modes
        and (not resident.languages or bool(resident.languages & buddy.languages))
    )


def distance_m(resident: Resident, buddy: Buddy) -> float:
    return math.hypot(resident.x - buddy.x, resident.y - buddy.y)


def previous_event_buddies(event: ExtremeEvent, resident_ids=None) -> dict[int, int]:
    """resident id → the buddy (profile id) of their last accepted assignment in an earlier event (of the
    residents of `resident_ids`, or of everyone in the event's districts)."""
    wanted = None if resident_ids is None else set(resident_ids)
    rows = (
        Assignment.objects.filter(
            resident__district__in=event.districts.values("pk"), status=Assignment.Status.ACCEPTED
        )
        .exclude(event=event)
        .filter(event__starts_at__lte=event.starts_at)
        .order_by("resident_id", "event__starts_at", "answered_at", "pk")
        .values_list("resident_id", "buddy_id")
    )
    # Later rows overwrite earlier ones: the last event's buddy wins.
    return {resident: buddy for resident, buddy in rows if wanted is None or resident in wanted}


def users_offered_in(run) -> list:
    """The accounts of the buddies offered someone in `run` (to notify them), in one query: a subquery
    rather than a list of thousands of ids, which Django prepares one value at a time."""
    from django.contrib.auth import get_user_model

    offered = Assignment.objects.filter(event=run.event_id, status=Assignment.Status.OFFERED, run=run).values(
        "buddy__user_id"
    )
    return list(get_user_model().objects.filter(pk__in=offered).order_by("pk"))


def users_of_buddies(ids) -> list:
    """The accounts of the buddies (profile ids) `ids`."""
    from django.contrib.auth import get_user_model

    profiles = BuddyProfile.objects.filter(pk__in=list(ids)).values("user_id")
    return list(get_user_model().objects.filter(pk__in=profiles).order_by("pk"))

"""The dispatch's invariant on random database instances (hypothesis, small sizes):

every resident in scope (in the event's arrondissements, not away today) has exactly one live assignment
to an eligible buddy (certified, not paused, within reach, offering the mode, sharing a language, within
capacity) or is on the call list, never both; nobody out of scope has either; a buddy who declined a
person is never offered them again; and a second run changes nothing.
"""

import math
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilization.solidarity import dispatch, dispatching, offers
from mobilization.solidarity.models import Absence, Assignment, BuddyProfile, CallListEntry, ExtremeEvent
from mobilization.solidarity.tests.event_factories import EventFactory, trained_buddy
from mobilization.solidarity.tests.factories import BuddyProfileFactory, ResidentFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ["fr", "en", "ar"]
# Points within about 2 km of the 11th's centre.
LAT = st.floats(48.845, 48.875)
LON = st.floats(2.36, 2.40)

resident_st = st.fixed_dictionaries(
    {
        "lat": LAT,
        "lon": LON,
        "preferred_contact": st.sampled_from(["call", "visit"]),
        "languages": st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True),
        "away": st.booleans(),
        "elsewhere": st.integers(0, 9).map(lambda n: n == 0),  # one in ten in another arrondissement
    }
)
buddy_st = st.fixed_dictionaries(
    {
        "base_lat": LAT,
        "base_lon": LON,
        "checkins_per_day": st.integers(0, 2),
        "max_distance_km": st.floats(0.3, 3.0),
        "does_calls": st.booleans(),
        "does_visits": st.booleans(),
        "languages": st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True),
        "certified": st.integers(0, 5).map(lambda n: n != 0),
        "paused": st.integers(0, 5).map(lambda n: n == 0),
    }
)


def build(residents, buddies, district, other_district):
    today = timezone.localdate()
    made = []
    for r in residents:
        resident = ResidentFactory(
            district=other_district if r["elsewhere"] else district,
            lat=round(r["lat"], 3),
            lon=round(r["lon"], 3),
            preferred_contact=r["preferred_contact"],
            languages=r["languages"],
        )
        if r["away"]:
            Absence.objects.create(resident=resident, starts_on=today, ends_on=today + timedelta(days=3))
        made.append(resident)
    for b in buddies:
        values = {k: v for k, v in b.items() if k not in ("certified", "paused")}
        values["paused_until"] = today + timedelta(days=2) if b["paused"] else None
        values["base_lat"], values["base_lon"] = round(values["base_lat"], 3), round(values["base_lon"], 3)
        (trained_buddy if b["certified"] else BuddyProfileFactory)(base_district=district, **values)
    return made


def eligible(resident, profile: BuddyProfile, certified: set[int], today) -> bool:
    if profile.user_id not in certified or profile.is_paused(today):
        return False
    r = dispatch.project(resident.lat, resident.lon)
    b = dispatch.project(profile.base_lat, profile.base_lon)
    languages = set(profile.languages) or {"fr"}
    return (
        math.hypot(r[0] - b[0], r[1] - b[1]) <= profile.max_distance_km * 1000 + 1e-6
        and profile.modes().count(resident.preferred_contact) == 1
        and (not resident.languages or bool(set(resident.languages) & languages))
    )


def check_invariant(event, residents, today):
    from mobilization.solidarity import buddies as buddy_rules

    certified = set(buddy_rules.trained_buddies(on=today).values_list("user_id", flat=True))
    profiles = {p.pk: p for p in BuddyProfile.objects.all()}
    live = list(Assignment.objects.filter(event=event, status__in=Assignment.LIVE))
    by_resident: dict[int, list] = {}
    for a in live:
        by_resident.setdefault(a.resident_id, []).append(a)
    call_list = set(CallListEntry.objects.filter(event=event).values_list("resident_id", flat=True))
    load: dict[int, int] = {}
    for resident in residents:
        in_scope = (
            resident.district_id in set(event.districts.values_list("pk", flat=True))
            and not resident.absences.filter(starts_on__lte=today, ends_on__gte=today).exists()
        )
        mine = by_resident.get(resident.pk, [])
        if not in_scope:
            assert not mine and resident.pk not in call_list
            continue
        assert len(mine) + (resident.pk in call_list) == 1, (resident.pk, mine, call_list)
        for a in mine:
            assert eligible(resident, profiles[a.buddy_id], certified, today)
            load[a.buddy_id] = load.get(a.buddy_id, 0) + 1
    for buddy, count in load.items():
        assert count <= profiles[buddy].checkins_per_day * 2  # orange: a cadence of two days


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    residents=st.lists(resident_st, max_size=10),
    buddies=st.lists(buddy_st, max_size=5),
    declines=st.lists(st.booleans(), max_size=10),
)
def test_everyone_in_scope_has_one_eligible_buddy_or_is_on_the_call_list(
    district, residents, buddies, declines
):
    from mobilization.territory.tests.factories import ArrondissementFactory

    today = timezone.localdate()
    with transaction.atomic():
        other = ArrondissementFactory(number=12)
        made = build(residents, buddies, district, other)
        event = EventFactory(status=ExtremeEvent.Status.ACTIVE, districts=[district])
        dispatching.dispatch(event)
        check_invariant(event, made, today)

        # Some buddies decline: the person goes to someone else, never back to them.
        offered = list(
            Assignment.objects.filter(event=event, status=Assignment.Status.OFFERED).order_by("pk")
        )
        declined = set()
        for assignment, no in zip(offered, declines, strict=False):
            if no:
                offers.decline(assignment, by=assignment.buddy.user)
                declined.add((assignment.resident_id, assignment.buddy_id))
        check_invariant(event, made, today)
        run = dispatching.dispatch(event)
        check_invariant(event, made, today)
        live = set(
            Assignment.objects.filter(event=event, status__in=Assignment.LIVE).values_list(
                "resident_id", "buddy_id"
            )
        )
        assert not live & declined

        # A second run with nothing changed changes nothing.
        again = dispatching.dispatch(event)
        assert (again.offered, again.replaced) == (0, 0) and again.kept == run.assigned
        transaction.set_rollback(True)

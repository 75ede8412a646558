"""Hostile-input declarations of the solidarity app (see tests/hostile/forms.py for the building blocks).

`owner` registers people on a relative's behalf (resident A is theirs), changes resident A, adds its
absences, and fills in their buddy profile; coordinators filter the registry, city staff the read log.
"""

import math
from datetime import timedelta

from django.utils import timezone

from tests.access.callers import CITY_STAFF, COORDINATOR, OWNER
from tests.hostile import corpus
from tests.hostile.forms import (
    REFUSED,
    Attack,
    HostileForm,
    QueryString,
    Shown,
    as_phone_number,
    refused,
    typed_text,
)

POINT = ("48.855", "2.35")  # inside the route table's district (the 4th)
DATES = corpus.union(corpus.tagged(corpus.DATE), corpus.SAMPLE)
NUMBERS = corpus.union(corpus.NUMBERS, corpus.SAMPLE)
CHOICES = corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP))
RESIDENT_COLUMNS = (
    "pk",
    "first_name",
    "last_name",
    "date_of_birth",
    "category",
    "address",
    "lat",
    "lon",
    "district_id",
    "access_notes",
    "phone",
    "other_phone",
    "languages",
    "preferred_contact",
    "preferred_time",
    "emergency_contact",
    "care_service",
)


def _residents():
    from mobilization.solidarity.models import VulnerableResident

    return VulnerableResident.objects


def _resident_data() -> dict:
    return {
        "first_name": "Lucienne",
        "last_name": "Fictif-Haddad",
        "date_of_birth": "1938-03-14",
        "category": "aged_65",
        "address": "24 rue de la Démo, 75004 Paris",
        "lat": POINT[0],
        "lon": POINT[1],
        "access_notes": "Code 4821A",
        "phone": "01 99 00 43 21",
        "other_phone": "",
        "languages": ["fr"],
        "preferred_contact": "call",
        "preferred_time": "any",
        "emergency_contact": "Nadia, 06 39 98 00 11",
        "care_service": "",
    }


def _registered_by_owner(world, data) -> list:
    return list(_residents().filter(registered_by=world.user(OWNER)).order_by("pk").values(*RESIDENT_COLUMNS))


def _rows_of_a(world, data) -> list:
    return list(_residents().filter(pk=world.solidarity_resident_a.pk).values(*RESIDENT_COLUMNS))


def _newest(name):
    return lambda world, data: getattr(
        _residents().filter(registered_by=world.user(OWNER)).latest("pk"), name
    )


def _resident_a(name):
    return lambda world, data: getattr(_residents().get(pk=world.solidarity_resident_a.pk), name)


def _resident_attacks(read) -> tuple:
    return (
        Attack("first_name", saved=read("first_name"), normalise=typed_text(is_a_name=True)),
        Attack("last_name", saved=read("last_name"), normalise=typed_text(is_a_name=True)),
        Attack("address", saved=read("address"), normalise=typed_text(multiline=True, is_a_name=True)),
        Attack("access_notes", saved=read("access_notes"), normalise=typed_text(multiline=True)),
        Attack("emergency_contact", saved=read("emergency_contact"), normalise=typed_text(multiline=True)),
        Attack("care_service", saved=read("care_service"), normalise=typed_text(multiline=True)),
        Attack("phone", saved=read("phone"), normalise=as_phone_number),
        Attack("other_phone", saved=read("other_phone"), normalise=as_phone_number),
        # No hostile value is a date of birth, a point inside Paris, or one of the choices.
        Attack("date_of_birth", values=DATES, normalise=refused),
        Attack("lat", values=NUMBERS, normalise=refused),
        Attack("lon", values=NUMBERS, normalise=refused),
        Attack("category", values=CHOICES, normalise=refused),
        Attack("languages", values=CHOICES, normalise=refused, is_list=True),
        Attack("preferred_contact", values=CHOICES, normalise=refused),
        Attack("preferred_time", values=CHOICES, normalise=refused),
    )


def _as_owner(world, data):
    return world.user(OWNER)


def _absences_of_a(world, data) -> list:
    return list(world.solidarity_resident_a.absences.order_by("pk").values("pk", "starts_on", "ends_on"))


def _today_plus(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _buddy_profile_of_owner(client, world, user) -> None:
    """The profile exists before each submission, so that only the attacked field can change it."""
    from mobilization.solidarity.models import BuddyProfile

    if not BuddyProfile.objects.filter(user=user).exists():
        from mobilization.solidarity.tests.factories import BuddyProfileFactory

        BuddyProfileFactory(user=user, base_district=world.district, base_lat=48.855, base_lon=2.35)


def _buddy_rows(world, data) -> list:
    from mobilization.solidarity.models import BuddyProfile

    return list(
        BuddyProfile.objects.filter(user=world.user(OWNER)).values(
            "checkins_per_day",
            "max_distance_km",
            "does_calls",
            "does_visits",
            "languages",
            "base",
            "base_district_id",
            "base_lat",
            "base_lon",
            "paused_until",
        )
    )


def _buddy_field(name):
    def read(world, data):
        from mobilization.solidarity.models import BuddyProfile

        return getattr(BuddyProfile.objects.get(user=world.user(OWNER)), name)

    return read


def _number_between(low, high, *, whole: bool):
    """What a number field stores: Python reads Unicode digits and underscores; out of range or not
    finite is refused."""

    def normalise(value: str):
        text = value.strip()
        try:
            number = int(text) if whole else float(text)
        except (ValueError, OverflowError):
            return REFUSED
        if not whole and not math.isfinite(number):
            return REFUSED
        return number if low <= number <= high else REFUSED

    return normalise


FORMS: tuple = (
    HostileForm(
        "solidarity:register",
        caller=OWNER,
        kwargs=lambda world: {"kind": "relative"},
        baseline=lambda world, n: {**_resident_data(), "consent": "on"},
        attacks=_resident_attacks(_newest),
        rows=_registered_by_owner,
        shown_on=(Shown("solidarity:mine", _as_owner, fields=("first_name", "last_name")),),
    ),
    HostileForm(
        "solidarity:resident_edit",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.solidarity_resident_a.pk},
        baseline=lambda world, n: _resident_data(),
        attacks=_resident_attacks(_resident_a),
        rows=_rows_of_a,
        shown_on=(Shown("solidarity:mine", _as_owner, fields=("first_name", "last_name")),),
    ),
    HostileForm(
        "solidarity:absence_add",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.solidarity_resident_a.pk},
        baseline=lambda world, n: {"starts_on": _today_plus(30), "ends_on": _today_plus(40)},
        attacks=(
            Attack("starts_on", values=DATES, normalise=refused),
            Attack("ends_on", values=DATES, normalise=refused),
        ),
        rows=_absences_of_a,
    ),
    HostileForm(
        "solidarity:buddy",
        caller=OWNER,
        before=_buddy_profile_of_owner,
        baseline=lambda world, n: {
            "checkins_per_day": "3",
            "max_distance_km": "2",
            "does_calls": "on",
            "languages": ["fr"],
            "base": "district",
            "district": str(world.district.pk),
        },
        attacks=(
            Attack(
                "checkins_per_day",
                values=NUMBERS,
                saved=_buddy_field("checkins_per_day"),
                normalise=_number_between(1, 10, whole=True),
            ),
            Attack(
                "max_distance_km",
                values=NUMBERS,
                saved=_buddy_field("max_distance_km"),
                normalise=_number_between(0.2, 20, whole=False),
            ),
            Attack("district", values=CHOICES, normalise=refused),
            Attack("base", values=CHOICES, normalise=refused),
            Attack("languages", values=CHOICES, normalise=refused, is_list=True),
        ),
        rows=_buddy_rows,
    ),
    HostileForm(
        "solidarity:buddy_pause",
        caller=OWNER,
        before=_buddy_profile_of_owner,
        baseline=lambda world, n: {"days": "7"},
        attacks=(Attack("days", values=CHOICES, normalise=refused),),
        rows=_buddy_rows,
    ),
)

QUERY_STRINGS: tuple = (
    QueryString(
        "solidarity:residents",
        caller=COORDINATOR,
        baseline={"category": "aged_65"},
        parameters={"district": CHOICES, "category": CHOICES, "page": NUMBERS},
    ),
    QueryString(
        "solidarity:read_log",
        caller=CITY_STAFF,
        baseline={"action": "solidarity.resident_viewed"},
        parameters={
            "actor": corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
            "resident": NUMBERS,
            "action": CHOICES,
            "part": CHOICES,
            "since": DATES,
            "until": DATES,
            "page": NUMBERS,
        },
    ),
)

NOT_FORMS: dict[str, str] = {
    "solidarity:resident_confirm": "no field: confirms the registration in the path",
    "solidarity:resident_withdraw": "no field: withdraws (erases) the registration in the path",
    "solidarity:absence_remove": "no field: removes the absence in the path",
    "solidarity:buddy_resume": "no field: ends the caller's pause",
}

"""The dispatch's plain data: who needs a check-in, who can make it, and what the solver decided.

No Django here: the solidarity app reads its rows into these dataclasses, calls `solve()`, and writes
the `Dispatch` back. Coordinates are metres on a local plane (`project()` turns a latitude/longitude
into them), so that distances are plain Euclidean ones.
"""

import math
from dataclasses import dataclass, field
from enum import StrEnum

EARTH_RADIUS_M = 6_371_008.8
# Notre-Dame's parvis, the origin of French road distances: the centre of the plane Paris is drawn on.
PARIS_ORIGIN = (48.853_4, 2.348_8)


class Mode(StrEnum):
    CALL = "call"
    VISIT = "visit"


class Reason(StrEnum):
    """Why a resident is on the coordinators' call list instead of with a buddy (codes the app translates)."""

    NO_BUDDY_IN_REACH = "no_buddy_in_reach"
    NO_BUDDY_FOR_MODE = "no_buddy_for_mode"
    NO_SHARED_LANGUAGE = "no_shared_language"
    ALL_FULL = "all_full"
    BEYOND_LIMIT = "beyond_limit"


REASON_TEXT = {
    Reason.NO_BUDDY_IN_REACH: "No buddy's maximum distance reaches this person.",
    Reason.NO_BUDDY_FOR_MODE: "No buddy within reach offers the contact this person prefers (call or visit).",
    Reason.NO_SHARED_LANGUAGE: "No buddy within reach speaks a language this person speaks.",
    Reason.ALL_FULL: "Every buddy who could take this person is already at capacity.",
    Reason.BEYOND_LIMIT: "The buddies with room left are further than the dispatch's limit.",
}


def project(lat: float, lon: float, origin: tuple[float, float] = PARIS_ORIGIN) -> tuple[float, float]:
    """(x, y) in metres east and north of `origin`, on the plane tangent there (equirectangular).

    Across a city (20 km) the error against the great-circle distance is below 0.05 %: far less than
    the difference between two buddies a street apart, and it keeps the nearest-neighbour search a
    plain Euclidean one.
    """
    lat0, lon0 = origin
    x = math.radians(lon - lon0) * EARTH_RADIUS_M * math.cos(math.radians(lat0))
    y = math.radians(lat - lat0) * EARTH_RADIUS_M
    return x, y


@dataclass(frozen=True)
class Resident:
    """A registered person in scope for this dispatch.

    `languages` empty means the person stated none: any buddy may call them.
    `previous_buddy_id`: the buddy who checked on them last time, preferred when still eligible.
    """

    id: int
    x: float
    y: float
    mode: Mode = Mode.CALL
    languages: frozenset[str] = frozenset({"fr"})
    previous_buddy_id: int | None = None


@dataclass(frozen=True)
class Buddy:
    """A trained volunteer available for this dispatch, at their base point."""

    id: int
    x: float
    y: float
    capacity: int
    max_distance_m: float
    modes: frozenset[Mode] = frozenset({Mode.CALL, Mode.VISIT})
    languages: frozenset[str] = frozenset({"fr"})


@dataclass(frozen=True)
class Assignment:
    resident_id: int
    buddy_id: int
    distance_m: float
    kept_previous: bool


@dataclass(frozen=True)
class Unassigned:
    """A resident for the coordinators' call list, with the reason no buddy took them."""

    resident_id: int
    reason: Reason

    @property
    def reason_text(self) -> str:
        return REASON_TEXT[self.reason]


@dataclass(frozen=True)
class Dispatch:
    """The solver's answer: each resident in exactly one of `assignments` or `call_list`, by id order."""

    assignments: tuple[Assignment, ...]
    call_list: tuple[Unassigned, ...]
    total_distance_m: float
    # The minimised objective, in the solver's integer units (decimetres, less the continuity bonus).
    cost: int
    stats: dict = field(default_factory=dict, compare=False)

    def buddy_of(self) -> dict[int, int]:
        """resident id → buddy id, for the assigned residents."""
        return {a.resident_id: a.buddy_id for a in self.assignments}

    def load(self) -> dict[int, int]:
        """buddy id → how many residents they were given (buddies given none are absent)."""
        counts: dict[int, int] = {}
        for a in self.assignments:
            counts[a.buddy_id] = counts.get(a.buddy_id, 0) + 1
        return counts

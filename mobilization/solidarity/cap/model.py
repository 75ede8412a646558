"""A Common Alerting Protocol 1.2 alert as plain, frozen data (OASIS CAP 1.2, July 2010).

Only what the platform reads or writes is kept: the alert's header, and for each `<info>` block its
event, urgency/severity/certainty, times, texts, event codes, parameters and areas (description,
polygons, circles, geocodes). `<resource>` blocks, `<altitude>`/`<ceiling>` and signatures are dropped
on parsing. Comparing two alerts compares what is kept, so that parse → export → parse is the identity.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"


class Hazard(StrEnum):
    """The hazards the solidarity pillar acts on (the issue's list)."""

    HEATWAVE = "heatwave"
    COLD_WAVE = "cold_wave"
    FLOOD = "flood"
    STORM = "storm"
    POLLUTION_PEAK = "pollution_peak"


class Level(StrEnum):
    """Météo-France's vigilance colours, lowest first (MeteoAlarm's awareness levels 1 to 4)."""

    GREEN = "green"
    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"

    @property
    def rank(self) -> int:
        return list(Level).index(self) + 1


@dataclass(frozen=True)
class Pair:
    """A CAP `valueName`/`value` pair: an event code, a parameter or a geocode."""

    name: str
    value: str


@dataclass(frozen=True)
class Reference:
    """An earlier message this one updates or cancels: CAP's "sender,identifier,sent" triple."""

    sender: str
    identifier: str
    sent: str


@dataclass(frozen=True)
class Area:
    description: str
    # Each polygon a closed ring of (latitude, longitude) pairs, WGS 84, as CAP writes them.
    polygons: tuple[tuple[tuple[float, float], ...], ...] = ()
    # Each circle (latitude, longitude, radius in km).
    circles: tuple[tuple[float, float, float], ...] = ()
    geocodes: tuple[Pair, ...] = ()


@dataclass(frozen=True)
class Info:
    event: str
    urgency: str
    severity: str
    certainty: str
    categories: tuple[str, ...] = ("Met",)
    language: str = "en-US"
    response_types: tuple[str, ...] = ()
    audience: str = ""
    event_codes: tuple[Pair, ...] = ()
    effective: datetime.datetime | None = None
    onset: datetime.datetime | None = None
    expires: datetime.datetime | None = None
    sender_name: str = ""
    headline: str = ""
    description: str = ""
    instruction: str = ""
    web: str = ""
    contact: str = ""
    parameters: tuple[Pair, ...] = ()
    areas: tuple[Area, ...] = ()

    def parameter(self, name: str) -> str | None:
        """The first value of the parameter `name` (case-insensitive), or None."""
        return next((p.value for p in self.parameters if p.name.lower() == name.lower()), None)


@dataclass(frozen=True)
class Alert:
    identifier: str
    sender: str
    sent: datetime.datetime
    status: str
    msg_type: str
    scope: str = "Public"
    source: str = ""
    restriction: str = ""
    addresses: str = ""
    codes: tuple[str, ...] = ()
    note: str = ""
    references: tuple[Reference, ...] = ()
    incidents: str = ""
    infos: tuple[Info, ...] = ()


class CapError(ValueError):
    """A file refused, with the reason: `code` for the program, `message` for the coordinator."""

    NOT_XML = "malformed"
    UNSAFE = "unsafe"
    NOT_CAP = "not_cap_1_2"
    INVALID = "invalid"
    UNHANDLED_HAZARD = "unhandled_hazard"
    OUTSIDE_CITY = "outside_city"
    NOT_ACTUAL = "not_actual"

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

"""What an alert means for the city: which hazard, which vigilance level, whether it concerns us.

MeteoAlarm (the European weather services' feed, Météo-France's for France) writes the level and the
kind of warning as parameters of each `<info>`:
- `awareness_level`: "3; orange; Severe" — number, colour, severity. The colour word is read first
  (it *is* Météo-France's vigilance colour), then the number (1 green … 4 red).
- `awareness_type`: "5; high-temperature" — number and name. The name is read first, then MeteoAlarm's
  standard numbers (1 wind, 3 thunderstorm, 5 high temperature, 6 low temperature, 12 flooding,
  13 rain-flood).
An alert from elsewhere (an air-quality agency, the city itself) without these parameters is read from
its event name (French or English words), and its level from CAP's severity as MeteoAlarm maps them
(Minor green, Moderate yellow, Severe orange, Extreme red).

An area concerns the city when one of its geocodes is one of the city's (`CityArea.geocodes`, a
setting: e.g. MeteoAlarm's EMMA_ID "FR075" and the NUTS 3 code "FR101" for Paris), or when one of its
polygons or circles meets the city's boundary (`CityArea.boundary`, longitude/latitude, shapely).
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import shapely
import shapely.affinity
from shapely.geometry import shape

from .model import Alert, Area, CapError, Hazard, Info, Level

LEVEL_WORDS = {level.value: level for level in Level}
LEVEL_NUMBERS = {1: Level.GREEN, 2: Level.YELLOW, 3: Level.ORANGE, 4: Level.RED}
SEVERITY_LEVELS = {
    "Minor": Level.GREEN,
    "Moderate": Level.YELLOW,
    "Severe": Level.ORANGE,
    "Extreme": Level.RED,
}
TYPE_NUMBERS = {
    1: Hazard.STORM,
    3: Hazard.STORM,
    5: Hazard.HEATWAVE,
    6: Hazard.COLD_WAVE,
    12: Hazard.FLOOD,
    13: Hazard.FLOOD,
}
# Words of the awareness type's name or of the event, in order: the first that matches decides.
HAZARD_WORDS = [
    (Hazard.HEATWAVE, ("high-temperature", "high temperature", "heat", "canicule", "chaleur")),
    (Hazard.COLD_WAVE, ("low-temperature", "low temperature", "cold", "grand froid", "froid")),
    (Hazard.FLOOD, ("flood", "inondation", "crue")),
    (Hazard.STORM, ("wind", "storm", "thunderstorm", "orage", "tempête", "tempete", "vent")),
    (Hazard.POLLUTION_PEAK, ("pollution", "air quality", "qualité de l'air", "ozone", "particul")),
]


@dataclass(frozen=True)
class CityArea:
    """Where the city is: the geocodes that name it (valueName → values), and its boundary."""

    geocodes: Mapping[str, frozenset[str]]
    boundary: shapely.Geometry | None = None

    @classmethod
    def from_geojson(cls, geojson: dict, geocodes: Mapping[str, set[str] | frozenset[str]]) -> "CityArea":
        """From a GeoJSON FeatureCollection of the city's districts (longitude/latitude)."""
        boundary = shapely.union_all([shape(f["geometry"]) for f in geojson["features"]])
        return cls({k: frozenset(v) for k, v in geocodes.items()}, boundary)


@dataclass(frozen=True)
class Reading:
    """What the platform does with an alert: create, update or cancel the event of this hazard."""

    alert: Alert
    hazard: Hazard | None
    level: Level | None
    infos: tuple[Info, ...]  # the info blocks that concern the city
    areas: tuple[Area, ...]  # their areas that concern the city

    @property
    def action(self) -> str:
        return {"Alert": "create", "Update": "update", "Cancel": "cancel"}[self.alert.msg_type]

    @property
    def onset(self):
        times = [i.onset or i.effective for i in self.infos if i.onset or i.effective]
        return min(times) if times else None

    @property
    def expires(self):
        times = [i.expires for i in self.infos if i.expires]
        return max(times) if times else None


def level_of(info: Info) -> Level | None:
    text = info.parameter("awareness_level")
    if text:
        parts = [p.strip().lower() for p in text.split(";")]
        for part in parts:
            if part in LEVEL_WORDS:
                return LEVEL_WORDS[part]
        if parts and parts[0].isdigit() and int(parts[0]) in LEVEL_NUMBERS:
            return LEVEL_NUMBERS[int(parts[0])]
    return SEVERITY_LEVELS.get(info.severity)


def hazard_of(info: Info) -> Hazard | None:
    text = info.parameter("awareness_type")
    if text:
        number, _, name = (p.strip() for p in text.partition(";"))
        found = _by_words(name)
        if found:
            return found
        if number.isdigit() and int(number) in TYPE_NUMBERS:
            return TYPE_NUMBERS[int(number)]
        if name:
            # A MeteoAlarm type we do not handle (fog, snow-ice…): the event's words do not override it.
            return None
    return _by_words(info.event)


def _by_words(text: str) -> Hazard | None:
    text = text.lower()
    for hazard, words in HAZARD_WORDS:
        if any(re.search(rf"\b{re.escape(word)}", text) for word in words):
            return hazard
    return None


def concerns_city(area: Area, city: CityArea) -> bool:
    if any(code.value in city.geocodes.get(code.name, ()) for code in area.geocodes):
        return True
    if city.boundary is None:
        return False
    shapes = [shapely.Polygon([(lon, lat) for lat, lon in ring]) for ring in area.polygons]
    shapes += [_circle(lat, lon, km) for lat, lon, km in area.circles]
    return any(s.is_valid and s.intersects(city.boundary) for s in shapes)


def _circle(lat: float, lon: float, km: float) -> shapely.Geometry:
    """A circle of `km` around the point, as an ellipse in degrees (a degree of longitude is shorter)."""
    unit = shapely.Point(lon, lat).buffer(1.0, quad_segs=16)
    dlat = km / 111.32
    dlon = km / (111.32 * max(math.cos(math.radians(lat)), 1e-6))
    return shapely.affinity.scale(unit, xfact=dlon, yfact=dlat)


def read(alert: Alert, city: CityArea, *, statuses: tuple[str, ...] = ("Actual",)) -> Reading:
    """The hazard, level and areas of `alert` for `city`, or `CapError` saying why it is refused."""
    if alert.status not in statuses:
        raise CapError(
            CapError.NOT_ACTUAL,
            f"The alert's status is “{alert.status}”: only {', '.join(statuses)} alerts are acted on.",
        )
    if alert.msg_type not in ("Alert", "Update", "Cancel"):
        raise CapError(CapError.INVALID, f"A “{alert.msg_type}” message is not an alert to act on.")
    if alert.msg_type != "Alert" and not alert.references:
        raise CapError(
            CapError.INVALID,
            f"This {alert.msg_type.lower()} does not say which alert it replaces (no <references>).",
        )
    if not alert.infos:
        if alert.msg_type == "Cancel":
            return Reading(alert, None, None, (), ())
        raise CapError(CapError.INVALID, "The alert has no <info> block: no event, no area.")

    local = [(info, [a for a in info.areas if concerns_city(a, city)]) for info in alert.infos]
    local = [(info, areas) for info, areas in local if areas]
    if not local:
        where = "; ".join(sorted({a.description for i in alert.infos for a in i.areas})) or "no area given"
        raise CapError(CapError.OUTSIDE_CITY, f"The alert concerns an area outside the city ({where}).")
    hazards = {info: hazard_of(info) for info, _ in local}
    handled = {h for h in hazards.values() if h}
    if not handled:
        events = "; ".join(sorted({info.event for info, _ in local}))
        raise CapError(
            CapError.UNHANDLED_HAZARD,
            f"The alert is about “{events}”; the platform handles heatwave, cold wave, flood, storm and "
            "pollution peak.",
        )
    if len(handled) > 1:
        names = ", ".join(sorted(h.value for h in handled))
        raise CapError(
            CapError.INVALID, f"The alert mixes several hazards for the city ({names}): send one each."
        )
    hazard = handled.pop()
    infos = tuple(info for info, _ in local if hazards[info] == hazard)
    levels = [lvl for lvl in (level_of(i) for i in infos) if lvl]
    return Reading(
        alert=alert,
        hazard=hazard,
        level=max(levels, key=lambda lvl: lvl.rank) if levels else None,
        infos=infos,
        areas=tuple(a for info, areas in local if hazards[info] == hazard for a in areas),
    )

"""The territory's domain logic: which district a point is in, which places are nearest, which are open.

Point-in-district uses shapely prepared polygons; nearest places use a k-d tree (scipy's cKDTree) over the
places' projected coordinates. Both are built once per process and rebuilt when the data change: each
call first reads a cheap "version" of the table (count, last update, highest id) and compares. The
arrondissements' simplified outlines are shared by every process through the Django cache, under a key
made of the same version.
"""

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from scipy.spatial import cKDTree
from shapely.geometry import Point, shape
from shapely.prepared import prep

from mobilization.core.registries import Figure
from mobilization.territory import geo, hours
from mobilization.territory.models import District, Place

_lock = threading.Lock()
_district_locators: dict[str, tuple[tuple, "DistrictLocator"]] = {}
_place_index: dict[str, tuple[tuple, "PlaceIndex"]] = {}


def forget_caches() -> None:
    """Drop the in-process district polygons and place tree (they rebuild on the next question)."""
    with _lock:
        _district_locators.clear()
        _place_index.clear()


def _version(queryset: QuerySet) -> tuple:
    figures = queryset.aggregate(count=Count("pk"), last_update=Max("updated_at"), last_id=Max("pk"))
    return (figures["count"], figures["last_update"], figures["last_id"])


def _version_key(name: str, version: tuple) -> str:
    """A Django cache key for data built from a table at one version: a new import is a new key."""
    parts = (part.isoformat() if isinstance(part, datetime) else str(part) for part in version)
    return ":".join(["territory", name, *parts])


# --- Which district is this point in? -----------------------------------------------------------------


class DistrictLocator:
    """The districts of one level as prepared polygons, ready for many point-in-polygon questions.

    Importers take one and ask it for every row, instead of checking the cache for each point.
    The districts it returns are shared by every caller: read them, do not change them.
    """

    def __init__(self, districts):
        self._shapes = []
        for district in districts:
            polygon = shape(district.geometry)
            self._shapes.append((polygon.bounds, prep(polygon), polygon, district))

    def district_at(self, lat: float, lon: float) -> District | None:
        point = Point(lon, lat)
        for (min_x, min_y, max_x, max_y), prepared, _polygon, district in self._shapes:
            # The bounding box rules out most districts before the exact test.
            if min_x <= lon <= max_x and min_y <= lat <= max_y and prepared.covers(point):
                return district
        return None

    def geometry_of(self, district_id: int):
        """The district's polygon (shapely), e.g. to measure how far a point lies outside it."""
        return next((polygon for *_, polygon, district in self._shapes if district.pk == district_id), None)


def district_locator(level: str = District.Level.ARRONDISSEMENT) -> DistrictLocator:
    """The cached locator for one level, rebuilt when districts of that level change."""
    districts = District.objects.filter(level=level)
    version = _version(districts)
    cached = _district_locators.get(level)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        locator = DistrictLocator(districts.select_related("parent").order_by("number"))
        _district_locators[level] = (version, locator)
    return locator


def district_at(lat: float, lon: float, level: str = District.Level.ARRONDISSEMENT) -> District | None:
    """The district of the given level that contains the point, or None outside the city."""
    return district_locator(level).district_at(lat, lon)


# --- What the map draws under the places --------------------------------------------------------------

# About 10 m: the outlines keep their shape at street zoom with a tenth of their points.
OUTLINE_TOLERANCE_DEG = 0.0001
OUTLINE_CACHE_SECONDS = 24 * 60 * 60


def arrondissement_outlines() -> dict:
    """The arrondissements' outlines, simplified, as a GeoJSON FeatureCollection with code, number, name.

    Built once for all processes and kept in the Django cache until the arrondissements change.
    """
    districts = District.objects.filter(level=District.Level.ARRONDISSEMENT)
    key = _version_key("arrondissement-outlines", _version(districts))
    outlines = cache.get(key)
    if outlines is None:
        arrondissements = list(
            districts.only("code", "number", "name", "name_fr", "name_en", "geometry").order_by("number")
        )
        geometries = geo.simplified_together(
            [district.geometry for district in arrondissements], OUTLINE_TOLERANCE_DEG
        )
        features = [
            {
                "type": "Feature",
                "id": district.code,
                "geometry": geometry,
                "properties": {"code": district.code, "number": district.number, "name": district.name},
            }
            for district, geometry in zip(arrondissements, geometries, strict=True)
        ]
        outlines = {"type": "FeatureCollection", "features": features}
        cache.set(key, outlines, OUTLINE_CACHE_SECONDS)
    return outlines


# --- Which places are nearest? ------------------------------------------------------------------------


# What a place is at a moment, for the lists: usable now (open, or in service with no hours to keep), or
# closed now. Out of service is not a state of the hours: `PlaceIndex.available` says it.
OPEN, HOURS_NOT_GIVEN, CLOSED = 1, 0, -1
# Two records of the same kind and name closer than this are one place for the nearest list: the exports
# list some places twice (the same garden under two ids, three taps of one fountain at one address).
DUPLICATE_RADIUS_M = 30


class PlaceIndex:
    """Every place's projected position in a k-d tree, with what ranking needs beside it: its id, kind,
    whether it is in service, its opening hours, and the group of records that are one place."""

    def __init__(self, rows: list[tuple]):
        """``rows``: (pk, kind, lat, lon, is_available, opening_hours, name), in primary key order."""
        self.ids = np.array([row[0] for row in rows], dtype=np.int64)
        self.kinds = np.array([row[1] for row in rows], dtype=object)
        lats = np.array([row[2] for row in rows], dtype=float)
        lons = np.array([row[3] for row in rows], dtype=float)
        self.available = np.array([bool(row[4]) for row in rows], dtype=bool)
        self.opening_hours = [row[5] or {} for row in rows]
        # Project around the places' own mean latitude: the city's, whatever the city.
        self.lat0 = float(lats.mean()) if rows else 48.8566
        self.points = geo.project(lats, lons, self.lat0) if rows else np.empty((0, 2))
        self.tree = cKDTree(self.points) if rows else None
        self.groups = self._duplicate_groups([" ".join(str(row[6]).casefold().split()) for row in rows])
        self._states: tuple[str, np.ndarray] | None = None
        self._states_lock = threading.Lock()

    def __len__(self):
        return len(self.ids)

    def _duplicate_groups(self, names: list[str]) -> np.ndarray:
        """For each place, the position of the first record of the same place (itself when alone): same
        kind, same name, within DUPLICATE_RADIUS_M of another record of the group."""
        groups = np.arange(len(self.ids))
        if self.tree is None:
            return groups

        def root(position: int) -> int:
            while groups[position] != position:
                groups[position] = groups[groups[position]]
                position = groups[position]
            return position

        for first, second in sorted(self.tree.query_pairs(DUPLICATE_RADIUS_M)):
            if self.kinds[first] == self.kinds[second] and names[first] == names[second]:
                low, high = sorted((root(first), root(second)))
                groups[high] = low
        return np.array([root(position) for position in range(len(groups))], dtype=np.int64)

    def states_at(self, moment: datetime) -> np.ndarray:
        """OPEN, HOURS_NOT_GIVEN or CLOSED for every place at this local moment (by its hours alone).

        The hours are read once a minute per process, not once per request."""
        minute = moment.strftime("%Y-%m-%dT%H:%M")
        cached = self._states
        if cached is not None and cached[0] == minute:
            return cached[1]
        codes = {True: OPEN, None: HOURS_NOT_GIVEN, False: CLOSED}
        states = np.array([codes[hours.is_open(week, moment)] for week in self.opening_hours], dtype=np.int8)
        with self._states_lock:
            self._states = (minute, states)
        return states

    def open_ids(self, moment: datetime) -> list[int]:
        """The places in service whose hours say open at this local moment."""
        return self.ids[(self.states_at(moment) == OPEN) & self.available].tolist()

    def ranked(
        self,
        lat: float,
        lon: float,
        *,
        limit: int | None = None,
        kind: str | None = None,
        among: set[int] | None = None,
        max_distance_m: float | None = None,
    ) -> list[tuple[int, float]]:
        """(place id, distance in metres) from the nearest on, keeping only the wanted places."""
        if self.tree is None:
            return []
        point = geo.project([lat], [lon], self.lat0)[0]
        total = len(self)
        # Ask the tree for a few more than wanted; when filters throw too many away, ask for more.
        k = total if limit is None else min(total, max(limit * 4, 32))
        while True:
            distances, positions = self.tree.query(
                point, k=k, distance_upper_bound=max_distance_m if max_distance_m is not None else np.inf
            )
            distances, positions = np.atleast_1d(distances), np.atleast_1d(positions)
            found = []
            for distance, position in zip(distances, positions, strict=True):
                if position >= total:  # beyond max_distance_m: the tree pads with "missing"
                    break
                place_id = int(self.ids[position])
                if kind is not None and self.kinds[position] != kind:
                    continue
                if among is not None and place_id not in among:
                    continue
                found.append((place_id, float(distance)))
                if limit is not None and len(found) == limit:
                    return found
            if k >= total or (len(distances) and distances[-1] == np.inf):
                return found
            k = min(total, k * 4)

    def usable_first(
        self, lat: float, lon: float, moment: datetime, *, among: set[int] | None = None
    ) -> "Ranking":
        """The places to offer from a point, best first: (place id, distance in metres, state) each.

        Nearest means usable now: the places open now, or in service with no hours to keep (a street
        fountain), nearest first; then the places closed now, nearest first. Places out of service are
        not offered, and a place the exports list twice is offered once (its best-ranked record)."""
        wanted = self.available.copy()
        if among is not None:
            wanted &= np.isin(self.ids, np.fromiter(among, dtype=np.int64, count=len(among)))
        positions = np.flatnonzero(wanted)
        if not len(positions):
            return Ranking(self.ids[:0], np.empty(0), np.empty(0, dtype=np.int8))
        point = geo.project([lat], [lon], self.lat0)[0]
        distances = np.hypot(*(self.points[positions] - point).T)
        states = self.states_at(moment)[positions]
        order = np.lexsort((self.ids[positions], distances, states == CLOSED))
        positions, distances, states = positions[order], distances[order], states[order]
        _groups, first = np.unique(self.groups[positions], return_index=True)
        keep = np.sort(first)
        return Ranking(self.ids[positions[keep]], distances[keep], states[keep])

    def state_of(self, place_ids, moment: datetime) -> list[int]:
        """The state (OPEN, HOURS_NOT_GIVEN, CLOSED) of each of these places at this local moment."""
        positions = np.searchsorted(self.ids, np.asarray(place_ids, dtype=np.int64))
        return self.states_at(moment)[positions].tolist()


class Ranking(Sequence):
    """Ranked places as (place id, distance in metres, state) entries, built only for the slice read."""

    def __init__(self, ids: np.ndarray, distances: np.ndarray, states: np.ndarray):
        self.ids, self.distances, self.states = ids, distances, states

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(
                zip(
                    self.ids[index].tolist(),
                    self.distances[index].tolist(),
                    self.states[index].tolist(),
                    strict=True,
                )
            )
        return (int(self.ids[index]), float(self.distances[index]), int(self.states[index]))


def places_version() -> tuple:
    """The places table's version (count, last change, highest id): a new import is a new version.

    Read on every list, so in one statement whose parts each use an index (see Place.Meta.indexes)."""
    table = Place._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {table}), (SELECT MAX(updated_at) FROM {table}), "  # noqa: S608 -- the model's table
            f"(SELECT MAX(id) FROM {table})"
        )
        return tuple(cursor.fetchone())


def place_index(version: tuple | None = None) -> PlaceIndex:
    """The cached k-d tree of all places, rebuilt when places change (``version``: already read)."""
    version = version or places_version()
    cached = _place_index.get("all")
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        rows = Place.objects.order_by("pk").values_list(
            "pk", "kind", "lat", "lon", "is_available", "opening_hours", "name"
        )
        index = PlaceIndex(list(rows))
        _place_index["all"] = (version, index)
    return index


def _with_distances(ranked: list[tuple], queryset: QuerySet | None = None) -> list[Place]:
    queryset = queryset if queryset is not None else Place.objects.select_related("district")
    places = queryset.in_bulk([entry[0] for entry in ranked])
    result = []
    for place_id, distance, *state in ranked:
        if place_id in places:
            place = places[place_id]
            place.distance_m = distance
            if state:
                place.state = state[0]
            result.append(place)
    return result


def nearest_places(
    lat: float,
    lon: float,
    limit: int = 10,
    kind: str | None = None,
    *,
    queryset: QuerySet | None = None,
    max_distance_m: float | None = None,
) -> list[Place]:
    """The places nearest to a point by distance alone, whatever their state, nearest first, each with
    ``distance_m`` (metres). What residents are offered is `search_places(..., near=...)`: usable first.

    ``queryset`` narrows the candidates (e.g. only free places); ``kind`` is a shortcut for one kind.
    """
    among = set(queryset.values_list("pk", flat=True)) if queryset is not None else None
    ranked = place_index().ranked(
        lat, lon, limit=limit, kind=kind, among=among, max_distance_m=max_distance_m
    )
    return _with_distances(ranked, queryset.select_related("district") if queryset is not None else None)


class PlacesByDistance(Sequence):
    """A filtered list of places to offer from a point, usable now first then nearest first (see
    `PlaceIndex.usable_first`), fetched a slice at a time (what Paginator needs).

    Ranking costs one query for the candidates' ids (none when nothing is filtered); each slice one
    query for its places, which carry ``distance_m`` and ``state``. ``entries`` is the same list as
    (place id, distance, state), without reading any place."""

    def __init__(
        self,
        queryset: QuerySet,
        lat: float,
        lon: float,
        moment: datetime | None = None,
        version: tuple | None = None,
    ):
        self.queryset = queryset
        among = set(queryset.values_list("pk", flat=True)) if queryset.query.has_filters() else None
        self.entries = place_index(version).usable_first(lat, lon, local_time(moment), among=among)

    def __len__(self):
        return len(self.entries)

    def count(self):  # Paginator asks for count() when it exists
        return len(self.entries)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return _with_distances(self.entries[index], self.queryset)
        return _with_distances([self.entries[index]], self.queryset)[0]


@dataclass(frozen=True)
class ReferencePoint:
    """Where "nearest" is measured from, and what to call it ("the centroid of the 11th", "your point")."""

    lat: float
    lon: float
    label: str = ""


# What a list shows of each place (the page's rows, the API's features): never the outlines, the
# districts' polygons, the source's ids nor the time stamps.
LISTED_FIELDS = (
    "kind",
    "category",
    "name",
    "address",
    "lat",
    "lon",
    "opening_hours",
    "is_free",
    "is_available",
    "details",
    "district__code",
    "district__name",
    # `name` is translated (modeltranslation): both languages' columns, or a query per row for the other.
    "district__name_fr",
    "district__name_en",
)


def search_places(
    queryset: QuerySet,
    near: ReferencePoint | None = None,
    moment: datetime | None = None,
    version: tuple | None = None,
) -> QuerySet | PlacesByDistance:
    """The places to list: by name, or usable now first then nearest first (with their distance and
    state) when a point is given (see `PlaceIndex.usable_first`). ``version``: the places' version,
    when already read."""
    queryset = queryset.select_related("district").only(*LISTED_FIELDS)
    if near is None:
        return queryset.order_by("name", "pk")
    return PlacesByDistance(queryset, near.lat, near.lon, moment, version)


def listed_entries(results: QuerySet | PlacesByDistance, moment: datetime | None = None, version=None):
    """The same list as `search_places` gives, as (place id, distance or None, state) entries that read
    no place: for lists that keep each place's rendering in a cache and read only the places missing."""
    if isinstance(results, PlacesByDistance):
        return results.entries
    return _EntriesByName(results.values_list("pk", flat=True), local_time(moment), version)


class _EntriesByName(Sequence):
    def __init__(self, ids: QuerySet, moment: datetime, version):
        self.ids, self.moment, self.version = ids, moment, version

    def count(self):
        return self.ids.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        ids = list(self.ids[index]) if isinstance(index, slice) else [self.ids[index]]
        states = place_index(self.version).state_of(ids, self.moment) if ids else []
        entries = [(place_id, None, state) for place_id, state in zip(ids, states, strict=True)]
        return entries if isinstance(index, slice) else entries[0]


def list_cache_key(
    name: str, query: list[tuple[str, str]], moment: datetime | None = None, version: tuple | None = None
) -> str:
    """The key of a cached list of places: its name, the language, the query (pagination links repeat
    it), the places' version and the local minute (the list says what is open now)."""
    moment = local_time(moment)
    version = _version_key("places", version or places_version())
    text = f"{version}|{moment:%Y-%m-%dT%H:%M}|{urlencode(sorted(query))}"
    digest = hashlib.sha256(text.encode()).hexdigest()[:40]
    return f"territory:{name}:{get_language()}:{digest}"


def entry_key(name: str, entry: tuple, moment: datetime, version: tuple, *extra) -> str:
    """The key of one place's cached rendering in a list: what it shows changes only with the places'
    version, the language, the weekday (today's hours), its state now and its distance to the metre."""
    place_id, distance, state = entry
    metres = None if distance is None else round(distance)
    text = f"{_version_key('places', version)}|{moment.weekday()}|{place_id}|{state}|{metres}|{extra}"
    return f"territory:{name}:{get_language()}:{hashlib.sha256(text.encode()).hexdigest()[:40]}"


def digest(pairs: list[tuple[str, str]]) -> str:
    """A short stable digest of query parameters, for cache keys."""
    return hashlib.sha256(urlencode(pairs).encode()).hexdigest()[:32]


def place_url_pattern() -> str:
    """The address of a place's page with 999999999 for its id: lists replace it rather than reverse
    the address once per row."""
    return reverse("territory:place", args=[999999999])


# --- Is it open? --------------------------------------------------------------------------------------


def local_time(moment: datetime | None = None) -> datetime:
    """The moment in the city's time zone (settings.TIME_ZONE); a naive moment is taken as local."""
    moment = moment or timezone.now()
    if timezone.is_naive(moment):
        return moment
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def is_open_at(place: Place, moment: datetime | None = None) -> bool | None:
    """Whether the place is open at that moment: False when out of service, None when hours are unknown."""
    if not place.is_available:
        return False
    return hours.is_open(place.opening_hours, local_time(moment))


def open_places(queryset: QuerySet, moment: datetime | None = None) -> QuerySet:
    """Only the places in service and open at that moment, as the place index reads their hours (once a
    minute per process, see `PlaceIndex.states_at`)."""
    return queryset.filter(pk__in=place_index().open_ids(local_time(moment)))


def describe_now(places, moment: datetime | None = None) -> None:
    """Set on each listed place what a list says of it: ``open_now`` (True, False, or None when its
    hours are not given), ``today`` (its hours today, in words) and ``url`` (its page)."""
    moment = local_time(moment)
    weekday = moment.weekday()
    pattern = place_url_pattern()
    for place in places:
        place.url = pattern.replace("999999999", str(place.pk))
        place.open_now = hours.is_open(place.opening_hours, moment)
        place.today = hours.describe(place.hours_on(weekday))


def weekly_hours(place: Place, today: int | None = None) -> list[dict]:
    """The hours table of a place: one row per weekday, Monday first, today's marked."""
    today = local_time().weekday() if today is None else today
    return [
        {"weekday": WEEKDAYS[day], "hours": hours.describe(place.hours_on(day)), "is_today": day == today}
        for day in range(7)
    ]


# --- The home page (registered in apps.py) ----------------------------------------------------------------


def home_figures() -> list[Figure]:
    """The territory's key figures: its districts and area, and the places open to all in a heatwave."""
    districts = District.objects.aggregate(
        arrondissements=Count("pk", filter=Q(level=District.Level.ARRONDISSEMENT)),
        quartiers=Count("pk", filter=Q(level=District.Level.QUARTIER)),
        area_m2=Sum("area_m2", filter=Q(level=District.Level.ARRONDISSEMENT)),
    )
    places = Place.objects.filter(is_available=True).aggregate(
        cool_places=Count("pk", filter=Q(kind=Place.Kind.COOL_PLACE)),
        green_spaces=Count("pk", filter=Q(kind=Place.Kind.GREEN_SPACE)),
        fountains=Count("pk", filter=Q(kind=Place.Kind.FOUNTAIN)),
    )
    area_km2 = (districts["area_m2"] or 0) / 1_000_000
    return [
        Figure("arrondissements", districts["arrondissements"], _("arrondissements")),
        Figure("quartiers", districts["quartiers"], _("neighbourhoods (quartiers)")),
        Figure("area_km2", area_km2, _("of territory"), unit="km²", decimals=1),
        Figure("cool_places", places["cool_places"], _("cool places open to all in a heatwave")),
        Figure("green_spaces", places["green_spaces"], _("cool green spaces")),
        Figure("fountains", places["fountains"], _("drinking fountains in service")),
    ]


def home_note_when_not_imported(request) -> str:
    """A line under the key figures while the city's districts have not been imported."""
    if District.objects.filter(level=District.Level.ARRONDISSEMENT).exists():
        return ""
    return render_to_string("territory/_home_not_imported.html", request=request)

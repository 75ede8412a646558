"""The territory in the open data API: districts and places as GeoJSON (WGS84, [longitude, latitude])."""

import json
from typing import Any, Literal

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from ninja import Field, Path, Query, Router, Schema, Status

from mobilization.core.openapi import api_enum
from mobilization.territory import hours, services
from mobilization.territory.filters import PlaceFilter, arrondissements
from mobilization.territory.models import District, Place

router = Router(tags=["territory"])
DistrictLevel = api_enum("DistrictLevel", District.Level)
PlaceKind = api_enum("PlaceKind", Place.Kind)

MAX_PLACES_PER_PAGE = 500
OUTLINES_MAX_AGE = 60 * 60  # browsers and proxies may keep the outlines an hour
# A page of places is built once a minute at most (it says what is open now), and at once again when the
# places change: the key holds the places' version (services.list_cache_key).
LIST_CACHE_SECONDS = 60


# --- Schemas ----------------------------------------------------------------------------------------------


class Message(Schema):
    detail: Any


class PointGeometry(Schema):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="[longitude, latitude], WGS84.")


class AreaGeometry(Schema):
    type: Literal["Polygon", "MultiPolygon"]
    coordinates: list[Any] = Field(description="GeoJSON rings of [longitude, latitude] positions, WGS84.")


class DistrictProperties(Schema):
    code: str = Field(
        description="Official code: INSEE 75101-75120 for arrondissements, 7510101... for quartiers."
    )
    level: DistrictLevel
    number: int
    name: str
    official_name: str
    parent_code: str | None = Field(description="The arrondissement of a quartier.")
    area_km2: float
    centroid_lat: float
    centroid_lon: float


class DistrictFeature(Schema):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: AreaGeometry
    properties: DistrictProperties


class DistrictCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[DistrictFeature]


class DistrictOutlineProperties(Schema):
    code: str = Field(description="INSEE code, 75101-75120.")
    number: int = Field(description="1 to 20.")
    name: str


class DistrictOutline(Schema):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: AreaGeometry
    properties: DistrictOutlineProperties


class DistrictOutlineCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[DistrictOutline]


class PlaceProperties(Schema):
    id: int
    name: str
    kind: PlaceKind
    kind_label: str
    category: str = Field(description="The source's own type, e.g. 'Piscine', 'Square'.")
    address: str
    district: str | None = Field(description="Code of the arrondissement.")
    district_name: str | None
    is_free: bool | None = Field(description="None when the source does not say.")
    is_available: bool = Field(
        description="False when out of service (a fountain without water, a mister off)."
    )
    open_now: bool | None = Field(
        description="Open at the time of the request; None when the hours are not known."
    )
    hours_today: str
    open_in_heatwave: bool | None = Field(
        description="Green spaces: open longer in a heatwave; None when the source does not say."
    )
    open_summer_nights: bool | None = Field(
        description="Green spaces: open at night in summer; None when the source does not say."
    )
    url: str = Field(description="The place's page on the platform.")
    distance_m: float | None = Field(description="Metres from the lat/lon given, when given.")


class PlaceFeature(Schema):
    type: Literal["Feature"] = "Feature"
    id: int
    geometry: PointGeometry
    properties: PlaceProperties


class PlaceCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    total: int = Field(description="How many places match the filters, on all pages.")
    limit: int
    offset: int
    features: list[PlaceFeature]


class PlaceFacts(Schema):
    """What the city's exports say beyond the common fields; absent when they do not say it."""

    status: str | None = None
    hours_period: str | None = Field(
        None, description="The period the hours are published for, as the city wrote it."
    )
    hours_text: dict[str, str] | None = Field(
        None, description="The hours as the city wrote them, by weekday 0-6."
    )
    green_space_type: str | None = None
    open_all_day: bool | None = None
    open_in_heatwave: bool | None = None
    open_summer_nights: bool | None = None
    tall_vegetation_share: float | None = Field(None, ge=0, le=1)
    object_type: str | None = None
    model: str | None = None
    unavailable_reason: str | None = None
    unavailable_from: str | None = None
    unavailable_until: str | None = None


class PlaceDetailProperties(PlaceProperties):
    opening_hours: dict[str, list[tuple[str, str]]] = Field(
        description="By weekday ('0' is Monday): [opens, closes] 'HH:MM' intervals; [] closed; "
        "a weekday absent: hours not known."
    )
    facts: PlaceFacts
    outline: AreaGeometry | None = Field(description="The place's outline, for green spaces.")
    source_dataset: str = Field(description="The dataset's id on opendata.paris.fr.")
    source_id: str


class PlaceDetailFeature(Schema):
    type: Literal["Feature"] = "Feature"
    id: int
    geometry: PointGeometry
    properties: PlaceDetailProperties


class PlaceQuery(Schema):
    kind: PlaceKind | None = None
    # The same shape as a district's code in /districts/{code}: a malformed code (a NUL byte, which
    # PostgreSQL refuses in a query) is a 422, a well-formed unknown one matches no place.
    district: str | None = Field(
        None, max_length=12, pattern=r"^[0-9A-Za-z]+$", description="Arrondissement code, e.g. 75104."
    )
    free: bool | None = Field(None, description="true: free entry only; false: paid entry only.")
    open_now: bool = Field(False, description="Only places open at the time of the request.")
    lat: float | None = Field(None, ge=-90, le=90, description="With lon: nearest first, with distance_m.")
    lon: float | None = Field(
        None, ge=-180, le=180, description="With lat; one without the other is ignored."
    )
    limit: int = Field(100, ge=1, le=MAX_PLACES_PER_PAGE)
    offset: int = Field(0, ge=0, le=2**31)


# --- Building the answers ---------------------------------------------------------------------------------


def _district_feature(district: District) -> dict:
    return {
        "type": "Feature",
        "id": district.code,
        "geometry": district.geometry,
        "properties": {
            "code": district.code,
            "level": district.level,
            "number": district.number,
            "name": district.name,
            "official_name": district.official_name,
            "parent_code": district.parent.code if district.parent else None,
            "area_km2": round(district.area_km2, 4),
            "centroid_lat": district.centroid_lat,
            "centroid_lon": district.centroid_lon,
        },
    }


def _place_properties(place: Place, moment, url_pattern: str) -> dict:
    """What the API says of a place at a local moment; ``url_pattern``: a place's absolute address with
    999999999 for its id (see services.place_url_pattern)."""
    details = place.details or {}
    return {
        "id": place.pk,
        "name": place.name,
        "kind": place.kind,
        "kind_label": str(place.get_kind_display()),
        "category": place.category,
        "address": place.address,
        "district": place.district.code if place.district else None,
        "district_name": place.district.name if place.district else None,
        "is_free": place.is_free,
        "is_available": place.is_available,
        "open_now": services.is_open_at(place, moment),
        "hours_today": hours.describe(place.hours_on(moment.weekday())),
        "open_in_heatwave": details.get("open_in_heatwave"),
        "open_summer_nights": details.get("open_summer_nights"),
        "url": url_pattern.replace("999999999", str(place.pk)),
        "distance_m": round(place.distance_m, 1) if getattr(place, "distance_m", None) is not None else None,
    }


def _point(place: Place) -> dict:
    return {"type": "Point", "coordinates": (place.lon, place.lat)}


# --- Endpoints --------------------------------------------------------------------------------------------


@router.get(
    "/districts",
    response={200: DistrictCollection, 422: Message},
    url_name="list_districts",
    summary="Districts",
)
def list_districts(request, level: DistrictLevel | None = None):
    """The city's districts (arrondissements and quartiers) as a GeoJSON FeatureCollection."""
    districts = District.objects.select_related("parent").order_by("level", "number")
    if level:
        districts = districts.filter(level=level.value)
    return {"type": "FeatureCollection", "features": [_district_feature(district) for district in districts]}


# Declared before /districts/{code}: the fixed path is tried first, as OpenAPI says it must be.
@router.get(
    "/districts/outlines",
    response={200: DistrictOutlineCollection},
    url_name="district_outlines",
    summary="Arrondissement outlines",
)
def list_district_outlines(request, response: HttpResponse):
    """The arrondissements' outlines, light enough to draw under a map: simplified to about 10 m, with
    coordinates rounded to 5 decimals, and only their code, number and name. For the exact polygons and
    the quartiers, see /districts. Caches may keep the answer an hour."""
    patch_cache_control(response, public=True, max_age=OUTLINES_MAX_AGE)
    return services.arrondissement_outlines()


@router.get(
    "/districts/{code}",
    response={200: DistrictFeature, 404: Message, 422: Message},
    url_name="district",
    summary="One district",
)
def get_district(request, code: str = Path(..., max_length=12, pattern=r"^[0-9A-Za-z]+$")):
    """One district by its official code (75104 for the 4th arrondissement), as a GeoJSON Feature."""
    district = District.objects.select_related("parent").filter(code=code).order_by("level").first()
    if district is None:
        return Status(404, {"detail": "Not Found"})
    return _district_feature(district)


@router.get(
    "/places", response={200: PlaceCollection, 422: Message}, url_name="list_places", summary="Places"
)
def list_places(request, filters: Query[PlaceQuery]):
    """Cool places, drinking fountains and cool green spaces as a GeoJSON FeatureCollection.

    Filters combine (a district that does not exist matches no place); with lat and lon the places come
    nearest first, each with its distance in metres. Pages: limit (at most 500) and offset; `total`
    counts the matching places on all pages.
    """
    moment = services.local_time()
    version = services.places_version()
    asked = [(name, value) for name in request.GET for value in request.GET.getlist(name)]
    # The answer holds absolute addresses: one cached answer per site as well.
    site = request.build_absolute_uri("/")
    key = services.list_cache_key("api", [*asked, ("site", site)], moment, version)
    body = cache.get(key)
    if body is None:
        body = _place_collection(request, filters, moment, version)
        if isinstance(body, Status):
            return body
        cache.set(key, body, LIST_CACHE_SECONDS)
    # Already valid (tests check it against the schema): validating a hundred features again on every
    # request would cost more than building them.
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _place_collection(request, filters: PlaceQuery, moment, version) -> str | Status:
    """The page of places asked for, as the JSON text of a PlaceCollection."""
    places = Place.objects.all()
    district = filters.district or ""
    if district and not arrondissements().filter(code=district).exists():
        # A filter on a district that does not exist is a question with no place in the answer.
        places, district = Place.objects.none(), ""
    data = {
        "kind": filters.kind.value if filters.kind else "",
        "district": district,
        "free": {True: "true", False: "false"}.get(filters.free, ""),
        "open_now": "true" if filters.open_now else "",
    }
    place_filter = PlaceFilter(data, queryset=places)
    if not place_filter.is_valid():
        return Status(422, {"detail": place_filter.errors.get_json_data()})
    has_point = filters.lat is not None and filters.lon is not None
    near = services.ReferencePoint(filters.lat, filters.lon) if has_point else None
    results = services.search_places(place_filter.qs, near=near, moment=moment, version=version)
    entries = services.listed_entries(results, moment, version)
    total = len(entries)
    page = entries[filters.offset : filters.offset + filters.limit] if filters.offset < total else []
    head = {"type": "FeatureCollection", "total": total, "limit": filters.limit, "offset": filters.offset}
    features = _features(request, page, moment, version)
    return json.dumps(head, separators=(",", ":"))[:-1] + ',"features":[' + ",".join(features) + "]}"


FEATURE_CACHE_SECONDS = 60 * 60


def _features(request, entries, moment, version) -> list[str]:
    """Each place's Feature as JSON text, kept in the cache until what it says changes (see
    services.entry_key): a new query, or the next minute, builds only the features not built yet."""
    url_pattern = request.build_absolute_uri(services.place_url_pattern())
    keys = [services.entry_key("feature", entry, moment, version, url_pattern) for entry in entries]
    cached = cache.get_many(keys)
    missing = [entry[0] for entry, key in zip(entries, keys, strict=True) if key not in cached]
    if missing:
        places = services.search_places(Place.objects.all()).in_bulk(missing)
        fresh = {}
        for (place_id, distance, _state), key in zip(entries, keys, strict=True):
            place = places.get(place_id)
            if key in cached or place is None:
                continue
            place.distance_m = distance
            feature = {
                "type": "Feature",
                "id": place.pk,
                "geometry": _point(place),
                "properties": _place_properties(place, moment, url_pattern),
            }
            fresh[key] = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        cache.set_many(fresh, FEATURE_CACHE_SECONDS)
        cached.update(fresh)
    return [cached[key] for key in keys if key in cached]


@router.get(
    "/places/{place_id}",
    response={200: PlaceDetailFeature, 404: Message, 422: Message},
    url_name="place",
    summary="One place",
)
def get_place(request, place_id: int = Path(..., ge=1, le=2**63 - 1)):
    """One place with its weekly opening hours and what the city's export says of it."""
    place = get_object_or_404(Place.objects.select_related("district"), pk=place_id)
    url_pattern = request.build_absolute_uri(services.place_url_pattern())
    properties = _place_properties(place, services.local_time(), url_pattern)
    properties.update(
        opening_hours=place.opening_hours,
        facts={key: value for key, value in place.details.items() if key in PlaceFacts.model_fields},
        outline=place.geometry,
        source_dataset=place.source_dataset,
        source_id=place.source_id,
    )
    return {"type": "Feature", "id": place.pk, "geometry": _point(place), "properties": properties}

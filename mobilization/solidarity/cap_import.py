"""Events from Common Alerting Protocol 1.2 alerts, and events as CAP alerts (the glue of `cap/`).

Import (`import_alert`): the file is parsed (`cap.parse`: defusedxml, structure checked) and read for
the city (`cap.read`: the city is the geocodes of the setting `SOLIDARITY_CAP_GEOCODES` and the
arrondissements' outline). Then:

- an **Alert** creates an event on watch, in the arrondissements its areas cover (every one when an
  area names the city by geocode; those whose INSEE code an area gives; those a polygon or circle
  covers for more than 1 % of their surface);
- an **Update** changes the event an earlier message of its `<references>` created or updated (level,
  times, texts, arrondissements);
- a **Cancel** stands that event down (closes it if it was only on watch).

Every message applied is kept (`CapMessage`) so that any later reference finds the event; a message
imported twice, an update that matches no event or changes its hazard, and everything `cap` refuses
(not CAP 1.2, malformed, unsafe, not an actual alert, a hazard or an area we do not handle) are refused
with `CapError` and the reason.

Export (`export_event`): MeteoAlarm's shape (`cap.event_alert`), the arrondissements by INSEE code and
outline; revision 1 is an Alert, a later one an Update (a closed event a Cancel) referencing the first.
"""

import math
from dataclasses import dataclass
from datetime import datetime

import shapely
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from shapely.geometry import shape

from mobilization.solidarity import cap, event_services
from mobilization.solidarity.event_models import CapMessage, ExtremeEvent
from mobilization.territory.models import District

Status = ExtremeEvent.Status
MIN_COVER = 0.01  # the part of an arrondissement an alert's polygon must cover to include it


@dataclass(frozen=True)
class Imported:
    event: ExtremeEvent
    action: str  # "created", "updated", "cancelled"


def city_geocodes() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for item in getattr(settings, "SOLIDARITY_CAP_GEOCODES", []):
        name, _, value = item.partition("=")
        if name.strip() and value.strip():
            found.setdefault(name.strip(), set()).add(value.strip())
    return {name: frozenset(values) for name, values in found.items()}


def _arrondissements() -> list[District]:
    return list(District.objects.filter(level=District.Level.ARRONDISSEMENT).order_by("number"))


def city_area(arrondissements: list[District] | None = None) -> cap.CityArea:
    arrondissements = _arrondissements() if arrondissements is None else arrondissements
    boundary = shapely.union_all([shape(d.geometry) for d in arrondissements]) if arrondissements else None
    return cap.CityArea(city_geocodes(), boundary)


def _shapes(area: cap.Area) -> list:
    shapes = [shapely.Polygon([(lon, lat) for lat, lon in ring]) for ring in area.polygons]
    for lat, lon, km in area.circles:
        dlat = km / 111.32
        dlon = km / (111.32 * max(math.cos(math.radians(lat)), 1e-6))
        unit = shapely.Point(lon, lat).buffer(1.0, quad_segs=16)
        shapes.append(shapely.affinity.scale(unit, xfact=dlon, yfact=dlat))
    return [s for s in shapes if s.is_valid]


def affected(areas, arrondissements: list[District], city: cap.CityArea) -> list[District]:
    """The arrondissements the alert's areas (those that concern the city) cover."""
    chosen: dict[int, District] = {}
    for area in areas:
        if any(code.value in city.geocodes.get(code.name, ()) for code in area.geocodes):
            return list(arrondissements)
        codes = {code.value for code in area.geocodes}
        shapes = _shapes(area)
        for district in arrondissements:
            if district.code in codes:
                chosen[district.pk] = district
                continue
            outline = shape(district.geometry)
            if any(s.intersection(outline).area > MIN_COVER * outline.area for s in shapes):
                chosen[district.pk] = district
    return [d for d in arrondissements if d.pk in chosen]


def _values(reading: cap.Reading) -> dict:
    info = reading.infos[0]
    values = {
        "level": (reading.level or cap.Level.YELLOW).value,
        "headline": (info.headline or info.event)[:200],
        "description": info.description[:4000],
        "expected_end_at": reading.expires,
    }
    if reading.onset:
        values["starts_at"] = reading.onset
    return values


def _message(event, alert: cap.Alert, by) -> None:
    CapMessage.objects.create(
        event=event,
        identifier=alert.identifier,
        sender=alert.sender,
        sent=alert.sent,
        msg_type=alert.msg_type,
        received_by=by,
    )


def _referenced_event(alert: cap.Alert) -> ExtremeEvent:
    for reference in alert.references:
        message = (
            CapMessage.objects.filter(sender=reference.sender, identifier=reference.identifier)
            .select_related("event")
            .first()
        )
        if message is not None:
            return message.event
    raise cap.CapError(
        cap.CapError.INVALID,
        f"This {alert.msg_type.lower()} refers to no alert imported here: import the original alert first.",
    )


def import_alert(data: bytes, *, by=None) -> Imported:
    """Create, update or cancel an event from a CAP file; `cap.CapError` with the reason if refused."""
    alert = cap.parse(data)
    try:
        return _import(alert, by)
    except IntegrityError as error:
        # The same message imported twice at once: the second finds the first's row.
        raise cap.CapError(cap.CapError.INVALID, "This message was imported already.") from error


def _import(alert: cap.Alert, by) -> Imported:
    if CapMessage.objects.filter(sender=alert.sender, identifier=alert.identifier).exists():
        raise cap.CapError(cap.CapError.INVALID, "This message was imported already.")
    arrondissements = _arrondissements()
    city = city_area(arrondissements)
    with transaction.atomic():
        if alert.msg_type == "Cancel":
            if alert.infos:
                cap.read(alert, city)
            else:
                _actual(alert)
            return _cancel(alert, by)
        reading = cap.read(alert, city)
        districts = affected(reading.areas, arrondissements, city)
        if not districts:
            raise cap.CapError(
                cap.CapError.OUTSIDE_CITY, "The alert's areas cover none of the city's arrondissements."
            )
        if alert.msg_type == "Alert":
            values = {"hazard": reading.hazard.value, "starts_at": alert.sent, **_values(reading)}
            cap_fields = {"identifier": alert.identifier, "sender": alert.sender, "sent": alert.sent}
            event = event_services.create_event(by=by, values=values, districts=districts, cap=cap_fields)
            _message(event, alert, by)
            return Imported(event, "created")
        event = _referenced_event(alert)
        if event.hazard != reading.hazard.value:
            raise cap.CapError(
                cap.CapError.INVALID,
                f"This update is about {reading.hazard.value}, the event it updates about {event.hazard}.",
            )
        if event.status == Status.CLOSED:
            raise cap.CapError(cap.CapError.INVALID, "The event this update refers to is closed.")
        event_services.update_event(event, by=by, values=_values(reading), districts=districts)
        _message(event, alert, by)
        return Imported(event, "updated")


def _actual(alert: cap.Alert) -> None:
    if alert.status != "Actual":
        raise cap.CapError(
            cap.CapError.NOT_ACTUAL,
            f"The alert's status is “{alert.status}”: only actual alerts are acted on.",
        )
    if not alert.references:
        raise cap.CapError(cap.CapError.INVALID, "This cancel does not say which alert it cancels.")


def _cancel(alert: cap.Alert, by) -> Imported:
    event = _referenced_event(alert)
    if event.status == Status.ACTIVE:
        event_services.stand_down(event, by=by)
    elif event.status in (Status.WATCH, Status.STANDING_DOWN):
        event_services.close(event, by=by)
    else:
        raise cap.CapError(cap.CapError.INVALID, "The event this cancel refers to is closed already.")
    _message(event, alert, by)
    return Imported(event, "cancelled")


# --- Export ------------------------------------------------------------------------------------------


def _identifier(event: ExtremeEvent, revision: int) -> str:
    return f"solidarity-event-{event.pk}-r{revision}"


def _rings(geometry: dict) -> tuple:
    """The outer rings of a GeoJSON (multi)polygon as CAP polygons: (latitude, longitude) pairs."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return tuple(tuple((round(lat, 5), round(lon, 5)) for lon, lat in polygon[0]) for polygon in polygons)


def event_as_alert(event: ExtremeEvent, *, sent: datetime | None = None) -> cap.Alert:
    sender = getattr(settings, "SOLIDARITY_CAP_SENDER", "solidarity@localhost")
    first = cap.Reference(sender, _identifier(event, 1), _cap_time(event.created_at).isoformat())
    districts = list(event.districts.order_by("number"))
    if event.status == Status.CLOSED:
        msg_type, identifier = "Cancel", f"{_identifier(event, event.revision)}-cancel"
    elif event.revision > 1:
        msg_type, identifier = "Update", _identifier(event, event.revision)
    else:
        msg_type, identifier = "Alert", _identifier(event, 1)
    with translation.override("fr"):
        names = ", ".join(d.name for d in districts)
        label = f"{event.get_hazard_display()} – {event.get_level_display()}"
    return cap.event_alert(
        identifier=identifier,
        sender=sender,
        sent=_cap_time(sent or (event.created_at if msg_type == "Alert" else event.updated_at)),
        msg_type=msg_type,
        hazard=cap.Hazard(event.hazard),
        level=cap.Level(event.level),
        event=label,
        area_description=names or settings.CITY_NAME,
        geocodes=tuple(cap.Pair("INSEE", d.code) for d in districts),
        polygons=tuple(ring for d in districts for ring in _rings(d.geometry)),
        onset=_cap_time(event.starts_at),
        expires=_cap_time(event.expected_end_at) if event.expected_end_at else None,
        references=() if msg_type == "Alert" else (first,),
        headline=event.headline,
        description=event.description,
    )


def _cap_time(moment: datetime) -> datetime:
    """To the second, in the city's time zone (CAP writes the offset)."""
    return timezone.localtime(moment).replace(microsecond=0)


def export_event(event: ExtremeEvent) -> bytes:
    return cap.to_xml(event_as_alert(event))

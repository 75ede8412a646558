"""Events in the public API: upcoming scheduled events of public initiatives. Public facts only: nobody's
name, no registrant; the seats left are a count.

The API names an event's host by its kind: an initiative (`initiative`, and the `initiative` filter), a
training or a co-design workshop whose session it is (`training`, `workshop`); the fields of the other
kinds are null."""

from datetime import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from mobilization.core.openapi import IsoDate, api_enum
from mobilization.core.themes import Theme
from mobilization.events import hosts, services
from mobilization.events.filters import EventFilter, arrondissements, public_events, upcoming_public_events
from mobilization.events.models import Event

# The kind of host that the API's `initiative` field and filter name.
INITIATIVE = "initiative"

router = Router(tags=["events"])

MAX_EVENTS_PER_PAGE = 200

EventStatus = api_enum("EventStatus", Event.Status)


class Message(Schema):
    detail: Any


class Host(Schema):
    id: int
    title: str
    url: str = Field(description="The host's page (the initiative's, the training's or the workshop's).")


class EventOut(Schema):
    id: int
    title: str
    description: str = Field(description="Markdown, as the organisers wrote it.")
    status: EventStatus
    starts_at: datetime = Field(description="ISO 8601 with the offset of Paris time.")
    ends_at: datetime
    address: str
    lat: float
    lon: float
    district: str | None = Field(description="Code of the initiative's arrondissement, e.g. 75104.")
    themes: list[str] = Field(description="The initiative's themes.")
    initiative: Host | None = Field(None, description="The initiative that hosts it, if an initiative does.")
    training: Host | None = Field(None, description="The training whose session it is, if it is one.")
    workshop: Host | None = Field(
        None, description="The co-design workshop whose session it is, if it is one."
    )
    cohosts: list[Host]
    capacity: int | None = Field(description="None: no limit.")
    seats_left: int | None = Field(description="None: no limit.")
    url: str = Field(description="The event's page.")
    ics_url: str = Field(description="The event as iCalendar.")


class EventPage(Schema):
    total: int = Field(description="How many events match the filters, on all pages.")
    limit: int
    offset: int
    items: list[EventOut]


class EventQuery(Schema):
    district: str | None = Field(
        None, max_length=12, pattern=r"^[0-9A-Za-z]+$", description="Arrondissement code, e.g. 75104."
    )
    theme: Theme | None = None
    initiative: int | None = Field(None, ge=1, le=2**63 - 1, description="Events hosted or co-hosted by it.")
    date_from: IsoDate | None = Field(
        None, alias="from", description="Starting on that day (Paris) or later; YYYY-MM-DD."
    )
    date_to: IsoDate | None = Field(
        None, alias="to", description="Starting on that day (Paris) or earlier; YYYY-MM-DD."
    )
    limit: int = Field(50, ge=1, le=MAX_EVENTS_PER_PAGE)
    offset: int = Field(0, ge=0, le=2**31)


def _host(request, host) -> dict:
    url = request.build_absolute_uri(host.get_absolute_url())
    return {"id": host.pk, "title": host.title, "url": url}


def _event_out(request, event: Event) -> dict:
    zone = services.city_zone()
    host = event.host
    district = host.district
    return {
        "id": event.pk,
        "title": event.title,
        "description": event.description,
        "status": event.status,
        "starts_at": timezone.localtime(event.starts_at, zone),
        "ends_at": timezone.localtime(event.ends_at, zone),
        "address": event.address,
        "lat": event.lat,
        "lon": event.lon,
        "district": district.code if district else None,
        "themes": list(host.themes or []),
        event.host_kind.key: _host(request, host),
        "cohosts": [_host(request, cohost) for cohost in event.other_hosts],
        "capacity": event.capacity,
        "seats_left": event.seats_left(),
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "ics_url": request.build_absolute_uri(reverse("events:ics", kwargs={"pk": event.pk})),
    }


@router.get("/events", response={200: EventPage, 422: Message}, url_name="list_events", summary="Events")
def list_events(request, filters: Query[EventQuery]):
    """Upcoming scheduled events of public initiatives, soonest first.

    Filters combine: arrondissement and theme of the initiative, one initiative (hosting or co-hosting),
    and a range of days in Paris time (`from`, `to`, YYYY-MM-DD). Pages: limit (at most 200) and offset.
    """
    events = upcoming_public_events(timezone.now())
    district = filters.district or ""
    if district and not arrondissements().filter(code=district).exists():
        events, district = events.none(), ""
    if filters.initiative:
        hosted = Event.objects.hosted_by(filters.initiative, kind=hosts.kinds.get(INITIATIVE))
        events = events.filter(pk__in=hosted.values("pk"))
    data = {
        "district": district,
        "theme": filters.theme.value if filters.theme else "",
        "date_from": filters.date_from.isoformat() if filters.date_from else "",
        "date_to": filters.date_to.isoformat() if filters.date_to else "",
    }
    event_filter = EventFilter(data, queryset=events)
    # Every value is checked by the schema above, so this does not happen today; it keeps a field the
    # filter gains later from being dropped silently (django-filter ignores an invalid one) and the
    # unfiltered events from being returned as if they matched.
    if not event_filter.is_valid():
        return Status(422, {"detail": event_filter.errors.get_json_data()})
    results = event_filter.qs
    total = results.count()
    page = results[filters.offset : filters.offset + filters.limit]
    return {
        "total": total,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_event_out(request, event) for event in page],
    }


@router.get(
    "/events/{event_id}",
    response={200: EventOut, 404: Message, 422: Message},
    url_name="event",
    summary="One event",
)
def get_event(request, event_id: int = Path(..., ge=1, le=2**63 - 1)):
    """One event of a public initiative, past or upcoming, scheduled or cancelled."""
    event = get_object_or_404(public_events(), pk=event_id)
    return _event_out(request, event)

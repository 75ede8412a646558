"""Events as iCalendar (RFC 5545), built with the `icalendar` library (it folds and escapes the lines).

Each event has a stable UID (`event-<pk>@<host>`), DTSTART/DTEND in the city's time zone with its
VTIMEZONE, and STATUS:CANCELLED once cancelled, so that calendar clients update or strike it on the next
refresh. No person is named in a calendar: no ORGANIZER, no ATTENDEE.

Every calendar carries the VTIMEZONE, events or not: RFC 5545 wants at least one component in a
VCALENDAR, and a host without events or a person without registrations still gets a valid feed
that clients accept (they refuse, or drop the subscription to, an empty VCALENDAR).
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent

from mobilization.events import services, vtimezone
from mobilization.events.models import Event

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT_ID = "-//Climate Mobilization Platform//Events//EN"


def uid_host(request) -> str:
    """The host in the UIDs: the platform's public address when set, so UIDs do not depend on the request."""
    configured = urlsplit(settings.SITE_URL).hostname if settings.SITE_URL else None
    return configured or request.get_host().split(":")[0]


def _description(event: Event, url: str) -> str:
    parts = [event.host.title]
    if event.is_cancelled and event.cancellation_reason:
        parts.append(event.cancellation_reason)
    if event.description:
        parts.append(event.description)
    parts.append(url)
    return "\n\n".join(parts)


def calendar_event(request, event: Event, *, tentative: bool = False) -> CalendarEvent:
    zone = services.city_zone()
    url = request.build_absolute_uri(event.get_absolute_url())
    component = CalendarEvent()
    component.add("uid", f"event-{event.pk}@{uid_host(request)}")
    component.add("dtstamp", timezone.now().astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    component.add("dtstart", timezone.localtime(event.starts_at, zone))
    component.add("dtend", timezone.localtime(event.ends_at, zone))
    component.add("summary", event.title)
    component.add("description", _description(event, url))
    component.add("location", event.address)
    component.add("geo", (round(event.lat, 6), round(event.lon, 6)))
    component.add("url", url)
    if event.is_cancelled:
        status = "CANCELLED"
    elif tentative:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    component.add("status", status)
    # Bumped on every change, so that clients replace their copy.
    component.add("sequence", int(event.updated_at.timestamp()) - int(event.created_at.timestamp()))
    return component


def build_calendar(request, events, *, name: str, tentative_ids=frozenset()) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    # As text, escaped: icalendar writes an X- property it does not know as given, and a host's
    # title with a comma or a semicolon would then break the line.
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    events = list(events)
    # The zone's rules from a year before the first event (or today) to a year after the last.
    years = [timezone.now().year]
    years += [event.starts_at.year for event in events] + [event.ends_at.year for event in events]
    calendar.add_component(vtimezone.vtimezone(services.city_zone(), min(years) - 1, max(years) + 1))
    for event in events:
        calendar.add_component(calendar_event(request, event, tentative=event.pk in tentative_ids))
    return calendar.to_ical()


def calendar_response(content: bytes, *, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

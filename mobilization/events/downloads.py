"""Open data downloads of the upcoming events: CSV and GeoJSON, with the filters of the events page.

`/events/download.csv` and `/events/download.geojson` (names `events:download_csv`,
`events:download_geojson`) take the page's query string (`district`, `theme`, `date_from`, `date_to`;
an invalid one is answered 400 with its reason, as for the initiatives) and hold the scheduled events of
public initiatives that have not ended, soonest first, at most `MAX_ROWS` of them. Public facts only,
what the event's page shows: no organiser, no registrant, no e-mail; the seats left are a count.
Licence: Licence Ouverte / Open Licence 2.0 (Etalab), as for the initiatives' downloads and the API.
"""

import csv
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from mobilization.core.spreadsheet import spreadsheet_safe
from mobilization.events import services
from mobilization.events.filters import filtered_events
from mobilization.initiatives.downloads import (  # one licence, one way of refusing, for the pillar
    LICENCE_NAME,
    LICENCE_URL,
    bad_filter_answer,
)

MAX_ROWS = 10_000
# Events read from the database at a time while the GeoJSON streams: memory stays flat, and the
# queries are two per chunk (the events, their co-hosts), not one per event.
CHUNK = 500


def _with_licence(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


@require_safe
def download_csv(request):
    """The upcoming events matching the filters, as CSV: public facts only, no registrant."""
    event_filter, events = filtered_events(request.GET)
    if not event_filter.is_valid():
        return bad_filter_answer(event_filter)
    response = _with_licence(HttpResponse(content_type="text/csv; charset=utf-8"), "events.csv")
    writer = csv.writer(response)
    writer.writerow(
        [
            "id",
            "title",
            "initiative_id",
            "initiative",
            "cohosts",
            "district",
            "starts_at",
            "ends_at",
            "address",
            "lat",
            "lon",
            "capacity",
            "seats_left",
            "url",
        ]
    )
    zone = services.city_zone()
    for event in events[:MAX_ROWS]:
        district = event.initiative.district
        writer.writerow(
            [
                event.pk,
                spreadsheet_safe(event.title),
                event.initiative_id,
                spreadsheet_safe(event.initiative.title),
                spreadsheet_safe(" | ".join(cohost.title for cohost in event.cohosts.all())),
                district.code if district else "",
                timezone.localtime(event.starts_at, zone).isoformat(),
                timezone.localtime(event.ends_at, zone).isoformat(),
                spreadsheet_safe(event.address),
                event.lat,
                event.lon,
                "" if event.capacity is None else event.capacity,
                "" if event.capacity is None else event.seats_left(),
                request.build_absolute_uri(event.get_absolute_url()),
            ]
        )
    return response


def event_feature(request, event, zone) -> dict:
    """One event as a GeoJSON Feature: a point at [longitude, latitude] (WGS84) and its public facts."""
    district = event.initiative.district
    return {
        "type": "Feature",
        "id": event.pk,
        "geometry": {"type": "Point", "coordinates": [round(event.lon, 6), round(event.lat, 6)]},
        "properties": {
            "id": event.pk,
            "title": event.title,
            "initiative_id": event.initiative_id,
            "initiative": event.initiative.title,
            "cohosts": [cohost.title for cohost in event.cohosts.all()],
            "district": district.code if district else None,
            "starts_at": timezone.localtime(event.starts_at, zone).isoformat(),
            "ends_at": timezone.localtime(event.ends_at, zone).isoformat(),
            "address": event.address,
            "capacity": event.capacity,
            "seats_left": event.seats_left(),
            "url": request.build_absolute_uri(event.get_absolute_url()),
        },
    }


@require_safe
def download_geojson(request):
    """The upcoming events matching the filters, as a GeoJSON FeatureCollection, streamed."""
    event_filter, events = filtered_events(request.GET)
    if not event_filter.is_valid():
        return bad_filter_answer(event_filter)
    zone = services.city_zone()

    def chunks():
        header = {"type": "FeatureCollection", "licence": LICENCE_NAME, "licence_url": LICENCE_URL}
        # The header's closing brace comes after the features, which are written one by one.
        yield json.dumps(header, ensure_ascii=False)[:-1] + ', "features": ['
        separator = ""
        for event in events[:MAX_ROWS].iterator(chunk_size=CHUNK):
            yield separator + json.dumps(event_feature(request, event, zone), ensure_ascii=False)
            separator = ","
        yield "]}"

    response = StreamingHttpResponse(chunks(), content_type="application/geo+json; charset=utf-8")
    return _with_licence(response, "events.geojson")

"""Open data downloads of the upcoming events: CSV and GeoJSON, with the filters of the events page.

`/events/download.csv` and `/events/download.geojson` (names `events:download_csv`,
`events:download_geojson`) take the page's query string (`district`, `theme`, `date_from`, `date_to`;
an invalid one is answered 400 with its reason) and hold the scheduled events of public hosts that have
not ended, soonest first, at most `MAX_ROWS` of them. Public facts only, what the event's page shows: no
organiser, no registrant, no e-mail; the seats left are a count. One dataset, served by the kernel's
open-data kit (`core.opendata`) under the Licence Ouverte, as everything people publish on the platform.

The host's columns are named after its kind: `initiative_id` and `initiative` for the one kind so far.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from mobilization.core import opendata
from mobilization.core.opendata import CSV, GEOJSON, Column, Dataset
from mobilization.events import hosts, services
from mobilization.events.filters import filtered_events, upcoming_public_events

MAX_ROWS = 10_000
# Events read from the database at a time while a download streams: memory stays flat, and the queries
# are two per chunk (the events, their co-hosts), not one per event.
CHUNK = 500


def _host_columns() -> tuple[Column, ...]:
    columns = []
    for kind in hosts.kinds:
        label = kind.label
        columns += [
            Column(f"{kind.key}_id", _("identifier of the %(host)s that hosts it") % {"host": label}),
            Column(kind.key, _("title of the %(host)s that hosts it") % {"host": label}),
        ]
    return tuple(columns)


def _rows(request, events, *, cohosts_joined: bool = False):
    """One dict per event, keyed by the dataset's columns (the GeoJSON properties leave out the point)."""
    zone = services.city_zone()
    for event in events[:MAX_ROWS].iterator(chunk_size=CHUNK):
        host, kind = event.host, event.host_kind
        cohosts = [cohost.title for cohost in event.other_hosts]
        row = {"id": event.pk, "title": event.title}
        for other in hosts.kinds:
            row[f"{other.key}_id"] = host.pk if other is kind else None
            row[other.key] = host.title if other is kind else None
        row.update(
            cohosts=" | ".join(cohosts) if cohosts_joined else cohosts,
            district=host.district.code if host.district else None,
            starts_at=timezone.localtime(event.starts_at, zone),
            ends_at=timezone.localtime(event.ends_at, zone),
            address=event.address,
            lat=event.lat,
            lon=event.lon,
            capacity=event.capacity,
            seats_left=event.seats_left(),
            url=request.build_absolute_uri(event.get_absolute_url()),
        )
        yield row


def dataset(request) -> Dataset:
    """The upcoming events as a dataset (its host columns are those of the kinds of hosts registered)."""
    return Dataset(
        slug="events",
        title=_("Upcoming events"),
        description=_(
            "The scheduled events of public initiatives that have not ended yet, soonest first, with the "
            "filters of the events page. Public facts only: no personal data."
        ),
        columns=(
            Column("id", _("identifier of the event")),
            Column("title", _("title")),
            *_host_columns(),
            Column("cohosts", _("titles of the co-hosts (separated by ' | ' in CSV)")),
            Column("district", _("code of the host's arrondissement")),
            Column("starts_at", _("start, Paris time (ISO 8601)")),
            Column("ends_at", _("end, Paris time (ISO 8601)")),
            Column("address", _("address")),
            Column("lat", _("latitude, WGS84"), unit="°"),
            Column("lon", _("longitude, WGS84"), unit="°"),
            Column("capacity", _("places (empty: no limit)")),
            Column("seats_left", _("places left (empty: no limit)")),
            Column("url", _("the event's page")),
        ),
        licence=opendata.LICENCE_OUVERTE,
        rows=lambda: _rows(request, upcoming_public_events()),
        geometry=_geometry,
        formats=(CSV, GEOJSON),
    )


def _geometry(row: dict) -> dict | None:
    """The event's point. In GeoJSON it stands for the latitude and longitude, which the properties of
    a feature never held: taken out of the row before the properties are written."""
    return opendata.point(row.pop("lon"), row.pop("lat"))


def _download(request, format: str):
    event_filter, events = filtered_events(request.GET)
    if not event_filter.is_valid():
        return opendata.bad_filter(event_filter)
    rows = _rows(request, events, cohosts_joined=format == CSV)
    return opendata.respond(dataset(request), format, rows=rows, filename=f"events.{format}")


@require_safe
def download_csv(request):
    """The upcoming events matching the filters, as CSV: public facts only, no registrant."""
    return _download(request, CSV)


@require_safe
def download_geojson(request):
    """The upcoming events matching the filters, as a GeoJSON FeatureCollection of points."""
    return _download(request, GEOJSON)

"""Open data downloads of public initiatives: CSV and GeoJSON, with the list's filters.

`/initiatives/initiatives.csv` and `/initiatives/initiatives.geojson` (names `initiatives:download_csv`,
`initiatives:download_geojson`) take the same query string as the list (`theme`, `district`, `status`,
`needs_volunteers`, `has_upcoming_event`, `q`…). Rows are streamed, so the whole city downloads in
constant memory. No personal data: no organiser, no e-mail, no contact; only what the public page shows.
Licence: Licence Ouverte / Open Licence 2.0 (Etalab), the same as the API says.
"""

import csv
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from mobilization.core.spreadsheet import spreadsheet_safe
from mobilization.core.themes import Theme
from mobilization.initiatives.filters import InitiativeFilter, detail_url_pattern

LICENCE_NAME = "Licence Ouverte / Open Licence 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
README = (
    "Public climate initiatives of the platform (published, paused or finished). "
    "Columns: id, title, summary, themes (keys separated by '|'), district_code, district_name, "
    "latitude, longitude (WGS84), status, published_at (UTC, ISO 8601), volunteers_needed, needs, "
    "website, url. No personal data. "
    f"Licence: {LICENCE_NAME} ({LICENCE_URL})."
)
COLUMNS = [
    "id",
    "title",
    "summary",
    "themes",
    "district_code",
    "district_name",
    "latitude",
    "longitude",
    "status",
    "published_at",
    "volunteers_needed",
    "needs",
    "website",
    "url",
]
CHUNK = 1000
# Up to this many rows the file is built in memory and sent with its length; beyond, it is streamed.
STREAM_FROM = 5000
FIELDS = (
    "pk",
    "title",
    "summary",
    "themes",
    "district__code",
    "district__name",
    "lat",
    "lon",
    "status",
    "published_at",
    "volunteers_needed",
    "needs",
    "website",
)


class Echo:
    """A file-like object whose write() returns what it is given: csv.writer then yields lines."""

    def write(self, value):
        return value


def _rows(request):
    initiative_filter = InitiativeFilter(request.GET)
    if not initiative_filter.is_valid():
        return None, initiative_filter
    rows = initiative_filter.sorted_qs.values_list(*FIELDS).iterator(chunk_size=CHUNK)
    return rows, initiative_filter


def _answer(request, chunks, content_type: str, extension: str):
    """Small results in one response; big ones streamed in constant memory."""
    initiative_filter = InitiativeFilter(request.GET)
    if initiative_filter.qs.count() < STREAM_FROM:
        response = HttpResponse("".join(chunks), content_type=content_type)
    else:
        response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(extension)}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


def bad_filter_answer(invalid_filter):
    """A 400 that says which filter is wrong and why (also used by the events' downloads)."""
    # Escaped so that no echoed value reads as markup, whatever opens the answer.
    body = json.dumps({"detail": invalid_filter.errors.get_json_data()})
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return HttpResponse(body, status=400, content_type="application/json")


def _filename(extension: str) -> str:
    return f"initiatives-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_safe
def download_csv(request):
    rows, initiative_filter = _rows(request)
    if rows is None:
        return bad_filter_answer(initiative_filter)
    base = request.build_absolute_uri(detail_url_pattern())
    writer = csv.writer(Echo())

    def lines():
        yield "\ufeff" + writer.writerow(COLUMNS)  # the BOM makes spreadsheets read UTF-8
        for pk, title, summary, themes, code, name, lat, lon, status, published, wanted, needs, site in rows:
            yield writer.writerow(
                [
                    pk,
                    spreadsheet_safe(title),
                    spreadsheet_safe(summary),
                    "|".join(theme for theme in themes or [] if theme in Theme.values),
                    code,
                    name,
                    round(lat, 6),
                    round(lon, 6),
                    status,
                    published.isoformat() if published else "",
                    wanted,
                    spreadsheet_safe(needs),
                    spreadsheet_safe(site),
                    base.replace("999999999", str(pk)),
                ]
            )

    return _answer(request, lines(), "text/csv; charset=utf-8", "csv")


@require_safe
def download_geojson(request):
    rows, initiative_filter = _rows(request)
    if rows is None:
        return bad_filter_answer(initiative_filter)
    base = request.build_absolute_uri(detail_url_pattern())

    def chunks():
        header = {"type": "FeatureCollection", "licence": LICENCE_NAME, "licence_url": LICENCE_URL}
        yield json.dumps(header, ensure_ascii=False)[:-1] + ', "description": ' + json.dumps(README)
        yield ', "features": ['
        separator = ""
        for pk, title, summary, themes, code, name, lat, lon, status, published, wanted, needs, site in rows:
            feature = {
                "type": "Feature",
                "id": pk,
                "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                "properties": {
                    "id": pk,
                    "title": title,
                    "summary": summary,
                    "themes": [theme for theme in themes or [] if theme in Theme.values],
                    "district_code": code,
                    "district_name": name,
                    "status": status,
                    "published_at": published.isoformat() if published else None,
                    "volunteers_needed": wanted,
                    "needs": needs,
                    "website": site,
                    "url": base.replace("999999999", str(pk)),
                },
            }
            yield separator + json.dumps(feature, ensure_ascii=False)
            separator = ","
        yield "]}"

    return _answer(request, chunks(), "application/geo+json; charset=utf-8", "geojson")

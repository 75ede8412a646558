"""Open data downloads of public initiatives: CSV and GeoJSON, with the list's filters.

`/initiatives/initiatives.csv` and `/initiatives/initiatives.geojson` (names `initiatives:download_csv`,
`initiatives:download_geojson`) take the same query string as the list (`theme`, `district`, `status`,
`needs_volunteers`, `has_upcoming_event`, `q`…); an invalid filter is answered 400 with its reason. The
dataset is described once (`INITIATIVES`) and served by the kernel's open-data kit, streamed, so the
whole city downloads in constant memory. No personal data: no organiser, no e-mail, no contact; only
what the public page shows. Licence: Licence Ouverte / Open Licence 2.0 (Etalab), the same as the API's.
"""

from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from mobilization.core.opendata import (
    CSV,
    GEOJSON,
    LICENCE_OUVERTE,
    Column,
    Dataset,
    bad_filter,
    point,
    respond,
)
from mobilization.core.registries import organisers_shown
from mobilization.core.themes import Theme
from mobilization.initiatives.filters import InitiativeFilter, detail_url_pattern

CHUNK = 1000
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


def rows(initiative_filter: InitiativeFilter | None = None, *, url_pattern: str = ""):
    """The initiatives a valid filter keeps (the published ones without a filter), in the list's order."""
    initiative_filter = initiative_filter or InitiativeFilter({})
    url_pattern = url_pattern or detail_url_pattern()
    found = initiative_filter.sorted_qs.values_list(*FIELDS).iterator(chunk_size=CHUNK)
    for chunk in _chunks(found):
        # The organisations that run some of them: one lookup a chunk.
        shown = organisers_shown(row[0] for row in chunk)
        for row in chunk:
            yield _row(row, shown.get(row[0]), url_pattern)


def _chunks(rows):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _row(row, organisation, url_pattern: str) -> dict:
    pk, title, summary, themes, code, name, lat, lon, status, published, wanted, needs, site = row
    return {
        "id": pk,
        "title": title,
        "summary": summary,
        "themes": [theme for theme in themes or [] if theme in Theme.values],
        "district_code": code,
        "district_name": name,
        "latitude": round(lat, 6),
        "longitude": round(lon, 6),
        "status": status,
        "published_at": published,
        "volunteers_needed": wanted,
        "needs": needs,
        "website": site,
        "url": url_pattern.replace("999999999", str(pk)),
        "organisation": organisation.name if organisation else "",
        "organisation_url": organisation.url if organisation else "",
    }


INITIATIVES = Dataset(
    slug="initiatives",
    title=_("Public climate initiatives"),
    description=_(
        "The climate initiatives of the platform that anyone may read (published, paused or finished), "
        "with the filters of the list. No personal data."
    ),
    columns=(
        Column("id", _("identifier of the initiative on the platform")),
        Column("title", _("title")),
        Column("summary", _("summary, in one or two sentences")),
        Column("themes", _("theme keys (separated by '|' in CSV)")),
        Column("district_code", _("INSEE code of the arrondissement")),
        Column("district_name", _("name of the arrondissement")),
        Column("latitude", _("latitude, WGS84"), unit="°"),
        Column("longitude", _("longitude, WGS84"), unit="°"),
        Column("status", _("published, paused or finished")),
        Column("published_at", _("when it was published (UTC, ISO 8601)")),
        Column("volunteers_needed", _("how many more volunteers it is looking for")),
        Column("needs", _("what it needs, in the organiser's words")),
        Column("website", _("its website")),
        Column("url", _("its page on the platform")),
        Column("organisation", _("the organisation that runs it, if one does")),
        Column("organisation_url", _("that organisation's page on the platform")),
    ),
    licence=LICENCE_OUVERTE,
    rows=rows,
    geometry=lambda row: point(row["longitude"], row["latitude"]),
    formats=(CSV, GEOJSON),
)


def _download(request, format: str):
    initiative_filter = InitiativeFilter(request.GET)
    if not initiative_filter.is_valid():
        return bad_filter(initiative_filter)
    url_pattern = request.build_absolute_uri(detail_url_pattern())
    return respond(INITIATIVES, format, rows=rows(initiative_filter, url_pattern=url_pattern))


@require_safe
def download_csv(request):
    return _download(request, CSV)


@require_safe
def download_geojson(request):
    return _download(request, GEOJSON)

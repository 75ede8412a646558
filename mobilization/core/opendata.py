"""The open-data kit: one way to describe a dataset and serve it as CSV, JSON or GeoJSON.

Every public figure of the platform can be downloaded. An app describes each of its datasets once: its
columns (with what they mean and their unit), its licence (and why that licence), and a function that
yields its rows as dicts keyed by column name. `respond()` serves it in the asked format, streamed, so
that the whole city downloads in constant memory; the README that describes it is built from the same
description, in the reader's language::

    PLACES = Dataset(
        slug="places",
        title=_("Cool places"),
        description=_("Cool places, drinking fountains and green spaces open to the public."),
        columns=(Column("id", _("identifier")), Column("lat", _("latitude, WGS84"), unit="°"), ...),
        licence=ODBL_PARIS,
        rows=lambda: ({"id": p.pk, ...} for p in Place.objects.iterator()),
        geometry=lambda row: point(row["lon"], row["lat"]),
    )

    def download(request, format):
        return respond(PLACES, format)

A text cell that a spreadsheet would run as a formula is guarded (`spreadsheet_safe`); dates are ISO
8601; no dataset holds personal data beyond a public display name.
"""

import csv
import datetime
import decimal
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mobilization.core.spreadsheet import spreadsheet_safe
from mobilization.core.typography import label_value

CSV, JSON, GEOJSON = "csv", "json", "geojson"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    JSON: "application/json; charset=utf-8",
    GEOJSON: "application/geo+json; charset=utf-8",
}


@dataclass(frozen=True)
class Licence:
    """The licence of a dataset, and why it is that one (the reason is printed in the README)."""

    name: str
    url: str
    reason: str | Promise = ""

    def __str__(self) -> str:
        return f"{self.name} ({self.url})"


# The city's public figures and what the public bodies of the plan publish (the City of Paris publishes
# its open data under the ODbL too): share-alike keeps every derived database open.
ODBL = Licence(
    "Open Database Licence (ODbL) 1.0",
    "https://opendatacommons.org/licenses/odbl/1-0/",
    gettext_lazy(
        "The ODbL keeps these public figures open: anyone may reuse them with attribution, and a database "
        "derived from them stays open under the same licence."
    ),
)
# What people publish on the platform (initiatives, events): France's open licence for public data.
LICENCE_OUVERTE = Licence(
    "Licence Ouverte / Open Licence 2.0",
    "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    gettext_lazy(
        "It holds what people publish on the platform for everyone to read; the French public sector's "
        "open licence lets anyone reuse it, with attribution."
    ),
)


@dataclass(frozen=True)
class Column:
    """One column: its name in the files, what it means, and its unit when it is a quantity."""

    name: str
    description: str | Promise
    unit: str = ""

    def describe(self) -> str:
        unit = f" [{self.unit}]" if self.unit else ""
        return f"- {label_value(f'{self.name}{unit}', self.description)}"


@dataclass(frozen=True)
class Dataset:
    """A public dataset. `rows(**params)` yields dicts keyed by the columns' names."""

    slug: str
    title: str | Promise
    description: str | Promise
    columns: tuple[Column, ...]
    licence: Licence
    rows: Callable[..., Iterable[dict]]
    # GeoJSON: the geometry of a row ({"type": "Point", "coordinates": [lon, lat]}), or None.
    geometry: Callable[[dict], dict | None] | None = None
    formats: tuple[str, ...] = (CSV, JSON)
    attribution: str | Promise = ""

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def readme(self) -> str:
        lines = [str(self.title), "", str(self.description), "", _("Columns:")]
        lines += [column.describe() for column in self.columns]
        lines += ["", _("Licence: %(licence)s") % {"licence": self.licence}]
        if self.licence.reason:
            lines.append(str(self.licence.reason))
        if self.attribution:
            lines.append(_("Attribution: %(attribution)s") % {"attribution": self.attribution})
        return "\n".join(lines) + "\n"


def point(lon, lat) -> dict | None:
    """A GeoJSON point, to 6 decimals (about 10 cm); None without coordinates."""
    if lon is None or lat is None:
        return None
    return {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}


def plain(value):
    """A value as JSON writes it: dates in ISO 8601, decimals and UUIDs as strings, lazy texts as text."""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID, Promise)):
        return str(value)
    return value


def _json_default(value):
    converted = plain(value)
    if converted is value:
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")
    return converted


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = "|".join(str(plain(item)) for item in value)
    return spreadsheet_safe(plain(value))


class _Echo:
    """A file-like object whose write() returns what it is given: csv.writer then yields lines."""

    def write(self, value):
        return value


def csv_lines(dataset: Dataset, rows: Iterable[dict], *, byte_order_mark: bool = True) -> Iterator[str]:
    writer = csv.writer(_Echo())
    names = dataset.column_names
    # The BOM makes spreadsheets read the file as UTF-8.
    yield ("\ufeff" if byte_order_mark else "") + writer.writerow(names)
    for row in rows:
        yield writer.writerow([_csv_cell(row.get(name)) for name in names])


def json_chunks(dataset: Dataset, rows: Iterable[dict], *, rows_key: str = "rows") -> Iterator[str]:
    header = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "licence": dataset.licence.name,
        "licence_url": dataset.licence.url,
        "readme": dataset.readme(),
    }
    yield dumps(header)[:-1] + f', "{rows_key}": ['
    separator = ""
    for row in rows:
        yield separator + dumps(row)
        separator = ","
    yield "]}"


def geojson_chunks(dataset: Dataset, rows: Iterable[dict]) -> Iterator[str]:
    if dataset.geometry is None:
        raise ValueError(f"The dataset {dataset.slug!r} has no geometry.")
    header = {
        "type": "FeatureCollection",
        "name": dataset.slug,
        "licence": dataset.licence.name,
        "licence_url": dataset.licence.url,
        "description": dataset.readme(),
    }
    yield dumps(header)[:-1] + ', "features": ['
    separator = ""
    for row in rows:
        feature = {"type": "Feature", "geometry": dataset.geometry(row), "properties": row}
        if "id" in row:
            feature = {"type": "Feature", "id": row["id"], **feature}
        yield separator + dumps(feature)
        separator = ","
    yield "]}"


def respond(
    dataset: Dataset,
    format: str,
    *,
    rows: Iterable[dict] | None = None,
    filename: str | None = None,
    rows_key: str = "rows",
) -> StreamingHttpResponse:
    """The dataset as a streamed download, with its licence in a `Link` header.

    `rows` replaces `dataset.rows()` (for a filtered selection); `filename` defaults to
    "<slug>-<date>.<format>"."""
    if format not in dataset.formats:
        raise ValueError(f"The dataset {dataset.slug!r} is not offered as {format!r}.")
    rows = dataset.rows() if rows is None else rows
    if format == CSV:
        chunks = csv_lines(dataset, rows)
    elif format == GEOJSON:
        chunks = geojson_chunks(dataset, rows)
    else:
        chunks = json_chunks(dataset, rows, rows_key=rows_key)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[format])
    filename = filename or f"{dataset.slug}-{timezone.localdate():%Y-%m-%d}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{dataset.licence.url}>; rel="license"'
    return response


def bad_filter(invalid_filter) -> HttpResponse:
    """A 400 that says which filter of a download is wrong and why (django-filter's errors)."""
    # Escaped so that no echoed value reads as markup, whatever opens the answer.
    body = json.dumps({"detail": invalid_filter.errors.get_json_data()})
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return HttpResponse(body, status=400, content_type="application/json")


# --- Texts in French and in English -------------------------------------------------------------------------


def text_columns(instance, name: str, *, column: str | None = None) -> dict[str, str]:
    """A translated text as three columns: `title` in the language of the request (the other one when it
    has none: the column every file had before), then `title_fr` and `title_en`, empty when missing."""
    from mobilization.core.translation import texts

    column = column or name
    return {column: getattr(instance, name) or ""} | {
        f"{column}_{code}": text for code, text in texts(instance, name).items()
    }


def text_column_docs(column: str, description, *, languages=None, main: bool = True) -> tuple[Column, ...]:
    """The README's lines for `text_columns`: the main column, then one per language (all of them, or
    those given: a dataset that had `title, title_fr` keeps them in place and adds `title_en` at the end)."""
    from django.utils.text import format_lazy

    from mobilization.core.translation import LANGUAGE_CODES

    names = {"fr": gettext_lazy("in French"), "en": gettext_lazy("in English")}
    asked = gettext_lazy("in the language asked for, else in the other one")
    empty = gettext_lazy("empty when missing")
    columns = [Column(column, format_lazy("{} ({})", description, asked))] if main else []
    for code in languages or LANGUAGE_CODES:
        columns.append(
            Column(f"{column}_{code}", format_lazy("{} ({}; {})", description, names[code], empty))
        )
    return tuple(columns)

"""Import places from the city's open data: cool places, drinking fountains, cool green spaces.

Each source has a reader that turns one raw row into a ``PlaceRow`` (or raises SkipRow), written for that
export's columns and defects. What all sources share happens in ``import_places``: ids that repeat,
the district of each point, and the upsert on (source_dataset, source_id).
"""

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry import shape

from mobilization.core.errors import DomainError
from mobilization.core.importing import (
    PROGRESS_EVERY,
    ImportReport,
    Progress,
    RowNote,
    SkipRow,
    clean,
    differs,
    read_csv,
    read_records,
    yes_no,
)
from mobilization.territory import geo, hours
from mobilization.territory.importers.base import PARIS_DATA, paris_arrondissement_number, readable_case
from mobilization.territory.models import District, Place
from mobilization.territory.services import district_locator

# A point just outside the arrondissement polygons but named in one of them by the source is kept there
# (the city's polygons and its points do not line up to the metre); farther than this, it is skipped.
MAX_METRES_OUTSIDE = 500


@dataclass
class PlaceRow:
    """One row read from a source: the place's values, and what had to fall back."""

    source_id: str
    lat: float
    lon: float
    values: dict
    source_arrondissement: int | None = None  # the arrondissement the source names, if in Paris
    fallbacks: list[tuple[str, str]] = field(default_factory=list)

    def fall_back(self, code: str, message: str) -> None:
        self.fallbacks.append((code, message))


@dataclass(frozen=True)
class PlaceSource:
    kind: str
    dataset: str  # Place.source_dataset: the dataset's id on opendata.paris.fr
    file_name: str  # the file in territory/data/paris/
    what: str
    load: Callable[[Path], list]
    read: Callable[[dict], PlaceRow]


def _coordinate(value, low: float, high: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _point_of_record(record: dict) -> tuple[float, float]:
    """(lat, lon) from an opendata.paris.fr record: geo_point_2d {lon, lat}, else the geo_shape Point."""
    point = record.get("geo_point_2d") or {}
    lat, lon = _coordinate(point.get("lat"), -90, 90), _coordinate(point.get("lon"), -180, 180)
    if lat is None or lon is None:
        geometry = (record.get("geo_shape") or {}).get("geometry") or {}
        coordinates = geometry.get("coordinates") if geometry.get("type") == "Point" else None
        if isinstance(coordinates, list) and len(coordinates) == 2:
            lon, lat = _coordinate(coordinates[0], -180, 180), _coordinate(coordinates[1], -90, 90)
    if lat is None or lon is None:
        raise SkipRow(_("no coordinates"), _("no usable coordinates"))
    return lat, lon


WEEKDAY_NAMES_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def _read_week(texts: list) -> tuple[dict, list[str]]:
    """A week of hours texts (Monday first) as opening_hours, and the parts that could not be read."""
    if all(clean(text) == "-" for text in texts):
        # "-" on one day means closed that day, but "-" on all seven is how the export says "no hours
        # given" (the Jardin des Plantes has it): saying "closed every day" would be false.
        return {}, []
    week, unreadable = {}, []
    for weekday, text in enumerate(texts):
        day = hours.parse_day(text)
        if day.intervals is not None:
            week[str(weekday)] = day.intervals
        unreadable.extend(f"{WEEKDAY_NAMES_FR[weekday]} « {part} »" for part in day.unreadable)
    return week, unreadable


def _hours_fallback(row: PlaceRow, unreadable: list[str]) -> None:
    if unreadable:
        # One pool's hours are cut after 50 characters ("… / 16h30 - 19h45 / 20") and one church has a
        # sentence instead of hours: keep what reads as hours, report the rest.
        row.fall_back(
            _("unreadable hours"),
            _("hours kept without the unreadable part(s): %(parts)s") % {"parts": ", ".join(unreadable)},
        )


def _without_empty(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in (None, "", {}, [])}


# --- Cool places (ilots-de-fraicheur-equipements-activites.json) ----------------------------------------

COOL_PLACE_FIELDS = ("identifiant", "nom", "type", "payant", "adresse", "arrondissement", "geo_point_2d")


def load_cool_places(path: Path) -> list:
    return read_records(path, COOL_PLACE_FIELDS, id_key="identifiant")


def read_cool_place(record: dict) -> PlaceRow:
    if not isinstance(record, dict):
        raise SkipRow(_("not a record"), _("not a JSON object"))
    source_id = clean(record.get("identifiant"))
    if not source_id:
        raise SkipRow(_("no id"), _("no identifiant"))
    name = clean(record.get("nom"))
    if not name:
        raise SkipRow(_("no name"), _("no nom"))
    lat, lon = _point_of_record(record)
    texts = [record.get(f"horaires_{day}") for day in WEEKDAY_NAMES_FR]
    opening_hours, unreadable = _read_week(texts)
    status = clean(record.get("statut_ouverture"))
    row = PlaceRow(
        source_id=source_id,
        lat=lat,
        lon=lon,
        source_arrondissement=paris_arrondissement_number(record.get("arrondissement")),
        values={
            "name": name,
            "category": clean(record.get("type")),
            "address": readable_case(record.get("adresse")),
            "opening_hours": opening_hours,
            # "payant" answers "is it paying?": Non means free.
            "is_free": {True: False, False: True}.get(yes_no(record.get("payant"))),
            # Misters are "Eteint" (switched off) or "Ouvert"; other places leave it empty.
            "is_available": status.lower() not in {"eteint", "éteint", "fermé", "ferme"},
            "details": _without_empty(
                {
                    "status": status,
                    "hours_period": clean(record.get("horaires_periode")),
                    "hours_text": _without_empty({str(day): clean(text) for day, text in enumerate(texts)}),
                    "suggested_by_resident": yes_no(record.get("proposition_usager")),
                }
            ),
        },
    )
    _hours_fallback(row, unreadable)
    return row


# --- Drinking fountains (fontaines-a-boire.json) ---------------------------------------------------------

FOUNTAIN_FIELDS = ("gid", "type_objet", "voie", "commune", "dispo", "geo_point_2d")

# The export's object types, named as Parisians name them (these are the names of the fountain models).
FOUNTAIN_TYPES = {
    "FONTAINE_BOIS": "Fontaine des bois",
    "FONTNE_WALLACE": "Fontaine Wallace",
    "FONTAINE_2EN1": "Fontaine 2 en 1",
    "FONTAINE_ARCEAU": "Fontaine Arceau",
    "BORNE_FONTAINE": "Borne-fontaine",
    "FTNE_PETILLANTE": "Fontaine pétillante",
    "FONTAINE_TOTEM": "Fontaine Totem",
    "FTNE_POING_EAU": "Fontaine Poing d'eau",
    "FONTAINE_ALBIEN": "Fontaine à l'albien",
    "FTNE_MILLENAIRE": "Fontaine du Millénaire",
}


def load_fountains(path: Path) -> list:
    return read_records(path, FOUNTAIN_FIELDS, id_key="gid")


def _fountain_arrondissement(commune: str) -> int | None:
    """ "PARIS 15EME ARRONDISSEMENT" → 15, "PARIS 1ER ARRONDISSEMENT" → 1."""
    digits = "".join(character for character in commune.split("ARRONDISSEMENT")[0] if character.isdigit())
    return int(digits) if digits and 1 <= int(digits) <= 20 else None


def read_fountain(record: dict) -> PlaceRow:
    if not isinstance(record, dict):
        raise SkipRow(_("not a record"), _("not a JSON object"))
    source_id = clean(record.get("gid"))
    if not source_id:
        raise SkipRow(_("no id"), _("no gid"))
    commune = clean(record.get("commune")).upper()
    if not commune.startswith("PARIS"):
        # Eau de Paris also runs fountains in neighbouring towns (Thiais, Pantin...): not this city's.
        raise SkipRow(
            _("outside Paris"), _("outside Paris (commune %(commune)s)") % {"commune": commune or "?"}
        )
    lat, lon = _point_of_record(record)
    object_type = clean(record.get("type_objet"))
    label = FOUNTAIN_TYPES.get(object_type, "Fontaine à boire")
    street = readable_case(record.get("voie"))
    number = clean(record.get("no_voirie_pair") or record.get("no_voirie_impair"))
    available = yes_no(record.get("dispo"))
    return PlaceRow(
        source_id=source_id,
        lat=lat,
        lon=lon,
        source_arrondissement=_fountain_arrondissement(commune),
        values={
            "name": f"{label} – {street}" if street else label,
            "category": label,
            "address": f"{number} {street}".strip(),
            "opening_hours": {},  # the export gives none: a fountain in a park keeps the park's hours
            "is_free": True,  # drinking water from the city's fountains is free
            "is_available": available is not False,
            "details": _without_empty(
                {
                    "object_type": object_type,
                    "model": clean(record.get("modele")),
                    "unavailable_reason": clean(record.get("motif_ind")),
                    "unavailable_from": clean(record.get("debut_ind")),
                    "unavailable_until": clean(record.get("fin_ind")),
                }
            ),
        },
    )


# --- Cool green spaces (ilots-de-fraicheur-espaces-verts-frais.csv) -------------------------------------

GREEN_SPACE_COLUMNS = (
    "ID",
    "NOM",
    "TYPE ESPACES VERTS FRAIS",
    "ADRESSE",
    "ARRONDISSEMENT",
    "OUVERTURE 24-24H",
    "OUVERTURE PERIODE CANICULE",
    "OUVERTURE ESTIVALE NOCTURNE",
    "HORAIRES PERIODE",
    *(f"HORAIRES {day.upper()}" for day in WEEKDAY_NAMES_FR),
    "PART VEGETATION HAUTE",
    "geo_shape",
    "geo_point_2d",
)


def load_green_spaces(path: Path) -> list:
    return read_csv(path, GREEN_SPACE_COLUMNS, id_column="ID", delimiter=";")


def _green_space_outline(text: str, row_fallbacks: list) -> dict | None:
    text = text.strip()
    if not text:
        return None
    try:
        geometry = json.loads(text)
        shape(geometry)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        # 48 outlines are cut at 32,767 characters (a spreadsheet's cell limit) in the city's export:
        # the JSON is unreadable, so the place is kept as a point.
        row_fallbacks.append(
            (
                _("truncated outline"),
                _("geo_shape is not readable GeoJSON (%(length)d characters): point only")
                % {"length": len(text)},
            )
        )
        return None
    if geometry.get("type") not in {"Polygon", "MultiPolygon"}:
        row_fallbacks.append((_("no outline"), _("geo_shape is not a polygon: point only")))
        return None
    return geometry


def _vegetation_share(value: str) -> float | None:
    try:
        share = float(value)
    except (TypeError, ValueError):
        return None
    return round(share, 3) if 0 <= share <= 1 else None


def read_green_space(row: dict) -> PlaceRow:
    if None in row or None in row.values():
        # csv.DictReader puts extra cells under None, and missing cells as None: the line is malformed.
        raise SkipRow(_("wrong number of cells"), _("the line does not have one cell per column"))
    source_id = clean(row["ID"])
    if not source_id:
        raise SkipRow(_("no id"), _("no ID"))
    name = readable_case(row["NOM"])  # most names are in capitals: "SQUARE HENRI CHRISTINE"
    if not name:
        raise SkipRow(_("no name"), _("no NOM"))
    fallbacks: list[tuple[str, str]] = []
    outline = _green_space_outline(row["geo_shape"], fallbacks)
    # geo_point_2d is "lat, lon" (in that order) in the CSV export.
    parts = row["geo_point_2d"].split(",")
    lat = _coordinate(parts[0], -90, 90) if len(parts) == 2 else None
    lon = _coordinate(parts[1], -180, 180) if len(parts) == 2 else None
    if lat is None or lon is None:
        if outline is None:
            raise SkipRow(_("no coordinates"), _("no usable geo_point_2d nor geo_shape"))
        point = shape(outline).representative_point()
        lat, lon = point.y, point.x
        fallbacks.append(
            (_("point from outline"), _("no usable geo_point_2d: a point inside the outline is used"))
        )

    texts = [row[f"HORAIRES {day.upper()}"] for day in WEEKDAY_NAMES_FR]
    opening_hours, unreadable = _read_week(texts)
    open_all_day = yes_no(row["OUVERTURE 24-24H"])
    if not opening_hours and open_all_day:
        # Many always-open squares have the 24-hour flag but no hours columns: the flag says it all.
        opening_hours = {str(weekday): [hours.ALL_DAY] for weekday in range(7)}
    place = PlaceRow(
        source_id=source_id,
        lat=lat,
        lon=lon,
        source_arrondissement=paris_arrondissement_number(row["ARRONDISSEMENT"]),
        fallbacks=fallbacks,
        values={
            "name": name,
            "category": clean(row.get("Catégorie Espace Vert")) or clean(row["TYPE ESPACES VERTS FRAIS"]),
            "address": readable_case(row["ADRESSE"]),
            "geometry": outline,
            "opening_hours": opening_hours,
            "is_free": None,  # the export does not say; most are public gardens, some are private
            "is_available": clean(row.get("STATUT OUVERTURE")).lower() not in {"fermé", "ferme"},
            "details": _without_empty(
                {
                    "green_space_type": clean(row["TYPE ESPACES VERTS FRAIS"]),
                    "open_all_day": open_all_day,
                    "open_in_heatwave": yes_no(row["OUVERTURE PERIODE CANICULE"]),
                    "open_summer_nights": yes_no(row["OUVERTURE ESTIVALE NOCTURNE"]),
                    "tall_vegetation_share": _vegetation_share(row["PART VEGETATION HAUTE"]),
                    "hours_period": clean(row["HORAIRES PERIODE"]),
                    "hours_text": _without_empty({str(day): clean(text) for day, text in enumerate(texts)}),
                    "suggested_by_resident": yes_no(row.get("Bon plan proposé par un usager (O/N)")),
                }
            ),
        },
    )
    _hours_fallback(place, unreadable)
    return place


SOURCES = {
    Place.Kind.COOL_PLACE: PlaceSource(
        kind=Place.Kind.COOL_PLACE,
        dataset="ilots-de-fraicheur-equipements-activites",
        file_name="ilots-de-fraicheur-equipements-activites.json",
        what=gettext_lazy("cool places"),
        load=load_cool_places,
        read=read_cool_place,
    ),
    Place.Kind.FOUNTAIN: PlaceSource(
        kind=Place.Kind.FOUNTAIN,
        dataset="fontaines-a-boire",
        file_name="fontaines-a-boire.json",
        what=gettext_lazy("drinking fountains"),
        load=load_fountains,
        read=read_fountain,
    ),
    Place.Kind.GREEN_SPACE: PlaceSource(
        kind=Place.Kind.GREEN_SPACE,
        dataset="ilots-de-fraicheur-espaces-verts-frais",
        file_name="ilots-de-fraicheur-espaces-verts-frais.csv",
        what=gettext_lazy("cool green spaces"),
        load=load_green_spaces,
        read=read_green_space,
    ),
}


# --- What all sources share -----------------------------------------------------------------------------


def _unique_ids(rows: list[tuple[str, PlaceRow]]) -> None:
    """Give rows that share an id in the file an id of their own, stable from one import to the next.

    The cool-places export reuses BR120, MA22 and MU75 and the green-spaces export five IDs, each time
    for two different places: keeping the first would lose the second, and numbering them by order
    would swap them when the export is reordered. Their position does not change, so it joins the id.
    """
    counts = Counter(row.source_id for _where, row in rows)
    for _where, row in rows:
        if counts[row.source_id] > 1:
            original = row.source_id
            row.source_id = f"{original}@{row.lat:.5f},{row.lon:.5f}"
            row.fall_back(
                _("duplicate id"),
                _("id %(id)s is used by %(count)d rows: this one is imported as %(new_id)s")
                % {"id": original, "count": counts[original], "new_id": row.source_id},
            )


def _district_for(row: PlaceRow, locator, arrondissements: dict[int, District]) -> District:
    district = locator.district_at(row.lat, row.lon)
    if district is not None:
        return district
    named = arrondissements.get(row.source_arrondissement)
    if named is None:
        raise SkipRow(
            _("outside Paris"), _("the point lies outside Paris and the row names no arrondissement")
        )
    metres = geo.distance_to_m(locator.geometry_of(named.pk), row.lat, row.lon)
    if metres > MAX_METRES_OUTSIDE:
        raise SkipRow(
            _("outside Paris"),
            _("the point lies %(metres)d m outside the %(district)s it names")
            % {"metres": metres, "district": named},
        )
    row.fall_back(
        _("district from the source"),
        _(
            "the point lies %(metres)d m outside the arrondissement polygons: "
            "kept in %(district)s, as the row says"
        )
        % {"metres": metres, "district": named},
    )
    return named


def import_places(
    kind: str, path: Path | None = None, progress: Progress | None = None, *, loaded_rows: list | None = None
) -> ImportReport:
    """Import one kind of place from its file (the project's copy unless ``path`` is given).

    ``loaded_rows`` are the file's rows when the caller has already read (and so checked) it.
    """
    source = SOURCES[kind]
    path = Path(path) if path else PARIS_DATA / source.file_name
    raw_rows = (
        loaded_rows if loaded_rows is not None else source.load(path)
    )  # ImportFileError: nothing written

    locator = district_locator(District.Level.ARRONDISSEMENT)
    arrondissements = {
        district.number: district
        for district in District.objects.filter(level=District.Level.ARRONDISSEMENT, city__insee_code="75056")
    }
    if not arrondissements:
        raise DomainError(
            _("No arrondissements yet: import the districts first (manage.py import_districts).")
        )

    report = ImportReport(file_name=path.name, what=str(source.what), rows=len(raw_rows))
    rows: list[tuple[str, PlaceRow]] = []
    for number, (where, raw) in enumerate(raw_rows, 1):
        try:
            rows.append((where, source.read(raw)))
        except SkipRow as skip:
            report.skipped.append(RowNote(where, [skip.code], skip.message))
        if progress and number % PROGRESS_EVERY == 0:
            progress(report.file_name, number, len(raw_rows))
    _unique_ids(rows)

    existing = {place.source_id: place for place in Place.objects.filter(source_dataset=source.dataset)}
    seen: dict[str, str] = {}
    to_create, to_update = [], []
    for where, row in rows:
        try:
            if row.source_id in seen:
                raise SkipRow(
                    _("duplicate"), _("same id and position as %(row)s") % {"row": seen[row.source_id]}
                )
            district = _district_for(row, locator, arrondissements)
        except SkipRow as skip:
            report.skipped.append(RowNote(where, [skip.code], skip.message))
            continue
        seen[row.source_id] = where
        values = {"geometry": None, **row.values, "kind": source.kind, "district": district}
        values.update(lat=row.lat, lon=row.lon)
        place = existing.get(row.source_id)
        if place is None:
            to_create.append(Place(source_dataset=source.dataset, source_id=row.source_id, **values))
        else:
            report.updated += 1
            if differs(place, values):
                for name, value in values.items():
                    setattr(place, name, value)
                to_update.append(place)
        if row.fallbacks:
            codes = [code for code, _message in row.fallbacks]
            report.fell_back.append(
                RowNote(where, codes, "; ".join(message for _c, message in row.fallbacks))
            )

    with transaction.atomic():
        Place.objects.bulk_create(to_create, batch_size=500)
        # Only the places whose data changed are written (bulk_update is slow on many rows and fields).
        for place in to_update:
            place.save(update_fields=[*values, "updated_at"])
    report.created, report.changed = len(to_create), len(to_update)
    if progress:
        progress(report.file_name, len(raw_rows), len(raw_rows))
    return report

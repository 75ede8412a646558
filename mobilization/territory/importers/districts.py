"""Import the city's districts: the arrondissements, then the quartiers inside them (GeoJSON exports)."""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from shapely.geometry import mapping, shape
from shapely.validation import make_valid

from mobilization.core.importing import (
    ImportReport,
    RowNote,
    SkipRow,
    clean,
    differs,
    read_feature_collection,
)
from mobilization.territory import geo
from mobilization.territory.models import City, District
from mobilization.territory.names import arrondissement_names

PARIS_INSEE_CODE = "75056"
ARRONDISSEMENT_PROPERTIES = ("c_ar", "c_arinsee", "l_ar")
QUARTIER_PROPERTIES = ("c_qu", "c_quinsee", "l_qu", "c_ar")


def paris() -> City:
    """The city of Paris (INSEE 75056), created on the first import."""
    city, _created = City.objects.get_or_create(insee_code=PARIS_INSEE_CODE, defaults={"name": "Paris"})
    return city


def _whole_number(properties: dict, key: str) -> int:
    try:
        return int(properties[key])
    except (KeyError, TypeError, ValueError):
        raise SkipRow(_("no %(key)s") % {"key": key}, _("no usable %(key)s") % {"key": key}) from None


def _outline(feature: dict, fallbacks: list[tuple[str, str]]):
    """The feature's polygon (shapely); an invalid one is repaired, a missing one skips the feature."""
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
        raise SkipRow(_("no polygon"), _("the geometry is not a Polygon or MultiPolygon"))
    try:
        polygon = shape(geometry)
    except (ValueError, TypeError, IndexError, AttributeError):
        raise SkipRow(_("unreadable polygon"), _("the polygon's coordinates cannot be read")) from None
    if not polygon.is_valid:
        # A self-intersecting ring would make point-in-polygon answers wrong: repair it, and say so.
        polygon = make_valid(polygon)
        fallbacks.append((_("repaired polygon"), _("the polygon was invalid and has been repaired")))
    return polygon


def _district_values(feature: dict, code_key: str, number_key: str, name_key: str) -> tuple[dict, list]:
    if not isinstance(feature, dict):
        raise SkipRow(_("not a feature"), _("not a GeoJSON feature"))
    properties = feature.get("properties") or {}
    fallbacks: list[tuple[str, str]] = []
    polygon = _outline(feature, fallbacks)
    name = clean(properties.get(name_key))
    if not name:
        raise SkipRow(_("no name"), _("no %(key)s") % {"key": name_key})
    try:
        area = float(properties["surface"])
    except (KeyError, TypeError, ValueError):
        # The surface the city measured is the reference; without it, measure the polygon.
        area = geo.area_m2(polygon)
        fallbacks.append((_("area computed"), _("no surface given: the area is computed from the polygon")))
    centroid = polygon.centroid
    values = {
        "code": str(_whole_number(properties, code_key)),
        "number": _whole_number(properties, number_key),
        # A quartier's name is a proper noun, the same in both languages; an arrondissement's is replaced
        # by names made from its number (territory/names.py).
        "name_fr": name,
        "name_en": name,
        "geometry": mapping(polygon) if fallbacks else feature["geometry"],
        "area_m2": area,
        "centroid_lat": centroid.y,
        "centroid_lon": centroid.x,
    }
    return values, fallbacks


def _save_districts(city: City, level: str, features, file_name: str, what: str, read) -> ImportReport:
    report = ImportReport(file_name=file_name, what=what, rows=len(features))
    existing = {district.code: district for district in District.objects.filter(city=city, level=level)}
    seen: dict[str, str] = {}
    for where, feature in features:
        try:
            values, fallbacks = read(feature)
            if values["code"] in seen:
                raise SkipRow(_("duplicate code"), _("same code as %(row)s") % {"row": seen[values["code"]]})
        except SkipRow as skip:
            report.skipped.append(RowNote(where, [skip.code], skip.message))
            continue
        seen[values["code"]] = where
        district = existing.get(values["code"])
        if district is None:
            District.objects.create(city=city, level=level, **values)
            report.created += 1
        else:
            report.updated += 1
            if differs(district, values):
                for name, value in values.items():
                    setattr(district, name, value)
                district.save()
                report.changed += 1
        if fallbacks:
            report.fell_back.append(
                RowNote(
                    where, [code for code, _m in fallbacks], "; ".join(message for _c, message in fallbacks)
                )
            )
    return report


def _read_arrondissement(feature: dict):
    values, fallbacks = _district_values(feature, code_key="c_arinsee", number_key="c_ar", name_key="l_ar")
    values.update(arrondissement_names(values["number"]))  # "4e arrondissement", not the data's "4ème Ardt"
    values["official_name"] = clean((feature.get("properties") or {}).get("l_aroff"))
    values["parent"] = None
    return values, fallbacks


def import_districts(arrondissements_path: Path, quartiers_path: Path) -> list[ImportReport]:
    """Import the arrondissements, then the quartiers linked to them. Both files are checked first."""
    arrondissements = read_feature_collection(arrondissements_path, ARRONDISSEMENT_PROPERTIES)
    quartiers = read_feature_collection(quartiers_path, QUARTIER_PROPERTIES)

    with transaction.atomic():
        city = paris()
        arrondissements_report = _save_districts(
            city,
            District.Level.ARRONDISSEMENT,
            arrondissements,
            Path(arrondissements_path).name,
            _("arrondissements"),
            _read_arrondissement,
        )

    with transaction.atomic():
        parents = {
            district.number: district
            for district in District.objects.filter(city=city, level=District.Level.ARRONDISSEMENT)
        }

        def read_quartier(feature: dict):
            values, fallbacks = _district_values(
                feature, code_key="c_quinsee", number_key="c_qu", name_key="l_qu"
            )
            parent_number = _whole_number(feature.get("properties") or {}, "c_ar")
            if parent_number not in parents:
                raise SkipRow(
                    _("unknown arrondissement"),
                    _("its arrondissement (%(number)d) is not imported") % {"number": parent_number},
                )
            values["parent"] = parents[parent_number]
            values["official_name"] = ""
            return values, fallbacks

        quartiers_report = _save_districts(
            city,
            District.Level.QUARTIER,
            quartiers,
            Path(quartiers_path).name,
            _("quartiers"),
            read_quartier,
        )
    return [arrondissements_report, quartiers_report]

"""CSV import and export of plan actions, all-or-nothing.

Two formats, told apart by the header:

- the platform's own (comma-separated, UTF-8 with or without BOM), the one `export_csv` writes: see
  `OWN_COLUMNS` and the download README;
- Decidim's accountability results export (semicolon-separated): `id`, `parent/id`, `title/<locale>`,
  `description/<locale>` (HTML), `start_date`, `end_date`, `status/id`, `status/key`,
  `status/name/<locale>`, `progress`, `category/id`, `category/name/<locale>`, `scope/id`,
  `scope/name/<locale>`, `reference`, `weight`, `latitude`, `longitude`, `created_at`, `url`,
  `component/id`, `proposal_urls`. Title and description are read in French first, then English, then any
  locale the file has. Decidim's statuses belong to each Decidim component: they are mapped to ours by
  their key or name, else by the result's progress.

The whole file is read and every row checked before anything is written: one bad row rejects the file,
and the report lists the rows (numbered as a spreadsheet shows them, the header being row 1) with their
reasons. Otherwise the actions are created or updated by reference in one transaction.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from html import unescape
from html.parser import HTMLParser

from django.db import transaction
from django.utils.translation import gettext as _

from mobilization.core.spreadsheet import FORMULA_START, spreadsheet_safe
from mobilization.plan.actions import services
from mobilization.plan.actions.models import REFERENCE_VALIDATOR, Action, ActionImport
from mobilization.plan.models import Objective

MAX_FILE_SIZE = 5 * 1024 * 1024
OWN_COLUMNS = [
    "reference",
    "parent_reference",
    "title",
    "description",
    "objectives",
    "sector",
    "department",
    "status",
    "progress",
    "start_date",
    "end_date",
    "budget_planned",
    "budget_spent",
    "weight",
    "lat",
    "lon",
]
# Written by the export for readers, ignored by the import (it is computed).
EXPORT_ONLY_COLUMNS = ["computed_progress"]
OWN_REQUIRED = ["reference", "title"]
DECIDIM_REQUIRED = ["id"]
PREFERRED_LOCALES = ("fr", "en")
TEXT_COLUMNS = {"title", "description", "department"}
MAX_DESCRIPTION = 20_000

# Phrases in Decidim status keys and names (fr, en), and the status they mean here. Keys and names are
# compared without accents nor case, "_" and "-" read as spaces, and a phrase must start a word. The order
# matters: a status that is not started yet, abandoned or delayed says so whatever else it says, and "in
# progress" phrases come before "completed" words so that "En cours de réalisation" or "Execution in
# progress" are not read as done.
DECIDIM_STATUS_PHRASES = [
    (
        Action.Status.PLANNED,
        ("not started", "not yet", "non commence", "pas commence", "pas encore", "a venir", "to do"),
    ),
    (
        Action.Status.ABANDONED,
        ("abandon", "cancel", "annul", "discard", "rejet", "reject", "refus", "withdraw", "renonc"),
    ),
    (
        Action.Status.DELAYED,
        ("delay", "retard", "late", "report", "postpon", "suspend", "pause", "on hold", "en attente"),
    ),
    (
        Action.Status.IN_PROGRESS,
        (
            "in progress", "progress", "en cours", "ongoing", "underway", "under way", "started",
            "commence", "demarr", "lance", "working", "work in", "engage", "en travaux", "en chantier",
            "en realisation", "en execution", "in execution", "under execution", "partiel", "partial",
        ),
    ),
    (
        Action.Status.COMPLETED,
        (
            "complet", "finish", "fini", "finalis", "done", "termin", "realise", "realize", "achev",
            "execute", "accompli", "implemented", "delivered", "livre",
        ),
    ),
    (
        Action.Status.PLANNED,
        ("plan", "prevu", "projet", "etude", "study", "program", "scheduled", "venir", "draft"),
    ),
]  # fmt: skip
# Words in Decidim category names, and the sector they mean here.
DECIDIM_SECTOR_WORDS = [
    (Action.Sector.BUILDINGS, ("bâti", "bati", "build", "logement", "housing", "rénov", "renov", "habitat")),
    (Action.Sector.TRANSPORT, ("mobilit", "transport", "vélo", "velo", "cycl", "déplacement", "voirie")),
    (Action.Sector.ENERGY, ("énergi", "energi", "energy", "chaleur", "heat", "solaire", "solar", "renouvel")),
    (Action.Sector.WASTE, ("déchet", "dechet", "waste", "circulaire", "circular", "recycl", "tri ")),
    (Action.Sector.FOOD, ("aliment", "food", "cantine", "canteen", "agricult")),
    (Action.Sector.GREENING, ("végétal", "vegetal", "arbre", "tree", "nature", "biodiv", "green", "vert")),
    (Action.Sector.ADAPTATION, ("adapt", "résilien", "resilien", "canicule", "heatwave", "inondation")),
    (Action.Sector.ECONOMY, ("économ", "econom", "emploi", "job", "entreprise", "business")),
]


class ImportFileError(Exception):
    """The file cannot be read as a CSV of actions at all."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ParsedRow:
    row: int
    reference: str
    parent_reference: str | None  # None: the format does not say (keep the parent as it is)
    fields: dict
    objectives: list[str] | None  # None: the format does not carry objectives (keep them)
    decidim_id: str = ""
    decidim_parent_id: str = ""


@dataclass
class ImportReport:
    format: str = ActionImport.Format.UNKNOWN
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: dict[int, list[str]] = field(default_factory=dict)  # row number -> reasons
    references: dict[int, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return not self.errors

    def add(self, row: int, message: str) -> None:
        self.errors.setdefault(row, []).append(message)

    def as_dict(self) -> dict:
        return {
            "format": self.format,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "ignored_columns": self.ignored_columns,
            "errors": [
                {"row": row, "reference": self.references.get(row, ""), "messages": messages}
                for row, messages in sorted(self.errors.items())
            ],
        }


# --- Reading the file ---------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (a BOM is dropped), no NUL byte, not empty."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_FILE_SIZE:
        raise ImportFileError(_("The file is larger than 5 MB."))
    if b"\x00" in data:
        raise ImportFileError(_("This is not a text file: it contains binary data."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not UTF-8 text (byte %(position)s). Save it as “CSV UTF-8”.")
            % {"position": error.start + 1}
        ) from error
    if any(ord(character) < 32 and character not in "\r\n\t" for character in text):
        raise ImportFileError(_("This is not a text file: it contains control characters."))
    return text


def _header(text: str, delimiter: str) -> list[str]:
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return [column.strip().lower() for column in next(csv.reader([first_line], delimiter=delimiter), [])]


def detect_format(text: str) -> tuple[str, str]:
    """(format, delimiter) from the header row; raises ImportFileError when it is neither format."""
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    comma, semicolon = _header(text, ","), _header(text, ";")
    if "reference" in comma and "title" in comma:
        return ActionImport.Format.OWN, ","
    if "id" in semicolon and any(column.startswith("title/") for column in semicolon):
        return ActionImport.Format.DECIDIM, ";"
    if "reference" in semicolon and "title" in semicolon:
        raise ImportFileError(
            _("The columns are separated by semicolons: this platform's format uses commas.")
        )
    if "id" in comma and any(column.startswith("title/") for column in comma):
        raise ImportFileError(_("The columns are separated by commas: a Decidim export uses semicolons."))
    raise ImportFileError(
        _(
            "The first row is not a known header. This platform's format needs the columns "
            "“reference” and “title”; a Decidim export needs “id” and “title/fr” or “title/en”."
        )
    )


def _records(text: str, delimiter: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and the (row number, values) of every non-blank record; row 1 is the header."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV is malformed near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    header = [column.strip().lower() for column in rows[0]]
    records = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        record = {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(header)}
        record["__extra__"] = len(values) > len(header) and any(v.strip() for v in values[len(header) :])
        records.append((number, record))
    return header, records


def _unescape_formula(value: str) -> str:
    """The export guards cells that a spreadsheet would run as a formula with a leading apostrophe."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        return value[1:]
    return value


# --- Values ---------------------------------------------------------------------------------------------


class BadValue(Exception):
    pass


def _decimal(value: str, name: str, *, low=None, high=None, positive=False, max_digits=14, places=2):
    if value == "":
        return None
    try:
        number = Decimal(value.replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except InvalidOperation:
        raise BadValue(  # noqa: B904 - the message is the reason
            _("%(column)s: “%(value)s” is not a number.") % {"column": name, "value": value[:40]}
        )
    if not number.is_finite():
        raise BadValue(_("%(column)s: “%(value)s” is not a number.") % {"column": name, "value": value[:40]})
    if positive and number <= 0:
        raise BadValue(_("%(column)s must be greater than 0.") % {"column": name})
    if (low is not None and number < low) or (high is not None and number > high):
        raise BadValue(
            _("%(column)s must be between %(low)s and %(high)s, not %(value)s.")
            % {"column": name, "low": low, "high": high, "value": value[:40]}
        )
    number = number.quantize(Decimal(1).scaleb(-places))
    if len(number.as_tuple().digits) > max_digits:
        raise BadValue(_("%(column)s is too large.") % {"column": name})
    return number


def _float(value: str, name: str, low: float, high: float):
    number = _decimal(value, name, low=low, high=high, max_digits=20, places=8)
    return None if number is None else float(value.replace(",", "."))


def _date(value: str, name: str, *, lenient: bool = False):
    if value == "":
        return None
    formats = ["%Y-%m-%d"] + (["%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] if lenient else [])
    candidate = value[:19] if lenient else value
    for pattern in formats:
        try:
            return datetime.strptime(candidate, pattern).date()
        except ValueError:
            continue
    raise BadValue(
        _("%(column)s: “%(value)s” is not a date (YYYY-MM-DD).") % {"column": name, "value": value[:40]}
    )


def _text(value: str, name: str, max_length: int, *, required: bool = False) -> str:
    value = _unescape_formula(value)
    if required and not value:
        raise BadValue(_("%(column)s is required.") % {"column": name})
    if len(value) > max_length:
        raise BadValue(
            _("%(column)s is longer than %(max)s characters.") % {"column": name, "max": max_length}
        )
    return value


def _reference(value: str, name: str = "reference") -> str:
    if not value:
        raise BadValue(_("%(column)s is required.") % {"column": name})
    if len(value) > 64:
        raise BadValue(_("%(column)s is longer than %(max)s characters.") % {"column": name, "max": 64})
    try:
        REFERENCE_VALIDATOR(value)
    except Exception:  # noqa: BLE001
        raise BadValue(  # noqa: B904 - the reason is the message
            _("%(column)s “%(value)s”: use letters, digits, dashes and underscores only.")
            % {"column": name, "value": value[:64]}
        )
    return value


def _choice(value: str, name: str, choices, default: str) -> str:
    if value == "":
        return default
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    if key in choices.values:
        return key
    raise BadValue(
        _("%(column)s: “%(value)s” is not one of %(choices)s.")
        % {"column": name, "value": value[:40], "choices": ", ".join(choices.values)}
    )


def _validate(row: int, report: ImportReport, parse, *args, **kwargs):
    try:
        return parse(*args, **kwargs)
    except BadValue as error:
        report.add(row, str(error))
        return None


def _check_dates(row: int, report: ImportReport, fields: dict) -> None:
    start, end = fields.get("start_date"), fields.get("end_date")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        report.add(
            row, _("end_date (%(end)s) is before start_date (%(start)s).") % {"end": end, "start": start}
        )
    if (fields.get("latitude") is None) != (fields.get("longitude") is None):
        report.add(row, _("Give both the latitude and the longitude, or neither."))


# --- The platform's own format -------------------------------------------------------------------------


def _parse_own(records, report: ImportReport) -> list[ParsedRow]:
    parsed = []
    for row, record in records:
        v = record.get
        if record["__extra__"]:
            report.add(row, _("The row has more values than the header has columns."))
        reference = _validate(row, report, _reference, v("reference", ""))
        report.references[row] = v("reference", "")[:64]
        parent = (
            _validate(row, report, _reference, v("parent_reference", ""), "parent_reference")
            if v("parent_reference", "")
            else ""
        )
        fields = {
            "title": _validate(row, report, _text, v("title", ""), "title", 255, required=True),
            "description": _validate(
                row, report, _text, v("description", ""), "description", MAX_DESCRIPTION
            ),
            "department": _validate(row, report, _text, v("department", ""), "department", 160),
            "sector": _validate(
                row, report, _choice, v("sector", ""), "sector", Action.Sector, Action.Sector.OTHER
            ),
            "status": _validate(
                row, report, _choice, v("status", ""), "status", Action.Status, Action.Status.PLANNED
            ),
            "progress_override": _validate(
                row, report, _decimal, v("progress", ""), "progress", low=0, high=100
            ),
            "start_date": _validate(row, report, _date, v("start_date", ""), "start_date"),
            "end_date": _validate(row, report, _date, v("end_date", ""), "end_date"),
            "budget_planned": _validate(
                row, report, _decimal, v("budget_planned", ""), "budget_planned", low=0, high=None
            ),
            "budget_spent": _validate(
                row, report, _decimal, v("budget_spent", ""), "budget_spent", low=0, high=None
            ),
            "weight": _validate(
                row, report, _decimal, v("weight", ""), "weight", positive=True, max_digits=8, places=3
            ),
            "latitude": _validate(row, report, _float, v("lat", ""), "lat", -90, 90),
            "longitude": _validate(row, report, _float, v("lon", ""), "lon", -180, 180),
        }
        _check_dates(row, report, fields)
        objectives = sorted({slug.strip() for slug in v("objectives", "").split("|") if slug.strip()})
        parsed.append(ParsedRow(row, reference or "", parent or "", fields, objectives))
    return parsed


# --- Decidim's accountability export ---------------------------------------------------------------------


class _HtmlToMarkdown(HTMLParser):
    """Decidim's rich text (HTML) as Markdown: paragraphs, line breaks, lists, bold, italics and web links;
    every other tag is dropped, its text kept. The Markdown is sanitised again when shown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str | None] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.skip += 1
        elif tag in {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"}:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("  \n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in {"strong", "b"}:
            self.parts.append("**")
        elif tag in {"em", "i"}:
            self.parts.append("*")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            href = href if re.match(r"^https?://", href.strip(), re.IGNORECASE) else None
            self.links.append(href)
            if href:
                self.parts.append("[")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self.skip = max(0, self.skip - 1)
        elif tag in {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"}:
            self.parts.append("\n\n")
        elif tag in {"strong", "b"}:
            self.parts.append("**")
        elif tag in {"em", "i"}:
            self.parts.append("*")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.parts.append(f"]({href.strip()})")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))

    def markdown(self) -> str:
        text = "".join(self.parts)
        text = re.sub(r"[ \t]+\n", lambda m: "  \n" if m.group(0).startswith("  ") else "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text)
        return "\n".join(
            line.strip() if not line.endswith("  ") else line.lstrip() for line in text.split("\n")
        ).strip()


def html_to_markdown(html: str) -> str:
    if "<" not in html:
        return unescape(html).strip()
    parser = _HtmlToMarkdown()
    parser.feed(html)
    parser.close()
    return parser.markdown()


def _localised(record: dict, name: str) -> str:
    for locale in PREFERRED_LOCALES:
        if record.get(f"{name}/{locale}"):
            return record[f"{name}/{locale}"]
    for key in sorted(record):
        if key.startswith(f"{name}/") and key.count("/") == 1 and record[key]:
            return record[key]
    return record.get(name, "")


def _without_accents(text: str) -> str:
    """Lower case, accents dropped, "_" and "-" read as spaces: "Exécuté" and "EXECUTE" read alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return re.sub(r"[\s_-]+", " ", plain).strip()


def decidim_status(record: dict, progress: Decimal | None) -> str:
    """Our status for a Decidim result: from the words of its status key and names, else its progress."""
    words = " ".join(
        _without_accents(record[key])
        for key in record
        if (key == "status/key" or key.startswith("status/name")) and record[key]
    )
    for status, phrases in DECIDIM_STATUS_PHRASES:
        if any(re.search(r"(?<![a-z0-9])" + re.escape(phrase), words) for phrase in phrases):
            return status
    if progress is None or progress <= 0:
        return Action.Status.PLANNED
    if progress >= 100:
        return Action.Status.COMPLETED
    return Action.Status.IN_PROGRESS


def decidim_sector(record: dict) -> str:
    words = " ".join(record[key].lower() for key in record if key.startswith("category/name") and record[key])
    words += " "
    for sector, keys in DECIDIM_SECTOR_WORDS:
        if any(key in words for key in keys):
            return sector
    return Action.Sector.OTHER


def _parse_decidim(records, report: ImportReport) -> list[ParsedRow]:
    parsed = []
    reference_of_id = {}
    for row, record in records:
        if record["__extra__"]:
            report.add(row, _("The row has more values than the header has columns."))
        decidim_id = record.get("id", "")
        if not re.fullmatch(r"\d{1,18}", decidim_id):
            report.add(
                row, _("id: “%(value)s” is not a Decidim id (a whole number).") % {"value": decidim_id[:40]}
            )
        given_reference = record.get("reference", "")
        reference = _validate(row, report, _reference, given_reference or f"decidim-{decidim_id}")
        report.references[row] = (given_reference or f"decidim-{decidim_id}")[:64]
        reference_of_id.setdefault(decidim_id, reference or "")
        progress = _validate(row, report, _decimal, record.get("progress", ""), "progress", low=0, high=100)
        description = html_to_markdown(_localised(record, "description"))
        fields = {
            "title": _validate(
                row, report, _text, html_to_markdown(_localised(record, "title")), "title", 255, required=True
            ),
            "description": _validate(row, report, _text, description, "description", MAX_DESCRIPTION),
            "sector": decidim_sector(record),
            "status": decidim_status(record, progress),
            "progress_override": progress,
            "start_date": _validate(
                row, report, _date, record.get("start_date", ""), "start_date", lenient=True
            ),
            "end_date": _validate(row, report, _date, record.get("end_date", ""), "end_date", lenient=True),
            "weight": _validate(
                row,
                report,
                _decimal,
                record.get("weight", ""),
                "weight",
                positive=True,
                max_digits=8,
                places=3,
            ),
            "latitude": _validate(row, report, _float, record.get("latitude", ""), "latitude", -90, 90),
            "longitude": _validate(row, report, _float, record.get("longitude", ""), "longitude", -180, 180),
            "source": Action.Source.DECIDIM,
            "external_id": decidim_id[:64],
        }
        _check_dates(row, report, fields)
        parsed.append(
            ParsedRow(row, reference or "", None, fields, None, decidim_id, record.get("parent/id", ""))
        )
    # Parents are named by their Decidim id: in this file, or imported from Decidim before.
    known = dict(
        Action.objects.filter(source=Action.Source.DECIDIM)
        .exclude(external_id="")
        .values_list("external_id", "reference")
    )
    seen_ids: dict[str, int] = {}
    for item in parsed:
        if item.decidim_id in seen_ids:
            report.add(
                item.row,
                _("id %(id)s is also on row %(other)s.")
                % {"id": item.decidim_id, "other": seen_ids[item.decidim_id]},
            )
        seen_ids.setdefault(item.decidim_id, item.row)
        if item.decidim_parent_id:
            parent_reference = reference_of_id.get(item.decidim_parent_id) or known.get(
                item.decidim_parent_id
            )
            if parent_reference is None:
                report.add(
                    item.row,
                    _("parent/id %(id)s is neither in the file nor an action imported before.")
                    % {"id": item.decidim_parent_id[:40]},
                )
            item.parent_reference = parent_reference or ""
        else:
            item.parent_reference = ""
    return parsed


# --- Checks across rows, then writing -------------------------------------------------------------------


def _check_across_rows(parsed: list[ParsedRow], report: ImportReport) -> None:
    first_row: dict[str, int] = {}
    for item in parsed:
        if not item.reference:
            continue
        if item.reference in first_row:
            report.add(
                item.row,
                _("reference %(reference)s is also on row %(other)s.")
                % {"reference": item.reference, "other": first_row[item.reference]},
            )
        else:
            first_row[item.reference] = item.row

    # Objectives named by their slug must exist.
    slugs = {slug for item in parsed for slug in (item.objectives or [])}
    existing_slugs = set(Objective.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    for item in parsed:
        missing = [slug for slug in item.objectives or [] if slug not in existing_slugs]
        if missing:
            report.add(
                item.row,
                _("objectives: no objective has the short name %(slugs)s.")
                % {"slugs": ", ".join(f"“{slug[:40]}”" for slug in missing)},
            )

    # Parents: in the file or already here; never the action itself nor one of its descendants.
    parent_of = dict(
        Action.objects.filter(parent__isnull=False).values_list("reference", "parent__reference")
    )
    named_parents = [item.parent_reference for item in parsed if item.parent_reference]
    existing = set(Action.objects.filter(reference__in=named_parents).values_list("reference", flat=True))
    for item in parsed:
        if item.reference and item.parent_reference is not None:
            if item.parent_reference:
                parent_of[item.reference] = item.parent_reference
            else:
                parent_of.pop(item.reference, None)
    for item in parsed:
        if not item.parent_reference:
            continue
        if item.parent_reference not in first_row and item.parent_reference not in existing:
            if item.fields.get("source") != Action.Source.DECIDIM:
                report.add(
                    item.row,
                    _("parent_reference %(reference)s is neither in the file nor an existing action.")
                    % {"reference": item.parent_reference},
                )
            continue
        seen = {item.reference}
        current = parent_of.get(item.reference)
        while current is not None:
            if current in seen:
                report.add(
                    item.row,
                    _("The parents form a cycle: %(reference)s would be its own ancestor.")
                    % {"reference": item.reference},
                )
                break
            seen.add(current)
            current = parent_of.get(current)


TRACKED_FIELDS = [
    "title", "description", "department", "sector", "status", "progress_override", "start_date", "end_date",
    "budget_planned", "budget_spent", "weight", "latitude", "longitude", "source", "external_id",
]  # fmt: skip


def _apply(parsed: list[ParsedRow], report: ImportReport) -> None:
    existing = {
        action.reference: action
        for action in Action.objects.filter(reference__in=[item.reference for item in parsed])
        .select_related("parent")
        .prefetch_related("objectives")
    }
    objectives = {objective.slug: objective for objective in Objective.objects.all()}
    saved: dict[str, Action] = {}
    changed_rows: set[int] = set()
    for item in parsed:
        action = existing.get(item.reference)
        fields = {name: value for name, value in item.fields.items() if name in TRACKED_FIELDS}
        if action is None:
            action = Action(reference=item.reference, **{"source": Action.Source.CSV, **fields})
            action.save()
            report.created += 1
        else:
            changed = [name for name, value in fields.items() if getattr(action, name) != value]
            if changed:
                for name in changed:
                    setattr(action, name, fields[name])
                action.save(update_fields=[*changed, "updated_at"])
                changed_rows.add(item.row)
        if item.objectives is not None:
            wanted = {objectives[slug].pk for slug in item.objectives}
            current = (
                {objective.pk for objective in action.objectives.all()}
                if item.reference in existing
                else set()
            )
            if wanted != current:
                action.objectives.set(wanted)
                if item.reference in existing:
                    changed_rows.add(item.row)
        saved[item.reference] = action
    # Parents once every action of the file exists.
    parent_refs = {item.parent_reference for item in parsed if item.parent_reference} - set(saved)
    parents = {**{a.reference: a for a in Action.objects.filter(reference__in=parent_refs)}, **saved}
    for item in parsed:
        if item.parent_reference is None:
            continue
        action = saved[item.reference]
        parent = parents.get(item.parent_reference) if item.parent_reference else None
        parent_id = parent.pk if parent else None
        if action.parent_id != parent_id:
            action.parent_id = parent_id
            action.save(update_fields=["parent", "updated_at"])
            if item.reference in existing:
                changed_rows.add(item.row)
    report.updated = len(changed_rows)
    report.unchanged = len(existing) - report.updated
    services.recompute_all()


def import_actions(data: bytes | str) -> ImportReport:
    """Check the whole file; if every row is right, create or update the actions in one transaction."""
    report = ImportReport()
    try:
        text = decode(data) if isinstance(data, bytes) else data
        report.format, delimiter = detect_format(text)
        header, records = _records(text, delimiter)
    except ImportFileError as error:
        report.add(1, error.message)
        return report
    report.rows = len(records)
    if report.format == ActionImport.Format.OWN:
        missing = [column for column in OWN_REQUIRED if column not in header]
        report.ignored_columns = [c for c in header if c not in OWN_COLUMNS + EXPORT_ONLY_COLUMNS]
    else:
        missing = [column for column in DECIDIM_REQUIRED if column not in header]
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if missing or duplicated:
        if missing:
            report.add(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        if duplicated:
            report.add(1, _("Columns named twice: %(columns)s.") % {"columns": ", ".join(duplicated)})
        return report
    if not records:
        report.add(1, _("The file has a header but no action."))
        return report
    with transaction.atomic():
        parse = _parse_own if report.format == ActionImport.Format.OWN else _parse_decidim
        parsed = parse(records, report)
        _check_across_rows(parsed, report)
        if report.errors:
            return report
        _apply(parsed, report)
    return report


# --- Export --------------------------------------------------------------------------------------------


def _cell(name: str, value) -> str:
    if value is None:
        return ""
    text = str(value)
    # Only text people typed is guarded (the import takes the apostrophe off again): the other columns
    # are codes, dates and numbers, and a longitude such as -2.35 must stay a number in a spreadsheet.
    return spreadsheet_safe(text) if name in TEXT_COLUMNS else text


def export_rows(queryset):
    """The header and one row per action, in the platform's own format (what the import reads back)."""
    yield OWN_COLUMNS + EXPORT_ONLY_COLUMNS
    actions = queryset.select_related("parent").prefetch_related("objectives").order_by("reference")
    for action in actions:
        values = {
            "reference": action.reference,
            "parent_reference": action.parent.reference if action.parent else "",
            "title": action.title,
            "description": action.description,
            "objectives": "|".join(sorted(objective.slug for objective in action.objectives.all())),
            "sector": action.sector,
            "department": action.department,
            "status": action.status,
            "progress": action.progress_override,
            "start_date": action.start_date.isoformat() if action.start_date else "",
            "end_date": action.end_date.isoformat() if action.end_date else "",
            "budget_planned": action.budget_planned,
            "budget_spent": action.budget_spent,
            "weight": action.weight,
            "lat": repr(action.latitude) if action.latitude is not None else "",
            "lon": repr(action.longitude) if action.longitude is not None else "",
            "computed_progress": action.progress,
        }
        yield [_cell(name, values[name]) for name in OWN_COLUMNS + EXPORT_ONLY_COLUMNS]


def export_csv(queryset) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in export_rows(queryset):
        writer.writerow(row)
    return buffer.getvalue()

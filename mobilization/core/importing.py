"""The import kit: reading a file, checking its values, and the report an import gives back.

Every importer of the platform (the city's open-data exports, the plan's actions, later the
commitments' reports) follows the same contract:

- an import never half-happens: the file is read and its structure checked before anything is written
  (a wrong file raises `ImportFileError`, whose message says what is wrong in words a person can act on),
  then written inside one transaction;
- rows are numbered as a person finds them (a spreadsheet's line, a record's number and id), and the
  `ImportReport` says, row by row, what was created, updated, left alone, skipped or "fell back" (used
  in part: a point instead of a broken outline) and why;
- values are parsed by the `parse_*` functions below, which raise `BadValue` with the column's name and
  the reason; `ImportReport.check()` turns that into a row error.
"""

import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from mobilization.core.errors import DomainError
from mobilization.core.spreadsheet import FORMULA_START
from mobilization.core.typography import label_value

Progress = Callable[[str, int, int], None]  # (file name, rows read, rows in the file)
PROGRESS_EVERY = 250
MAX_UPLOAD_SIZE = 5 * 1024 * 1024


class ImportFileError(DomainError):
    """The file is not what the importer expects (not JSON, wrong columns...); nothing was written."""


class SkipRow(Exception):
    """This row cannot be used: `code` groups the reasons in the summary, `message` says it in full."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class BadValue(Exception):
    """A value of a row cannot be read; the message names the column and says why."""


@dataclass
class RowNote:
    """Why one row was skipped or fell back. `row` says where it is: "line 32 (ID1217)"."""

    row: str
    codes: list[str]
    message: str


@dataclass
class ImportReport:
    """What one file's import did (or, when `errors` is not empty, why it did nothing)."""

    file_name: str = ""
    what: str = ""
    format: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0  # rows that were already imported...
    changed: int = 0  # ...of which these had different data
    unchanged: int = 0
    fell_back: list[RowNote] = field(default_factory=list)
    skipped: list[RowNote] = field(default_factory=list)
    # All-or-nothing imports: row number → reasons; one error rejects the file.
    errors: dict[int, list[str]] = field(default_factory=dict)
    references: dict[int, str] = field(default_factory=dict)  # row number → the row's own key
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated

    @property
    def succeeded(self) -> bool:
        return not self.errors

    def add(self, row: int, message: str) -> None:
        """Record an error of a row (row 1 is a file's header: an error there is about the file)."""
        self.errors.setdefault(row, []).append(message)

    def check(self, row: int, parse: Callable, *args, **kwargs):
        """`parse(*args, **kwargs)`, or None with the row's error recorded when the value is bad."""
        try:
            return parse(*args, **kwargs)
        except BadValue as error:
            self.add(row, str(error))
            return None

    def summary(self) -> str:
        return _(
            "%(file)s (%(what)s): %(rows)d rows read, %(created)d new, %(updated)d updated "
            "(%(changed)d changed), %(fell_back)d fell back, %(skipped)d skipped."
        ) % {
            "file": self.file_name,
            "what": self.what,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "changed": self.changed,
            "fell_back": len(self.fell_back),
            "skipped": len(self.skipped),
        }

    @staticmethod
    def count_reasons(notes: list[RowNote]) -> Counter:
        return Counter(code for note in notes for code in note.codes)

    def lines(self, *, each_row: bool = True) -> list[str]:
        """The summary, the reasons counted, then (if asked) every row that fell back or was skipped."""
        lines = [self.summary()]
        for title, notes in ((_("fell back"), self.fell_back), (_("skipped"), self.skipped)):
            if not notes:
                continue
            reasons = ", ".join(
                f"{count} × {code}" for code, count in self.count_reasons(notes).most_common()
            )
            lines.append(f"  {label_value(title, reasons)}")
            if each_row:
                lines.extend(f"    {label_value(note.row, note.message)}" for note in notes)
        return lines

    def as_dict(self) -> dict:
        """What an all-or-nothing import stores of its outcome (JSON)."""
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


# --- Reading files ----------------------------------------------------------------------------------------


def decode(data: bytes, *, max_size: int = MAX_UPLOAD_SIZE) -> str:
    """An uploaded file's text: UTF-8 (a BOM is dropped), no NUL byte nor control character, not empty."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if len(data) > max_size:
        raise ImportFileError(_("The file is larger than %(size)d MB.") % {"size": max_size // (1024 * 1024)})
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


def csv_records(text: str, delimiter: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header (lowercased) and the (row number, values) of every non-blank record of a CSV text;
    row 1 is the header, as a spreadsheet numbers it. A record with values beyond the header's columns
    has `record["__extra__"]` true."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV is malformed near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [column.strip().lower() for column in rows[0]]
    records = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        record = {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(header)}
        record["__extra__"] = len(values) > len(header) and any(v.strip() for v in values[len(header) :])
        records.append((number, record))
    return header, records


def read_json(path: Path) -> Any:
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig") as file:
            return json.load(file)
    except FileNotFoundError:
        raise ImportFileError(_("%(file)s: no such file.") % {"file": path}) from None
    except UnicodeDecodeError:
        raise ImportFileError(_("%(file)s is not UTF-8 text.") % {"file": path.name}) from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("%(file)s is not valid JSON (line %(line)d, column %(column)d: %(error)s).")
            % {"file": path.name, "line": error.lineno, "column": error.colno, "error": error.msg}
        ) from None
    except OSError as error:
        raise ImportFileError(
            _("%(file)s cannot be read: %(error)s") % {"file": path, "error": error}
        ) from None


def _check_keys(path: Path, present: set, required: tuple[str, ...], what: str) -> None:
    """Refuse a file in which no record has the keys the importer needs: it is the wrong file."""
    missing = [key for key in required if key not in present]
    if missing:
        raise ImportFileError(
            _("%(file)s has no %(what)s %(missing)s: is it the right export? Expected %(required)s.")
            % {
                "file": path.name,
                "what": what,
                "missing": ", ".join(missing),
                "required": ", ".join(required),
            }
        )


def read_feature_collection(path: Path, required_properties: tuple[str, ...]) -> list[tuple[str, Any]]:
    """The features of a GeoJSON FeatureCollection, each with where it is: ("feature 3", {...})."""
    path = Path(path)
    data = read_json(path)
    if not (isinstance(data, dict) and data.get("type") == "FeatureCollection"):
        raise ImportFileError(_("%(file)s is not a GeoJSON FeatureCollection.") % {"file": path.name})
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise ImportFileError(_("%(file)s has no features.") % {"file": path.name})
    present = set()
    for feature in features:
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
            present.update(feature["properties"])
    _check_keys(path, present, required_properties, _("properties"))
    return [
        (_("feature %(number)d") % {"number": number}, feature) for number, feature in enumerate(features, 1)
    ]


def read_records(path: Path, required_keys: tuple[str, ...], id_key: str) -> list[tuple[str, Any]]:
    """The records of a JSON array export (opendata.paris.fr's "JSON" format), each with where it is."""
    path = Path(path)
    data = read_json(path)
    if not isinstance(data, list):
        raise ImportFileError(
            _("%(file)s is not a JSON array of records (the opendata.paris.fr JSON export).")
            % {"file": path.name}
        )
    if not data:
        raise ImportFileError(_("%(file)s has no records.") % {"file": path.name})
    present = set()
    for record in data:
        if isinstance(record, dict):
            present.update(record)
    _check_keys(path, present, required_keys, _("fields"))
    rows = []
    for number, record in enumerate(data, 1):
        record_id = record.get(id_key) if isinstance(record, dict) else None
        where = _("record %(number)d") % {"number": number}
        rows.append((f"{where} ({id_key} {record_id})" if record_id else where, record))
    return rows


def read_csv(
    path: Path, required_columns: tuple[str, ...], id_column: str, delimiter: str = ";"
) -> list[tuple[str, Any]]:
    """The rows of a CSV export as dicts, each with its line in the file: ("line 32 (ID1217)", {...})."""
    path = Path(path)
    rows = []
    # Outlines of the woods are long: the city's export cuts them at 32,767 characters, but a fixed
    # export would exceed the csv module's default cell limit (128 KiB).
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file, delimiter=delimiter)
            header = reader.fieldnames or []
            if len(header) < 2:
                raise ImportFileError(
                    _(
                        "%(file)s is not a '%(delimiter)s'-separated CSV file: "
                        "its first line has a single column."
                    )
                    % {"file": path.name, "delimiter": delimiter}
                )
            missing = [column for column in required_columns if column not in header]
            if missing:
                raise ImportFileError(
                    _("%(file)s lacks the columns %(missing)s: is it the right export? Found: %(found)s.")
                    % {"file": path.name, "missing": ", ".join(missing), "found": ", ".join(header)}
                )
            for row in reader:
                row_id = (row.get(id_column) or "").strip()
                where = _("line %(number)d") % {"number": reader.line_num}
                rows.append((f"{where} ({row_id})" if row_id else where, row))
    except FileNotFoundError:
        raise ImportFileError(_("%(file)s: no such file.") % {"file": path}) from None
    except UnicodeDecodeError:
        raise ImportFileError(_("%(file)s is not UTF-8 text.") % {"file": path.name}) from None
    except csv.Error as error:
        raise ImportFileError(
            _("%(file)s is not a readable CSV file: %(error)s") % {"file": path.name, "error": error}
        ) from None
    if not rows:
        raise ImportFileError(_("%(file)s has no rows.") % {"file": path.name})
    return rows


def differs(instance: models.Model, values: dict) -> bool:
    """Whether saving these values would change the instance (foreign keys compared by id, no query)."""
    for name, value in values.items():
        if isinstance(value, models.Model) or (value is None and f"{name}_id" in instance.__dict__):
            if getattr(instance, f"{name}_id") != (value.pk if value is not None else None):
                return True
        elif getattr(instance, name) != value:
            return True
    return False


# --- Reading values ---------------------------------------------------------------------------------------


def clean(text: Any) -> str:
    """A text value with its runs of spaces collapsed ("2  RUE MORLOT" → "2 RUE MORLOT"); "" for nothing."""
    if text is None:
        return ""
    return " ".join(str(text).split())


def yes_no(value: Any) -> bool | None:
    """The city's "Oui"/"Non" (or "OUI"/"NON") as True/False; None when empty or anything else."""
    return {"oui": True, "non": False}.get(clean(value).lower())


def unescape_formula(value: str) -> str:
    """Our exports guard cells that a spreadsheet would run as a formula with a leading apostrophe
    (`spreadsheet_safe`); reading our own file back takes it off."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        return value[1:]
    return value


def parse_decimal(
    value: str, name: str, *, low=None, high=None, positive=False, max_digits=14, places=2
) -> Decimal | None:
    """A number written with a point or a French comma (and spaces between thousands); None if empty."""
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


def parse_float(value: str, name: str, low: float, high: float) -> float | None:
    number = parse_decimal(value, name, low=low, high=high, max_digits=20, places=8)
    return None if number is None else float(value.replace(",", "."))


def parse_date(value: str, name: str, *, lenient: bool = False) -> date | None:
    """An ISO date (YYYY-MM-DD); `lenient` also reads DD/MM/YYYY and a date-time's date."""
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


def parse_text(value: str, name: str, max_length: int, *, required: bool = False) -> str:
    value = unescape_formula(value)
    if required and not value:
        raise BadValue(_("%(column)s is required.") % {"column": name})
    if len(value) > max_length:
        raise BadValue(
            _("%(column)s is longer than %(max)s characters.") % {"column": name, "max": max_length}
        )
    return value


def parse_choice(value: str, name: str, choices: type[models.TextChoices], default: str) -> str:
    """One of `choices`' values, written in any case, with spaces or dashes for underscores."""
    if value == "":
        return default
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    if key in choices.values:
        return key
    raise BadValue(
        _("%(column)s: “%(value)s” is not one of %(choices)s.")
        % {"column": name, "value": value[:40], "choices": ", ".join(choices.values)}
    )

"""What every importer shares: reading and checking a file, and the report it gives back.

An import never half-happens: each file is read and its structure checked before anything is written
(a wrong file raises ImportFileError), then written inside one transaction. Rows it cannot use are
skipped, rows it can use only in part "fall back" (a point instead of a broken outline...), and the
report says which and why, row by row.
"""

import csv
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

PARIS_DATA = Path(__file__).resolve().parent.parent / "data" / "paris"  # the project's copy of the exports

Progress = Callable[[str, int, int], None]  # (file name, rows read, rows in the file)
PROGRESS_EVERY = 250


class ImportFailed(Exception):
    """The import cannot run at all; nothing was written."""


class ImportFileError(ImportFailed):
    """The file is not what the importer expects (not JSON, wrong columns...); nothing was written."""


class SkipRow(Exception):
    """This row cannot be used: ``code`` groups the reasons in the summary, ``message`` says it in full."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class RowNote:
    """Why one row was skipped or fell back. ``row`` says where it is: "line 32 (ID1217)"."""

    row: str
    codes: list[str]
    message: str


@dataclass
class ImportReport:
    """What one file's import did."""

    file_name: str
    what: str
    rows: int = 0
    created: int = 0
    updated: int = 0  # rows that were already imported...
    changed: int = 0  # ...of which these had different data
    fell_back: list[RowNote] = field(default_factory=list)
    skipped: list[RowNote] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated

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
            lines.append(f"  {title}: {reasons}")
            if each_row:
                lines.extend(f"    {note.row}: {note.message}" for note in notes)
        return lines


# --- Reading files --------------------------------------------------------------------------------------


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


def differs(instance, values: dict) -> bool:
    """Whether saving these values would change the instance (foreign keys compared by id, no query)."""
    for name, value in values.items():
        if isinstance(value, models.Model) or (value is None and f"{name}_id" in instance.__dict__):
            if getattr(instance, f"{name}_id") != (value.pk if value is not None else None):
                return True
        elif getattr(instance, name) != value:
            return True
    return False


# --- Reading values -------------------------------------------------------------------------------------


def clean(text: Any) -> str:
    """A text value with its runs of spaces collapsed ("2  RUE MORLOT" → "2 RUE MORLOT"); "" for nothing."""
    if text is None:
        return ""
    return " ".join(str(text).split())


_LOWER_WORDS = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "et",
    "à",
    "a",
    "au",
    "aux",
    "sur",
    "en",
    "sous",
    "bis",
    "ter",
}


_ROMAN_NUMERAL = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


_ORDINAL = re.compile(r"(\d+)(ER|RE|E|EME|ÈME)")


def _word_case(word: str, first: bool) -> str:
    if ordinal := _ORDINAL.fullmatch(word):
        return ordinal[1] + ordinal[2].lower()  # "1ER" → "1er", "20EME" → "20eme"
    if any(character.isdigit() for character in word) or _ROMAN_NUMERAL.fullmatch(word.upper()):
        return word  # house numbers, codes and numerals: "37F", "75116", "Jean XXIII"
    if "-" in word:
        return "-".join(_word_case(part, first=True) for part in word.split("-"))
    for elision in ("l'", "d'", "l’", "d’"):
        if word.lower().startswith(elision) and len(word) > 2:
            prefix = word[:2].lower() if not first else word[0].upper() + word[1].lower()
            return prefix + word[2:].capitalize()
    if not first and word.lower() in _LOWER_WORDS:
        return word.lower()
    return word.capitalize()


def readable_case(text: Any) -> str:
    """A name or address in capitals ("2  RUE DE L'EGLISE") reads "2 Rue de l'Eglise"; others stay."""
    text = clean(text)
    if not text.isupper():
        return text
    words = text.split(" ")
    return " ".join(
        _word_case(word, first=(index == 0 or words[index - 1].isdigit())) for index, word in enumerate(words)
    )


def yes_no(value: Any) -> bool | None:
    """The city's "Oui"/"Non" (or "OUI"/"NON") as True/False; None when empty or anything else."""
    return {"oui": True, "non": False}.get(clean(value).lower())


_PARIS_POSTCODE = re.compile(r"75[01](\d{2})")


def paris_arrondissement_number(code: Any) -> int | None:
    """The arrondissement a Paris postcode or INSEE code names: "75009" → 9, "75116" → 16, "94300" → None."""
    match = _PARIS_POSTCODE.fullmatch(clean(code))
    if match and 1 <= int(match[1]) <= 20:
        return int(match[1])
    return None

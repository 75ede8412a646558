"""CSV import and export of plan actions, all-or-nothing, on the kernel's import kit (`core.importing`).

Two formats, told apart by the header (`detect_format`):

- the platform's own (comma-separated), the one the download writes: `own.py`, `export.py`;
- Decidim's accountability results export (semicolon-separated): `decidim.py`.

The whole file is read and every row checked before anything is written: one bad row rejects the file,
and the report lists the rows (numbered as a spreadsheet shows them, the header being row 1) with their
reasons. Otherwise the actions are created or updated by reference in one transaction (`rows.apply`); an
action already here changes through the kernel's transition helper, as a staff edit does.
"""

import csv

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from mobilization.core.importing import ImportFileError, ImportReport, csv_records, decode
from mobilization.plan.actions.importers import decidim, own
from mobilization.plan.actions.importers.decidim import decidim_sector, decidim_status
from mobilization.plan.actions.importers.export import ACTIONS, export_csv, export_rows
from mobilization.plan.actions.importers.rows import CREATE, UNCHANGED, UPDATE, apply, check_across_rows, plan
from mobilization.plan.actions.models import ActionImport

__all__ = [
    "ACTIONS",
    "decidim_sector",
    "decidim_status",
    "detect_format",
    "export_csv",
    "export_rows",
    "import_actions",
    "outcomes_of",
    "preview_actions",
]

FORMATS = {ActionImport.Format.OWN: own, ActionImport.Format.DECIDIM: decidim}


def _header(text: str, delimiter: str) -> list[str]:
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return [column.strip().lower() for column in next(csv.reader([first_line], delimiter=delimiter), [])]


def detect_format(text: str) -> tuple[str, str]:
    """(format, delimiter) from the header row; raises ImportFileError when it is neither format."""
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    comma, semicolon = _header(text, own.DELIMITER), _header(text, decidim.DELIMITER)
    if "reference" in comma and "title" in comma:
        return ActionImport.Format.OWN, own.DELIMITER
    if "id" in semicolon and any(column.startswith("title/") for column in semicolon):
        return ActionImport.Format.DECIDIM, decidim.DELIMITER
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


def _read(data: bytes | str, report: ImportReport):
    """(importer, records) of a file whose header is right, else None with the file's error reported."""
    try:
        text = decode(data) if isinstance(data, bytes) else data
        report.format, delimiter = detect_format(text)
        header, records = csv_records(text, delimiter)
    except ImportFileError as error:
        report.add(1, error.message)
        return None
    report.rows = len(records)
    importer = FORMATS[report.format]
    missing = importer.check_header(header, report)
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if missing or duplicated:
        if missing:
            report.add(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        if duplicated:
            report.add(1, _("Columns named twice: %(columns)s.") % {"columns": ", ".join(duplicated)})
        return None
    if not records:
        report.add(1, _("The file has a header but no action."))
        return None
    return importer, records


def _parse(importer, records, report: ImportReport, sector_mapping: dict | None):
    if importer is decidim:
        parsed = importer.parse(records, report, sector_mapping=sector_mapping)
    else:
        parsed = importer.parse(records, report)
    check_across_rows(parsed, report)
    return parsed


def preview_actions(data: bytes | str) -> tuple[ImportReport, dict]:
    """Check the whole file and say what importing it would do, changing nothing: for each row, whether
    its action is created, updated (which fields) or left alone, the locale of each text, the status, the
    sector chosen for the category and the district found for the scope; and the file's categories with
    the sector offered for each (remembered from the last import, else suggested by their words)."""
    report = ImportReport(format=ActionImport.Format.UNKNOWN)
    read = _read(data, report)
    if read is None:
        return report, {}
    parsed = _parse(*read, report, None)
    if report.errors:
        return report, {}
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):  # as `import_actions` compares
        rows = plan(parsed)
    categories: dict[str, dict] = {}
    for row in rows:
        if row.get("category"):
            categories.setdefault(
                row["category"],
                {"name": row["category"], "sector": row["sector"], "reason": row["sector_reason"], "rows": 0},
            )
            categories[row["category"]]["rows"] += 1
    counts = {
        outcome: sum(row["outcome"] == outcome for row in rows) for outcome in (CREATE, UPDATE, UNCHANGED)
    }
    return report, {"rows": rows, "categories": list(categories.values()), "counts": counts}


def outcomes_of(preview_rows: list[dict]) -> list[tuple[int, str, str]]:
    """What a preview promised, row by row: (row, reference, outcome)."""
    return [(row["row"], row["reference"], row["outcome"]) for row in preview_rows]


def import_actions(
    data: bytes | str, *, by=None, sector_mapping: dict | None = None, expected: list | None = None
) -> ImportReport:
    """Check the whole file; if every row is right, create or update the actions in one transaction.

    `by` is who uploaded the file: the changes of actions already here are audited in their name.
    `sector_mapping` is the sector staff chose for each Decidim category. `expected` is what the preview
    staff confirmed promised (`outcomes_of`): when the actions changed since, so that the file would now
    do something else, nothing is written and the report says to preview it again."""
    report = ImportReport(format=ActionImport.Format.UNKNOWN)
    read = _read(data, report)
    if read is None:
        return report
    with transaction.atomic():
        parsed = _parse(*read, report, sector_mapping)
        if report.errors:
            return report
        # Texts that name no language (this platform's `title`, `description`...) are in the city's
        # language, whichever page the file came from: `title` reads and writes the column of the language
        # active now. (The report's messages stay in the language of the person who uploaded the file.)
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            outcomes = [list(outcome) for outcome in outcomes_of(plan(parsed))]
        if expected is not None and outcomes != [list(outcome) for outcome in expected]:
            report.add(
                1,
                _(
                    "The plan's actions changed since the preview, so this file would now do something "
                    "else than you confirmed. Nothing was imported: upload the file again to see a new "
                    "preview."
                ),
            )
            return report
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            apply(parsed, report, by=by)
    return report

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
from mobilization.plan.actions.importers.rows import apply, check_across_rows
from mobilization.plan.actions.models import ActionImport

__all__ = [
    "ACTIONS",
    "decidim_sector",
    "decidim_status",
    "detect_format",
    "export_csv",
    "export_rows",
    "import_actions",
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


def import_actions(data: bytes | str, *, by=None) -> ImportReport:
    """Check the whole file; if every row is right, create or update the actions in one transaction.

    `by` is who uploaded the file: the changes of actions already here are audited in their name."""
    report = ImportReport(format=ActionImport.Format.UNKNOWN)
    try:
        text = decode(data) if isinstance(data, bytes) else data
        report.format, delimiter = detect_format(text)
        header, records = csv_records(text, delimiter)
    except ImportFileError as error:
        report.add(1, error.message)
        return report
    report.rows = len(records)
    importer = FORMATS[report.format]
    missing = importer.check_header(header, report)
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
        parsed = importer.parse(records, report)
        check_across_rows(parsed, report)
        if report.errors:
            return report
        # Texts that name no language (this platform's `title`, `description`...) are in the city's language,
        # whichever page the file came from: `title` writes the column of the language active now.
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            apply(parsed, report, by=by)
    return report

"""The platform's own format: comma-separated, UTF-8 with or without BOM, one row per action, the format
the download writes (`export.py`) and the import reads back. `COLUMNS` describes it, column by column, for
the downloads page and the files' README."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from mobilization.core.importing import (
    ImportReport,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_float,
    parse_text,
    unescape_formula,
)
from mobilization.core.opendata import Column
from mobilization.plan.actions.importers.rows import (
    MAX_DESCRIPTION,
    ParsedRow,
    check_dates_and_place,
    check_extra_values,
    parse_reference,
)
from mobilization.plan.actions.models import Action
from mobilization.plan.actions.services import STATUS_PROGRESS
from mobilization.plan.downloads import columns

DELIMITER = ","
# What the import reads.
COLUMNS = (
    Column(
        "reference",
        gettext_lazy(
            "The action's short code, unique and stable (letters, digits, dashes, underscores). Required."
        ),
    ),
    Column(
        "parent_reference",
        gettext_lazy("The reference of the action it is part of; empty for a top-level action."),
    ),
    Column("title", gettext_lazy("Required, at most 255 characters.")),
    Column("description", gettext_lazy("Markdown.")),
    Column("objectives", gettext_lazy("Short names of the plan's objectives, separated by |.")),
    Column("sector", ", ".join(Action.Sector.values)),
    Column("department", gettext_lazy("The city department in charge.")),
    Column(
        "status",
        format_lazy(
            "{statuses} — {meaning}",
            statuses=", ".join(f"{status} ({progress:f} %)" for status, progress in STATUS_PROGRESS.items()),
            meaning=gettext_lazy("the progress each status implies"),
        ),
    ),
    Column(
        "progress",
        gettext_lazy(
            "A progress set by hand (0 to 100) instead of the one the status implies; empty otherwise."
        ),
        unit="%",
    ),
    *columns("start_date, end_date", gettext_lazy("YYYY-MM-DD; the end cannot be before the start.")),
    *columns("budget_planned, budget_spent", gettext_lazy("Euros, a dot before the cents."), unit="€"),
    Column(
        "weight",
        gettext_lazy(
            "The action's share in its parent's progress (greater than 0). Without weights, sub-actions "
            "count equally; a sub-action without a weight among weighted ones counts with their mean weight."
        ),
    ),
    *columns("lat, lon", gettext_lazy("Location, WGS84 degrees, both or neither."), unit="°"),
)
# Written by the download for readers, ignored by the import (it is computed).
EXPORT_ONLY_COLUMNS = (
    Column(
        "computed_progress",
        gettext_lazy(
            "The progress shown on the platform (from the status, the override or the sub-actions). "
            "Written by the download, ignored by the import."
        ),
        unit="%",
    ),
)
NAMES = [column.name for column in COLUMNS]
EXPORT_ONLY_NAMES = [column.name for column in EXPORT_ONLY_COLUMNS]
REQUIRED = ["reference", "title"]


def check_header(header: list[str], report: ImportReport) -> list[str]:
    """The required columns missing; the columns the import does not know are noted as ignored."""
    report.ignored_columns = [column for column in header if column not in NAMES + EXPORT_ONLY_NAMES]
    return [column for column in REQUIRED if column not in header]


def parse(records, report: ImportReport) -> list[ParsedRow]:
    parsed = []
    for row, record in records:
        v = record.get
        check = report.check
        check_extra_values(row, report, record)
        reference = check(row, parse_reference, v("reference", ""))
        report.references[row] = v("reference", "")[:64]
        parent = (
            check(row, parse_reference, v("parent_reference", ""), "parent_reference")
            if v("parent_reference", "")
            else ""
        )
        fields = {
            "title": check(row, parse_text, v("title", ""), "title", 255, required=True),
            "description": check(row, parse_text, v("description", ""), "description", MAX_DESCRIPTION),
            "department": check(row, parse_text, v("department", ""), "department", 160),
            "sector": check(row, parse_choice, v("sector", ""), "sector", Action.Sector, Action.Sector.OTHER),
            "status": check(
                row, parse_choice, v("status", ""), "status", Action.Status, Action.Status.PLANNED
            ),
            "progress_override": check(row, parse_decimal, v("progress", ""), "progress", low=0, high=100),
            "start_date": check(row, parse_date, v("start_date", ""), "start_date"),
            "end_date": check(row, parse_date, v("end_date", ""), "end_date"),
            "budget_planned": check(
                row, parse_decimal, v("budget_planned", ""), "budget_planned", low=0, high=None
            ),
            "budget_spent": check(
                row, parse_decimal, v("budget_spent", ""), "budget_spent", low=0, high=None
            ),
            "weight": check(
                row, parse_decimal, v("weight", ""), "weight", positive=True, max_digits=8, places=3
            ),
            "latitude": check(row, parse_float, v("lat", ""), "lat", -90, 90),
            "longitude": check(row, parse_float, v("lon", ""), "lon", -180, 180),
        }
        check_dates_and_place(row, report, fields)
        # The download guards a cell a spreadsheet would run (a short name starting with "-"): undone here.
        objectives = unescape_formula(v("objectives", ""))
        objectives = sorted({slug.strip() for slug in objectives.split("|") if slug.strip()})
        parsed.append(ParsedRow(row, reference or "", parent or "", fields, objectives))
    return parsed

"""The CSV export of actions, in the platform's own format (`own.py`): what the import reads back, so that
a download can be corrected in a spreadsheet and imported again. Served as open data through the kernel's
kit (`core.opendata`): text a spreadsheet would run as a formula is guarded there, and the import takes
the guard off again."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mobilization.core.opendata import CSV, ODBL, Dataset, csv_lines
from mobilization.core.translation import text_in
from mobilization.plan.actions.importers import own
from mobilization.plan.actions.models import Action

# The import reads texts that name no language as the city's: the export writes them in it (else the other).
CITY_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def export_rows(queryset):
    """One row per action, by reference; the objectives' short names are joined with "|" by the writer."""
    actions = queryset.select_related("parent").prefetch_related("objectives").order_by("reference")
    for action in actions:
        yield {
            "reference": action.reference,
            "parent_reference": action.parent.reference if action.parent else "",
            "title": text_in(action, "title", CITY_LANGUAGE),
            "description": text_in(action, "description", CITY_LANGUAGE),
            "objectives": sorted(objective.slug for objective in action.objectives.all()),
            "sector": action.sector,
            "department": text_in(action, "department", CITY_LANGUAGE),
            "status": action.status,
            "progress": action.progress_override,
            "start_date": action.start_date,
            "end_date": action.end_date,
            "budget_planned": action.budget_planned,
            "budget_spent": action.budget_spent,
            "weight": action.weight,
            "lat": action.latitude,
            "lon": action.longitude,
            "computed_progress": action.progress,
        }


ACTIONS = Dataset(
    slug="plan-actions",
    title=_("Climate Plan actions"),
    description=_("UTF-8, comma-separated, one row per action; the same format the import reads."),
    columns=own.COLUMNS + own.EXPORT_ONLY_COLUMNS,
    licence=ODBL,
    rows=lambda actions=None: export_rows(Action.objects.all() if actions is None else actions),
    formats=(CSV,),
)


def export_csv(queryset) -> str:
    """The actions' CSV file as text (the download streams the same lines)."""
    return "".join(csv_lines(ACTIONS, export_rows(queryset)))

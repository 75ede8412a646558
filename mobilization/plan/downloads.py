"""Open data downloads of the plan: objectives with their targets, and every indicator value, in CSV and JSON,
through the kernel's kit (`core.opendata`).

Each dataset describes its columns; the open data page shows that description as the dataset's README,
and the same text is served inside the JSON files. The figures are the City of Paris's, under the ODbL;
the attribution says which of them the platform derived.
"""

from django.utils.translation import gettext_lazy as _

from mobilization.core.opendata import CSV, JSON, ODBL, Column, Dataset, text_column_docs, text_columns
from mobilization.plan.models import IndicatorValue, Objective
from mobilization.plan.trajectory import load_trajectories

FORMATS = (CSV, JSON)
ATTRIBUTION = _(
    "“Ville de Paris — Climate Plan figures, via the Climate Mobilization Platform”. The figures are the "
    "City's published ones, but for those whose status is “derived”: the platform computed them from "
    "published ones, and their note says how. Sources are given row by row."
)


def objective_rows():
    """One row per target of each objective (one with empty target columns for an objective without)."""
    for trajectory in load_trajectories(Objective.objects.all()):
        objective = trajectory.objective
        latest = trajectory.assessment.latest
        common = {
            "objective": objective.slug,
            **text_columns(objective, "title"),
            **text_columns(objective, "metric"),
            "unit": objective.unit,
            "direction": objective.direction,
            "baseline_year": objective.baseline_year,
            "baseline_value": objective.baseline_value,
            "latest_year": latest.year if latest else None,
            "latest_value": latest.value if latest else None,
            "status": str(trajectory.status),
            "gap_at_next_target": trajectory.assessment.gap_at_next,
        }
        targets = trajectory.targets or [None]
        for target in targets:
            yield {
                **common,
                "target_year": target.year if target else None,
                "target_value": target.target_value if target else None,
                "target_percent_of_baseline": target.percent_of_baseline if target else None,
                "target_is_net_zero": target.is_net_zero if target else None,
                "target_label": target.label if target else "",
            }


def value_rows():
    values = IndicatorValue.objects.select_related("indicator__objective").order_by("indicator__slug", "year")
    for value in values.iterator(chunk_size=2000):
        yield {
            "indicator": value.indicator.slug,
            **text_columns(value.indicator, "title", column="indicator_title"),
            "objective": value.indicator.objective.slug if value.indicator.objective else "",
            **text_columns(value.indicator, "sector"),
            "unit": value.indicator.unit,
            "year": value.year,
            "date": value.period_date.isoformat() if value.period_date else "",
            "value": value.value,
            "status": value.status,
            "source": value.source_citation,
            "source_url": value.source_url,
            **text_columns(value, "note"),
        }


def columns(names: str, description, *, unit: str = "") -> tuple[Column, ...]:
    """Columns that one description speaks of together: "title, title_fr" (a text and its French
    version), "start_date, end_date"."""
    return tuple(Column(name.strip(), description, unit) for name in names.split(","))


OBJECTIVES = Dataset(
    slug="objectives",
    title=_("Climate Plan objectives and targets"),
    description=_(
        "One row per target of each objective (an objective without a target has one row with empty "
        "target columns), with the latest figure and the status computed by the platform."
    ),
    columns=(
        Column("objective", _("short name of the objective")),
        *text_column_docs("title", _("its title"), languages=("fr",)),
        *text_column_docs("metric", _("what is measured"), languages=("fr",)),
        Column("unit", _("unit of every value of the row")),
        Column("direction", _("“down” when lower is better, “up” when higher is better")),
        *columns(
            "baseline_year, baseline_value", _("the reference year and its value (empty if not published)")
        ),
        *columns("latest_year, latest_value", _("the latest published figure of the headline indicator")),
        Column("status", _("achieved, on_track, off_track, not_enough_data, no_recent_data or no_data")),
        Column(
            "gap_at_next_target",
            _(
                "projected value minus the next target, in the unit; once every target year is past, the "
                "latest figure minus the last target"
            ),
        ),
        *columns(
            "target_year, target_value",
            _(
                "the target and its value in the unit (computed from the percentage when given as a change "
                "against the baseline)"
            ),
        ),
        Column(
            "target_percent_of_baseline",
            _("the target as a change against the baseline in %, if so given"),
            unit="%",
        ),
        Column("target_is_net_zero", _("true for a carbon neutral (zero) target")),
        Column("target_label", _("the target in words")),
        *text_column_docs("title", _("its title"), languages=("en",), main=False),
        *text_column_docs("metric", _("what is measured"), languages=("en",), main=False),
    ),
    licence=ODBL,
    rows=objective_rows,
    formats=FORMATS,
    attribution=ATTRIBUTION,
)
INDICATOR_VALUES = Dataset(
    slug="indicator-values",
    title=_("Climate Plan indicator values"),
    description=_(
        "Every value of every indicator (including sector breakdowns), one row each, with its source."
    ),
    columns=(
        Column("indicator", _("short name of the indicator")),
        *text_column_docs("indicator_title", _("title of the indicator"), languages=("fr",)),
        Column("objective", _("the objective it measures (empty if none)")),
        *text_column_docs("sector", _("the sector of a breakdown; empty for a total"), languages=("fr",)),
        Column("unit", _("unit of the value")),
        *columns("year, date", _("the year, and the end date of a period shorter than a year (else empty)")),
        Column("value", _("the figure")),
        Column(
            "status", _("provisional, final, or derived (computed by the platform from published figures)")
        ),
        *columns("source, source_url", _("who published it, and where")),
        *text_column_docs(
            "note", _("how it was computed; “derived” values say from what"), languages=("fr",)
        ),
        *text_column_docs("indicator_title", _("title of the indicator"), languages=("en",), main=False),
        *text_column_docs(
            "sector", _("the sector of a breakdown; empty for a total"), languages=("en",), main=False
        ),
        *text_column_docs(
            "note", _("how it was computed; “derived” values say from what"), languages=("en",), main=False
        ),
    ),
    licence=ODBL,
    rows=value_rows,
    formats=FORMATS,
    attribution=ATTRIBUTION,
)
DATASETS = {dataset.slug: dataset for dataset in (OBJECTIVES, INDICATOR_VALUES)}

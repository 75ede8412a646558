"""Open data downloads of the plan: objectives with their targets, and every indicator value, in CSV and JSON.

Each dataset describes its columns; the open data page shows that description as the dataset's README,
and the same text is served beside the files (`?readme` is not needed: the page lists it in full).
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from mobilization.core.spreadsheet import spreadsheet_safe
from mobilization.plan.models import IndicatorValue, Objective
from mobilization.plan.trajectory import load_trajectories

FORMATS = ("csv", "json")
LICENCE = _(
    "Open Database Licence (ODbL) 1.0. Attribution: “Ville de Paris — Climate Plan figures, via the Climate "
    "Mobilization Platform”. The figures are the City's published ones, but for those whose status is "
    "“derived”: the platform computed them from published ones, and their note says how. Sources are given "
    "row by row."
)


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[tuple[str, str], ...]
    rows: Callable[[], list[dict]]

    def readme(self) -> str:
        lines = [str(self.title), "", str(self.description), "", str(_("Columns:"))]
        lines += [f"- {name}: {meaning}" for name, meaning in self.columns]
        lines += ["", str(_("Licence:")) + " " + str(LICENCE)]
        return "\n".join(lines)


def objective_rows() -> list[dict]:
    rows = []
    for trajectory in load_trajectories(Objective.objects.all()):
        objective = trajectory.objective
        latest = trajectory.assessment.latest
        common = {
            "objective": objective.slug,
            "title": objective.title,
            "title_fr": objective.title_fr,
            "metric": objective.metric,
            "metric_fr": objective.metric_fr,
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
            rows.append(
                {
                    **common,
                    "target_year": target.year if target else None,
                    "target_value": target.target_value if target else None,
                    "target_percent_of_baseline": target.percent_of_baseline if target else None,
                    "target_is_net_zero": target.is_net_zero if target else None,
                    "target_label": target.label if target else "",
                }
            )
    return rows


def value_rows() -> list[dict]:
    values = IndicatorValue.objects.select_related("indicator__objective").order_by("indicator__slug", "year")
    return [
        {
            "indicator": value.indicator.slug,
            "indicator_title": value.indicator.title,
            "indicator_title_fr": value.indicator.title_fr,
            "objective": value.indicator.objective.slug if value.indicator.objective else "",
            "sector": value.indicator.sector,
            "sector_fr": value.indicator.sector_fr,
            "unit": value.indicator.unit,
            "year": value.year,
            "date": value.period_date.isoformat() if value.period_date else "",
            "value": value.value,
            "status": value.status,
            "source": value.source_citation,
            "source_url": value.source_url,
            "note": value.note,
            "note_fr": value.note_fr,
        }
        for value in values.iterator(chunk_size=2000)
    ]


DATASETS = {
    dataset.slug: dataset
    for dataset in (
        Dataset(
            "objectives",
            _("Climate Plan objectives and targets"),
            _(
                "One row per target of each objective (an objective without a target has one row with empty "
                "target columns), with the latest figure and the status computed by the platform."
            ),
            (
                ("objective", _("short name of the objective")),
                ("title, title_fr", _("its title, and its French version (empty when none was given)")),
                ("metric, metric_fr", _("what is measured, and its French version")),
                ("unit", _("unit of every value of the row")),
                ("direction", _("“down” when lower is better, “up” when higher is better")),
                (
                    "baseline_year, baseline_value",
                    _("the reference year and its value (empty if not published)"),
                ),
                ("latest_year, latest_value", _("the latest published figure of the headline indicator")),
                ("status", _("achieved, on_track, off_track, not_enough_data, no_recent_data or no_data")),
                (
                    "gap_at_next_target",
                    _(
                        "projected value minus the next target, in the unit; once every target year is "
                        "past, the latest figure minus the last target"
                    ),
                ),
                (
                    "target_year, target_value",
                    _(
                        "the target and its value in the unit (computed from the "
                        "percentage when given as a change against the baseline)"
                    ),
                ),
                (
                    "target_percent_of_baseline",
                    _("the target as a change against the baseline in %, if so given"),
                ),
                ("target_is_net_zero", _("true for a carbon neutral (zero) target")),
                ("target_label", _("the target in words")),
            ),
            objective_rows,
        ),
        Dataset(
            "indicator-values",
            _("Climate Plan indicator values"),
            _("Every value of every indicator (including sector breakdowns), one row each, with its source."),
            (
                (
                    "indicator, indicator_title, indicator_title_fr",
                    _("short name and title of the indicator, and its French title"),
                ),
                ("objective", _("the objective it measures (empty if none)")),
                ("sector, sector_fr", _("the sector of a breakdown, and its French name; empty for a total")),
                ("unit", _("unit of the value")),
                ("year, date", _("the year, and the end date of a period shorter than a year (else empty)")),
                ("value", _("the figure")),
                (
                    "status",
                    _("provisional, final, or derived (computed by the platform from published figures)"),
                ),
                ("source, source_url", _("who published it, and where")),
                (
                    "note, note_fr",
                    _("how it was computed, and its French version; “derived” values say from what"),
                ),
            ),
            value_rows,
        ),
    )
}


def respond(dataset: Dataset, format: str) -> HttpResponse:
    rows = dataset.rows()
    if format == "json":
        body = json.dumps(
            {"dataset": dataset.slug, "licence": str(LICENCE), "readme": dataset.readme(), "rows": rows},
            ensure_ascii=False,
            indent=1,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        buffer = io.StringIO()
        fields = list(rows[0]) if rows else [name for name, _meaning in dataset.columns]
        writer = csv.DictWriter(buffer, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-{dataset.slug}.{format}"'
    return response

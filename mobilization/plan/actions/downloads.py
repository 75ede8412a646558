"""Open-data downloads of the actions' milestones (their dated timelines), in CSV and JSON.

The actions themselves are downloaded in the import's own format (`importers.export_csv`, and the JSON
built from `api.action_payload`); their milestones get files of their own, one row per milestone, so that
a timeline can be read in a spreadsheet without unpacking the actions' JSON. The columns and the licence
are described on the downloads page (`plan_actions/downloads.html`), which the JSON file links to.

Only what the timeline shows the public is written: who entered a milestone (`created_by`) is left out.
"""

import csv
import io
import json

from mobilization.core.spreadsheet import spreadsheet_safe
from mobilization.plan.actions.models import Milestone

LICENCE = "ODbL-1.0"
MILESTONE_COLUMNS = ["action_reference", "date", "title", "description", "status", "progress"]


def milestone_rows(actions) -> list[dict]:
    """One dict per milestone of the given actions, by action reference then date, in one query."""
    milestones = (
        Milestone.objects.filter(action__in=actions.values("pk"))
        .order_by("action__reference", "date", "pk")
        .values("action__reference", "date", "title", "description", "status", "progress")
    )
    return [
        {
            "action_reference": milestone["action__reference"],
            "date": milestone["date"],
            "title": milestone["title"],
            "description": milestone["description"],
            "status": milestone["status"] or None,  # blank: the milestone did not change the status
            "progress": milestone["progress"],
        }
        for milestone in milestones.iterator(chunk_size=2000)
    ]


def _cell(value) -> str:
    if value is None:
        return ""
    return str(spreadsheet_safe(value))


def milestones_csv(actions) -> str:
    """UTF-8 CSV, comma-separated, with a header; text a spreadsheet would run as a formula is guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MILESTONE_COLUMNS)
    for row in milestone_rows(actions):
        writer.writerow([_cell(row[name]) for name in MILESTONE_COLUMNS])
    return buffer.getvalue()


def milestones_json(actions, *, readme_url: str) -> str:
    """The milestones with the licence and the address of the page that describes their columns.

    Dates are ISO 8601 and percentages strings, as in the actions' JSON download."""
    payload = {"licence": LICENCE, "readme": readme_url, "milestones": milestone_rows(actions)}
    return json.dumps(payload, ensure_ascii=False, indent=1, default=str)

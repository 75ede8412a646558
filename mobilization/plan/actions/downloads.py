"""Open-data downloads of plan actions, through the kernel's kit (`core.opendata`), under the ODbL.

- the actions in the import's own format, as CSV (`importers.ACTIONS`, written by `importers.export`);
- the actions as the API gives them, each with its sub-actions and dated milestones, as JSON
  (`ACTIONS_IN_DETAIL`);
- their milestones (the dated timelines), one row per milestone, as CSV and JSON (`MILESTONES`), so that a
  timeline can be read in a spreadsheet without unpacking the actions' JSON.

Each accepts the filters of the actions page: its rows function takes the filtered actions. The columns
are described once, here and in `importers/own.py`: the downloads page and each file's README show them.
Only what the pages show the public is written: who entered a milestone (`created_by`) is left out.
"""

from django.utils.translation import gettext_lazy as _

from mobilization.core.opendata import CSV, JSON, ODBL, Column, Dataset, text_column_docs
from mobilization.core.translation import localized_field_names
from mobilization.plan.actions.api import action_payload
from mobilization.plan.actions.importers import ACTIONS, own
from mobilization.plan.actions.models import Action, Milestone

__all__ = ["ACTIONS", "ACTIONS_IN_DETAIL", "MILESTONES"]


def _all_actions(actions=None):
    return Action.objects.all() if actions is None else actions


TEXT_COLUMNS = (*localized_field_names("title"), *localized_field_names("description"))


def milestone_rows(actions=None):
    """One dict per milestone of the given actions, by action reference then date, in one query."""
    milestones = (
        Milestone.objects.filter(action__in=_all_actions(actions).values("pk"))
        .order_by("action__reference", "date", "pk")
        .values(
            "action__reference",
            "date",
            "title",
            "description",
            "status",
            "progress",
            *localized_field_names("title"),
            *localized_field_names("description"),
        )  # fmt: skip
    )
    for milestone in milestones.iterator(chunk_size=2000):
        yield {
            "action_reference": milestone["action__reference"],
            "date": milestone["date"],
            "title": milestone["title"],
            "description": milestone["description"],
            "status": milestone["status"] or None,  # blank: the milestone did not change the status
            "progress": milestone["progress"],
            **{column: milestone[column] or "" for column in TEXT_COLUMNS},
        }


MILESTONES = Dataset(
    slug="plan-action-milestones",
    title=_("Climate Plan actions: milestones"),
    description=_(
        "Each milestone is a dated entry of an action's timeline. The CSV file and the JSON file have the "
        "same columns; in the JSON file an empty status or progress is null."
    ),
    columns=(
        Column(
            "action_reference",
            _(
                "The reference of the action the milestone belongs to (the reference column of the actions "
                "files)."
            ),
        ),
        Column("date", _("YYYY-MM-DD: when it happened, or is planned.")),
        Column(
            "title",
            _("What happened, at most 255 characters, in the language asked for (else in the other one)."),
        ),
        Column("description", _("Markdown; may be empty.")),
        Column(
            "status",
            _(
                "The action's status from that date on (planned, in_progress, delayed, completed, "
                "abandoned); empty when the milestone did not change it."
            ),
        ),
        Column(
            "progress",
            _(
                "The action's progress from that date on, 0 to 100; empty when the milestone did not give "
                "one."
            ),
            unit="%",
        ),
        *text_column_docs("title", _("What happened"), main=False),
        *text_column_docs("description", _("Markdown"), main=False),
    ),
    licence=ODBL,
    rows=milestone_rows,
    formats=(CSV, JSON),
)


def detailed_rows(actions=None):
    """Each action as the API gives it (`api.action_payload`), with its sub-actions and milestones."""
    actions = (
        _all_actions(actions)
        .select_related("parent")
        .prefetch_related("objectives", "milestones", "children")
    )
    for action in actions.order_by("reference"):
        yield action_payload(action, with_details=True)


_OWN = {column.name: column for column in own.COLUMNS}
ACTIONS_IN_DETAIL = Dataset(
    slug="plan-actions",
    title=_("Climate Plan actions"),
    description=_("The actions as the API gives them, each with its sub-actions and dated milestones."),
    columns=(
        _OWN["reference"],
        _OWN["title"],
        _OWN["parent_reference"],
        _OWN["sector"],
        _OWN["department"],
        _OWN["status"],
        Column(
            "progress",
            _("The progress shown on the platform (from the status, the override or the sub-actions)."),
            unit="%",
        ),
        Column("progress_override", _OWN["progress"].description, unit="%"),
        Column("objectives", _("Short names of the plan's objectives.")),
        _OWN["start_date"],
        _OWN["end_date"],
        _OWN["budget_planned"],
        _OWN["budget_spent"],
        _OWN["weight"],
        _OWN["lat"],
        _OWN["lon"],
        Column("url", _("The action's page on the platform.")),
        _OWN["description"],
        Column("source", _("Where the action comes from: platform, csv (an import) or decidim.")),
        Column("external_id", _("Its id in the system it was imported from (Decidim), if any.")),
        Column("children", _("Its sub-actions: reference, title, status, progress and weight of each.")),
        Column(
            "milestones", _("Its timeline: the dated milestones, with the columns of the milestones files.")
        ),
        *text_column_docs("title", _("The action's title"), main=False),
        *text_column_docs("department", _("The department in charge"), main=False),
        *text_column_docs("description", _("Markdown"), main=False),
    ),
    licence=ODBL,
    rows=detailed_rows,
    formats=(JSON,),
)

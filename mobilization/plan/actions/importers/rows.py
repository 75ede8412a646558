"""What both formats share once a row is read: the parsed row, the action's reference, the checks across
the file's rows, and the writing of the whole file in one transaction."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from mobilization.core.importing import BadValue, ImportReport
from mobilization.plan.actions import services
from mobilization.plan.actions.models import REFERENCE_VALIDATOR, Action
from mobilization.plan.models import Objective

MAX_DESCRIPTION = 20_000
MAX_REFERENCE = 64


@dataclass
class ParsedRow:
    row: int
    reference: str
    parent_reference: str | None  # None: the format does not say (keep the parent as it is)
    fields: dict
    objectives: list[str] | None  # None: the format does not carry objectives (keep them)
    decidim_id: str = ""
    decidim_parent_id: str = ""
    # What the preview shows beside the row: the locale of each text, the Decidim status, category, scope.
    notes: dict = field(default_factory=dict)


def parse_reference(value: str, name: str = "reference") -> str:
    if not value:
        raise BadValue(_("%(column)s is required.") % {"column": name})
    if len(value) > MAX_REFERENCE:
        raise BadValue(
            _("%(column)s is longer than %(max)s characters.") % {"column": name, "max": MAX_REFERENCE}
        )
    try:
        REFERENCE_VALIDATOR(value)
    except Exception:  # noqa: BLE001
        raise BadValue(  # noqa: B904 - the reason is the message
            _("%(column)s “%(value)s”: use letters, digits, dashes and underscores only.")
            % {"column": name, "value": value[:MAX_REFERENCE]}
        )
    return value


def check_extra_values(row: int, report: ImportReport, record: dict) -> None:
    if record["__extra__"]:
        report.add(row, _("The row has more values than the header has columns."))


def check_dates_and_place(row: int, report: ImportReport, fields: dict) -> None:
    start, end = fields.get("start_date"), fields.get("end_date")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        report.add(
            row, _("end_date (%(end)s) is before start_date (%(start)s).") % {"end": end, "start": start}
        )
    if (fields.get("latitude") is None) != (fields.get("longitude") is None):
        report.add(row, _("Give both the latitude and the longitude, or neither."))


# --- Checks across rows ---------------------------------------------------------------------------------


def check_across_rows(parsed: list[ParsedRow], report: ImportReport) -> None:
    first_row: dict[str, int] = {}
    for item in parsed:
        if not item.reference:
            continue
        if item.reference in first_row:
            report.add(
                item.row,
                _("reference %(reference)s is also on row %(other)s.")
                % {"reference": item.reference, "other": first_row[item.reference]},
            )
        else:
            first_row[item.reference] = item.row

    # Objectives named by their slug must exist.
    slugs = {slug for item in parsed for slug in (item.objectives or [])}
    existing_slugs = set(Objective.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    for item in parsed:
        missing = [slug for slug in item.objectives or [] if slug not in existing_slugs]
        if missing:
            report.add(
                item.row,
                _("objectives: no objective has the short name %(slugs)s.")
                % {"slugs": ", ".join(f"“{slug[:40]}”" for slug in missing)},
            )

    # Parents: in the file or already here; never the action itself nor one of its descendants.
    parent_of = dict(
        Action.objects.filter(parent__isnull=False).values_list("reference", "parent__reference")
    )
    named_parents = [item.parent_reference for item in parsed if item.parent_reference]
    existing = set(Action.objects.filter(reference__in=named_parents).values_list("reference", flat=True))
    for item in parsed:
        if item.reference and item.parent_reference is not None:
            if item.parent_reference:
                parent_of[item.reference] = item.parent_reference
            else:
                parent_of.pop(item.reference, None)
    for item in parsed:
        if not item.parent_reference:
            continue
        if item.parent_reference not in first_row and item.parent_reference not in existing:
            if item.fields.get("source") != Action.Source.DECIDIM:
                report.add(
                    item.row,
                    _("parent_reference %(reference)s is neither in the file nor an existing action.")
                    % {"reference": item.parent_reference},
                )
            continue
        seen = {item.reference}
        current = parent_of.get(item.reference)
        while current is not None:
            if current in seen:
                report.add(
                    item.row,
                    _("The parents form a cycle: %(reference)s would be its own ancestor.")
                    % {"reference": item.reference},
                )
                break
            seen.add(current)
            current = parent_of.get(current)


# --- Writing ----------------------------------------------------------------------------------------------

TRACKED_FIELDS = [
    "title", "description", "department", "sector", "status", "progress_override", "start_date", "end_date",
    "budget_planned", "budget_spent", "weight", "latitude", "longitude", "source", "external_id",
    "district_id",
    # A Decidim file's texts, in the column of their language (importers.decidim).
    "title_fr", "title_en", "description_fr", "description_en",
]  # fmt: skip


def apply(parsed: list[ParsedRow], report: ImportReport, *, by=None) -> None:
    """Create or update every action of the file, then their parents, then everyone's progress."""
    existing = {
        action.reference: action
        for action in Action.objects.filter(reference__in=[item.reference for item in parsed])
        .select_related("parent")
        .prefetch_related("objectives")
    }
    objectives = {objective.slug: objective for objective in Objective.objects.all()}
    saved: dict[str, Action] = {}
    changed_rows: set[int] = set()
    for item in parsed:
        action = existing.get(item.reference)
        fields = {name: value for name, value in item.fields.items() if name in TRACKED_FIELDS}
        if action is None:
            action = Action(reference=item.reference, **{"source": Action.Source.CSV, **fields})
            action.save()
            report.created += 1
        else:
            changed = [name for name, value in fields.items() if getattr(action, name) != value]
            if changed:
                # As a staff edit: the row locked, the status moved, the change audited.
                services.save_changes(
                    action, {name: fields[name] for name in changed}, by=by, fields=changed, imported=True
                )
                changed_rows.add(item.row)
        if item.objectives is not None:
            wanted = {objectives[slug].pk for slug in item.objectives}
            current = (
                {objective.pk for objective in action.objectives.all()}
                if item.reference in existing
                else set()
            )
            if wanted != current:
                action.objectives.set(wanted)
                if item.reference in existing:
                    changed_rows.add(item.row)
        saved[item.reference] = action
    # Parents once every action of the file exists.
    parent_refs = {item.parent_reference for item in parsed if item.parent_reference} - set(saved)
    parents = {**{a.reference: a for a in Action.objects.filter(reference__in=parent_refs)}, **saved}
    for item in parsed:
        if item.parent_reference is None:
            continue
        action = saved[item.reference]
        parent = parents.get(item.parent_reference) if item.parent_reference else None
        parent_id = parent.pk if parent else None
        if action.parent_id != parent_id:
            action.parent_id = parent_id
            action.save(update_fields=["parent", "updated_at"])
            if item.reference in existing:
                changed_rows.add(item.row)
    report.updated = len(changed_rows)
    report.unchanged = len(existing) - report.updated
    services.recompute_all()


# --- The preview ------------------------------------------------------------------------------------------

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


def _shown_title(fields: dict) -> str:
    """The title a preview shows: the one without a language, else the first language's the file has."""
    if fields.get("title"):
        return fields["title"]
    preferred = [settings.LANGUAGE_CODE, *(code for code, _name in settings.LANGUAGES)]
    return next((fields[f"title_{code}"] for code in preferred if fields.get(f"title_{code}")), "")


def plan(parsed: list[ParsedRow]) -> list[dict]:
    """What `apply` would do with each row, without writing anything: create the action, update it (and
    which fields), or leave it alone. The rows are compared as `apply` compares them."""
    existing = {
        action.reference: action
        for action in Action.objects.filter(reference__in=[item.reference for item in parsed])
        .select_related("parent")
        .prefetch_related("objectives")
    }
    outcomes = []
    for item in parsed:
        action = existing.get(item.reference)
        fields = {name: value for name, value in item.fields.items() if name in TRACKED_FIELDS}
        if action is None:
            outcome, changed = CREATE, []
        else:
            changed = [name for name, value in fields.items() if getattr(action, name) != value]
            current_objectives = {objective.slug for objective in action.objectives.all()}
            if item.objectives is not None and set(item.objectives) != current_objectives:
                changed.append("objectives")
            if item.parent_reference is not None:
                current_parent = action.parent.reference if action.parent_id else ""
                if current_parent != item.parent_reference:
                    changed.append("parent")
            outcome = UPDATE if changed else UNCHANGED
        outcomes.append(
            {
                "row": item.row,
                "reference": item.reference,
                "outcome": outcome,
                "changed": [name.removesuffix("_id") for name in changed],
                "title": str(_shown_title(item.fields))[:255],
                "status": item.fields.get("status", ""),
                "progress": None
                if item.fields.get("progress_override") is None
                else str(item.fields["progress_override"]),
                "sector": item.fields.get("sector", ""),
                **item.notes,
            }
        )
    return outcomes

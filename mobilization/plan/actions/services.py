"""The domain logic of plan actions: progress, the parent chain, edits and milestones.

Progress rules (the one place they live):

- A leaf action's progress is its `progress_override` when set, else the percentage its status implies
  (`STATUS_PROGRESS`).
- A parent's progress is the weighted average of its children's progress. Abandoned children are left
  out (their work no longer counts towards the parent); when every child is abandoned the parent is
  treated as a leaf. A parent's own override is ignored while it has children that count.
- Weights are optional. When no counted child has a weight, the children count equally. When some have
  one and others not, a child without a weight counts with the mean weight of its weighted siblings, so
  that leaving one weight out never makes that child weigh nothing nor everything.
- A change to a child is carried up the chain of parents by `recompute_progress`; a parent can never be
  its own descendant (`check_parent`).

An action's status changes through the kernel's `transition()` (row locked, audited), whoever changes it:
a staff edit (`update_action`), the latest milestone of its timeline (`add_milestone`,
`update_milestone`), an import (`importers`). Staff may move an action from any status to any other (a
correction is a change like another), so no source state is refused. Progress is a figure computed from
the statuses, not a state: `recompute_progress` saves it directly.
"""

import hashlib
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilization.core import audit
from mobilization.core.errors import DomainError
from mobilization.core.transitions import transition
from mobilization.core.translation import localized_field_names
from mobilization.plan.actions.models import Action, ActionImport, CategorySector, Milestone
from mobilization.plan.models import Objective

STATUS_PROGRESS = {
    Action.Status.PLANNED: Decimal("0"),
    Action.Status.IN_PROGRESS: Decimal("50"),
    Action.Status.DELAYED: Decimal("25"),
    Action.Status.COMPLETED: Decimal("100"),
    Action.Status.ABANDONED: Decimal("0"),
}
CENT = Decimal("0.01")


class ParentCycle(DomainError):
    """The parent asked for is the action itself or one of its descendants."""


def implied_progress(status: str) -> Decimal:
    return STATUS_PROGRESS.get(status, Decimal("0"))


def own_progress(status: str, progress_override) -> Decimal:
    """A leaf's progress: the override when given, else what the status implies."""
    if progress_override is not None:
        return Decimal(progress_override)
    return implied_progress(status)


def weighted_average(children: list[tuple[Decimal, Decimal | None]]) -> Decimal:
    """The weighted average of (progress, weight) pairs, with the rule for missing weights above."""
    given = [weight for _progress, weight in children if weight is not None]
    default = sum(given, Decimal("0")) / len(given) if given else Decimal("1")
    total_weight = Decimal("0")
    total = Decimal("0")
    for progress, weight in children:
        weight = default if weight is None else Decimal(weight)
        total += Decimal(progress) * weight
        total_weight += weight
    if total_weight <= 0:
        return Decimal("0")
    return clamp(total / total_weight)


def clamp(value: Decimal) -> Decimal:
    return min(Decimal("100"), max(Decimal("0"), Decimal(value))).quantize(CENT, rounding=ROUND_HALF_UP)


def compute_progress(action: Action, children: list[Action] | None = None) -> Decimal:
    """The progress of one action from its children's stored progress (read from the database unless
    given)."""
    if children is None:
        children = list(action.children.only("progress", "weight", "status"))
    counted = [
        (child.progress, child.weight) for child in children if child.status != Action.Status.ABANDONED
    ]
    if counted:
        return weighted_average(counted)
    return clamp(own_progress(action.status, action.progress_override))


def recompute_progress(action: Action) -> list[Action]:
    """Recompute the action's progress, then its parent's, up to the root. Returns the actions changed.

    Walks at most as many steps as there are actions, so a cycle (which `check_parent` prevents) could
    never loop forever.
    """
    changed = []
    seen = set()
    current = action
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        progress = compute_progress(current)
        if progress != current.progress:
            current.progress = progress
            current.save(update_fields=["progress", "updated_at"])
            changed.append(current)
        current = Action.objects.filter(pk=current.parent_id).first() if current.parent_id else None
    return changed


def recompute_all() -> int:
    """Recompute every action's progress in memory, children before parents, and save the changes in
    bulk. For imports, which touch many actions at once. Returns how many changed."""
    rows = {
        row["pk"]: row
        for row in Action.objects.values(
            "pk", "parent_id", "status", "progress_override", "progress", "weight"
        )
    }
    children = defaultdict(list)
    for row in rows.values():
        if row["parent_id"] is not None:
            children[row["parent_id"]].append(row["pk"])
    computed: dict[int, Decimal] = {}

    def progress_of(pk: int, path: frozenset) -> Decimal:
        if pk in computed:
            return computed[pk]
        if pk in path:
            raise ParentCycle(_("An action cannot be its own descendant."))
        row = rows[pk]
        counted = [
            (progress_of(child, path | {pk}), rows[child]["weight"])
            for child in children[pk]
            if rows[child]["status"] != Action.Status.ABANDONED
        ]
        value = (
            weighted_average(counted)
            if counted
            else clamp(own_progress(row["status"], row["progress_override"]))
        )
        computed[pk] = value
        return value

    changed = []
    now = timezone.now()
    for pk, row in rows.items():
        value = progress_of(pk, frozenset())
        if value != row["progress"]:
            changed.append(Action(pk=pk, progress=value, updated_at=now))
    # updated_at too: the actions' version (`actions_version`), hence the cached list, sees the change.
    Action.objects.bulk_update(changed, ["progress", "updated_at"], batch_size=500)
    return len(changed)


def is_descendant(candidate: Action, ancestor: Action) -> bool:
    """Whether `candidate` is `ancestor` itself or below it."""
    parent_of = dict(Action.objects.values_list("pk", "parent_id"))
    seen = set()
    current = candidate.pk
    while current is not None and current not in seen:
        if current == ancestor.pk:
            return True
        seen.add(current)
        current = parent_of.get(current)
    return False


def check_parent(action: Action, parent: Action | None) -> None:
    """A parent can never be the action itself or one of its descendants."""
    if parent is None or action.pk is None:
        return
    if is_descendant(parent, action):
        raise ParentCycle(_("An action cannot be its own parent, nor the parent of one of its ancestors."))


def save_changes(action: Action, changes: dict, *, by, **details) -> Action:
    """Save changed fields of an action, its status among them, through the transition helper (row locked,
    audited as "plan_actions.action_updated" with `details`): a staff edit and an import alike."""
    changes = dict(changes)
    return transition(
        action,
        by=by,
        action="plan_actions.action_updated",
        allowed_from=None,
        to=changes.pop("status", None),
        changes=changes,
        details=details,
    )


@transaction.atomic
def update_action(action: Action, *, by, objectives=None, **fields) -> Action:
    """Staff change an action; its progress and its old and new parents' are recomputed."""
    parent = fields.get("parent", action.parent)
    check_parent(action, parent)
    old_parent_id = Action.objects.filter(pk=action.pk).values_list("parent_id", flat=True).first()
    changed = sorted(name for name, value in fields.items() if getattr(action, name) != value)
    for name, value in fields.items():
        setattr(action, name, value)
    action.full_clean()
    save_changes(action, fields, by=by, fields=changed)
    if objectives is not None:
        action.objectives.set(objectives)
    recompute_progress(action)
    if old_parent_id and old_parent_id != action.parent_id:
        old_parent = Action.objects.filter(pk=old_parent_id).first()
        if old_parent:
            recompute_progress(old_parent)
    action.refresh_from_db(fields=["progress"])
    return action


@transaction.atomic
def delete_actions(actions, *, by) -> int:
    """Staff delete actions; the parents they leave behind are recomputed (a parent left without children
    takes the progress of its own status again). Actions that still have children cannot be deleted
    (`ProtectedError`). Returns how many actions were deleted."""
    actions = list(actions)
    deleted_pks = {action.pk for action in actions}
    parent_ids = {action.parent_id for action in actions if action.parent_id} - deleted_pks
    for action in actions:
        audit.record(by, "plan_actions.action_deleted", action, reference=action.reference)
    Action.objects.filter(pk__in=deleted_pks).delete()
    for parent in Action.objects.filter(pk__in=parent_ids):
        recompute_progress(parent)
    return len(deleted_pks)


def _is_latest_news(milestone: Milestone, latest) -> bool:
    """The milestone carries a status or a progress and is not older than `latest` (the date of the
    action's other latest milestone). An older milestone is history and changes nothing but the
    timeline."""
    if not (milestone.status or milestone.progress is not None):
        return False
    return latest is None or milestone.date >= latest


def _record_milestone(
    action: Action, milestone: Milestone, *, by, audit_action: str, follows: bool, **details
):
    """Write the milestone's audit record; when it is the action's latest news (`follows`), the action
    takes on its status and progress in the same step (a status without a progress clears the override,
    so the status's own percentage applies), and the progress is recomputed up the chain."""
    details = {"milestone": milestone.pk, **details}
    if not follows:
        audit.record(by, audit_action, action, **details)
        return
    transition(
        action,
        by=by,
        action=audit_action,
        allowed_from=None,
        to=milestone.status or None,
        # A new status without a figure speaks for itself: the progress it implies replaces any override.
        changes={"progress_override": milestone.progress},
        details=details,
    )
    recompute_progress(action)


def _latest_other_milestone_date(action: Action, milestone: Milestone):
    others = action.milestones.exclude(pk=milestone.pk) if milestone.pk else action.milestones.all()
    return others.order_by("-date").values_list("date", flat=True).first()


@transaction.atomic
def add_milestone(
    action: Action,
    *,
    by,
    date,
    title: str = "",
    description: str = "",
    status: str = "",
    progress=None,
    **texts,
) -> Milestone:
    """Staff add a dated entry to an action's timeline; when it is the latest news, the action's status
    and progress follow it (`_record_milestone`). `title` and `description` are in the language active
    now; `title_fr`, `title_en`, `description_fr`, `description_en` give a language's version."""
    unknown = set(texts) - MILESTONE_TEXTS
    if unknown:
        raise TypeError(f"Not a text of a milestone: {', '.join(sorted(unknown))}")
    given = {name: value for name, value in (("title", title), ("description", description)) if value}
    milestone = Milestone(
        action=action,
        date=date,
        status=status,
        progress=progress,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **given,
        **{name: value for name, value in texts.items() if value is not None},
    )
    milestone.full_clean()
    follows = _is_latest_news(milestone, _latest_other_milestone_date(action, milestone))
    milestone.save()
    _record_milestone(action, milestone, by=by, audit_action="plan_actions.milestone_added", follows=follows)
    return milestone


MILESTONE_TEXTS = {*localized_field_names("title"), *localized_field_names("description")}
MILESTONE_FIELDS = {"date", "title", "description", "status", "progress", *MILESTONE_TEXTS}


@transaction.atomic
def update_milestone(milestone: Milestone, *, by, **fields) -> Milestone:
    """Staff correct a milestone of the timeline. When it is still the latest news (no other milestone is
    later), the action's status and progress follow it as for a new milestone."""
    unknown = set(fields) - MILESTONE_FIELDS
    if unknown:
        raise TypeError(f"Not a field of a milestone: {', '.join(sorted(unknown))}")
    # Compared with what is stored: a form may already have set the new values on the object.
    stored = Milestone.objects.filter(pk=milestone.pk).values(*MILESTONE_FIELDS).first() or {}
    for name, value in fields.items():
        setattr(milestone, name, value)
    changed = sorted(name for name in MILESTONE_FIELDS if stored.get(name) != getattr(milestone, name))
    milestone.full_clean()
    milestone.save()
    action = milestone.action
    follows = bool({"date", "status", "progress"} & set(changed)) and _is_latest_news(
        milestone, _latest_other_milestone_date(action, milestone)
    )
    _record_milestone(
        action,
        milestone,
        by=by,
        audit_action="plan_actions.milestone_changed",
        follows=follows,
        fields=changed,
    )
    return milestone


def serving_objective(objective) -> dict:
    """How many actions serve the objective (`count`) and their average progress (`progress`, None
    without actions), in one query."""
    return Action.objects.filter(objectives=objective).aggregate(count=Count("pk"), progress=Avg("progress"))


def sector_overview(queryset) -> list[dict]:
    """Per sector: how many actions, their average progress, planned and spent budgets (one query).

    Each action's progress counts once in the average: a sub-action is left out when its parent is among
    the actions given and in the same sector, since the parent's progress already sums it up (averaging
    both would count the sub-action twice). A sub-action whose parent is in another sector, or is not
    given (filtered out), counts in its own sector."""
    labels = dict(Action.Sector.choices)
    parent_listed_in_same_sector = Exists(
        queryset.order_by().filter(pk=OuterRef("parent_id"), sector=OuterRef("sector"))
    )
    rows = (
        queryset.order_by()
        .annotate(is_summarised_by_parent=parent_listed_in_same_sector)
        .values("sector")
        .annotate(
            count=Count("pk"),
            counted=Count("pk", filter=Q(is_summarised_by_parent=False)),
            average_progress=Avg("progress", filter=Q(is_summarised_by_parent=False)),
            budget_planned=Sum("budget_planned"),
            budget_spent=Sum("budget_spent"),
        )
        .order_by("sector")
    )
    overview = []
    for row in rows:
        average = row["average_progress"]
        overview.append(
            {
                "sector": row["sector"],
                "label": labels.get(row["sector"], row["sector"]),
                "count": row["count"],
                "counted": row["counted"],
                "average_progress": clamp(average) if average is not None else Decimal("0"),
                "budget_planned": row["budget_planned"],
                "budget_spent": row["budget_spent"],
            }
        )
    return sorted(overview, key=lambda row: str(row["label"]))


def actions_version() -> str:
    """What the actions list shows, in one cheap query: the actions (how many, their last change, the
    highest id), their links to objectives (how many, the highest id) and the objectives (how many, their
    last change). Any saved change, creation or deletion gives a new version (a digest of those figures):
    the key of the cached list."""
    action = Action._meta.db_table
    link = Action.objectives.through._meta.db_table
    objective = Objective._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {action}), (SELECT MAX(updated_at) FROM {action}), "  # noqa: S608 -- table names from the models
            f"(SELECT MAX(id) FROM {action}), (SELECT COUNT(*) FROM {link}), (SELECT MAX(id) FROM {link}), "
            f"(SELECT COUNT(*) FROM {objective}), (SELECT MAX(updated_at) FROM {objective})"
        )
        figures = ":".join(str(value) for value in cursor.fetchone())
    return hashlib.sha256(figures.encode()).hexdigest()[:24]


# --- Imports: the preview, then staff confirm -----------------------------------------------------------


def remember_category_sectors(mapping: dict[str, str], *, by) -> None:
    """Keep the sector chosen for each Decidim category: the next import's preview offers it again."""
    for category, sector in mapping.items():
        CategorySector.objects.update_or_create(
            key=CategorySector.key_for(category),
            defaults={"category": category[:255], "sector": sector, "chosen_by": by},
        )


def confirm_import(action_import: ActionImport, *, by, sector_mapping: dict[str, str]) -> ActionImport:
    """Staff confirm the preview of an import, with the sector chosen for each category: it is queued again,
    to be applied (the view enqueues it). Only a previewed import can be confirmed, and only once."""
    known = {
        category["name"] for category in (action_import.report or {}).get("preview", {}).get("categories", [])
    }
    mapping = {name: sector for name, sector in sector_mapping.items() if name in known}
    transition(
        action_import,
        by=by,
        action="plan_actions.import_confirmed",
        allowed_from=[ActionImport.Status.PREVIEWED],
        to=ActionImport.Status.QUEUED,
        changes={
            "confirmed_by": by,
            "confirmed_at": timezone.now(),
            "sector_mapping": mapping,
            "finished_at": None,
        },
        message=_("This import is no longer awaiting confirmation."),
    )
    remember_category_sectors(mapping, by=by)
    return action_import


def cancel_import(action_import: ActionImport, *, by) -> ActionImport:
    """Staff drop a previewed import: nothing of it is ever written."""
    return transition(
        action_import,
        by=by,
        action="plan_actions.import_cancelled",
        allowed_from=[ActionImport.Status.PREVIEWED],
        to=ActionImport.Status.CANCELLED,
        changes={"finished_at": timezone.now()},
        message=_("This import is no longer awaiting confirmation."),
    )

"""A person's action plan: the model's actions they chose, each planned or done, and the footprint it
projects. Free of HTTP: views pass the person, their answers and, for a visitor, their session's plan.

A signed-in person's plan is a `PersonalPlan` with its `PersonalPlanItem`s; a visitor's plan lives in
their session only, as {rule: status}. Either way the page is computed the same way (`page()`): the
actions that concern the person's answers (their latest saved footprint, else the answers in progress,
else the model's defaults), ranked by saving, and the projection of the chosen ones.

Marking an action done or planned again is a state change through the kernel's `transition()`.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilization.core.errors import AlreadyDone, DomainError
from mobilization.core.transitions import transition
from mobilization.footprint import actions
from mobilization.footprint.models import PersonalPlan, PersonalPlanItem, SavedFootprint

PLANNED, DONE = PersonalPlanItem.Status.PLANNED, PersonalPlanItem.Status.DONE
STATUSES = (PLANNED, DONE)
# A visitor's plan in their session: {rule: status}.
SESSION_KEY = "footprint_plan"


@dataclass(frozen=True)
class ChosenAction:
    action: actions.FootprintAction
    status: str
    is_counted: bool  # False when another chosen action supersedes it

    @property
    def is_done(self) -> bool:
        return self.status == DONE


@dataclass(frozen=True)
class PlanPage:
    """Everything the plan page shows for one person."""

    offer: actions.Offer
    chosen: list[ChosenAction]
    available: list[actions.FootprintAction]  # offered and not chosen, largest saving first
    no_longer: list[str]  # chosen rules that no longer concern the person (their answers changed)
    projection: actions.Projection
    footprint: SavedFootprint | None = None

    @property
    def done_saving(self) -> float:
        return sum(c.action.saving for c in self.chosen if c.is_done and c.is_counted)


def latest_footprint(user) -> SavedFootprint | None:
    return SavedFootprint.objects.of(user).first()


def situation_of(user, answers_in_progress: dict | None = None) -> tuple[dict, SavedFootprint | None]:
    """The answers the plan is computed from: the person's latest saved footprint, else the answers of
    the questionnaire in progress, else none (the model's defaults, the French average)."""
    footprint = latest_footprint(user)
    if footprint is not None and isinstance(footprint.situation, dict):
        return footprint.situation, footprint
    return dict(answers_in_progress or {}), None


def page(situation: dict, chosen: dict[str, str], language: str = "fr", footprint=None) -> PlanPage:
    """The plan page for these answers and these chosen actions ({rule: status})."""
    offer = actions.offer(situation, language)
    offered = offer.by_rule()
    picked = [offered[rule] for rule in offered if rule in chosen]
    projection = actions.project(offer.footprint, picked)
    superseded = {action.rule for action in projection.superseded}
    return PlanPage(
        offer=offer,
        chosen=[ChosenAction(a, chosen[a.rule], a.rule not in superseded) for a in picked],
        available=[action for action in offer.actions if action.rule not in chosen],
        no_longer=[rule for rule in chosen if rule not in offered and rule in actions.action_rules()],
        projection=projection,
        footprint=footprint,
    )


def _refuse_unless_offered(rule: str, situation: dict) -> actions.FootprintAction:
    if rule not in actions.action_rules():
        raise DomainError(_("This is not an action of the model."))
    offered = {action.rule: action for action in actions.applicable_actions(situation)}
    if rule not in offered:
        raise DomainError(_("This action does not concern you: it would save nothing with your answers."))
    return offered[rule]


# --- A signed-in person's plan, in the database ---------------------------------------------------------


def plan_of(user) -> PersonalPlan | None:
    return PersonalPlan.objects.filter(user=user).first()


def chosen_in(plan: PersonalPlan | None) -> dict[str, str]:
    if plan is None:
        return {}
    return dict(plan.items.order_by("pk").values_list("rule", "status"))


def synchronise(plan: PersonalPlan, current: PlanPage) -> PersonalPlan:
    """Keep the stored savings those of the page (the person's latest answers): each action's saving,
    and the plan's committed total that the aggregates add up. Writes only what changed."""
    savings = {c.action.rule: (c.action.saving if c.is_counted else 0.0) for c in current.chosen}
    for item in plan.items.all():
        saving = savings.get(item.rule, 0.0)
        if abs(item.saving_kg - saving) > 1e-6:
            PersonalPlanItem.objects.filter(pk=item.pk).update(saving_kg=saving)
    committed = current.projection.saving
    footprint_id = current.footprint.pk if current.footprint else None
    if abs(plan.committed_kg - committed) > 1e-6 or plan.footprint_id != footprint_id:
        plan.committed_kg, plan.footprint_id = committed, footprint_id
        plan.save(update_fields=["committed_kg", "footprint", "updated_at"])
    return plan


def choose(
    user, rule: str, *, answers_in_progress: dict | None = None, language: str = "fr"
) -> PersonalPlanItem:
    """Add one of the model's actions that concern the person to their plan, as planned."""
    situation, footprint = situation_of(user, answers_in_progress)
    action = _refuse_unless_offered(rule, situation)
    with transaction.atomic():
        plan, _created = PersonalPlan.objects.get_or_create(user=user)
        try:
            with transaction.atomic():
                item = PersonalPlanItem.objects.create(plan=plan, rule=rule, saving_kg=action.saving)
        except IntegrityError as error:
            raise AlreadyDone(_("This action is in your plan already.")) from error
    synchronise(plan, page(situation, chosen_in(plan), language, footprint))
    return item


def item_of(user, rule: str) -> PersonalPlanItem:
    item = PersonalPlanItem.objects.filter(plan__user=user, rule=rule).select_related("plan").first()
    if item is None:
        raise DomainError(_("This action is not in your plan."))
    return item


def mark_done(item: PersonalPlanItem, *, by) -> PersonalPlanItem:
    """The person has carried the action out."""
    return transition(
        item,
        by=by,
        action="footprint.plan_action_done",
        allowed_from=[PLANNED],
        to=DONE,
        changes={"done_at": timezone.now()},
        message=_("This action is marked done already."),
    )


def mark_planned(item: PersonalPlanItem, *, by) -> PersonalPlanItem:
    """Back to planned: the person marked it done by mistake, or stopped."""
    return transition(
        item,
        by=by,
        action="footprint.plan_action_planned",
        allowed_from=[DONE],
        to=PLANNED,
        changes={"done_at": None},
        message=_("This action is planned already."),
    )


def remove(item: PersonalPlanItem, *, answers_in_progress: dict | None = None, language: str = "fr") -> None:
    plan, user = item.plan, item.plan.user
    item.delete()
    situation, footprint = situation_of(user, answers_in_progress)
    synchronise(plan, page(situation, chosen_in(plan), language, footprint))


def signed_in_page(user, *, answers_in_progress: dict | None = None, language: str = "fr") -> PlanPage:
    """The page of a signed-in person, its stored savings brought up to date with their latest answers."""
    situation, footprint = situation_of(user, answers_in_progress)
    plan = plan_of(user)
    current = page(situation, chosen_in(plan), language, footprint)
    if plan is not None:
        synchronise(plan, current)
    return current


# --- A visitor's plan, in their session ----------------------------------------------------------------


def session_plan(stored) -> dict[str, str]:
    """The visitor's plan as stored in their session, keeping only what is still valid."""
    if not isinstance(stored, dict):
        return {}
    rules = set(actions.action_rules())
    return {rule: status for rule, status in stored.items() if rule in rules and status in STATUSES}


def session_change(chosen: dict[str, str], rule: str, do: str, situation: dict) -> dict[str, str]:
    """The visitor's plan after `do` ("choose", "done", "planned", "remove") on `rule`."""
    chosen = dict(chosen)
    if do == "choose":
        _refuse_unless_offered(rule, situation)
        if rule in chosen:
            raise AlreadyDone(_("This action is in your plan already."))
        chosen[rule] = PLANNED
        return chosen
    if rule not in chosen:
        raise DomainError(_("This action is not in your plan."))
    if do == "remove":
        del chosen[rule]
    elif do == "done":
        if chosen[rule] == DONE:
            raise DomainError(_("This action is marked done already."))
        chosen[rule] = DONE
    elif do == "planned":
        if chosen[rule] == PLANNED:
            raise DomainError(_("This action is planned already."))
        chosen[rule] = PLANNED
    else:
        raise DomainError(_("Unknown change."))
    return chosen


def personal_data(user) -> dict:
    """What a person's plan says about them, for their data export."""
    plan = plan_of(user)
    if plan is None:
        return {"action_plan": None}
    return {
        "action_plan": {
            "committed_savings_kgco2e": plan.committed_kg,
            "actions": [
                {
                    "rule": item.rule,
                    "status": item.status,
                    "saving_kgco2e": item.saving_kg,
                    "done_at": item.done_at,
                }
                for item in plan.items.order_by("pk")
            ],
        }
    }


def erase_personal_data(user) -> None:
    PersonalPlan.objects.filter(user=user).delete()

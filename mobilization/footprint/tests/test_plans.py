"""A person's action plan: choosing the model's actions, marking them done, the projected footprint."""

import pytest

from mobilization.core.errors import AlreadyDone, DomainError, InvalidTransition
from mobilization.core.models import AuditEvent
from mobilization.footprint import plans
from mobilization.footprint.models import PersonalPlan, PersonalPlanItem
from mobilization.footprint.tests.factories import SavedFootprintFactory

VEGETARIAN = "alimentation . devenir végétarien"
TWO_MEATS = "alimentation . repas . réduire viande . max 2 par semaine"
STOP_FLYING = "transport . avion . arrêter l'avion"
CAFE = "alimentation . boisson . chaude . café . nombre"
ONE_COFFEE = "alimentation . boisson . réduire café . max un par jour"

pytestmark = pytest.mark.django_db


def test_a_volunteer_without_a_saved_footprint_plans_on_the_french_average(volunteer):
    item = plans.choose(volunteer, VEGETARIAN)

    assert item.status == PersonalPlanItem.Status.PLANNED
    assert item.saving_kg == pytest.approx(877.76)
    assert PersonalPlan.objects.get(user=volunteer).committed_kg == pytest.approx(877.76)


def test_the_savings_follow_the_latest_saved_footprint(volunteer):
    SavedFootprintFactory(user=volunteer, situation={CAFE: 3}, total_kg=8300.0)
    plans.choose(volunteer, ONE_COFFEE)
    assert PersonalPlanItem.objects.get().saving_kg == pytest.approx(2 * 0.1008 * 365)

    SavedFootprintFactory(user=volunteer, situation={CAFE: 4}, total_kg=8400.0)
    page = plans.signed_in_page(volunteer)

    assert page.chosen[0].action.saving == pytest.approx(3 * 0.1008 * 365)
    assert PersonalPlanItem.objects.get().saving_kg == pytest.approx(3 * 0.1008 * 365)
    assert PersonalPlan.objects.get().committed_kg == pytest.approx(3 * 0.1008 * 365)


def test_a_superseded_action_is_kept_but_not_counted_twice(volunteer):
    plans.choose(volunteer, TWO_MEATS)
    plans.choose(volunteer, VEGETARIAN)

    page = plans.signed_in_page(volunteer)

    counted = {c.action.rule: c.is_counted for c in page.chosen}
    assert counted == {VEGETARIAN: True, TWO_MEATS: False}
    assert PersonalPlan.objects.get().committed_kg == pytest.approx(877.76)
    assert page.projection.projected == pytest.approx(8287.16 - 877.76, abs=0.01)


def test_an_action_that_does_not_concern_the_person_is_refused(volunteer):
    with pytest.raises(DomainError):
        plans.choose(volunteer, STOP_FLYING)  # the average's flights are not known
    with pytest.raises(DomainError):
        plans.choose(volunteer, "transport . avion")  # not an action
    assert not PersonalPlanItem.objects.exists()


def test_an_action_is_chosen_once(volunteer):
    plans.choose(volunteer, VEGETARIAN)
    with pytest.raises(AlreadyDone):
        plans.choose(volunteer, VEGETARIAN)


def test_marking_an_action_done_and_planned_again_goes_through_the_transition(volunteer):
    item = plans.choose(volunteer, VEGETARIAN)

    plans.mark_done(item, by=volunteer)
    item.refresh_from_db()
    assert item.status == PersonalPlanItem.Status.DONE and item.done_at is not None
    assert AuditEvent.objects.filter(action="footprint.plan_action_done", object_id=str(item.pk)).exists()
    with pytest.raises(InvalidTransition):
        plans.mark_done(item, by=volunteer)

    plans.mark_planned(item, by=volunteer)
    item.refresh_from_db()
    assert (item.status, item.done_at) == (PersonalPlanItem.Status.PLANNED, None)


def test_removing_an_action_takes_its_saving_off_the_plan(volunteer):
    item = plans.choose(volunteer, VEGETARIAN)

    plans.remove(item)

    assert PersonalPlan.objects.get().committed_kg == 0.0


def test_a_visitors_plan_in_their_session_changes_the_same_way():
    chosen = plans.session_change({}, VEGETARIAN, "choose", {})
    chosen = plans.session_change(chosen, VEGETARIAN, "done", chosen)

    assert chosen == {VEGETARIAN: "done"}
    with pytest.raises(DomainError):
        plans.session_change(chosen, VEGETARIAN, "done", {})
    with pytest.raises(DomainError):
        plans.session_change(chosen, STOP_FLYING, "choose", {})
    assert plans.session_change(chosen, VEGETARIAN, "remove", {}) == {}
    # What a session holds is checked before use.
    assert plans.session_plan({VEGETARIAN: "done", "transport": "planned", TWO_MEATS: "<x>"}) == {
        VEGETARIAN: "done"
    }
    assert plans.session_plan(["not", "a", "plan"]) == {}


def test_the_plan_is_in_the_persons_data_and_erased_with_it(volunteer):
    plans.choose(volunteer, VEGETARIAN)

    exported = plans.personal_data(volunteer)["action_plan"]
    plans.erase_personal_data(volunteer)

    assert exported["actions"][0]["rule"] == VEGETARIAN
    assert not PersonalPlan.objects.exists()

"""Progress: each status implies a percentage, an override wins on a leaf, a parent takes the weighted
average of its children, up the chain; hand-computed cases."""

from datetime import date
from decimal import Decimal

import pytest

from mobilization.core.models import AuditEvent
from mobilization.plan.actions import services
from mobilization.plan.actions.models import Action
from mobilization.plan.actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db
S = Action.Status


def progress_of(reference):
    return Action.objects.get(reference=reference).progress


def test_each_status_implies_a_progress_unless_overridden():
    assert services.own_progress(S.PLANNED, None) == 0
    assert services.own_progress(S.IN_PROGRESS, None) == 50
    assert services.own_progress(S.DELAYED, None) == 25
    assert services.own_progress(S.COMPLETED, None) == 100
    assert services.own_progress(S.IN_PROGRESS, Decimal("72.5")) == Decimal("72.5")


def test_children_count_equally_without_weights():
    assert services.weighted_average([(Decimal(100), None), (Decimal(50), None), (Decimal(0), None)]) == 50


def test_weights_make_the_average():
    # (100*3 + 20*1) / 4 = 80
    assert services.weighted_average([(Decimal(100), Decimal(3)), (Decimal(20), Decimal(1))]) == 80


def test_a_child_without_a_weight_counts_with_the_mean_weight_of_its_siblings():
    # weights 1 and 3 given: the third child counts 2. (100*1 + 0*3 + 50*2) / 6 = 33.33
    children = [(Decimal(100), Decimal(1)), (Decimal(0), Decimal(3)), (Decimal(50), None)]
    assert services.weighted_average(children) == Decimal("33.33")


def test_three_levels_with_weights_and_an_override_are_recomputed_up_the_chain():
    root = ActionFactory(reference="R")
    a = ActionFactory(reference="A", parent=root, weight=Decimal(3))
    b = ActionFactory(reference="B", parent=root, weight=Decimal(1), status=S.COMPLETED)
    a1 = ActionFactory(reference="A1", parent=a, status=S.COMPLETED)
    a2 = ActionFactory(reference="A2", parent=a, status=S.IN_PROGRESS, progress_override=Decimal(20))
    for action in (a1, a2, b):
        services.recompute_progress(action)

    # A = (100 + 20) / 2 = 60; R = (60*3 + 100*1) / 4 = 70
    assert progress_of("A") == 60
    assert progress_of("R") == 70

    services.update_action(a2, by=None, status=S.COMPLETED, progress_override=None)

    # A = (100 + 100) / 2 = 100; R = (100*3 + 100) / 4 = 100
    assert progress_of("A") == 100
    assert progress_of("R") == 100


def test_abandoned_children_are_left_out_of_the_parent():
    parent = ActionFactory(reference="P", status=S.IN_PROGRESS)
    done = ActionFactory(reference="P1", parent=parent, status=S.COMPLETED)
    abandoned = ActionFactory(reference="P2", parent=parent, status=S.ABANDONED)
    services.recompute_progress(done)
    services.recompute_progress(abandoned)
    assert progress_of("P") == 100


def test_recompute_all_gives_the_same_figures_as_the_chain():
    root = ActionFactory(reference="R")
    a = ActionFactory(reference="A", parent=root, weight=Decimal(3))
    ActionFactory(reference="B", parent=root, weight=Decimal(1), status=S.COMPLETED)
    ActionFactory(reference="A1", parent=a, status=S.COMPLETED)
    ActionFactory(reference="A2", parent=a, status=S.IN_PROGRESS, progress_override=Decimal(20))

    assert services.recompute_all() == 5  # every action was saved at 0 %
    assert (progress_of("A"), progress_of("R"), progress_of("A2")) == (60, 70, 20)


def test_a_parent_cannot_be_its_own_descendant():
    root = ActionFactory(reference="R")
    child = ActionFactory(reference="C", parent=root)
    grandchild = ActionFactory(reference="G", parent=child)

    with pytest.raises(services.ParentCycle):
        services.update_action(root, by=None, parent=grandchild)
    with pytest.raises(services.ParentCycle):
        services.update_action(root, by=None, parent=root)
    root.refresh_from_db()
    assert root.parent is None


def test_moving_a_child_recomputes_its_old_and_new_parents(staff):
    old = ActionFactory(reference="OLD")
    new = ActionFactory(reference="NEW")
    child = ActionFactory(reference="C", parent=old, status=S.COMPLETED)
    services.recompute_progress(child)
    assert progress_of("OLD") == 100

    services.update_action(child, by=staff, parent=new)

    assert progress_of("NEW") == 100
    assert progress_of("OLD") == 0
    assert AuditEvent.objects.filter(action="plan_actions.action_updated", object_id=str(child.pk)).exists()


def test_a_milestone_with_a_progress_moves_the_action_and_its_parent(staff):
    parent = ActionFactory(reference="P")
    child = ActionFactory(reference="C", parent=parent, status=S.IN_PROGRESS)
    services.recompute_progress(child)

    services.add_milestone(
        child, by=staff, date=date(2025, 3, 1), title="Works half done", progress=Decimal(70)
    )

    assert progress_of("C") == 70
    assert progress_of("P") == 70
    # An older milestone is history: it does not move the action back.
    services.add_milestone(child, by=staff, date=date(2024, 1, 1), title="Tender", progress=Decimal(10))
    assert progress_of("C") == 70
    assert [m.title for m in child.milestones.all()] == ["Tender", "Works half done"]


def test_the_sector_overview_counts_averages_and_sums():
    ActionFactory(
        reference="E1",
        sector="energy",
        status=S.COMPLETED,
        progress=100,
        budget_planned=1000,
        budget_spent=900,
    )
    ActionFactory(reference="E2", sector="energy", progress=50, budget_planned=500)
    ActionFactory(reference="F1", sector="food", progress=0)

    rows = {row["sector"]: row for row in services.sector_overview(Action.objects.all())}

    assert rows["energy"]["count"] == 2
    assert rows["energy"]["average_progress"] == 75
    assert rows["energy"]["budget_planned"] == 1500
    assert rows["energy"]["budget_spent"] == 900
    assert rows["food"]["budget_planned"] is None


def test_correcting_an_older_milestone_is_history_and_does_not_move_the_action(staff):
    action = ActionFactory(reference="C")
    tender = services.add_milestone(
        action, by=staff, date=date(2024, 1, 1), title="Tender", progress=Decimal(10)
    )
    services.add_milestone(action, by=staff, date=date(2025, 1, 1), title="Works", progress=Decimal(60))

    services.update_milestone(tender, by=staff, progress=Decimal(20))

    assert progress_of("C") == 60
    assert Action.objects.get(reference="C").milestones.get(title="Tender").progress == 20
    event = AuditEvent.objects.get(action="plan_actions.milestone_changed")
    assert event.details["fields"] == ["progress"]


def test_the_sector_overview_counts_a_parent_once_not_with_its_sub_actions_too():
    # Energy: a parent at 50 % (its two sub-actions at 100 % and 0 %) and a lone action at 0 %.
    parent = ActionFactory(reference="E", sector="energy")
    ActionFactory(reference="E-1", sector="energy", parent=parent, status=S.COMPLETED)
    ActionFactory(reference="E-2", sector="energy", parent=parent, status=S.PLANNED)
    ActionFactory(reference="E-3", sector="buildings", parent=parent, status=S.IN_PROGRESS)
    ActionFactory(reference="L", sector="energy")
    services.recompute_all()
    assert progress_of("E") == 50  # (100 + 0 + 50) / 3

    rows = {row["sector"]: row for row in services.sector_overview(Action.objects.all())}

    # The parent and the lone action, not (50 + 100 + 0 + 0) / 4 = 37.5 with the sub-actions again.
    assert rows["energy"]["average_progress"] == 25
    assert (rows["energy"]["count"], rows["energy"]["counted"]) == (4, 2)
    # A sub-action in another sector than its parent counts in its own sector.
    assert rows["buildings"]["average_progress"] == 50

    # Listing only the sub-actions, each counts: their parent is not among them.
    rows = {
        row["sector"]: row
        for row in services.sector_overview(Action.objects.filter(reference__in=["E-1", "E-2"]))
    }
    assert rows["energy"]["average_progress"] == 50

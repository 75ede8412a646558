"""The demo: forty actions of a Paris Climate Plan, imported through the app's own importer, once."""

import io

import pytest

from mobilization.plan.actions import demo
from mobilization.plan.actions.models import Action, ActionImport, Milestone

pytestmark = pytest.mark.django_db


def test_the_demo_imports_forty_actions_with_milestones_once(objectives):
    out = io.StringIO()
    demo.seed(out)
    demo.seed(out)

    assert Action.objects.count() == 40
    assert "already there" in out.getvalue()
    assert ActionImport.objects.get().status == ActionImport.Status.SUCCEEDED
    assert Action.objects.filter(parent__parent__isnull=False).exists()  # three levels
    # Links only to the objectives that exist ("energy-use" is not among the test's objectives).
    heat = Action.objects.get(reference="PC-ENR-01")
    assert sorted(heat.objectives.values_list("slug", flat=True)) == ["local-emissions", "renewable-share"]
    assert Milestone.objects.filter(action__reference="PC-BAT-01-a").count() == 3
    curial = Action.objects.get(reference="PC-BAT-01-a")
    assert (curial.status, curial.progress, curial.progress_override) == ("completed", 100, None)
    assert Action.objects.get(reference="PC-MOB-02-a").progress == 70
    assert 0 < Action.objects.get(reference="PC-MOB").progress < 100


def test_the_demo_works_without_any_objective():
    demo.seed(io.StringIO())
    assert Action.objects.count() == 40
    assert not Action.objects.filter(objectives__isnull=False).exists()

"""The admin keeps progress right: deleting a sub-action recomputes its parent, and a milestone added or
corrected in the action's timeline moves the action and its parent as on the app's own pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mobilization.core.models import AuditEvent
from mobilization.plan.actions import services
from mobilization.plan.actions.models import Action, Milestone
from mobilization.plan.actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db
S = Action.Status
TEXTS = ("title", "description", "department")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def parent_with_two_children():
    parent = ActionFactory(reference="P", sector="transport")
    done = ActionFactory(reference="P-1", parent=parent, status=S.COMPLETED, sector="transport")
    planned = ActionFactory(reference="P-2", parent=parent, status=S.PLANNED, sector="transport")
    services.recompute_progress(done)
    services.recompute_progress(planned)
    assert Action.objects.get(reference="P").progress == 50  # (100 + 0) / 2
    return parent, done, planned


def admin_errors(response) -> str:
    """What the admin refused, when it refused (a short message rather than the whole page)."""
    context = response.context or {}
    form = context.get("adminform")
    formsets = context.get("inline_admin_formsets") or []
    return repr((form.form.errors if form else None, [formset.formset.errors for formset in formsets]))


def progress_of(reference):
    return Action.objects.get(reference=reference).progress


def change_form(action, milestones=(), new_milestones=()):
    """What the admin's change page posts: the action's fields and its timeline inline."""
    data = {
        "reference": action.reference,
        **{
            f"{name}_{code}": getattr(action, f"{name}_{code}") or ""
            for name in TEXTS
            for code in ("fr", "en")
        },
        "sector": action.sector,
        "status": action.status,
        "progress_override": "" if action.progress_override is None else str(action.progress_override),
        "start_date": "",
        "end_date": "",
        "budget_planned": "",
        "budget_spent": "",
        "latitude": "",
        "longitude": "",
        "parent": action.parent_id or "",
        "weight": "",
        "milestones-TOTAL_FORMS": str(len(milestones) + len(new_milestones)),
        "milestones-INITIAL_FORMS": str(len(milestones)),
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
    }
    rows = [(milestone.pk, values) for milestone, values in milestones] + [
        ("", values) for values in new_milestones
    ]
    for index, (pk, values) in enumerate(rows):
        data[f"milestones-{index}-id"] = pk
        data[f"milestones-{index}-action"] = action.pk
        for name in ("date", "title_fr", "title_en", "status", "progress"):
            data[f"milestones-{index}-{name}"] = values.get(name, "")
    return data


def test_staff_delete_a_sub_action_in_the_admin_and_its_parent_is_recomputed(
    admin_client, parent_with_two_children
):
    _parent, _done, planned = parent_with_two_children

    response = admin_client.post(
        reverse("admin:plan_actions_action_delete", args=[planned.pk]), {"post": "yes"}, secure=True
    )

    assert response.status_code == 302
    assert not Action.objects.filter(reference="P-2").exists()
    assert progress_of("P") == 100  # only the completed sub-action is left
    assert AuditEvent.objects.filter(action="plan_actions.action_deleted").count() == 1


def test_staff_delete_sub_actions_from_the_admin_list_and_their_parent_is_recomputed(
    admin_client, parent_with_two_children
):
    _parent, done, _planned = parent_with_two_children
    other_parent = ActionFactory(reference="Q", status=S.IN_PROGRESS)
    lone_child = ActionFactory(reference="Q-1", parent=other_parent, status=S.COMPLETED)
    services.recompute_progress(lone_child)
    assert progress_of("Q") == 100

    response = admin_client.post(
        reverse("admin:plan_actions_action_changelist"),
        {"action": "delete_selected", "_selected_action": [done.pk, lone_child.pk], "post": "yes"},
        secure=True,
    )

    assert response.status_code == 302
    assert progress_of("P") == 0  # the planned sub-action is left
    assert progress_of("Q") == 50  # no sub-action left: its own status (in progress) speaks again


def test_a_milestone_added_in_the_admin_timeline_moves_the_action_and_its_parent(
    admin_client, parent_with_two_children
):
    _parent, _done, planned = parent_with_two_children

    response = admin_client.post(
        reverse("admin:plan_actions_action_change", args=[planned.pk]),
        change_form(
            planned, new_milestones=[{"date": "2025-03-01", "title_en": "Works begin", "progress": "40"}]
        ),
        secure=True,
    )

    assert response.status_code == 302, admin_errors(response)
    milestone = Milestone.objects.get(title="Works begin")
    assert milestone.created_by is not None
    assert progress_of("P-2") == 40
    assert progress_of("P") == 70  # (100 + 40) / 2
    assert AuditEvent.objects.filter(action="plan_actions.milestone_added").exists()


def test_the_latest_milestone_corrected_in_the_admin_moves_the_action_and_its_parent(
    admin_client, parent_with_two_children, superuser
):
    _parent, _done, planned = parent_with_two_children
    services.add_milestone(planned, by=superuser, date=date(2024, 1, 10), title="Tender", progress=Decimal(5))
    latest = services.add_milestone(
        planned, by=superuser, date=date(2025, 1, 10), title="Works", status=S.IN_PROGRESS
    )
    planned.refresh_from_db()
    assert progress_of("P-2") == 50

    response = admin_client.post(
        reverse("admin:plan_actions_action_change", args=[planned.pk]),
        change_form(
            planned,
            milestones=[
                (
                    Milestone.objects.get(title="Tender"),
                    {"date": "2024-01-10", "title_en": "Tender", "progress": "5"},
                ),
                (latest, {"date": "2025-01-10", "title_en": "Works done", "status": "completed"}),
            ],
        ),
        secure=True,
    )

    assert response.status_code == 302, admin_errors(response)
    assert Action.objects.get(reference="P-2").status == S.COMPLETED
    assert progress_of("P-2") == 100
    assert progress_of("P") == 100


def test_a_status_changed_in_the_admin_goes_through_the_service_and_is_audited(
    admin_client, parent_with_two_children, superuser
):
    _parent, _done, planned = parent_with_two_children
    data = change_form(planned)
    data["status"] = S.COMPLETED

    response = admin_client.post(
        reverse("admin:plan_actions_action_change", args=[planned.pk]), data, secure=True
    )

    assert response.status_code == 302, admin_errors(response)
    assert Action.objects.get(reference="P-2").status == S.COMPLETED
    assert progress_of("P") == 100
    event = AuditEvent.objects.get(action="plan_actions.action_updated")
    assert event.actor == superuser
    assert event.details == {"fields": ["status"]}

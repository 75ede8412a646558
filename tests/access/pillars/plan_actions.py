"""Access table rows of the plan_actions app: actions are public; editing them, adding milestones and
importing files is the city's climate team's work (city staff, and the administrators)."""

from datetime import date

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone, members


def staff_only(outcome, others=403) -> dict:
    """City staff and administrators get `outcome`; other members `others`; visitors are sent to sign in."""
    return {
        ANONYMOUS: LOGIN,
        OWNER: others,
        OTHER: others,
        COORDINATOR: others,
        CITY_STAFF: outcome,
        ADMIN: outcome,
    }


ACTION = lambda world: {"reference": world.plan_actions_action.reference}  # noqa: E731

ROWS: tuple = (
    Route("plan_actions:list", {"GET": everyone(200), "POST": everyone(405)}),
    Route("plan_actions:detail", {"GET": everyone(200), "POST": everyone(405)}, kwargs=ACTION),
    # An empty POST is answered with the form and its errors (200) for staff.
    Route("plan_actions:edit", {"GET": staff_only(200), "POST": staff_only(200)}, kwargs=ACTION),
    Route("plan_actions:milestone_add", {"GET": staff_only(200), "POST": staff_only(200)}, kwargs=ACTION),
    Route("plan_actions:import", {"GET": staff_only(200), "POST": staff_only(200)}),
    Route(
        "plan_actions:import_status",
        {"GET": staff_only(200), "POST": members(405)},
        kwargs=lambda world: {"pk": world.plan_actions_import.pk},
    ),
    # An empty POST leaves the preview's category without a sector: staff get the page and its errors.
    Route(
        "plan_actions:import_confirm",
        {"GET": members(405), "POST": staff_only(200)},
        kwargs=lambda world: {"pk": world.plan_actions_preview.pk},
    ),
    Route(
        "plan_actions:import_cancel",
        {"GET": members(405), "POST": staff_only(REDIRECT)},
        kwargs=lambda world: {"pk": world.plan_actions_preview.pk},
    ),
    Route("plan_actions:export", {"GET": everyone(200), "POST": everyone(405)}),
    Route("plan_actions:export_milestones", {"GET": everyone(200), "POST": everyone(405)}),
    Route("plan_actions:export_milestones_json", {"GET": everyone(200), "POST": everyone(405)}),
    Route("plan_actions:export_json", {"GET": everyone(200), "POST": everyone(405)}),
    Route("plan_actions:download_readme", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:list_plan_actions", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:plan_action", {"GET": everyone(200)}, kwargs=ACTION),
)


def build(world) -> None:
    """An action with a parent and a milestone, and an import uploaded by city staff."""
    from mobilization.plan.actions import services
    from mobilization.plan.actions.models import Action, ActionImport
    from mobilization.plan.actions.tests.factories import ActionFactory, ActionImportFactory

    parent = ActionFactory(reference="RT-1", title="Plan Vélo", sector=Action.Sector.TRANSPORT)
    action = ActionFactory(
        reference="RT-2", title="Vélopolitain", parent=parent, sector=Action.Sector.TRANSPORT
    )
    services.add_milestone(
        action,
        by=world.user(CITY_STAFF),
        date=date(2025, 3, 1),
        title="Ligne 1 ouverte",
        status="in_progress",
    )
    action_import = ActionImportFactory(
        content="reference,title\nRT-3,Pistes cyclables\n",
        format=ActionImport.Format.OWN,
        status=ActionImport.Status.SUCCEEDED,
        report={"format": "own", "rows": 1, "created": 1, "updated": 0, "unchanged": 0, "errors": []},
        created_by=world.user(CITY_STAFF),
    )
    # A Decidim file previewed and awaiting confirmation, with one category to give a sector.
    preview = ActionImportFactory(
        file_name="decidim.csv",
        content="id;title/fr;category/name/fr\n1;Pistes;Mobilité\n",
        format=ActionImport.Format.DECIDIM,
        status=ActionImport.Status.PREVIEWED,
        report={
            "format": "decidim",
            "rows": 1,
            "errors": [],
            "preview": {
                "counts": {"create": 1, "update": 0, "unchanged": 0},
                "categories": [{"name": "Mobilité", "sector": "transport", "reason": "guessed", "rows": 1}],
                "rows": [
                    {
                        "row": 2,
                        "reference": "decidim-1",
                        "outcome": "create",
                        "changed": [],
                        "title": "Pistes",
                        "status": "planned",
                        "progress": None,
                        "sector": "transport",
                        "locales": {"title": "fr", "description": None},
                        "decidim_status": "",
                        "category": "Mobilité",
                        "sector_reason": "guessed",
                        "scope": "",
                        "district": "",
                    }
                ],
            },
        },
        created_by=world.user(CITY_STAFF),
    )
    world.extra.update(
        plan_actions_action=action,
        plan_actions_parent=parent,
        plan_actions_import=action_import,
        plan_actions_preview=preview,
    )

"""Background work of plan actions: importing an uploaded CSV file."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from mobilization.core import audit
from mobilization.plan.actions import importers
from mobilization.plan.actions.models import ActionImport


@task(queue_name="imports")
def run_import(import_id: int) -> str:
    """Import the actions of an uploaded file, all or nothing; the outcome and report are stored."""
    # Claimed in one UPDATE: when a task is delivered twice, only one delivery finds it queued.
    claimed = ActionImport.objects.filter(pk=import_id, status=ActionImport.Status.QUEUED).update(
        status=ActionImport.Status.RUNNING, started_at=timezone.now()
    )
    action_import = ActionImport.objects.get(pk=import_id)
    if not claimed:
        return action_import.status  # already run, or running
    try:
        report = importers.import_actions(action_import.content)
    except Exception:  # noqa: BLE001 - the staff member must see that it failed, not a queued import
        message = _(
            "The import stopped on an unexpected error and changed nothing. The technical team has been "
            "told; try again later or send the file to them."
        )
        ActionImport.objects.filter(pk=import_id).update(
            status=ActionImport.Status.FAILED,
            finished_at=timezone.now(),
            report={"errors": [{"row": 0, "reference": "", "messages": [str(message)]}]},
        )
        raise
    status = ActionImport.Status.SUCCEEDED if report.succeeded else ActionImport.Status.FAILED
    ActionImport.objects.filter(pk=import_id).update(
        status=status, format=report.format, report=report.as_dict(), finished_at=timezone.now()
    )
    audit.record(
        action_import.created_by,
        "plan_actions.import_finished",
        action_import,
        status=status,
        created=report.created,
        updated=report.updated,
        errors=len(report.errors),
    )
    return status

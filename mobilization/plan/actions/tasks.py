"""Background work of plan actions: importing an uploaded CSV file."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from mobilization.core.errors import InvalidTransition
from mobilization.core.transitions import transition
from mobilization.plan.actions import importers
from mobilization.plan.actions.models import ActionImport

Status = ActionImport.Status


@task(queue_name="imports")
def run_import(import_id: int) -> str:
    """Import the actions of an uploaded file, all or nothing; the outcome and report are stored.

    The import is claimed first (queued → running) under the row's lock: when a task is delivered twice,
    only one delivery finds it queued, the other returns the status it found."""
    action_import = ActionImport.objects.get(pk=import_id)
    try:
        transition(
            action_import,
            by=None,
            action="plan_actions.import_started",
            allowed_from=[Status.QUEUED],
            to=Status.RUNNING,
            changes={"started_at": timezone.now()},
        )
    except InvalidTransition:
        return action_import.status  # already run, or running (read again under the lock)
    try:
        report = importers.import_actions(action_import.content, by=action_import.created_by)
    except Exception:  # noqa: BLE001 - the staff member must see that it failed, not a running import
        message = _(
            "The import stopped on an unexpected error and changed nothing. The technical team has been "
            "told; try again later or send the file to them."
        )
        _finish(
            action_import,
            Status.FAILED,
            report={"errors": [{"row": 0, "reference": "", "messages": [str(message)]}]},
            details={"status": Status.FAILED, "crashed": True},
        )
        raise
    status = Status.SUCCEEDED if report.succeeded else Status.FAILED
    _finish(
        action_import,
        status,
        format=report.format,
        report=report.as_dict(),
        details={
            "status": status,
            "created": report.created,
            "updated": report.updated,
            "errors": len(report.errors),
        },
    )
    return status


def _finish(action_import: ActionImport, status: str, *, details: dict, **changes) -> None:
    """Running → succeeded or failed, with the report; audited in the name of who uploaded the file."""
    transition(
        action_import,
        by=action_import.created_by,
        action="plan_actions.import_finished",
        allowed_from=[Status.RUNNING],
        to=status,
        changes={**changes, "finished_at": timezone.now()},
        details=details,
    )

"""Background work of plan actions: previewing an uploaded CSV file, then importing it once staff confirm.

An upload is queued, then previewed (every row checked, what each would do worked out, nothing written);
staff read the preview and confirm it, which queues it again; the second run imports it, if the actions have
not changed meanwhile in a way that would make the file do something else than the preview said."""

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
    confirmed = action_import.confirmed_at is not None
    try:
        if confirmed:
            preview = (action_import.report or {}).get("preview", {})
            report = importers.import_actions(
                action_import.content,
                by=action_import.confirmed_by or action_import.created_by,
                sector_mapping=action_import.sector_mapping,
                expected=importers.outcomes_of(preview.get("rows", [])),
            )
        else:
            report, preview = importers.preview_actions(action_import.content)
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
    if not confirmed and report.succeeded:
        _finish(
            action_import,
            Status.PREVIEWED,
            format=report.format,
            report={**report.as_dict(), "preview": preview},
            details={"status": Status.PREVIEWED, **preview["counts"]},
        )
        return Status.PREVIEWED
    status = Status.SUCCEEDED if report.succeeded else Status.FAILED
    kept = {"preview": action_import.report["preview"]} if confirmed else {}
    _finish(
        action_import,
        status,
        format=report.format,
        report={**report.as_dict(), **kept},
        details={
            "status": status,
            "created": report.created,
            "updated": report.updated,
            "errors": len(report.errors),
        },
    )
    return status


def _finish(action_import: ActionImport, status: str, *, details: dict, **changes) -> None:
    """Running → previewed, succeeded or failed, with the report; audited in the name of who uploaded the
    file."""
    transition(
        action_import,
        by=action_import.created_by,
        action="plan_actions.import_finished",
        allowed_from=[Status.RUNNING],
        to=status,
        changes={**changes, "finished_at": timezone.now()},
        details=details,
    )

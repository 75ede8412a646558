"""Background work of the registry: the yearly review reminders and the deletion of stale records.

Run both once a day (crontab of the application user, as in deploy/README.md)::

    CRON_TZ=Europe/Paris
    15 9 * * * cd /srv/climat && .venv/bin/python manage.py registry_upkeep

or enqueue these tasks from any scheduler. Both are idempotent: a record is reminded once per review,
and deleting what is already deleted deletes nothing.
"""

from django_tasks import task

from mobilization.solidarity import services


@task(queue_name="default")
def send_review_reminders() -> int:
    """Ask for a yearly review of the records confirmed more than `SOLIDARITY_REVIEW_AFTER_DAYS` ago."""
    return services.send_review_reminders()


@task(queue_name="default")
def delete_unconfirmed_records() -> int:
    """Delete the records not confirmed within `SOLIDARITY_RETENTION_DAYS` (the retention period)."""
    return services.delete_unconfirmed()


@task(queue_name="default")
def dispatch_upkeep() -> dict:
    """During an event: expire the offers left unanswered (their people go to another buddy), then
    dispatch every active event again, so that new residents, absences, buddies who joined, paused or
    lost their certification are taken into account. Idempotent: what did not change is not written.
    It also tells the buddies of a run whose own notification task was lost (announcements.py).
    Run every five minutes (`manage.py dispatch_upkeep`)."""
    from mobilization.solidarity import announcements, dispatching, offers
    from mobilization.solidarity.models import DispatchRun, ExtremeEvent

    expired = offers.expire_offers()
    announcements.announce_missed()  # the runs whose own task was lost: their buddies are told now
    # This run takes whatever the changes' own tasks (redispatch.py) were due to: their marks are cleared,
    # so that a lost task does not leave its event marked, and never re-dispatched at once again.
    ExtremeEvent.objects.active().filter(redispatch_due=True).update(redispatch_due=False)
    runs = [
        dispatching.dispatch(event, trigger=DispatchRun.Trigger.CHANGE)
        for event in ExtremeEvent.objects.active().order_by("pk")
    ]
    return {"expired": expired, "changed": sum(1 for run in runs if run.offered or run.replaced)}


@task(queue_name="default")
def redispatch_event(event_id: int) -> dict:
    """Dispatch an event again because buddies or residents changed (redispatch.py: enqueued once per
    burst of changes, after they commit)."""
    from mobilization.solidarity import dispatching
    from mobilization.solidarity.event_models import ExtremeEvent

    # Clear the mark first: a change made while this runs marks the event again and enqueues another run.
    if not ExtremeEvent.objects.filter(pk=event_id, redispatch_due=True).update(redispatch_due=False):
        return {"dispatched": False}  # already done by another run (or the upkeep) since it was asked
    event = ExtremeEvent.objects.filter(pk=event_id, status=ExtremeEvent.Status.ACTIVE).first()
    if event is None:
        return {"dispatched": False}
    run = dispatching.dispatch(event, trigger=dispatching.Trigger.CHANGE)
    return {"dispatched": True, "run": run.pk, "offered": run.offered, "replaced": run.replaced}


@task(queue_name="default")
def checkin_upkeep() -> dict:
    """During an event: make each accepted assignment's check-in of the current cadence window, and
    escalate the residents nobody reached within the no-answer window after a first unanswered attempt
    (48 hours). Idempotent. Run every five minutes (`manage.py checkin_upkeep`)."""
    from mobilization.solidarity import checkins, escalations

    return {"made": checkins.generate_for_active_events(), "escalated": escalations.escalate_silent()}

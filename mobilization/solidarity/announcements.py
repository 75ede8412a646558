"""Telling the buddies what a dispatch run did, once it has committed: their new offers, or that the
person they accepted was given to someone else (dispatching.py enqueues `announce_dispatch_run` on the
run's commit).

Out of the dispatch's transaction because telling 6,000 buddies (their inbox rows, deliveries and the
tasks that send them) cost more than writing the 20,000 offers: the offers are in force, and the event's
lock released, whatever the notification takes. Told once: `announce()` locks the run's row and marks it
`notified_at` in the transaction that writes the notifications, so a task run twice tells nobody twice.
A task lost between the run's commit and the queue (the process died there) is made up by
`announce_missed()`, which the five-minute `dispatch_upkeep` calls.

The task is here rather than in tasks.py: dispatching.py enqueues it, and tasks.py imports dispatching.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from mobilization.notifications.services import notify
from mobilization.solidarity import dispatch_inputs as inputs
from mobilization.solidarity.event_models import DispatchRun


@task(queue_name="default")
def announce_dispatch_run(run_id: int) -> int:
    """Tell the buddies of a dispatch run that committed (enqueued on its commit)."""
    return announce(run_id)


def announce(run_id: int, *, now: datetime | None = None) -> int:
    """Tell the buddies of a finished run: those offered someone in it (the offers still open: one that a
    later run replaced is that run's to tell), and those whose accepted person it moved. Once: the run's
    row is locked and marked in the transaction that writes the notifications. Returns how many were told."""
    with transaction.atomic():
        run = (
            DispatchRun.objects.select_for_update()
            .filter(pk=run_id, finished_at__isnull=False, notified_at__isnull=True)
            .first()
        )
        if run is None:
            return 0  # told already (a task run twice, or the upkeep's catch-up), or rolled back
        context = {"event": run.event, "url": reverse("solidarity:offers")}
        told = []
        if run.offered:
            told += notify(inputs.users_offered_in(run), "solidarity_offer", context)
        if run.withdrawn_buddies:
            users = inputs.users_of_buddies(run.withdrawn_buddies)
            told += notify(users, "solidarity_assignment_withdrawn", context)
        run.notified_at = now or timezone.now()
        run.save(update_fields=["notified_at"])
    return len(told)


def announce_missed(*, now: datetime | None = None, grace=timedelta(minutes=1)) -> int:
    """Tell the buddies of the runs finished more than `grace` ago whose task never ran (lost between the
    commit and the queue); returns how many runs."""
    now = now or timezone.now()
    missed = (
        DispatchRun.objects.filter(finished_at__lt=now - grace, notified_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    runs = list(missed)
    for run_id in runs:
        announce(run_id, now=now)
    return len(runs)

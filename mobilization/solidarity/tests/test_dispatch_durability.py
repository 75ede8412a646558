"""A worker killed half-way through a dispatch (SIGKILL, a real process) leaves the previous assignments in
force; two coordinators dispatching at once produce one result. On the test database of the run
(SQLite file or PostgreSQL), with committed data (`transaction=True`)."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from mobilization.core.testing import database_url
from mobilization.notifications.models import Notification
from mobilization.solidarity import dispatching
from mobilization.solidarity.models import Assignment, CallListEntry, DispatchRun, ExtremeEvent
from mobilization.solidarity.tests.event_factories import EventFactory, trained_buddy
from mobilization.solidarity.tests.factories import ResidentFactory, eleventh

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)

WORKER = textwrap.dedent(
    """
    import os, signal, sys
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilization.settings")
    django.setup()
    from mobilization.solidarity import dispatching
    from mobilization.solidarity.models import ExtremeEvent

    def stop(name):
        if name == sys.argv[2]:
            print("stopped at", name, flush=True)
            signal.pause()  # held here, inside the transaction, until the test kills the process

    dispatching.checkpoint = stop
    dispatching.dispatch(ExtremeEvent.objects.get(pk=int(sys.argv[1])))
    print("finished", flush=True)
    """
)


def state(event):
    return (
        sorted(Assignment.objects.filter(event=event).values_list("pk", "resident_id", "buddy_id", "status")),
        sorted(CallListEntry.objects.filter(event=event).values_list("pk", "resident_id", "reason")),
    )


def a_world_to_redispatch():
    district = eleventh()
    event = EventFactory(status=ExtremeEvent.Status.ACTIVE, districts=[district])
    first = trained_buddy(checkins_per_day=2)
    trained_buddy(base_lat=48.862, checkins_per_day=2)
    for _ in range(6):
        ResidentFactory(district=district)
    dispatching.dispatch(event)
    # Then the first buddy goes away: a new dispatch must move their people.
    first.paused_until = timezone.localdate() + timedelta(days=3)
    first.save()
    return event


@pytest.mark.parametrize("step", ["solved", "replaced", "offered", "call_list"])
def test_a_worker_killed_half_way_leaves_the_previous_assignments(step):
    event = a_world_to_redispatch()
    before, told = state(event), Notification.objects.count()
    env = {**os.environ, "DATABASE_URL": database_url(), "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(event.pk), step],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = worker.stdout.readline()
        assert line.strip() == f"stopped at {step}", worker.stderr.read()
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == -signal.SIGKILL
    connections.close_all()
    assert state(event) == before
    assert Notification.objects.count() == told  # nobody told of offers that never were
    unfinished = DispatchRun.objects.filter(event=event, finished_at__isnull=True)
    assert unfinished.count() == 1
    # The next dispatch does the work.
    run = dispatching.dispatch(event)
    assert run.replaced > 0 and state(event) != before


def test_two_coordinators_dispatching_at_once_produce_one_result():
    event = a_world_to_redispatch()
    barrier = threading.Barrier(2)
    runs, errors = [], []

    def coordinator():
        try:
            barrier.wait(timeout=10)
            runs.append(dispatching.dispatch(ExtremeEvent.objects.get(pk=event.pk)))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=coordinator) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    first, second = sorted(runs, key=lambda run: run.finished_at)
    assert first.replaced > 0 and (second.offered, second.replaced) == (0, 0)
    live = list(
        Assignment.objects.filter(event=event, status__in=Assignment.LIVE).values_list(
            "resident_id", flat=True
        )
    )
    calls = list(CallListEntry.objects.filter(event=event).values_list("resident_id", flat=True))
    assert len(live) == 4 and len(calls) == 2 and len(set(live) | set(calls)) == 6

"""Dispatch again at once when buddies or residents change during an active event (redispatch.py): after
the change commits, once per burst of changes, with the trigger "Residents or buddies changed".

The queue is one that defers tasks, as the database queue of production (the tests' ImmediateBackend
cannot: on it nothing is asked, and the upkeep takes the change); its tasks are then run as the worker
runs them (`changes_made()`)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mobilization.learning.models import Certification
from mobilization.learning.services import revoke_certification
from mobilization.solidarity import dispatching, services, tasks
from mobilization.solidarity.models import Absence, Assignment, CallListEntry, DispatchRun, ExtremeEvent
from mobilization.solidarity.tests.event_factories import EventFactory, trained_buddy
from mobilization.solidarity.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db
CHANGE = DispatchRun.Trigger.CHANGE
DEFERRING_QUEUE = {
    "default": {
        "BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "QUEUES": ["default", "email", "imports"],
    }
}


def live(event):
    return dict(
        Assignment.objects.filter(event=event, status__in=Assignment.LIVE).values_list(
            "resident_id", "buddy_id"
        )
    )


@pytest.fixture
def queue(settings):
    """The deferring queue; returns what runs its re-dispatch tasks as the worker would, once each."""
    settings.TASKS = DEFERRING_QUEUE
    from django_tasks import default_task_backend

    done = set()

    def run_queued():
        for result in default_task_backend.results:
            if result.task.name == "redispatch_event" and result.id not in done:
                done.add(result.id)
                result.task.call(*result.args)

    run_queued.enqueued = lambda: [
        r for r in default_task_backend.results if r.task.name == "redispatch_event"
    ]
    return run_queued


@pytest.fixture
def world(district, queue):
    """An active event over the 11th, two buddies with room for everyone, four residents dispatched."""
    event = EventFactory(status=ExtremeEvent.Status.ACTIVE, districts=[district])
    first = trained_buddy(checkins_per_day=2)  # orange: a cadence of two days, room for four
    second = trained_buddy(base_lat=48.862, checkins_per_day=2)
    residents = [ResidentFactory(district=district) for _ in range(4)]
    dispatching.dispatch(event)
    return event, first, second, residents


def changes(event):
    return list(DispatchRun.objects.filter(event=event, trigger=CHANGE))


def test_a_buddy_who_pauses_has_their_people_moved_at_once(world, queue, django_capture_on_commit_callbacks):
    event, first, second, residents = world
    theirs = {r for r, b in live(event).items() if b == first.pk}
    assert theirs, "the first buddy was given someone"

    with django_capture_on_commit_callbacks(execute=True):
        services.pause_buddy(first, by=first.user, until=timezone.localdate() + timedelta(days=3))
    queue()

    [run] = changes(event)
    assert run.finished_at is not None and run.replaced == len(theirs)
    assert all(live(event)[r] == second.pk for r in theirs)
    event.refresh_from_db()
    assert not event.redispatch_due


def test_a_resident_registered_during_the_event_gets_a_buddy(
    world, district, queue, django_capture_on_commit_callbacks
):
    event, first, second, _ = world
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = ResidentFactory(district=district)
    queue()

    [run] = changes(event)
    assert run.offered == 1
    assert live(event)[newcomer.pk] in {first.pk, second.pk}


def test_a_resident_away_from_today_leaves_the_dispatch(world, queue, django_capture_on_commit_callbacks):
    event, _, _, residents = world
    away = residents[0]
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        Absence.objects.create(resident=away, starts_on=today, ends_on=today + timedelta(days=9))
    queue()

    assert len(changes(event)) == 1
    assert away.pk not in live(event)
    assert Assignment.objects.get(event=event, resident=away, status=Assignment.Status.REPLACED)


def test_a_revoked_certification_moves_the_buddys_people(world, queue, django_capture_on_commit_callbacks):
    event, first, second, _ = world
    certification = Certification.objects.get(user=first.user)
    with django_capture_on_commit_callbacks(execute=True):
        revoke_certification(certification, by=None, reason="staff")
    queue()

    assert len(changes(event)) == 1
    assert set(live(event).values()) == {second.pk}


def test_a_hundred_changes_make_one_run(world, queue, django_capture_on_commit_callbacks):
    """The first change enqueues the task a little later; the next ones find the event already marked.
    The worker then runs it once."""
    event, first, second, _ = world
    for day in range(100):  # a hundred commits, as a hundred requests would make
        with django_capture_on_commit_callbacks(execute=True):
            first.paused_until = timezone.localdate() + timedelta(days=day % 3)
            first.save()

    [enqueued] = queue.enqueued()
    assert list(enqueued.args) == [event.pk]
    assert enqueued.task.run_after is not None, "deferred, so that the burst is over when it runs"
    event.refresh_from_db()
    assert event.redispatch_due

    outcome = tasks.redispatch_event.call(event.pk)  # as the worker calls it

    assert outcome["dispatched"] and len(changes(event)) == 1
    event.refresh_from_db()
    assert not event.redispatch_due
    # A change made after the run started asks for another one.
    with django_capture_on_commit_callbacks(execute=True):
        second.checkins_per_day = 3
        second.save()
    assert len(queue.enqueued()) == 2


def test_a_queue_that_cannot_defer_leaves_it_to_the_upkeep(
    world, settings, django_capture_on_commit_callbacks
):
    """The tests' ImmediateBackend would dispatch inside the request (or the fixture) that made the
    change: nothing is asked of it."""
    event, first, *_ = world
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email", "imports"],
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.pause_buddy(first, by=first.user, until=timezone.localdate() + timedelta(days=3))
    assert changes(event) == []
    event.refresh_from_db()
    assert not event.redispatch_due


def test_changes_the_dispatch_does_not_read_ask_for_nothing(world, queue, django_capture_on_commit_callbacks):
    event, first, _, residents = world
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_registration(residents[0], by=None)  # a review: not a change of scope
        first.save(update_fields=["updated_at"])
    assert queue.enqueued() == []


def test_no_event_active_no_run(district, queue, django_capture_on_commit_callbacks):
    event = EventFactory(status=ExtremeEvent.Status.WATCH, districts=[district])
    with django_capture_on_commit_callbacks(execute=True):
        ResidentFactory(district=district)
        trained_buddy()
    assert queue.enqueued() == []
    assert not DispatchRun.objects.filter(event=event).exists()
    assert not CallListEntry.objects.exists()


def test_the_five_minute_upkeep_clears_a_mark_whose_task_was_lost(world):
    event, *_ = world
    ExtremeEvent.objects.filter(pk=event.pk).update(redispatch_due=True)  # its task never ran
    tasks.dispatch_upkeep.call()
    event.refresh_from_db()
    assert not event.redispatch_due
    assert DispatchRun.objects.filter(event=event, trigger=CHANGE).count() == 1

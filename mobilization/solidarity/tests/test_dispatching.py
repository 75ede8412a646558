"""The dispatch wired to the database: scope, eligibility, idempotence, accepted kept, decliners excluded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mobilization.core.errors import InvalidTransition
from mobilization.core.models import AuditEvent
from mobilization.notifications.models import Notification
from mobilization.solidarity import announcements, dispatching, event_services, offers
from mobilization.solidarity.models import Absence, Assignment, CallListEntry, DispatchRun, ExtremeEvent
from mobilization.solidarity.tests.event_factories import EventFactory, trained_buddy
from mobilization.solidarity.tests.factories import BuddyProfileFactory, ResidentFactory

pytestmark = pytest.mark.django_db
Status = Assignment.Status


def active_event(**kwargs):
    return EventFactory(status=ExtremeEvent.Status.ACTIVE, **kwargs)


def live(event):
    return dict(
        Assignment.objects.filter(event=event, status__in=Assignment.LIVE).values_list(
            "resident_id", "buddy_id"
        )
    )


def test_every_resident_in_scope_gets_one_buddy_or_the_call_list(
    district, django_capture_on_commit_callbacks
):
    event = active_event()
    near = trained_buddy(checkins_per_day=1)  # cadence 2 days in orange: room for two
    residents = [ResidentFactory(district=district) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        run = dispatching.dispatch(event)

    assert run.finished_at is not None and (run.residents, run.buddies) == (3, 1)
    assert run.assigned == 2 and run.call_list == 1
    assert set(live(event).values()) == {near.pk}
    entry = CallListEntry.objects.get(event=event)
    assert entry.resident_id not in live(event) and entry.reason == "all_full"
    assert {r.pk for r in residents} == set(live(event)) | {entry.resident_id}
    assert Notification.objects.filter(recipient=near.user, kind="solidarity_offer").count() == 1


def test_uncertified_paused_and_absent_are_left_out(district):
    event = active_event()
    BuddyProfileFactory()  # a profile without the certification
    trained_buddy(paused_until=timezone.localdate() + timedelta(days=3))
    away = ResidentFactory(district=district)
    today = timezone.localdate()
    Absence.objects.create(resident=away, starts_on=today, ends_on=today + timedelta(days=5))
    here = ResidentFactory(district=district)
    run = dispatching.dispatch(event)
    assert run.residents == 1 and run.buddies == 0
    assert list(CallListEntry.objects.filter(event=event).values_list("resident_id", flat=True)) == [here.pk]


def test_language_and_mode_are_respected(district):
    event = active_event()
    trained_buddy(languages=["fr"], does_calls=True, does_visits=False)
    arabic = trained_buddy(languages=["ar"], does_calls=True, does_visits=False)
    visitor = trained_buddy(languages=["fr"], does_calls=False, does_visits=True)
    speaks_arabic = ResidentFactory(district=district, languages=["ar"])
    wants_visit = ResidentFactory(district=district, preferred_contact="visit")
    dispatching.dispatch(event)
    assert live(event) == {speaks_arabic.pk: arabic.pk, wants_visit.pk: visitor.pk}


def test_a_second_run_changes_nothing_and_touches_no_row(district):
    event = active_event()
    for _ in range(3):
        trained_buddy(checkins_per_day=1)
    for _ in range(7):
        ResidentFactory(district=district)
    dispatching.dispatch(event)
    before = list(Assignment.objects.order_by("pk").values())
    calls_before = list(CallListEntry.objects.order_by("pk").values())
    run = dispatching.dispatch(event)
    assert (run.kept, run.offered, run.replaced) == (6, 0, 0)
    assert list(Assignment.objects.order_by("pk").values()) == before
    assert list(CallListEntry.objects.order_by("pk").values()) == calls_before


def test_an_inactive_event_is_not_dispatched(district):
    event = EventFactory()
    with pytest.raises(InvalidTransition):
        dispatching.dispatch(event)
    assert not DispatchRun.objects.exists()


def test_activation_dispatches_and_is_audited(district, coordinator):
    event = EventFactory()
    buddy = trained_buddy()
    resident = ResidentFactory(district=district)
    run = event_services.activate(event, by=coordinator)
    assert run.trigger == DispatchRun.Trigger.ACTIVATION and live(event) == {resident.pk: buddy.pk}
    assert AuditEvent.objects.filter(action="solidarity.event_activated", object_id=str(event.pk)).exists()


def test_an_accepted_assignment_is_kept_when_a_nearer_buddy_comes(district):
    event = active_event()
    far = trained_buddy(base_lat=48.865, base_lon=2.380, max_distance_km=3)
    resident = ResidentFactory(district=district)
    dispatching.dispatch(event)
    offers.accept(Assignment.objects.get(event=event), by=far.user)
    trained_buddy()  # at the resident's door
    run = dispatching.dispatch(event)
    assert live(event) == {resident.pk: far.pk} and run.kept == 1


def test_a_decline_reassigns_without_the_decliner_and_never_offers_them_again(district):
    event = active_event()
    first = trained_buddy()
    second = trained_buddy(base_lat=48.862, base_lon=2.380)
    resident = ResidentFactory(district=district)
    dispatching.dispatch(event)
    assert live(event) == {resident.pk: first.pk}
    offers.decline(Assignment.objects.get(event=event, status=Status.OFFERED), by=first.user)
    assert live(event) == {resident.pk: second.pk}
    dispatching.dispatch(event)
    assert live(event) == {resident.pk: second.pk}
    offers.decline(Assignment.objects.get(event=event, status=Status.OFFERED), by=second.user)
    assert live(event) == {}
    assert CallListEntry.objects.get(event=event).resident_id == resident.pk


def test_unanswered_offers_expire_and_are_reassigned(district):
    event = active_event()
    slow = trained_buddy()
    other = trained_buddy(base_lat=48.862, base_lon=2.380)
    resident = ResidentFactory(district=district)
    then = timezone.now()
    dispatching.dispatch(event, now=then)
    assert offers.expire_offers(now=then + timedelta(hours=1)) == 0
    assert offers.expire_offers(now=then + timedelta(hours=7)) == 1
    assert Assignment.objects.get(event=event, buddy=slow).status == Status.EXPIRED
    assert live(event) == {resident.pk: other.pk}


def test_a_resident_leaving_the_scope_loses_their_assignment(district):
    event = active_event()
    trained_buddy()
    resident = ResidentFactory(district=district)
    dispatching.dispatch(event)
    today = timezone.localdate()
    Absence.objects.create(resident=resident, starts_on=today, ends_on=today)
    run = dispatching.dispatch(event)
    assert live(event) == {} and run.replaced == 1
    assert Assignment.objects.get(event=event).status == Status.REPLACED


def test_closing_expires_open_offers(district, coordinator):
    event = active_event()
    trained_buddy()
    ResidentFactory(district=district)
    dispatching.dispatch(event)
    event_services.close(event, by=coordinator)
    assert Assignment.objects.get(event=event).status == Status.EXPIRED


def test_the_previous_events_buddy_is_preferred(district):
    earlier = active_event(starts_at=timezone.now() - timedelta(days=40))
    a = trained_buddy(base_lat=48.8595, base_lon=2.3805)
    resident = ResidentFactory(district=district)
    dispatching.dispatch(earlier)
    offers.accept(Assignment.objects.get(event=earlier), by=a.user)
    event_services.close(earlier, by=None)
    b = trained_buddy()  # a little nearer than a (under the continuity bonus)
    event = active_event()
    dispatching.dispatch(event)
    assert live(event) == {resident.pk: a.pk} and b.pk != a.pk


# --- The buddies are told once the run has committed, by a task -------------------------------------------


def test_the_offers_are_in_force_before_the_buddies_are_told_then_told_once(
    district, django_capture_on_commit_callbacks
):
    event = active_event()
    buddy = trained_buddy()
    resident = ResidentFactory(district=district)
    with django_capture_on_commit_callbacks() as on_commit:
        run = dispatching.dispatch(event)
    assert live(event) == {resident.pk: buddy.pk}
    assert not Notification.objects.filter(kind="solidarity_offer").exists()
    assert len(on_commit) == 1  # one task for the whole run
    with django_capture_on_commit_callbacks(execute=True):
        on_commit[0]()  # the commit enqueues the task; the tests' queue runs it at once
        announcements.announce(run.pk)  # run again (a retried task): nobody is told twice
    assert Notification.objects.filter(recipient=buddy.user, kind="solidarity_offer").count() == 1
    run.refresh_from_db()
    assert run.notified_at is not None


def test_a_run_that_changes_nothing_asks_for_no_task(district, django_capture_on_commit_callbacks):
    event = active_event()
    trained_buddy()
    ResidentFactory(district=district)
    with django_capture_on_commit_callbacks(execute=True):
        dispatching.dispatch(event)
    with django_capture_on_commit_callbacks() as on_commit:
        run = dispatching.dispatch(event)
    assert on_commit == [] and run.notified_at is not None


def test_a_buddy_whose_accepted_person_is_moved_is_told(district, django_capture_on_commit_callbacks):
    event = active_event()
    buddy = trained_buddy()
    resident = ResidentFactory(district=district)
    dispatching.dispatch(event)
    offers.accept(Assignment.objects.get(event=event), by=buddy.user)
    today = timezone.localdate()
    Absence.objects.create(resident=resident, starts_on=today, ends_on=today)
    with django_capture_on_commit_callbacks(execute=True):
        run = dispatching.dispatch(event)
    assert run.withdrawn_buddies == [buddy.pk]
    assert Notification.objects.filter(recipient=buddy.user, kind="solidarity_assignment_withdrawn").exists()


def test_the_upkeep_tells_the_buddies_of_a_run_whose_task_was_lost(district):
    event = active_event()
    buddy = trained_buddy()
    ResidentFactory(district=district)
    run = dispatching.dispatch(event)  # its commit never comes here: as if the task were lost
    assert announcements.announce_missed(now=run.finished_at + timedelta(seconds=10)) == 0  # not yet
    assert announcements.announce_missed(now=run.finished_at + timedelta(minutes=2)) == 1
    assert Notification.objects.filter(recipient=buddy.user, kind="solidarity_offer").count() == 1
    assert announcements.announce_missed(now=run.finished_at + timedelta(minutes=7)) == 0

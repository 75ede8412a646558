"""Two people taking the last seat at once: one gets it, the other waits. PostgreSQL only (real threads
racing; SQLite serialises writers with its IMMEDIATE transactions, so the race cannot happen there)."""

from mobilization.core.testing import RACE_THREADS, postgres_only, run_at_once
from mobilization.events import services
from mobilization.events.models import Registration

pytestmark = postgres_only()


def failures(outcomes: list) -> list:
    return [outcome for outcome in outcomes if isinstance(outcome, Exception)]


def test_many_people_taking_the_last_seats_at_once_never_overbook(make_event, make_volunteer):
    event = make_event(capacity=2)
    services.register(event, make_volunteer())  # one seat left
    people = [make_volunteer() for _ in range(RACE_THREADS)]

    outcomes = run_at_once(lambda index: services.register(event, people[index]).status)

    assert not failures(outcomes), outcomes
    assert outcomes.count(Registration.Status.REGISTERED) == 1
    assert outcomes.count(Registration.Status.WAITLISTED) == RACE_THREADS - 1
    assert event.registrations.filter(status=Registration.Status.REGISTERED).count() == 2
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED)
    assert sorted(services.waitlist_position(r) for r in waiting) == list(range(1, RACE_THREADS))


def test_the_same_person_registering_many_times_at_once_has_one_registration(make_event, volunteer):
    event = make_event(capacity=5)

    outcomes = run_at_once(lambda index: services.register(event, volunteer).pk)

    assert not failures(outcomes), outcomes
    assert Registration.objects.filter(event=event, user=volunteer).count() == 1


def test_cancellations_at_once_move_up_each_waiting_person_once(make_event, make_volunteer):
    event = make_event(capacity=RACE_THREADS)
    seated = [services.register(event, make_volunteer()) for _ in range(RACE_THREADS)]
    waiting = [services.register(event, make_volunteer()) for _ in range(RACE_THREADS)]

    outcomes = run_at_once(lambda index: services.cancel_registration(seated[index]).status)

    assert not failures(outcomes), outcomes
    assert event.registrations.filter(status=Registration.Status.REGISTERED).count() == RACE_THREADS
    assert {Registration.objects.get(pk=r.pk).status for r in waiting} == {Registration.Status.REGISTERED}

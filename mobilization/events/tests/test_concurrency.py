"""Two people taking the last seat at once: one gets it, the other waits. PostgreSQL only (real threads
racing; SQLite serialises writers with its IMMEDIATE transactions, so the race cannot happen there)."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from mobilization.events import services
from mobilization.events.models import Registration

THREADS = 8

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="real concurrency needs PostgreSQL; CI runs this in its PostgreSQL pass",
    ),
    pytest.mark.django_db(transaction=True),
]


def run_at_once(action, count: int = THREADS) -> list:
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = action(index)
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread met
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_many_people_taking_the_last_seats_at_once_never_overbook(make_event, make_volunteer):
    event = make_event(capacity=2)
    services.register(event, make_volunteer())  # one seat left
    people = [make_volunteer() for _ in range(THREADS)]

    outcomes = run_at_once(lambda index: services.register(event, people[index]).status)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert outcomes.count(Registration.Status.REGISTERED) == 1
    assert outcomes.count(Registration.Status.WAITLISTED) == THREADS - 1
    assert event.registrations.filter(status=Registration.Status.REGISTERED).count() == 2
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED)
    assert sorted(services.waitlist_position(r) for r in waiting) == list(range(1, THREADS))


def test_the_same_person_registering_many_times_at_once_has_one_registration(make_event, volunteer):
    event = make_event(capacity=5)

    outcomes = run_at_once(lambda index: services.register(event, volunteer).pk)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert Registration.objects.filter(event=event, user=volunteer).count() == 1


def test_cancellations_at_once_move_up_each_waiting_person_once(make_event, make_volunteer):
    event = make_event(capacity=THREADS)
    seated = [services.register(event, make_volunteer()) for _ in range(THREADS)]
    waiting = [services.register(event, make_volunteer()) for _ in range(THREADS)]

    outcomes = run_at_once(lambda index: services.cancel_registration(seated[index]).status)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert event.registrations.filter(status=Registration.Status.REGISTERED).count() == THREADS
    assert {Registration.objects.get(pk=r.pk).status for r in waiting} == {Registration.Status.REGISTERED}

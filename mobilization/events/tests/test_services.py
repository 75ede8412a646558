"""Events' domain logic: scheduling, the waiting list, cancellation, reminders, calendar tokens."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from mobilization.core.errors import InvalidTransition, NotAllowed
from mobilization.core.models import AuditEvent
from mobilization.events import hosts, services
from mobilization.events.models import CalendarToken, Event, Registration
from mobilization.events.tests.factories import OUTSIDE, HostFactory, RegistrationFactory, tomorrow_at
from mobilization.events.tests.factories import event_details as details
from mobilization.notifications.models import Notification

pytestmark = pytest.mark.django_db


# --- Scheduling --------------------------------------------------------------------------------------------


def test_an_organiser_schedules_an_event_of_a_published_initiative(host, organiser):
    event = services.create_event(host, details(capacity=20), by=organiser)

    assert event.status == Event.Status.SCHEDULED
    assert event.host == host
    assert event.created_by == organiser
    assert timezone.is_aware(event.starts_at)
    assert event.seats_left() == 20


def test_no_event_for_a_host_that_takes_none(organiser, district):
    draft = HostFactory(organiser=organiser, district=district, draft=True)

    with pytest.raises(InvalidTransition, match="published initiative"):
        services.create_event(draft, details(), by=organiser)
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "starts_at"),
        ({"lat": OUTSIDE[0], "lon": OUTSIDE[1]}, "address"),
        ({"capacity": 0}, "capacity"),
    ],
)
def test_an_event_in_the_past_outside_paris_or_without_seats_is_refused(host, organiser, overrides, field):
    with pytest.raises(services.InvalidEvent) as error:
        services.create_event(host, details(**overrides), by=organiser)
    assert field in error.value.errors


def test_an_event_must_end_after_it_starts(host, organiser):
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(services.InvalidEvent) as error:
        services.create_event(host, details(starts_at=starts, ends_at=starts), by=organiser)
    assert "ends_at" in error.value.errors


@pytest.fixture
def cohosting_check(host):
    """Replace, for one test, how the host's kind checks co-hosts (for initiatives: partners only)."""
    kind = hosts.kind_for(host)

    def use(check):
        hosts.kinds.unregister(kind.key)
        hosts.register(replace(kind, cohosting=replace(kind.cohosting, check=check)))

    yield use
    hosts.kinds.unregister(kind.key)
    hosts.register(kind)


def test_the_hosts_kind_checks_the_co_hosts_and_the_event_shows_for_each(
    host, cohost, organiser, cohosting_check
):
    checked = []
    cohosting_check(lambda host, cohosts: checked.append((host, cohosts)))

    event = services.create_event(host, details(), by=organiser, cohosts=[cohost, host])

    assert checked == [(host, [cohost])], "the host itself is no co-host"
    assert list(event.cohosts.all()) == [cohost]
    assert list(Event.objects.hosted_by(host)) == [event]
    assert list(Event.objects.hosted_by(cohost)) == [event]
    assert AuditEvent.objects.get(action="event.created").details == {"initiative": host.pk}


def test_a_co_host_that_the_hosts_kind_refuses_adds_no_event(host, cohost, organiser, cohosting_check):
    def refuse(host, cohosts):
        raise NotAllowed("Only partners co-host.")

    cohosting_check(refuse)

    with pytest.raises(NotAllowed):
        services.create_event(host, details(), by=organiser, cohosts=[cohost])
    assert not Event.objects.exists()


def test_the_capacity_cannot_drop_below_the_people_registered(event, organiser, make_volunteer):
    for _ in range(3):
        services.register(event, make_volunteer())

    with pytest.raises(services.InvalidEvent):
        services.update_event(event, details(starts_at=event.starts_at, capacity=2), by=organiser)
    event.refresh_from_db()
    assert event.capacity is None


@pytest.fixture
def full_event(make_event, make_volunteer):
    """An event of one seat: someone has it, someone waits, someone else cancelled."""
    event = make_event(capacity=1)
    seated = services.register(event, make_volunteer())
    waiting = services.register(event, make_volunteer())
    services.cancel_registration(services.register(event, make_volunteer()))
    return event, seated, waiting


def test_a_new_date_or_place_is_told_to_everyone_registered_and_waiting(
    full_event, organiser, django_capture_on_commit_callbacks, mailoutbox
):
    event, seated, waiting = full_event
    later = datetime(2031, 3, 14, 17, 30, tzinfo=UTC)  # 18:30 in Paris

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, details(starts_at=later, capacity=1), by=organiser)

    told = Notification.objects.filter(kind="event_changed")
    assert set(told.values_list("recipient_id", flat=True)) == {seated.user_id, waiting.user_id}
    mail = next(mail for mail in mailoutbox if "New date" in mail.subject)
    assert "Friday 14 March 2031, 18:30" in mail.body
    assert "It was planned on" in mail.body
    assert "New place" not in mail.body
    assert event.get_absolute_url() in mail.body

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(
            event, details(starts_at=later, capacity=1, address="Square du Temple, 75003 Paris"), by=organiser
        )

    assert told.count() == 4
    moved = next(mail for mail in mailoutbox if "New place" in mail.subject)
    assert "Square du Temple, 75003 Paris" in moved.body
    assert "12 rue des Rosiers" in moved.body
    assert "New date:" not in moved.body


def test_changing_only_the_title_or_the_capacity_tells_no_one(
    make_event, make_volunteer, organiser, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event(capacity=5)
    services.register(event, make_volunteer())

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(
            event,
            details(starts_at=event.starts_at, title="Repair café (bring tools)", capacity=8),
            by=organiser,
        )

    assert not Notification.objects.filter(kind="event_changed").exists()
    assert not mailoutbox


# --- Registration and the waiting list ---------------------------------------------------------------------


def test_a_volunteer_registers_and_registering_again_changes_nothing(event, volunteer):
    first = services.register(event, volunteer)
    again = services.register(event, volunteer)

    assert first.pk == again.pk
    assert again.status == Registration.Status.REGISTERED
    assert Registration.objects.count() == 1


def test_when_the_event_is_full_people_wait_in_line_with_their_position(make_event, make_volunteer):
    event = make_event(capacity=2)
    seated = [services.register(event, make_volunteer()) for _ in range(2)]
    waiting = [services.register(event, make_volunteer()) for _ in range(3)]

    assert {r.status for r in seated} == {Registration.Status.REGISTERED}
    assert {r.status for r in waiting} == {Registration.Status.WAITLISTED}
    assert [services.waitlist_position(r) for r in waiting] == [1, 2, 3]
    assert event.seats_left() == 0


def test_when_someone_cancels_the_first_waiting_moves_up_and_is_told(
    make_event, make_volunteer, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event(capacity=1)
    seated = services.register(event, make_volunteer())
    first_waiting = services.register(event, make_volunteer())
    second_waiting = services.register(event, make_volunteer())

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(seated)

    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Registration.Status.REGISTERED
    assert second_waiting.status == Registration.Status.WAITLISTED
    assert services.waitlist_position(second_waiting) == 1
    told = Notification.objects.filter(kind="event_seat_freed")
    assert [n.recipient_id for n in told] == [first_waiting.user_id]
    assert any(event.title in mail.subject for mail in mailoutbox)


def test_a_waiting_person_who_leaves_frees_nobody_a_seat(make_event, make_volunteer):
    event = make_event(capacity=1)
    services.register(event, make_volunteer())
    first = services.register(event, make_volunteer())
    second = services.register(event, make_volunteer())

    services.cancel_registration(first)

    second.refresh_from_db()
    assert second.status == Registration.Status.WAITLISTED
    assert services.waitlist_position(second) == 1
    assert not Notification.objects.filter(kind="event_seat_freed").exists()


def test_someone_who_cancelled_and_comes_back_goes_to_the_end_of_the_line(make_event, make_volunteer):
    event = make_event(capacity=1)
    first = make_volunteer()
    services.register(event, first)
    waiting = services.register(event, make_volunteer())
    services.cancel_registration(Registration.objects.get(event=event, user=first))  # `waiting` moves up

    back = services.register(event, first)

    assert back.status == Registration.Status.WAITLISTED
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED


def test_more_seats_move_people_up_from_the_waiting_list(make_event, make_volunteer, organiser):
    event = make_event(capacity=1)
    services.register(event, make_volunteer())
    waiting = [services.register(event, make_volunteer()) for _ in range(2)]

    services.update_event(event, details(starts_at=event.starts_at, capacity=3), by=organiser)

    assert {Registration.objects.get(pk=r.pk).status for r in waiting} == {Registration.Status.REGISTERED}


def test_no_registration_to_a_cancelled_or_started_event(make_event, volunteer, organiser):
    cancelled = make_event()
    services.cancel_event(cancelled, by=organiser, reason="Rain")
    started = make_event()
    Event.objects.filter(pk=started.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    started.refresh_from_db()

    for event in (cancelled, started):
        with pytest.raises(InvalidTransition):
            services.register(event, volunteer)
    assert not Registration.objects.exists()


def test_the_organisers_see_display_names_in_order_and_no_e_mail(make_event, make_volunteer):
    event = make_event(capacity=1)
    services.register(event, make_volunteer("Alice"))
    services.register(event, make_volunteer("Bruno"))

    people = services.people_of(event)

    assert [p["name"] for p in people["registered"]] == ["Alice"]
    assert [p["name"] for p in people["waiting"]] == ["Bruno"]
    assert "@" not in str(people)


# --- Cancellation by the organiser -------------------------------------------------------------------------


def test_cancelling_an_event_tells_everyone_registered_and_waiting(
    full_event, organiser, django_capture_on_commit_callbacks, mailoutbox
):
    event, seated, waiting = full_event

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event, by=organiser, reason="The hall is flooded.")

    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    told = set(Notification.objects.filter(kind="event_cancelled").values_list("recipient_id", flat=True))
    assert told == {seated.user_id, waiting.user_id}
    assert any("The hall is flooded." in mail.body for mail in mailoutbox)
    assert AuditEvent.objects.get(action="event.cancelled").details == {"told": 2}
    with pytest.raises(InvalidTransition, match="already cancelled"):
        services.cancel_event(event, by=organiser, reason="again")


# --- Reminders ---------------------------------------------------------------------------------------------


def test_tomorrow_is_the_next_day_in_paris_even_late_at_night_in_utc():
    # 23:30 UTC on 1 June is already 01:30 on 2 June in Paris: "tomorrow" is 3 June there.
    now = datetime.fromisoformat("2026-06-01T23:30:00+00:00")
    start, end = services.reminder_window(now)
    assert start.isoformat() == "2026-06-03T00:00:00+02:00"
    assert end.isoformat() == "2026-06-04T00:00:00+02:00"


def test_the_day_the_clocks_go_back_is_25_hours_long():
    start, end = services.reminder_window(datetime.fromisoformat("2026-10-24T12:00:00+02:00"))
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=25)


def test_people_registered_to_tomorrows_events_are_reminded_once(
    make_event, make_volunteer, organiser, django_capture_on_commit_callbacks, mailoutbox
):
    tomorrow = make_event(starts_at=tomorrow_at(18))
    in_two_days = make_event(starts_at=tomorrow_at(18) + timedelta(days=1))
    cancelled = make_event(starts_at=tomorrow_at(10))
    registered = make_volunteer()
    waiting_list_person = make_volunteer()
    services.register(tomorrow, registered)
    services.register(in_two_days, registered)
    services.register(cancelled, make_volunteer())
    services.cancel_event(cancelled, by=organiser, reason="")
    RegistrationFactory(
        event=tomorrow,
        user=waiting_list_person,
        status=Registration.Status.WAITLISTED,
        waitlisted_at=timezone.now(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0

    reminders = Notification.objects.filter(kind="event_reminder")
    assert [n.recipient_id for n in reminders] == [registered.pk]
    assert Registration.objects.get(event=tomorrow, user=registered).reminder_sent_at is not None
    assert len([m for m in mailoutbox if tomorrow.title in m.subject and "Tomorrow" in m.subject]) == 1


def test_the_task_and_the_command_send_the_reminders(make_event, volunteer, call_command_output):
    from mobilization.events.tasks import send_event_reminders

    event = make_event(starts_at=tomorrow_at(9))
    services.register(event, volunteer)

    result = send_event_reminders.enqueue()

    assert result.return_value == 1
    assert "Event reminders sent: 0" in call_command_output("send_event_reminders")


def test_a_new_date_means_a_new_reminder(make_event, volunteer, organiser):
    event = make_event(starts_at=tomorrow_at(9))
    services.register(event, volunteer)
    assert services.send_reminders() == 1

    services.update_event(event, details(starts_at=tomorrow_at(14)), by=organiser)

    assert services.send_reminders() == 1


# --- Calendar tokens ---------------------------------------------------------------------------------------


def test_resetting_the_calendar_token_replaces_the_secret(volunteer):
    old = services.calendar_token_for(volunteer).token

    new = services.reset_calendar_token(volunteer).token

    assert new != old
    assert len(new) >= 40
    assert CalendarToken.objects.get(user=volunteer).token == new


# --- The audit log and the home page -----------------------------------------------------------------------


def test_every_change_of_a_registration_is_in_the_audit_log(make_event, make_volunteer):
    event = make_event(capacity=1)
    seated = services.register(event, make_volunteer())
    waiting = services.register(event, make_volunteer())

    services.cancel_registration(seated)
    services.cancel_registration(seated)  # cancelled already: nothing changes
    services.register(event, seated.user)

    changes = AuditEvent.objects.filter(action__startswith="event.").order_by("pk")
    assert list(changes.values_list("action", "object_id")) == [
        ("event.registered", str(seated.pk)),
        ("event.registered", str(waiting.pk)),
        ("event.registration_cancelled", str(seated.pk)),
        ("event.registration_promoted", str(waiting.pk)),
        ("event.registered", str(seated.pk)),
    ]
    assert Registration.objects.get(pk=seated.pk).status == Registration.Status.WAITLISTED


def test_the_home_page_counts_the_upcoming_events_of_public_hosts(make_event, organiser, district):
    make_event()
    services.cancel_event(make_event(), by=organiser, reason="")
    make_event(host=HostFactory(organiser=organiser, district=district, draft=True))

    figures = {figure.key: figure.value for figure in services.home_figures()}

    assert figures == {"upcoming_events": 1}

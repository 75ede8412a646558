"""The domain logic of events: creating and changing them, registration with a waiting list, reminders.

Seats are counted under a lock on the event's row: `register` and `cancel_registration` run in
`transaction.atomic()` and read the event with `select_for_update()`, so two people taking the last seat
at once are served one after the other (on PostgreSQL the row lock; on SQLite the IMMEDIATE transaction
mode of the settings serialises writers). The unique (event, user) constraint keeps one row per person.

Times: forms read them in the city's time zone (settings.TIME_ZONE, Europe/Paris); they are stored aware.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilization.core import audit
from mobilization.events.models import CalendarToken, Event, Registration
from mobilization.initiatives.models import Initiative, Partnership
from mobilization.initiatives.services import are_partners
from mobilization.notifications.services import notify


def city_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


# --- Errors ----------------------------------------------------------------------------------------------


class EventError(Exception):
    """Something a person asked that cannot happen; `message` says why, in their language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidEvent(EventError):
    """The event's fields do not hold together; `errors` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


class InitiativeNotPublished(EventError):
    pass


class EventClosed(EventError):
    """The event is cancelled or over: it takes no registration and no change."""


class NotAPartner(EventError):
    pass


# --- Partners ---------------------------------------------------------------------------------------------


def partner_initiatives(initiative: Initiative):
    """The public initiatives that are accepted partners of this one: the possible co-hosts."""
    accepted = Partnership.objects.filter(status=Partnership.Status.ACCEPTED)
    asked = accepted.filter(requester=initiative).values("partner_id")
    received = accepted.filter(partner=initiative).values("requester_id")
    return (
        Initiative.objects.public()
        .filter(Q(pk__in=asked) | Q(pk__in=received))
        .exclude(pk=initiative.pk)
        .order_by("title")
    )


# --- Creating, changing, cancelling --------------------------------------------------------------------


def event_problems(
    *,
    starts_at: datetime | None,
    ends_at: datetime | None,
    lat: float | None,
    lon: float | None,
    capacity: int | None,
    is_new: bool,
    now: datetime | None = None,
) -> dict[str, str]:
    """What is wrong with an event's times, place and capacity, field by field (empty when all is well)."""
    from mobilization.territory.services import district_at

    problems = {}
    now = now or timezone.now()
    if starts_at and ends_at and ends_at <= starts_at:
        problems["ends_at"] = _("The event must end after it starts.")
    if is_new and starts_at and starts_at < now:
        problems["starts_at"] = _("The event cannot start in the past.")
    if lat is not None and lon is not None and district_at(lat, lon) is None:
        problems["address"] = _("The place must be in the city: choose a point inside Paris.")
    if capacity is not None and capacity < 1:
        problems["capacity"] = _("The capacity must be at least 1, or empty for no limit.")
    return problems


@dataclass
class EventDetails:
    """What an organiser types to create or change an event."""

    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    address: str
    lat: float
    lon: float
    capacity: int | None = None


def _check_cohosts(initiative: Initiative, cohosts) -> list[Initiative]:
    cohosts = [cohost for cohost in cohosts if cohost.pk != initiative.pk]
    for cohost in cohosts:
        if not cohost.is_public or not are_partners(initiative, cohost):
            raise NotAPartner(
                _("“%(title)s” is not a partner of this initiative: only partners can co-host.")
                % {"title": cohost.title}
            )
    return cohosts


def create_event(initiative: Initiative, details: EventDetails, *, by, cohosts=()) -> Event:
    """An organiser schedules an event of their published initiative, maybe with partner co-hosts."""
    if initiative.status != Initiative.Status.PUBLISHED:
        raise InitiativeNotPublished(_("Events can only be added to a published initiative."))
    problems = event_problems(
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        lat=details.lat,
        lon=details.lon,
        capacity=details.capacity,
        is_new=True,
    )
    if problems:
        raise InvalidEvent(problems)
    cohosts = _check_cohosts(initiative, cohosts)
    with transaction.atomic():
        event = Event.objects.create(initiative=initiative, created_by=by, **vars(details))
        event.cohosts.set(cohosts)
        audit.record(by, "event.created", event, initiative=initiative.pk)
    return event


def update_event(event: Event, details: EventDetails, *, by, cohosts=None) -> Event:
    """An organiser changes an event; more seats move people up from the waiting list. When its date,
    times or place change, everyone registered or waiting is told (`event_changed`)."""
    if event.is_cancelled:
        raise EventClosed(_("A cancelled event cannot be changed."))
    problems = event_problems(
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        lat=details.lat,
        lon=details.lon,
        capacity=details.capacity,
        is_new=False,
    )
    if problems:
        raise InvalidEvent(problems)
    if cohosts is not None:
        cohosts = _check_cohosts(event.initiative, cohosts)
    promoted = []
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        registered = locked.registrations.filter(status=Registration.Status.REGISTERED).count()
        if details.capacity is not None and details.capacity < registered:
            raise InvalidEvent(
                {
                    "capacity": _("%(count)s people are already registered: the capacity cannot be lower.")
                    % {"count": registered}
                }
            )
        changed_times = (locked.starts_at, locked.ends_at) != (details.starts_at, details.ends_at)
        changed_place = (locked.address, locked.lat, locked.lon) != (
            details.address,
            details.lat,
            details.lon,
        )
        before = {"starts_at": locked.starts_at, "ends_at": locked.ends_at, "address": locked.address}
        for name, value in vars(details).items():
            setattr(event, name, value)
        event.save()
        if cohosts is not None:
            event.cohosts.set(cohosts)
        if changed_times:
            # A new date deserves a new reminder.
            event.registrations.update(reminder_sent_at=None)
        promoted = _fill_free_seats(event)
        audit.record(by, "event.changed", event)
        if changed_times or changed_place:
            _tell_change(event, before, changed_times=changed_times, changed_place=changed_place)
    _tell_promoted(event, promoted)
    return event


def _tell_change(event: Event, before: dict, *, changed_times: bool, changed_place: bool) -> None:
    """Everyone registered or waiting learns the new date, time or place (sent once the change is saved)."""
    people = [
        registration.user
        for registration in event.registrations.filter(status__in=_active_statuses()).select_related("user")
    ]
    notify(
        people,
        "event_changed",
        {
            "event": event,
            "before": before,
            "changed_times": changed_times,
            "changed_place": changed_place,
        },
    )


def cancel_event(event: Event, *, by, reason: str) -> Event:
    """An organiser cancels an event: everyone registered or waiting is told, with the reason."""
    # Known cancelled already: refused without taking the row lock (on SQLite, the database's write lock).
    if event.is_cancelled:
        raise EventClosed(_("This event is already cancelled."))
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        # Read again under the lock: another organiser may have cancelled it since it was loaded, and
        # cancelling twice would tell everyone twice.
        if event.is_cancelled:
            raise EventClosed(_("This event is already cancelled."))
        event.status = Event.Status.CANCELLED
        event.cancellation_reason = reason.strip()
        event.save(update_fields=["status", "cancellation_reason", "updated_at"])
        to_tell = event.registrations.filter(status__in=_active_statuses()).select_related("user")
        people = [registration.user for registration in to_tell]
        audit.record(by, "event.cancelled", event, told=len(people))
        notify(people, "event_cancelled", {"event": event, "reason": event.cancellation_reason})
    return event


# --- Registration and the waiting list ------------------------------------------------------------------


def _active_statuses():
    return [Registration.Status.REGISTERED, Registration.Status.WAITLISTED]


def register(event: Event, user) -> Registration:
    """A volunteer registers; when the event is full they join the waiting list.

    Registering again while registered or waiting changes nothing; after cancelling, it starts again
    (at the end of the waiting list if the event is full).
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.is_cancelled:
            raise EventClosed(_("This event is cancelled."))
        if event.starts_at <= timezone.now():
            raise EventClosed(_("This event has already started: registration is closed."))
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration and registration.status in _active_statuses():
            return registration
        registered = event.registrations.filter(status=Registration.Status.REGISTERED).count()
        waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).exists()
        is_full = event.capacity is not None and (registered >= event.capacity or waiting)
        status = Registration.Status.WAITLISTED if is_full else Registration.Status.REGISTERED
        now = timezone.now()
        if registration is None:
            registration = Registration(event=event, user=user)
        registration.status = status
        registration.waitlisted_at = now if is_full else None
        registration.reminder_sent_at = None
        registration.save()
    return registration


def cancel_registration(registration: Registration) -> Registration:
    """A volunteer cancels; if it frees a seat, the first on the waiting list moves up and is told."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        registration.status = Registration.Status.CANCELLED
        registration.waitlisted_at = None
        registration.save(update_fields=["status", "waitlisted_at", "updated_at"])
        promoted = [] if event.is_cancelled else _fill_free_seats(event)
    _tell_promoted(event, promoted)
    return registration


def _fill_free_seats(event: Event) -> list[Registration]:
    """Move people up from the waiting list while seats are free; call it with the event row locked."""
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )
    if event.capacity is None:
        moving = list(waiting.select_related("user"))
    else:
        registered = event.registrations.filter(status=Registration.Status.REGISTERED).count()
        free = max(event.capacity - registered, 0)
        moving = list(waiting.select_related("user")[:free]) if free else []
    if moving:
        Registration.objects.filter(pk__in=[registration.pk for registration in moving]).update(
            status=Registration.Status.REGISTERED, waitlisted_at=None, updated_at=timezone.now()
        )
        for registration in moving:
            registration.status = Registration.Status.REGISTERED
    return moving


def _tell_promoted(event: Event, promoted: list[Registration]) -> None:
    if promoted:
        notify([registration.user for registration in promoted], "event_seat_freed", {"event": event})


def registration_of(event: Event, user) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(event=event, user=user).first()


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in line; None when not on the waiting list."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk),
        event_id=registration.event_id,
        status=Registration.Status.WAITLISTED,
    ).count()
    return ahead + 1


def people_of(event: Event) -> dict[str, list]:
    """For the organisers: who is registered and who waits, in order, by display name only."""
    registrations = (
        event.registrations.filter(status__in=_active_statuses())
        .select_related("user__profile")
        .order_by("waitlisted_at", "created_at", "pk")
    )
    registered, waiting = [], []
    for registration in registrations:
        profile = getattr(registration.user, "profile", None)
        name = (profile.display_name if profile else "") or _("(no name)")
        entry = {"name": name, "since": registration.created_at}
        if registration.status == Registration.Status.REGISTERED:
            registered.append(entry)
        else:
            waiting.append(entry)
    return {"registered": registered, "waiting": waiting}


# --- Reminders the day before -----------------------------------------------------------------------------


def reminder_window(now: datetime | None = None) -> tuple[datetime, datetime]:
    """ "Tomorrow" in the city's time zone: from tomorrow 00:00 to the day after 00:00, local time.

    Computed on the local calendar, so it is 23 or 25 hours long on the nights the clocks change.
    """
    zone = city_zone()
    today = timezone.localtime(now or timezone.now(), zone).date()
    tomorrow = today + timedelta(days=1)
    start = datetime.combine(tomorrow, time.min, tzinfo=zone)
    end = datetime.combine(tomorrow + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def send_reminders(now: datetime | None = None) -> int:
    """Remind everyone registered to a scheduled event that starts tomorrow (city time); once each.

    Each registration is claimed under a row lock (skipping rows another run holds) and stamped with
    `reminder_sent_at` in the same transaction as its notification: two runs at once never remind twice.
    Returns how many people were reminded.
    """
    now = now or timezone.now()
    start, end = reminder_window(now)
    count = 0
    with transaction.atomic():
        due = list(
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=Registration.Status.REGISTERED,
                reminder_sent_at__isnull=True,
                event__status=Event.Status.SCHEDULED,
                event__starts_at__gte=max(start, now),
                event__starts_at__lt=end,
            )
            .select_related("event", "user")
            .order_by("event_id", "pk")
        )
        by_event: dict[int, list[Registration]] = {}
        for registration in due:
            by_event.setdefault(registration.event_id, []).append(registration)
        for registrations in by_event.values():
            event = registrations[0].event
            notify([registration.user for registration in registrations], "event_reminder", {"event": event})
            count += len(registrations)
        Registration.objects.filter(pk__in=[registration.pk for registration in due]).update(
            reminder_sent_at=now
        )
    return count


# --- Private calendar tokens -----------------------------------------------------------------------------


def calendar_token_for(user) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


def reset_calendar_token(user) -> CalendarToken:
    """A new secret for the private feed: the old address stops working at once."""
    token = calendar_token_for(user)
    token.token = CalendarToken._meta.get_field("token").default()
    token.created_at = timezone.now()
    token.save(update_fields=["token", "created_at"])
    audit.record(user, "event.calendar_token_reset", token)
    return token

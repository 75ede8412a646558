"""The domain logic of events: creating and changing them, registration with a waiting list, reminders.

Seats are counted under a lock on the event's row: `register`, `cancel_registration` and `update_event`
lock it (`core.transitions.lock`, or `transition()` on the event), so two people taking the last seat at
once are served one after the other (on PostgreSQL the row lock; on SQLite the IMMEDIATE transaction mode
of the settings serialises writers). A registration's change of status goes through `transition()` too,
which locks the registration's row after the event's (always in that order). The unique (event, user)
constraint keeps one row per person.

Events know their host only through `hosts.py`: whether it takes events, who may co-host, its place.
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
from django.utils.translation import gettext_lazy

from mobilization.core import audit
from mobilization.core.errors import DomainError, InvalidTransition
from mobilization.core.registries import Figure
from mobilization.core.transitions import Notice, lock, transition, transition_all
from mobilization.events import hosts
from mobilization.events.models import CalendarToken, Event, Registration
from mobilization.notifications.services import notify

ACTIVE = (Registration.Status.REGISTERED, Registration.Status.WAITLISTED)


def city_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class InvalidEvent(DomainError):
    """The event's fields do not hold together; `errors` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


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


def _refuse_problems(details: "EventDetails", *, is_new: bool) -> None:
    problems = event_problems(
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        lat=details.lat,
        lon=details.lon,
        capacity=details.capacity,
        is_new=is_new,
    )
    if problems:
        raise InvalidEvent(problems)


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
    online_url: str = ""


def _checked_cohosts(kind: hosts.HostKind, host, cohosts) -> list:
    """The co-hosts, without the host itself, once the host's kind has accepted each of them."""
    cohosts = [cohost for cohost in cohosts if cohost.pk != host.pk]
    if cohosts:
        if kind.cohosting is None:
            raise ValueError(f"Hosts of the kind {kind.key!r} have no co-hosts.")
        kind.cohosting.check(host, cohosts)
    return cohosts


def create_event(host, details: EventDetails, *, by, cohosts=()) -> Event:
    """Whoever runs a host (an initiative's organiser) schedules one of its events, maybe with co-hosts."""
    kind = hosts.kind_for(host)
    refusal = kind.refuses_events(host)
    if refusal:
        raise InvalidTransition(refusal)
    _refuse_problems(details, is_new=True)
    cohosts = _checked_cohosts(kind, host, cohosts)
    with transaction.atomic():
        event = Event.objects.create(**{kind.key: host}, created_by=by, **vars(details))
        if kind.cohosting is not None:
            getattr(event, kind.cohosting.field).set(cohosts)
        audit.record(by, "event.created", event, **{kind.key: host.pk})
    return event


# The fields whose change everyone registered or waiting is told about.
TIMES = ("starts_at", "ends_at")
PLACE = ("address", "lat", "lon")


def update_event(event: Event, details: EventDetails, *, by, cohosts=None) -> Event:
    """An organiser changes an event; more seats move people up from the waiting list. When its date,
    times or place change, everyone registered or waiting is told (`event_changed`)."""
    if event.is_cancelled:
        raise InvalidTransition(_("A cancelled event cannot be changed."))
    _refuse_problems(details, is_new=False)
    kind = event.host_kind
    if cohosts is not None:
        cohosts = _checked_cohosts(kind, event.host, cohosts)
    before = {}

    def check(locked: Event) -> None:
        """Under the lock: no fewer seats than people registered; what the event was, to tell them."""
        registered = locked.registrations.filter(status=Registration.Status.REGISTERED).count()
        if details.capacity is not None and details.capacity < registered:
            raise InvalidEvent(
                {
                    "capacity": _("%(count)s people are already registered: the capacity cannot be lower.")
                    % {"count": registered}
                }
            )
        before.update({name: getattr(locked, name) for name in TIMES + PLACE})

    with transaction.atomic():
        transition(
            event,
            by=by,
            action="event.changed",
            allowed_from=[Event.Status.SCHEDULED],
            changes=vars(details),
            check=check,
            refresh=TIMES + PLACE,
            message=_("A cancelled event cannot be changed."),
        )
        changed_times = any(before[name] != getattr(event, name) for name in TIMES)
        changed_place = any(before[name] != getattr(event, name) for name in PLACE)
        if cohosts is not None:
            getattr(event, kind.cohosting.field).set(cohosts)
        if changed_times:
            # A new date deserves a new reminder.
            event.registrations.update(reminder_sent_at=None)
        promoted = _fill_free_seats(event)
        if changed_times or changed_place:
            _tell_change(event, before, changed_times=changed_times, changed_place=changed_place)
    _tell_promoted(event, promoted)
    return event


def _people_registered_or_waiting(event: Event) -> list:
    registrations = event.registrations.filter(status__in=ACTIVE).select_related("user")
    return [registration.user for registration in registrations]


def _tell_change(event: Event, before: dict, *, changed_times: bool, changed_place: bool) -> None:
    """Everyone registered or waiting learns the new date, time or place (sent once the change is saved)."""
    context = {
        "event": event,
        "before": {
            "starts_at": before["starts_at"],
            "ends_at": before["ends_at"],
            "address": before["address"],
        },
        "changed_times": changed_times,
        "changed_place": changed_place,
    }
    notify(_people_registered_or_waiting(event), "event_changed", context)


def cancel_event(event: Event, *, by, reason: str) -> Event:
    """An organiser cancels an event: everyone registered or waiting is told, with the reason."""
    reason = reason.strip()
    with transaction.atomic():
        # Whom to tell is read under the event's lock, so that nobody registers in between.
        lock(event)
        people = _people_registered_or_waiting(event)
        return transition(
            event,
            by=by,
            action="event.cancelled",
            allowed_from=[Event.Status.SCHEDULED],
            to=Event.Status.CANCELLED,
            changes={"cancellation_reason": reason},
            message=_("This event is already cancelled."),
            details={"told": len(people)},
            notices=[Notice(people, "event_cancelled", {"event": event, "reason": reason})],
        )


# --- Registration and the waiting list ------------------------------------------------------------------


def _refuse_if_closed(event: Event) -> None:
    if event.is_cancelled:
        raise InvalidTransition(_("This event is cancelled."))
    if event.starts_at <= timezone.now():
        raise InvalidTransition(_("This event has already started: registration is closed."))


def register(event: Event, user) -> Registration:
    """A volunteer registers; when the event is full they join the waiting list.

    Registering again while registered or waiting changes nothing; after cancelling, it starts again
    (at the end of the waiting list if the event is full).
    """
    with transaction.atomic():
        lock(event, fields=["status", "starts_at", "capacity"])
        _refuse_if_closed(event)
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration and registration.status in ACTIVE:
            return registration
        registered = event.registrations.filter(status=Registration.Status.REGISTERED).count()
        waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).exists()
        is_full = event.capacity is not None and (registered >= event.capacity or waiting)
        status = Registration.Status.WAITLISTED if is_full else Registration.Status.REGISTERED
        waitlisted_at = timezone.now() if is_full else None
        if registration is None:
            registration = Registration.objects.create(
                event=event, user=user, status=status, waitlisted_at=waitlisted_at
            )
            audit.record(user, "event.registered", registration)
            return registration
        return transition(
            registration,
            by=user,
            action="event.registered",
            allowed_from=[Registration.Status.CANCELLED],
            to=status,
            changes={"waitlisted_at": waitlisted_at, "reminder_sent_at": None},
        )


def cancel_registration(registration: Registration) -> Registration:
    """A volunteer cancels; if it frees a seat, the first on the waiting list moves up and is told."""
    event = registration.event
    with transaction.atomic():
        lock(event, fields=["status", "capacity"])
        try:
            transition(
                registration,
                by=registration.user,
                action="event.registration_cancelled",
                allowed_from=ACTIVE,
                to=Registration.Status.CANCELLED,
                changes={"waitlisted_at": None},
            )
        except InvalidTransition:
            return registration  # cancelled already: nothing changes
        promoted = [] if event.is_cancelled else _fill_free_seats(event)
    _tell_promoted(event, promoted)
    return registration


def _fill_free_seats(event: Event) -> list[Registration]:
    """Move people up from the waiting list while seats are free; call it with the event row locked."""
    waiting = (
        event.registrations.filter(status=Registration.Status.WAITLISTED)
        .select_related("user")
        .order_by("waitlisted_at", "pk")
    )
    if event.capacity is None:
        moving = list(waiting)
    else:
        registered = event.registrations.filter(status=Registration.Status.REGISTERED).count()
        free = max(event.capacity - registered, 0)
        moving = list(waiting[:free]) if free else []
    if moving:
        transition_all(
            Registration.objects.filter(pk__in=[registration.pk for registration in moving]),
            by=None,
            action="event.registration_promoted",
            allowed_from=[Registration.Status.WAITLISTED],
            to=Registration.Status.REGISTERED,
            changes={"waitlisted_at": None},
        )
        for registration in moving:
            registration.status = Registration.Status.REGISTERED
            registration.waitlisted_at = None
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
        event.registrations.filter(status__in=ACTIVE)
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


# --- The home page (registered in apps.py) ----------------------------------------------------------------


def home_figures() -> list[Figure]:
    """How many events of public hosts are to come."""
    upcoming = Event.objects.scheduled().filter(starts_at__gte=timezone.now()).of_public_hosts()
    return [Figure("upcoming_events", upcoming.count(), gettext_lazy("upcoming events"))]


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

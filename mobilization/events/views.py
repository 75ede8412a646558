"""Pages of events: the list, one event, registering, organisers' pages, calendars (the open data
downloads are in downloads.py)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mobilization.core.errors import DomainError
from mobilization.core.permissions import permitted_object
from mobilization.events import calendar, hosts, services
from mobilization.events.filters import EventFilter, filtered_events
from mobilization.events.forms import CancelEventForm, EventForm
from mobilization.events.models import CalendarToken, Event, Registration

EVENTS_PER_PAGE = 20
FEED_PAST_DAYS = 180
FEED_MAX_EVENTS = 500


def _events():
    """Events with what their pages show of their hosts: title, district, co-hosts."""
    return Event.objects.select_related(*hosts.host_paths(district=True)).prefetch_related(
        *hosts.cohost_prefetches()
    )


# --- Reading --------------------------------------------------------------------------------------------


@require_safe
def event_list(request):
    event_filter, events = filtered_events(request.GET)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    # The downloads hold what the page lists: with an invalid filter the page lists every event (and
    # says what is wrong), so do its downloads, rather than linking to a refusal.
    download_query = ""
    if event_filter.is_valid():
        download_query = urlencode(
            {name: value for name, value in request.GET.items() if name in EventFilter.base_filters and value}
        )
    context = {"event_filter": event_filter, "page": page, "download_query": download_query}
    return render(request, "events/event_list.html", context)


@require_safe
def event_detail(request, pk):
    event = permitted_object(request, _events(), view="events.view_event", pk=pk)
    registration = services.registration_of(event, request.user)
    context = {
        "event": event,
        "registration": registration,
        "waitlist_position": services.waitlist_position(registration) if registration else None,
        "seats_left": event.seats_left(),
        "can_change": request.user.has_perm("events.change_event", event),
        "can_register": not event.is_cancelled and event.starts_at > timezone.now(),
    }
    return render(request, "events/event_detail.html", context)


@login_required
@require_safe
def my_events(request):
    registrations = (
        Registration.objects.filter(
            user=request.user,
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
            event__ends_at__gte=timezone.now(),
        )
        .select_related(*hosts.host_paths("event__"))
        .order_by("event__starts_at", "pk")
    )
    page = Paginator(registrations, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    token = services.calendar_token_for(request.user)
    return render(request, "events/my_events.html", {"page": page, "token": token})


# --- Registering --------------------------------------------------------------------------------------


@login_required
@require_POST
def register(request, pk):
    event = permitted_object(request, _events(), "events.register_event", view="events.view_event", pk=pk)
    try:
        registration = services.register(event, request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if registration.status == Registration.Status.WAITLISTED:
            messages.success(
                request,
                _("The event is full: you are on the waiting list, number %(position)s.")
                % {"position": services.waitlist_position(registration)},
            )
        else:
            messages.success(request, _("You are registered."))
    return redirect(event)


@login_required
@require_POST
def cancel_registration(request, pk):
    event = permitted_object(request, _events(), view="events.view_event", pk=pk)
    registration = services.registration_of(event, request.user)
    if registration is None or registration.status == Registration.Status.CANCELLED:
        messages.error(request, _("You were not registered to this event."))
    else:
        services.cancel_registration(registration)
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


# --- Organisers --------------------------------------------------------------------------------------


def _show_problems(form, error: DomainError) -> None:
    """The service's refusal on the form: each field's problem beside it, anything else above."""
    if isinstance(error, services.InvalidEvent):
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, error.message)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def create_event(request, kind, host_pk):
    """Whoever runs a host (the organiser of an initiative) adds one of its events."""
    host_kind = hosts.kinds.get(kind)
    host = permitted_object(request, host_kind.model, "events.add_event", view="events.view_host", pk=host_pk)
    refusal = host_kind.refuses_events(host)
    if refusal:
        messages.error(request, refusal)
        return render(request, "events/event_form.html", {"host": host, "form": None}, status=409)
    form = EventForm(request.POST or None, host=host)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(
                host, form.details(), by=request.user, cohosts=form.chosen_cohosts() or ()
            )
        except DomainError as error:
            _show_problems(form, error)
        else:
            messages.success(request, _("The event is published."))
            return redirect(event)
    return render(request, "events/event_form.html", {"host": host, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_event(request, pk):
    event = permitted_object(request, _events(), "events.change_event", view="events.view_event", pk=pk)
    if event.is_cancelled:
        messages.error(request, _("A cancelled event cannot be changed."))
        return redirect(event)
    cohosting = event.host_kind.cohosting
    initial = {"cohosts": list(getattr(event, cohosting.field).all())} if cohosting else {}
    form = EventForm(request.POST or None, instance=event, host=event.host, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(event, form.details(), by=request.user, cohosts=form.chosen_cohosts())
        except DomainError as error:
            _show_problems(form, error)
        else:
            messages.success(request, _("The event is changed."))
            return redirect(event)
    if form.errors:
        # The form changed the instance while validating: show the saved event, not the refused values.
        event.refresh_from_db()
    return render(request, "events/event_form.html", {"host": event.host, "form": form, "event": event})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_event(request, pk):
    event = permitted_object(request, _events(), "events.cancel_event", view="events.view_event", pk=pk)
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(event, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The event is cancelled; the people registered are told."))
        return redirect(event)
    return render(request, "events/event_cancel.html", {"event": event, "form": form})


@login_required
@require_safe
def registrations(request, pk):
    event = permitted_object(
        request, _events(), "events.see_registrations_event", view="events.view_event", pk=pk
    )
    return render(request, "events/registrations.html", {"event": event, **services.people_of(event)})


# --- Calendars -----------------------------------------------------------------------------------------


@require_safe
def event_ics(request, pk):
    event = permitted_object(request, _events(), view="events.view_event", pk=pk)
    content = calendar.build_calendar(request, [event], name=event.title)
    return calendar.calendar_response(content, filename=f"event-{event.pk}.ics")


@require_safe
def host_feed(request, kind, host_pk):
    """The public feed of the events a host (an initiative) hosts or co-hosts."""
    host_kind = hosts.kinds.get(kind)
    host = get_object_or_404(host_kind.public_hosts(), pk=host_pk)
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    events = (
        Event.objects.hosted_by(host)
        .filter(ends_at__gte=since)
        .select_related(*hosts.host_paths())
        .order_by("starts_at", "pk")[:FEED_MAX_EVENTS]
    )
    content = calendar.build_calendar(request, events, name=host.title)
    return calendar.calendar_response(content)


@require_safe
def my_feed(request, token):
    """The private feed of one person's events, read by calendar clients without a session."""
    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token).user
    if not owner.is_active:
        raise Http404
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    registrations = (
        Registration.objects.filter(
            user=owner,
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
            event__ends_at__gte=since,
        )
        .select_related(*hosts.host_paths("event__"))
        .order_by("event__starts_at", "pk")[:FEED_MAX_EVENTS]
    )
    registrations = list(registrations)
    waiting = {r.event_id for r in registrations if r.status == Registration.Status.WAITLISTED}
    content = calendar.build_calendar(
        request, [r.event for r in registrations], name=_("My events"), tentative_ids=waiting
    )
    response = calendar.calendar_response(content)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_calendar(request):
    if request.method == "POST":
        services.reset_calendar_token(request.user)
        messages.success(request, _("Your calendar address is new: the old one no longer works."))
        return redirect("events:my_calendar")
    token = services.calendar_token_for(request.user)
    return render(request, "events/my_calendar.html", {"token": token})

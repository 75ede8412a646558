"""Pages of events: the list, one event, registering, organisers' pages, calendars (the open data
downloads are in downloads.py)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mobilization.core.markdown import render_markdown
from mobilization.events import calendar, services
from mobilization.events.filters import EventFilter, filtered_events
from mobilization.events.forms import CancelEventForm, EventForm
from mobilization.events.models import CalendarToken, Event, Registration
from mobilization.initiatives.models import Initiative

EVENTS_PER_PAGE = 20
FEED_PAST_DAYS = 180
FEED_MAX_EVENTS = 500


def _event_or_404(request, pk) -> Event:
    """The event if the caller may see it: its initiative is public, or they run it. 404 otherwise."""
    event = get_object_or_404(
        Event.objects.select_related("initiative__district", "initiative__organiser").prefetch_related(
            Prefetch("cohosts", queryset=Initiative.objects.public().order_by("title"))
        ),
        pk=pk,
    )
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    return event


def _managed_event(request, pk, perm: str) -> Event:
    event = _event_or_404(request, pk)
    if not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


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
    event = _event_or_404(request, pk)
    registration = services.registration_of(event, request.user)
    context = {
        "event": event,
        "description_html": render_markdown(event.description),
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
        .select_related("event__initiative")
        .order_by("event__starts_at", "pk")
    )
    page = Paginator(registrations, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    token = services.calendar_token_for(request.user)
    return render(request, "events/my_events.html", {"page": page, "token": token})


# --- Registering --------------------------------------------------------------------------------------


@login_required
@require_POST
def register(request, pk):
    event = _event_or_404(request, pk)
    if not request.user.has_perm("events.register", event):
        raise PermissionDenied
    try:
        registration = services.register(event, request.user)
    except services.EventError as error:
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
    event = _event_or_404(request, pk)
    registration = services.registration_of(event, request.user)
    if registration is None or registration.status == Registration.Status.CANCELLED:
        messages.error(request, _("You were not registered to this event."))
    else:
        services.cancel_registration(registration)
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


# --- Organisers --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def create_event(request, initiative_pk):
    initiative = get_object_or_404(Initiative, pk=initiative_pk)
    if not request.user.has_perm("events.add_event", initiative):
        if not initiative.is_public:
            raise Http404
        raise PermissionDenied
    if initiative.status != Initiative.Status.PUBLISHED:
        messages.error(request, _("Events can only be added to a published initiative."))
        return render(request, "events/event_form.html", {"initiative": initiative, "form": None}, status=409)
    form = EventForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(
                initiative, form.details(), by=request.user, cohosts=form.chosen_cohosts() or ()
            )
        except services.InvalidEvent as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        except services.EventError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The event is published."))
            return redirect(event)
    return render(request, "events/event_form.html", {"initiative": initiative, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_event(request, pk):
    event = _managed_event(request, pk, "events.change_event")
    if event.is_cancelled:
        messages.error(request, _("A cancelled event cannot be changed."))
        return redirect(event)
    initial = {"cohosts": list(event.cohosts.all())}
    form = EventForm(request.POST or None, instance=event, initiative=event.initiative, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(event, form.details(), by=request.user, cohosts=form.chosen_cohosts())
        except services.InvalidEvent as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        except services.EventError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The event is changed."))
            return redirect(event)
    if form.errors:
        # The form changed the instance while validating: show the saved event, not the refused values.
        event.refresh_from_db()
    return render(
        request, "events/event_form.html", {"initiative": event.initiative, "form": form, "event": event}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_event(request, pk):
    event = _managed_event(request, pk, "events.cancel_event")
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(event, by=request.user, reason=form.cleaned_data["reason"])
        except services.EventError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The event is cancelled; the people registered are told."))
        return redirect(event)
    return render(request, "events/event_cancel.html", {"event": event, "form": form})


@login_required
@require_safe
def registrations(request, pk):
    event = _managed_event(request, pk, "events.view_registrations")
    return render(request, "events/registrations.html", {"event": event, **services.people_of(event)})


# --- Calendars -----------------------------------------------------------------------------------------


@require_safe
def event_ics(request, pk):
    event = _event_or_404(request, pk)
    content = calendar.build_calendar(request, [event], name=event.title)
    return calendar.calendar_response(content, filename=f"event-{event.pk}.ics")


@require_safe
def initiative_feed(request, initiative_pk):
    initiative = get_object_or_404(Initiative.objects.public(), pk=initiative_pk)
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    events = (
        Event.objects.hosted_by(initiative)
        .filter(ends_at__gte=since)
        .select_related("initiative")
        .order_by("starts_at", "pk")[:FEED_MAX_EVENTS]
    )
    content = calendar.build_calendar(request, events, name=initiative.title)
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
        .select_related("event__initiative")
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

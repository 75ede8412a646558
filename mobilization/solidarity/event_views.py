"""Pages of the extreme events: the coordinators' list, detail, CAP import and export, call list; the
buddies' offers to accept or decline.

Coordinators only, except the offers (each buddy their own). Nobody else learns an event page exists
(404). An offer shows, before it is accepted, only what a buddy needs to decide (arrondissement,
distance, call or visit, languages); the person's details are on the card pages, after accepting.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mobilization.core.errors import DomainError
from mobilization.core.permissions import permission_required, permitted_object
from mobilization.solidarity import cap, cap_import, dispatching, event_services, offers, services
from mobilization.solidarity.event_forms import CapUploadForm, EventChangeForm, EventForm
from mobilization.solidarity.models import Assignment, CallListEntry, ExtremeEvent

REFUSALS = {
    cap.CapError.NOT_XML: _lazy("The file is not well-formed XML."),
    cap.CapError.UNSAFE: _lazy("The file holds XML constructs that are refused for safety."),
    cap.CapError.NOT_CAP: _lazy("The file is not a CAP 1.2 alert."),
    cap.CapError.INVALID: _lazy("The alert cannot be used."),
    cap.CapError.UNHANDLED_HAZARD: _lazy("The alert is about a hazard the platform does not handle."),
    cap.CapError.OUTSIDE_CITY: _lazy("The alert concerns an area outside the city."),
    cap.CapError.NOT_ACTUAL: _lazy("The alert is not an actual alert (a test, an exercise or a draft)."),
}


def refusal(error: cap.CapError) -> str:
    """The reason in the reader's language, then the detail the reader of CAP gave (in English)."""
    return _("%(reason)s Detail: %(detail)s") % {
        "reason": REFUSALS.get(error.code, REFUSALS[cap.CapError.INVALID]),
        "detail": error.message,
    }


def _event(request, pk, perm="solidarity.view_extremeevent") -> ExtremeEvent:
    return permitted_object(
        request, ExtremeEvent.objects.all(), perm, view="solidarity.view_extremeevent", hide=True, pk=pk
    )


@permission_required("solidarity.list_extremeevent", hide=True)
@require_safe
def event_list(request):
    events = ExtremeEvent.objects.prefetch_related("districts").annotate(
        live=Count("assignments", filter=Q(assignments__status__in=Assignment.LIVE))
    )
    return render(request, "solidarity/event_list.html", {"events": events[:200]})


@permission_required("solidarity.add_extremeevent", hide=True)
@require_http_methods(["GET", "HEAD", "POST"])
def event_import(request):
    form = CapUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                imported = cap_import.import_alert(form.cleaned_data["file"], by=request.user)
            except cap.CapError as error:
                form.add_error("file", refusal(error))
            except DomainError as error:
                form.add_error("file", error.message)
            else:
                done = {
                    "created": _("The event is created, on watch: activate it to dispatch the buddies."),
                    "updated": _("The event is updated from the alert."),
                    "cancelled": _("The alert is cancelled: the event is standing down or closed."),
                }
                messages.success(request, done[imported.action])
                return redirect(imported.event)
        status = 400
    return render(request, "solidarity/event_import.html", {"form": form}, status=status)


@permission_required("solidarity.add_extremeevent", hide=True)
@require_http_methods(["GET", "HEAD", "POST"])
def event_create(request):
    """An event made by hand, when no CAP alert came: created on watch, like an imported one."""
    form = EventForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event = event_services.create_event(
                    by=request.user, values=form.values(), districts=form.cleaned_data["districts"]
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The event is created, on watch: activate it to dispatch the buddies.")
                )
                return redirect(event)
        status = 400
    return render(request, "solidarity/event_form.html", {"form": form}, status=status)


def _same(old, new) -> bool:
    """The form gives times to the minute: a time within the same minute is the same."""
    if hasattr(old, "timestamp") and hasattr(new, "timestamp"):
        return abs(old.timestamp() - new.timestamp()) < 60
    return old == new


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_edit(request, pk):
    """Change the level, the arrondissements or the expected end of an event not closed (a CAP Update)."""
    event = _event(request, pk, "solidarity.change_extremeevent")
    if event.status == ExtremeEvent.Status.CLOSED:
        messages.error(request, _("A closed event does not change."))
        return redirect(event)
    current = set(event.districts.values_list("pk", flat=True))
    initial = {"level": event.level, "districts": sorted(current), "expected_end_at": event.expected_end_at}
    form = EventChangeForm(request.POST or None, initial=initial, starts_at=event.starts_at)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            values = form.values()
            districts = list(form.cleaned_data["districts"])
            moved = {d.pk for d in districts} != current
            changes = {
                name: value for name, value in values.items() if not _same(getattr(event, name), value)
            }
            if not changes and not moved:
                messages.info(request, _("Nothing changed."))
                return redirect(event)
            try:
                event_services.update_event(
                    event, by=request.user, values=changes, districts=districts if moved else None
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The event is updated: its CAP export is now an update."))
                if moved and event.status == ExtremeEvent.Status.ACTIVE:
                    messages.info(request, _("Its arrondissements changed: dispatch again to cover them."))
                return redirect(event)
        status = 400
    return render(request, "solidarity/event_edit.html", {"form": form, "event": event}, status=status)


@login_required
@require_safe
def event_detail(request, pk):
    event = _event(request, pk)
    counts = dict(
        Assignment.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    context = {
        "event": event,
        "districts": event.districts.order_by("number"),
        "counts": [(label, counts.get(value, 0)) for value, label in Assignment.Status.choices],
        "call_list_count": _call_list(request, event).count(),
        "last_run": event.dispatch_runs.first(),
        "messages_applied": event.cap_messages.all(),
        "may_change": request.user.has_perm("solidarity.change_extremeevent", event),
        "may_extract": request.user.has_perm("solidarity.extract_extremeevent", event),
    }
    return render(request, "solidarity/event_detail.html", context)


def _call_list(request, event):
    entries = CallListEntry.objects.filter(event=event)
    if not request.user.is_superuser:
        districts = services.coordinator_districts(request.user)
        if districts is not None:
            entries = entries.filter(resident__district__in=districts)
    return entries


@login_required
@require_safe
def event_call_list(request, pk):
    event = _event(request, pk)
    entries = (
        _call_list(request, event)
        .select_related("resident__district")
        .defer(
            *(f"resident__{name}" for name in ("address", "access_notes", "phone", "other_phone")),
            *(f"resident__{name}" for name in ("emergency_contact", "care_service", "consent_wording")),
        )
    )
    return render(
        request,
        "solidarity/event_call_list.html",
        {"event": event, "entries": entries.order_by("since", "pk")},
    )


@login_required
@require_safe
def event_cap(request, pk):
    event = _event(request, pk)
    response = HttpResponse(cap_import.export_event(event), content_type="application/cap+xml")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.cap.xml"'
    return response


def _act(request, pk, perm, action, done):
    event = _event(request, pk, perm)
    try:
        action(event)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(event)


@login_required
@require_POST
def event_activate(request, pk):
    return _act(
        request,
        pk,
        "solidarity.change_extremeevent",
        lambda e: event_services.activate(e, by=request.user),
        _("The event is active and the buddies are dispatched."),
    )


@login_required
@require_POST
def event_stand_down(request, pk):
    return _act(
        request,
        pk,
        "solidarity.change_extremeevent",
        lambda e: event_services.stand_down(e, by=request.user),
        _("The event is standing down: the last check-ins go on, no new dispatch."),
    )


@login_required
@require_POST
def event_close(request, pk):
    return _act(
        request,
        pk,
        "solidarity.change_extremeevent",
        lambda e: event_services.close(e, by=request.user),
        _("The event is closed."),
    )


@login_required
@require_POST
def event_dispatch(request, pk):
    return _act(
        request,
        pk,
        "solidarity.dispatch_extremeevent",
        lambda e: dispatching.dispatch(e, by=request.user),
        _("The dispatch is done: see its summary below."),
    )


# --- The buddy's offers --------------------------------------------------------------------------------


@login_required
@require_safe
def offer_list(request):
    return render(request, "solidarity/offers.html", {"assignments": offers.offers_of(request.user)})


def _answer(request, pk, answer, done):
    # Only the buddy the offer was made to, administrators included: a person's answer is their own.
    assignment = get_object_or_404(
        Assignment.objects.select_related("buddy", "event"), pk=pk, buddy__user_id=request.user.pk
    )
    try:
        answer(assignment, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("solidarity:offers")


@login_required
@require_POST
def offer_accept(request, pk):
    return _answer(request, pk, offers.accept, _("Thank you: you have accepted to check on this person."))


@login_required
@require_POST
def offer_decline(request, pk):
    return _answer(request, pk, offers.decline, _("Understood: the person is offered to another buddy."))

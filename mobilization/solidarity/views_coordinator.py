"""The coordinators' pages during and after an event: the dashboard, the escalations, the report.

The dashboard shows live coverage by arrondissement (a map and a table), the unassigned and the
unreached, the open escalations and the buddies' load; with htmx it refreshes its live part every 30
seconds without reloading (the same view's fragment), without JavaScript it is a plain page with a
"refresh" link. A coordinator sees the arrondissements they follow; anyone else is told the pages do not
exist (404). Opening an escalation reads a resident's name and needs: it is written to the audit log.
"""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mobilization.core.errors import DomainError
from mobilization.core.permissions import permission_required, permitted_object
from mobilization.core.spreadsheet import spreadsheet_safe
from mobilization.solidarity import checkins, coverage, escalations, services
from mobilization.solidarity.checkin_forms import EscalationNoteForm, OutcomeForm, ResolveForm
from mobilization.solidarity.models import ENCRYPTED_FIELDS, Escalation, ExtremeEvent, VulnerableResident

LIST_LIMIT = 100
REFRESH_SECONDS = 30


def _event(request, pk) -> ExtremeEvent:
    return permitted_object(
        request,
        ExtremeEvent.objects.all(),
        "solidarity.view_coverage_extremeevent",
        view="solidarity.view_coverage_extremeevent",
        hide=True,
        pk=pk,
    )


@permission_required("solidarity.list_escalation", hide=True)
@require_safe
def coordination(request):
    """The events coordinators act on, with their dashboards and reports, and the open escalations."""
    events = [
        event
        for event in ExtremeEvent.objects.exclude(status=ExtremeEvent.Status.CLOSED).prefetch_related(
            "districts"
        )
        if request.user.has_perm("solidarity.view_coverage_extremeevent", event)
    ]
    closed = [
        event
        for event in ExtremeEvent.objects.filter(status=ExtremeEvent.Status.CLOSED).prefetch_related(
            "districts"
        )[:20]
        if request.user.has_perm("solidarity.view_coverage_extremeevent", event)
    ]
    context = {
        "events": events,
        "closed": closed,
        "open_escalations": escalations.open_escalations(request.user).count(),
    }
    return render(request, "solidarity/coordination.html", context)


def _live_context(request, event) -> dict:
    now = timezone.now()
    unassigned = coverage.unassigned(event, request.user, now)
    unreached_count, unreached = coverage.unreached(event, request.user, now, limit=LIST_LIMIT)
    buddies_count, buddies = coverage.buddy_loads(event, request.user, now, limit=LIST_LIMIT)
    return {
        "event": event,
        "now": now,
        "coverage": coverage.coverage(event, request.user, now),
        "unassigned": unassigned[:LIST_LIMIT],
        "unassigned_count": len(unassigned),
        "unreached": unreached,
        "unreached_count": unreached_count,
        "escalations": list(escalations.open_escalations(request.user, event)),
        "buddies": buddies,
        "buddies_count": buddies_count,
        "refresh_seconds": REFRESH_SECONDS,
        "list_limit": LIST_LIMIT,
    }


@permission_required("solidarity.list_escalation", hide=True)
@require_safe
def dashboard(request, pk):
    event = _event(request, pk)
    return render(request, "solidarity/dashboard.html", _live_context(request, event))


@permission_required("solidarity.list_escalation", hide=True)
@require_safe
def dashboard_live(request, pk):
    """The dashboard's live part, for htmx's polling; a browser asking for it gets the whole page."""
    event = _event(request, pk)
    if not request.htmx:
        return redirect("solidarity:dashboard", pk=event.pk)
    return render(request, "solidarity/_dashboard_live.html", _live_context(request, event))


@permission_required("solidarity.list_escalation", hide=True)
@require_http_methods(["GET", "HEAD", "POST"])
def coordinator_call(request, pk, resident_pk):
    """A coordinator calls a person themselves and records the outcome (no buddy, or nobody reached)."""
    event = _event(request, pk)
    resident = permitted_object(
        request,
        VulnerableResident.objects.select_related("district").filter(district__in=event.districts.all()),
        "solidarity.call_vulnerableresident",
        view="solidarity.call_vulnerableresident",
        hide=True,
        pk=resident_pk,
    )
    form = OutcomeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                done = checkins.record_call(
                    event,
                    resident,
                    by=request.user,
                    outcome=data["outcome"],
                    needs=data["needs"],
                    note=data["note"],
                    key=data["key"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                if done.escalation is not None:
                    messages.success(request, _("Recorded. The person is in the escalations."))
                else:
                    messages.success(request, _("Recorded. Thank you."))
                return redirect("solidarity:dashboard", pk=event.pk)
        status = 400
    services.record_read(request.user, resident, part="call")
    context = {
        "event": event,
        "resident": resident,
        "form": form,
        "history": checkins.history_of(resident, event)[:10],
    }
    return render(request, "solidarity/coordinator_call.html", context, status=status)


# --- Escalations ------------------------------------------------------------------------------------------


@permission_required("solidarity.list_escalation", hide=True)
@require_safe
def escalation_list(request):
    unresolved = escalations.open_escalations(request.user)
    resolved = (
        Escalation.objects.filter(status=Escalation.Status.RESOLVED)
        .filter(pk__in=_in_scope(request.user))
        .select_related("resident__district", "owner__profile", "event")
        .defer(*(f"resident__{name}" for name in ENCRYPTED_FIELDS))
        .order_by("-resolved_at", "-pk")[:50]
    )
    return render(request, "solidarity/escalations.html", {"unresolved": unresolved, "resolved": resolved})


def _in_scope(user):
    districts = None if user.is_superuser else services.coordinator_districts(user)
    escalations_ = Escalation.objects.all()
    if districts is not None:
        escalations_ = escalations_.filter(resident__district__in=districts)
    return escalations_.values("pk")


def _escalation(request, pk, perm="solidarity.view_escalation") -> Escalation:
    return permitted_object(
        request,
        Escalation.objects.select_related("resident__district", "event", "owner", "checkin"),
        perm,
        view="solidarity.view_escalation",
        hide=True,
        pk=pk,
    )


def _detail(request, escalation, *, note_form=None, resolve_form=None, status=200):
    services.record_read(request.user, escalation.resident, part="escalation")
    context = {
        "escalation": escalation,
        "resident": escalation.resident,
        "notes": escalation.notes.select_related("author__profile"),
        "note_form": note_form or EscalationNoteForm(),
        "resolve_form": resolve_form or ResolveForm(),
        "history": escalation.resident.checkins.filter(event=escalation.event, recorded_at__isnull=False)
        .select_related("buddy__user__profile")
        .order_by("-recorded_at", "-pk")[:20],
    }
    return render(request, "solidarity/escalation.html", context, status=status)


@permission_required("solidarity.list_escalation", hide=True)
@require_safe
def escalation_detail(request, pk):
    return _detail(request, _escalation(request, pk))


@permission_required("solidarity.list_escalation", hide=True)
@require_POST
def escalation_take(request, pk):
    escalation = _escalation(request, pk, "solidarity.change_escalation")
    try:
        escalations.take(escalation, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are in charge of this escalation."))
    return redirect(escalation)


@permission_required("solidarity.list_escalation", hide=True)
@require_POST
def escalation_note(request, pk):
    escalation = _escalation(request, pk, "solidarity.change_escalation")
    form = EscalationNoteForm(request.POST)
    if not form.is_valid():
        return _detail(request, escalation, note_form=form, status=400)
    escalations.add_note(escalation, by=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("The note is added."))
    return redirect(escalation)


@permission_required("solidarity.list_escalation", hide=True)
@require_POST
def escalation_resolve(request, pk):
    escalation = _escalation(request, pk, "solidarity.change_escalation")
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return _detail(request, escalation, resolve_form=form, status=400)
    try:
        escalations.resolve(
            escalation,
            by=request.user,
            resolution=form.cleaned_data["resolution"],
            note=form.cleaned_data["note"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The escalation is resolved."))
    return redirect(escalation)


# --- The report after the event -----------------------------------------------------------------------------


@permission_required("solidarity.list_escalation", hide=True)
@require_safe
def event_report(request, pk):
    event = _event(request, pk)
    return render(
        request,
        "solidarity/event_report.html",
        {"event": event, "report": coverage.report(event, request.user)},
    )


@permission_required("solidarity.list_escalation", hide=True)
@require_safe
def event_report_csv(request, pk):
    """The report's table, by arrondissement, with the whole event's line last. Counts only: no person."""
    event = _event(request, pk)
    report = coverage.report(event, request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-report.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "arrondissement",
            "residents",
            "reached",
            "coverage_percent",
            "median_hours_to_first_contact",
            "escalations",
            "escalations_not_reached",
            "escalations_needs_help",
            "escalations_medical",
        ]
    )
    for row in report.rows:
        district = row["district"]
        writer.writerow(
            [
                spreadsheet_safe(district.name),
                row["residents"],
                row["reached"],
                "" if row["percent"] is None else row["percent"],
                "" if row["median_hours"] is None else row["median_hours"],
                row["escalations"],
                row["no_answer"],
                row["needs_help"],
                row["medical"],
            ]
        )
    reasons = dict(
        zip(Escalation.Reason.values, (count for _label, count in report.escalations_by_reason), strict=True)
    )
    writer.writerow(
        [
            spreadsheet_safe(str(_("Whole event"))),
            report.residents,
            report.reached,
            "" if report.percent is None else report.percent,
            "" if report.median_hours is None else report.median_hours,
            report.escalations_total,
            reasons["no_answer"],
            reasons["needs_help"],
            report.escalations_medical,
        ]
    )
    return response

"""The buddy's pages during an event: today's check-ins, a resident's card, recording an outcome.

Made for a phone with a failing network: plain pages and a plain form POST, which checkins.js and the
service worker (served here, its scope these pages) make readable offline and send again when the
network returns. An outcome carries a key made on the phone: a second sending of the same key answers
the first result. A JSON answer is given to the script (it asks with Accept: application/json), a
redirect to a browser.

A buddy sees a resident's card only while they hold an accepted assignment in an active event (the rule
`solidarity.view_card_vulnerableresident`); anyone else is told it does not exist (404). The card shows
the contact details, the building access notes only on the day of a visit, and nothing of the person's
health beyond "needs attention". Each opening is written to the audit log.
"""

import uuid
from functools import cache
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mobilization.core.errors import DomainError
from mobilization.core.permissions import permitted_object
from mobilization.solidarity import checkins, nearby, services
from mobilization.solidarity.checkin_forms import OutcomeForm
from mobilization.solidarity.models import CheckIn, Need, VulnerableResident

SERVICE_WORKER = Path(__file__).parent / "static" / "solidarity" / "checkins-sw.js"


def call_15_text() -> str:
    return _("Medical: call 15 (SAMU) now if it is not done.")


@login_required
@require_safe
def checkin_list(request):
    items = list(checkins.todays_checkins(request.user))
    context = {
        "to_do": [item for item in items if item.is_open],
        "done": [item for item in items if not item.is_open],
        "profile": services.buddy_profile_of(request.user),
        "now": timezone.now(),
    }
    return render(request, "solidarity/checkins.html", context)


@login_required
@require_safe
def checkin_card(request, pk):
    resident = permitted_object(
        request,
        VulnerableResident.objects.select_related("district"),
        "solidarity.view_card_vulnerableresident",
        view="solidarity.view_card_vulnerableresident",
        hide=True,
        pk=pk,
    )
    assignment = checkins.buddy_assignment(request.user, resident)
    if assignment is None:  # the rule said yes a moment ago; the event just stood down
        raise Http404
    checkin = checkins.open_checkin_of(resident, assignment)
    visit_day = checkins.is_visit_day(resident, request.user)
    services.record_read(request.user, resident, part="buddy_card")
    if visit_day and resident.access_notes:
        services.record_read(request.user, resident, part="access_notes")
    return render(
        request, "solidarity/checkin_card.html", _card_context(resident, assignment, checkin, visit_day)
    )


def _card_context(resident, assignment, checkin, visit_day, form=None) -> dict:
    return {
        "resident": resident,
        "event": assignment.event,
        "checkin": checkin,
        "form": form or (OutcomeForm() if checkin else None),
        "visit_day": visit_day,
        "history": checkins.history_of(resident, assignment.event)[:10],
        "places": nearby.places_near(resident.lat, resident.lon),
        "medical": Need.MEDICAL,
    }


@require_safe
def service_worker(request):
    """The service worker's script, from the check-in pages' address: its scope is those pages."""
    response = HttpResponse(_service_worker_text(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@cache
def _service_worker_text() -> str:
    return SERVICE_WORKER.read_text(encoding="utf-8")


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, done: checkins.Recorded):
    checkin = done.checkin
    medical = checkin.needs_medical
    if _wants_json(request):
        return JsonResponse(
            {
                "status": "recorded" if done.is_new else "already_recorded",
                "checkin": checkin.pk,
                "outcome": checkin.outcome,
                "outcome_label": str(checkin.get_outcome_display()),
                "call_15": call_15_text() if medical else "",
            }
        )
    if medical:
        messages.warning(request, call_15_text())
    if not done.is_new:
        messages.info(request, _("This outcome had already been received: it is recorded once."))
    elif done.escalation is not None:
        messages.success(request, _("Recorded. The coordinators are told and take over."))
    elif done.retry is not None:
        messages.success(
            request,
            _("Recorded. Try again later: the next attempt is in your list for %(time)s.")
            % {"time": timezone.localtime(done.retry.due_at).strftime("%d/%m %H:%M")},
        )
    else:
        messages.success(request, _("Recorded. Thank you."))
    return redirect("solidarity:checkins")


def _refuse(request, status: int, message: str, checkin: CheckIn | None = None):
    if _wants_json(request):
        return JsonResponse({"status": "refused", "message": message}, status=status)
    if status == 404:
        raise Http404
    messages.error(request, message)
    return redirect(reverse("solidarity:checkin_card", kwargs={"pk": checkin.resident_id}))


@login_required
@require_POST
def checkin_outcome(request, pk):
    checkin = get_object_or_404(
        CheckIn.objects.select_related("event", "buddy", "assignment", "resident", "resident__district"),
        pk=pk,
    )
    form = OutcomeForm(request.POST)
    key = _key(request.POST.get("key"))
    earlier = CheckIn.objects.filter(outcome_key=key, recorded_by=request.user).first() if key else None
    if earlier is not None:  # sent again (a retry after a network failure): the first result
        return _answer(request, checkins.Recorded(earlier, is_new=False))
    if not request.user.has_perm("solidarity.record_checkin", checkin):
        return _refuse(request, 404, _("This check-in is not yours, or the event is over."))
    if not form.is_valid():
        if _wants_json(request):
            errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
            return JsonResponse({"status": "refused", "message": errors}, status=400)
        assignment = checkin.assignment
        visit_day = checkins.is_visit_day(checkin.resident, request.user)
        services.record_read(request.user, checkin.resident, part="buddy_card")
        context = _card_context(checkin.resident, assignment, checkin, visit_day, form)
        return render(request, "solidarity/checkin_card.html", context, status=400)
    data = form.cleaned_data
    try:
        done = checkins.record_outcome(
            checkin,
            by=request.user,
            outcome=data["outcome"],
            needs=data["needs"],
            note=data["note"],
            key=data["key"],
        )
    except DomainError as error:
        return _refuse(request, 409, error.message, checkin)
    return _answer(request, done)


def _key(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None

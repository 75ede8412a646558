"""Pages of the registry of vulnerable residents and of the buddies.

No page of the registry is public, and none puts a sensitive detail in its address: records are found
by number, filters are an arrondissement and a category. Every page that shows a record writes the
read to the audit log (services.record_read); the building access notes are on a page of their own,
read separately. Someone who may not see a record is told it does not exist (404), whoever they are.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mobilization.core.errors import DomainError
from mobilization.core.models import AuditEvent
from mobilization.core.permissions import permission_required, permitted_object
from mobilization.solidarity import buddies, services
from mobilization.solidarity.forms import (
    AbsenceForm,
    BuddyProfileForm,
    PauseForm,
    ReadLogFilterForm,
    RegistrationForm,
    ResidentFilterForm,
    ResidentForm,
)
from mobilization.solidarity.models import Absence, BuddyProfile, VulnerableResident

RegisteredBy = VulnerableResident.RegisteredBy
RESIDENTS_PER_PAGE = 50
# An error report (a logged traceback, an e-mail to the administrators) shows these as "********".
SENSITIVE = (
    *("first_name", "last_name", "date_of_birth", "address", "lat", "lon", "access_notes"),
    *("phone", "other_phone", "emergency_contact", "care_service"),
)
READS_PER_PAGE = 50

# The registration form's address says who fills it in (never anything about the person).
KINDS = {
    "self": RegisteredBy.SELF,
    "relative": RegisteredBy.RELATIVE,
    "care": RegisteredBy.CARE,
    "phone": RegisteredBy.STAFF_PHONE,
}


def _resident(request, pk, perm: str = "solidarity.view_vulnerableresident") -> VulnerableResident:
    return permitted_object(
        request,
        VulnerableResident.objects.select_related("district"),
        perm,
        view="solidarity.view_vulnerableresident",
        hide=True,
        pk=pk,
    )


# --- Registering ----------------------------------------------------------------------------------------


@login_required
@require_safe
def register_start(request):
    context = {
        "own": VulnerableResident.objects.filter(account=request.user).first(),
        "takes_phone": request.user.has_perm("solidarity.register_by_phone_vulnerableresident"),
    }
    return render(request, "solidarity/register_start.html", context)


@sensitive_post_parameters(*SENSITIVE)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, kind):
    registered_as = KINDS.get(kind)
    if registered_as is None:
        raise Http404
    if registered_as == RegisteredBy.STAFF_PHONE and not request.user.has_perm(
        "solidarity.register_by_phone_vulnerableresident"
    ):
        raise Http404
    if registered_as == RegisteredBy.SELF:
        own = VulnerableResident.objects.filter(account=request.user).first()
        if own is not None:
            messages.info(request, _("You are already registered: here is your registration."))
            return redirect(own)
    version, wording = services.consent_wording(registered_as)
    form = RegistrationForm(request.POST or None, consent_wording=wording)
    if request.method == "POST" and form.is_valid():
        try:
            resident = services.register_resident(
                by=request.user, registered_as=registered_as, values=form.values(), absences=form.absences()
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if resident.acknowledged_at:
                messages.success(
                    request, _("The registration is recorded. An acknowledgement has been sent.")
                )
            else:
                messages.success(
                    request, _("The registration is recorded. Post the acknowledgement to the person.")
                )
            return redirect(resident)
    context = {"form": form, "kind": kind, "registered_as": registered_as, "consent_version": version}
    return render(request, "solidarity/register.html", context)


@login_required
@require_safe
def mine(request):
    context = {
        "registrations": services.registrations_of(request.user),
        "buddy_profile": services.buddy_profile_of(request.user),
    }
    return render(request, "solidarity/mine.html", context)


# --- One record -----------------------------------------------------------------------------------------


@login_required
@require_safe
def resident_detail(request, pk):
    resident = _resident(request, pk)
    services.record_read(request.user, resident)
    today = timezone.localdate()
    context = {
        "resident": resident,
        "age": resident.age_on(today),
        "absences": resident.absences.filter(ends_on__gte=today),
        "absence_form": AbsenceForm(),
        "may_read_notes": request.user.has_perm("solidarity.view_access_notes_vulnerableresident", resident),
        "is_coordinator": request.user.has_perm("solidarity.list_vulnerableresident"),
        "review_due": resident.confirmed_at <= timezone.now() - services.review_after(),
    }
    return render(request, "solidarity/resident_detail.html", context)


@login_required
@require_safe
def access_notes(request, pk):
    resident = _resident(request, pk, "solidarity.view_access_notes_vulnerableresident")
    services.record_read(request.user, resident, part="access_notes")
    return render(request, "solidarity/access_notes.html", {"resident": resident})


@sensitive_post_parameters(*SENSITIVE)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def resident_edit(request, pk):
    resident = _resident(request, pk, "solidarity.change_vulnerableresident")
    initial = {name: getattr(resident, name) for name in services.RESIDENT_FIELDS}
    initial.update(lat=resident.lat, lon=resident.lon)
    form = ResidentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_resident(resident, by=request.user, values=form.values())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The registration is updated."))
            return redirect(resident)
    else:
        services.record_read(request.user, resident, part="edit_form")
    return render(request, "solidarity/resident_edit.html", {"form": form, "resident": resident})


@login_required
@require_POST
def resident_confirm(request, pk):
    resident = _resident(request, pk, "solidarity.change_vulnerableresident")
    services.confirm_registration(resident, by=request.user)
    messages.success(request, _("Thank you: the registration is confirmed for another year."))
    return redirect(resident)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def resident_withdraw(request, pk):
    resident = _resident(request, pk, "solidarity.withdraw_vulnerableresident")
    if request.method == "POST":
        services.withdraw_registration(resident, by=request.user)
        messages.success(request, _("The registration is withdrawn: the record has been erased."))
        if request.user.has_perm("solidarity.list_vulnerableresident"):
            return redirect("solidarity:residents")
        return redirect("solidarity:mine")
    return render(request, "solidarity/resident_withdraw.html", {"resident": resident})


@login_required
@require_POST
def absence_add(request, pk):
    resident = _resident(request, pk, "solidarity.change_vulnerableresident")
    form = AbsenceForm(request.POST)
    if form.is_valid():
        services.add_absence(resident, by=request.user, **form.cleaned_data)
        messages.success(request, _("The absence is recorded: nobody will call during it."))
        return redirect(resident)
    services.record_read(request.user, resident)
    today = timezone.localdate()
    context = {
        "resident": resident,
        "age": resident.age_on(today),
        "absences": resident.absences.filter(ends_on__gte=today),
        "absence_form": form,
        "may_read_notes": request.user.has_perm("solidarity.view_access_notes_vulnerableresident", resident),
        "is_coordinator": request.user.has_perm("solidarity.list_vulnerableresident"),
    }
    return render(request, "solidarity/resident_detail.html", context, status=400)


@login_required
@require_POST
def absence_remove(request, pk, absence_pk):
    resident = _resident(request, pk, "solidarity.change_vulnerableresident")
    absence = get_object_or_404(Absence, pk=absence_pk, resident=resident)
    services.remove_absence(absence, by=request.user)
    messages.success(request, _("The absence is removed."))
    return redirect(resident)


# --- Coordinators ---------------------------------------------------------------------------------------


@permission_required("solidarity.list_vulnerableresident", hide=True)
@require_safe
def resident_list(request):
    districts = None if request.user.is_superuser else services.coordinator_districts(request.user)
    form = ResidentFilterForm(request.GET or None, districts=districts)
    residents = services.residents_for_coordinator(request.user).for_list()
    if form.is_valid():
        if form.cleaned_data["district"]:
            residents = residents.filter(district=form.cleaned_data["district"])
        if form.cleaned_data["category"]:
            residents = residents.filter(category=form.cleaned_data["category"])
    page = Paginator(residents, RESIDENTS_PER_PAGE).get_page(request.GET.get("page"))
    # A list shows names and arrondissements, not a record: reading one is what the log records.
    context = {"form": form, "page": page, "today": timezone.localdate()}
    return render(request, "solidarity/resident_list.html", context)


READ_LOG_ACTIONS = (
    ("solidarity.resident_viewed", gettext_lazy("Read a record")),
    ("solidarity.resident_registered", gettext_lazy("Registered")),
    ("solidarity.resident_changed", gettext_lazy("Changed")),
    ("solidarity.registration_confirmed", gettext_lazy("Confirmed")),
    ("solidarity.registration_withdrawn", gettext_lazy("Withdrawn and erased")),
    ("solidarity.registration_expired", gettext_lazy("Deleted: not confirmed in time")),
    ("solidarity.absence_added", gettext_lazy("Absence added")),
    ("solidarity.absence_removed", gettext_lazy("Absence removed")),
)


# Which part of a record a read opened (services.record_read's `part`).
READ_PARTS = (
    ("record", gettext_lazy("The record")),
    ("access_notes", gettext_lazy("The building access notes")),
    ("edit_form", gettext_lazy("The change form")),
    ("buddy_card", gettext_lazy("A buddy's card")),
    ("escalation", gettext_lazy("An escalation")),
    ("call", gettext_lazy("A coordinator's call")),
    ("prefect_extract", gettext_lazy("The prefect's extract")),
)


@permission_required("solidarity.view_readlog", hide=True)
@require_safe
def read_log(request):
    form = ReadLogFilterForm(request.GET or None, actions=READ_LOG_ACTIONS, parts=READ_PARTS)
    events = AuditEvent.objects.filter(
        object_type=VulnerableResident._meta.label_lower, action__startswith="solidarity."
    ).select_related("actor")
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            events = events.filter(actor__email__iexact=data["actor"])
        if data["resident"]:
            events = events.filter(object_id=str(data["resident"]))
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["part"]:
            # Only reads say which part they opened: a part means the reads of that part.
            events = events.filter(action="solidarity.resident_viewed", details__part=data["part"])
        if data["since"]:
            events = events.filter(occurred_at__date__gte=data["since"])
        if data["until"]:
            events = events.filter(occurred_at__date__lte=data["until"])
    page = Paginator(events.order_by("-occurred_at", "-pk"), READS_PER_PAGE).get_page(request.GET.get("page"))
    labels = dict(READ_LOG_ACTIONS)
    parts = dict(READ_PARTS)
    rows = [
        (event, labels.get(event.action, event.action), parts.get(event.details.get("part"), ""))
        for event in page.object_list
    ]
    return render(request, "solidarity/read_log.html", {"form": form, "page": page, "rows": rows})


# --- Buddies --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def buddy_profile(request):
    profile = services.buddy_profile_of(request.user)
    initial = None
    if profile is not None:
        initial = {name: getattr(profile, name) for name in services.BUDDY_FIELDS}
        initial["district"] = profile.base_district
        if profile.base == BuddyProfile.Base.OWN_POINT:
            initial.update(lat=profile.base_lat, lon=profile.base_lon)
    form = BuddyProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_buddy_profile(
                request.user, values=data, district=data["district"], lat=data["lat"], lon=data["lon"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your buddy profile is saved."))
            return redirect("solidarity:buddy")
    context = {
        "form": form,
        "profile": profile,
        "certification": buddies.buddy_certification(request.user),
        "training": buddies.buddy_training(),
        "pause_form": PauseForm(),
    }
    return render(request, "solidarity/buddy_profile.html", context)


@login_required
@require_POST
def buddy_pause(request):
    profile = services.buddy_profile_of(request.user)
    if profile is None:
        raise Http404
    form = PauseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how long you are away."))
        return redirect("solidarity:buddy")
    until = timezone.localdate() + timedelta(days=form.cleaned_data["days"] - 1)
    services.pause_buddy(profile, by=request.user, until=until)
    messages.success(
        request,
        _("You are away until %(day)s: no check-in will be given to you.") % {"day": date_format(until)},
    )
    return redirect("solidarity:buddy")


@login_required
@require_POST
def buddy_resume(request):
    profile = services.buddy_profile_of(request.user)
    if profile is None:
        raise Http404
    services.resume_buddy(profile, by=request.user)
    messages.success(request, _("Welcome back: you can be given check-ins again."))
    return redirect("solidarity:buddy")

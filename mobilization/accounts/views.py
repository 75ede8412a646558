import json

from allauth.account.adapter import get_adapter
from allauth.account.decorators import reauthentication_required
from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from mobilization.accounts import consents, personal_data, services
from mobilization.accounts.forms import AccountDeletionForm, ConsentWithdrawalForm, ProfileForm
from mobilization.accounts.models import Profile
from mobilization.core import registries, roles
from mobilization.core.permissions import permission_required


def _own_account(request, *args, **kwargs):
    """The object of the "my account" rules: the signed-in person's own account (`accounts/rules.py`)."""
    return request.user


def _url_if_available(name: str) -> str | None:
    """The URL of a page another app provides, or None while that app does not provide it yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@require_safe
@login_required
def profile(request):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "profile": services.profile_of(user),
            "profile_help": {field.name: field.help_text for field in Profile._meta.fields},
            "role_labels": sorted(roles.role_label(name) for name in roles.role_names(user)),
            "has_two_factor": services.has_two_factor(user),
            "needs_two_factor": roles.needs_two_factor(user),
            "notification_preferences_url": _url_if_available("notifications:preferences"),
            "other_sections": [render(request) for render in registries.profile_sections],
        },
    )


@permission_required("accounts.edit_profile", fn=_own_account)
def profile_edit(request):
    profile = services.profile_of(request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.update_profile(profile, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form})


@require_safe
def terms(request):
    return render(request, "accounts/terms.html", {"version": consents.TERMS_VERSION})


@require_safe
def privacy(request):
    context = {"version": consents.PRIVACY_VERSION}
    if request.user.is_authenticated:
        context["consent_rows"] = [
            {"record": record, "can_withdraw": not consents.is_required(record.purpose)}
            for record in services.current_consents(request.user)
        ]
    return render(request, "accounts/privacy.html", context)


@require_POST
@login_required
def withdraw_consent(request):
    form = ConsentWithdrawalForm(request.POST)
    if form.is_valid():
        services.withdraw_consent(request.user, form.cleaned_data["purpose"])
        messages.success(request, _("Your consent is withdrawn."))
    else:
        for error in form.errors.get("purpose", []):
            messages.error(request, error)
    return redirect(reverse("accounts:privacy") + "#my-consents")


@require_safe
@login_required
def my_data(request):
    return render(request, "accounts/my_data.html", {"sections": [s.name for s in personal_data.sections()]})


@require_safe
@never_cache
@permission_required("accounts.export_account", fn=_own_account)
@reauthentication_required
def my_data_download(request):
    """The JSON file of everything the platform holds about the signed-in person."""
    data = services.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@permission_required("accounts.delete_account", fn=_own_account)
@reauthentication_required(allow_get=True)
def delete_account(request):
    """GET shows what deletion means; POST (after a fresh re-authentication) deletes the account."""
    form = AccountDeletionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.delete_account(request.user)
        logout(request)
        return redirect("accounts:account_deleted")
    return render(request, "accounts/delete_account.html", {"form": form})


@require_safe
def account_deleted(request):
    return render(request, "accounts/account_deleted.html")


class SignupView(AllauthSignupView):
    """allauth's sign-up, safe when the same address is submitted twice at once.

    allauth checks that the address is free before it inserts the account; two requests racing past
    that check would both insert. The unique constraint on the e-mail lets only one through, and the
    other person gets the form back with "already registered" instead of a server error.
    """

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            form.add_error("email", get_adapter().error_messages["email_taken"])
            return self.form_invalid(form)

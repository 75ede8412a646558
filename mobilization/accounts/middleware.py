from django.shortcuts import redirect
from django.urls import reverse


class StaffTwoFactorMiddleware:
    """Staff roles must turn on two-factor authentication before they use anything but its setup pages."""

    allowed_prefixes = ("/accounts/", "/i18n/", "/static/", "/media/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(self.allowed_prefixes):
            from mobilization.accounts.roles import has_two_factor, needs_two_factor

            if needs_two_factor(user) and not has_two_factor(user):
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

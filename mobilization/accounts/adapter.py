from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from mobilization.accounts import services
from mobilization.core import audit


class AccountAdapter(DefaultAccountAdapter):
    """Where the platform's accounts differ from allauth's defaults.

    The profile, the volunteer role and the consents of a new account are created by the sign-up
    form's `signup()` (see `forms.SignupConsentForm`), which allauth calls right after `save_user()`.
    """

    def login(self, request, user):
        super().login(request, user)
        services.record_sign_in(user)

    def authentication_failed(self, request, **credentials):
        """A failed sign-in is a security event; the log line names no address and no password."""
        super().authentication_failed(request, **credentials)
        audit.record(None, "accounts.sign_in_failed")

    def get_signup_redirect_url(self, request):
        """A new volunteer lands on their profile, where they can say what they would like to do."""
        return reverse("accounts:profile")

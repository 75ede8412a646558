from allauth.account.adapter import DefaultAccountAdapter
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
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

    def render_mail(self, template_prefix, email, context, headers=None):
        """Every e-mail of allauth has an HTML part beside its plain text: the templates of
        account/email/*_message.html where the platform wrote one (confirmation, password reset), else
        the plain text itself in the platform's e-mail layout, its addresses made links."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if isinstance(message, EmailMultiAlternatives) and not message.alternatives:
            html = render_to_string(
                "core/email/plain_text.html", {"subject": message.subject, "text": message.body}
            )
            message.attach_alternative(html, "text/html")
        return message

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupConsentForm(forms.Form):
    """Extra sign-up fields: the person accepts the terms and the privacy notice."""

    accept_terms = forms.BooleanField(label=_("I accept the terms of use"), required=True)
    accept_privacy = forms.BooleanField(label=_("I have read the privacy notice"), required=True)

    def signup(self, request, user):
        pass

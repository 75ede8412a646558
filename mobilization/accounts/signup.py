"""allauth's sign-up form, as the platform uses it (settings.ACCOUNT_FORMS["signup"]).

allauth already answers an address that has an account as it answers a new one (enumeration prevention:
same redirect, same page; the owner of the address is told by e-mail). What it does not equalise is the
work: a new account's password is hashed (argon2, ~200 ms), a taken address's was not, so the time of the
answer told whether the address was registered. Here the password is hashed on both paths.

Kept apart from `forms.py`: allauth builds its form on `forms.SignupConsentForm`, so this module, which
imports allauth's form, cannot be imported by that one.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The same hashing work as a new account's `set_password`, with the same hasher; thrown away.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)

"""Factories of people, for every app's tests: `MemberFactory(roles=[roles.CITY_STAFF])`.

A member is what the sign-up makes of a person: an account with a verified e-mail address, a profile
with a display name, the consents given, and roles; staff roles also get their second factor, as the
platform requires of them. Every account's password is `PASSWORD`.
"""

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from mobilization.core import roles

PASSWORD = "route-table-password-2026"  # noqa: S105 - the test accounts' password


class UserFactory(DjangoModelFactory):
    """A bare account: no profile, no verified address, no role."""

    class Meta:
        model = "accounts.User"
        skip_postgeneration_save = True

    email = factory.Sequence(lambda number: f"person{number}@example.org")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, password=PASSWORD, **kwargs)


class MemberFactory(UserFactory):
    """A signed-up member, with `roles` (the volunteer role unless told otherwise).

    - `verified=False`: their e-mail address is not confirmed yet;
    - `two_factor`: None gives an authenticator app to those the platform requires it of (staff roles,
      staff, superusers); False to none (to test the set-up it asks for), True to anyone;
    - `phone`, `preferred_language`: profile values, stored as given (a language the site does not
      offer too, to test the fallbacks).
    """

    # Not fields of the account: `_create` hands them to the sign-up, the roles and the profile.
    display_name = factory.Sequence(lambda number: f"Member {number}")
    roles = (roles.VOLUNTEER,)
    verified = True
    two_factor = None
    phone = ""
    preferred_language = ""

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        display_name,
        roles,
        verified,
        two_factor,
        phone,
        preferred_language,
        **kwargs,
    ):
        from mobilization.accounts import services
        from mobilization.accounts.models import ConsentRecord
        from mobilization.core.roles import needs_two_factor

        user = super()._create(model_class, *args, **kwargs)
        EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
        profile = services.sign_up(
            user,
            display_name=display_name,
            consents_given=[ConsentRecord.Purpose.TERMS, ConsentRecord.Purpose.PRIVACY],
        )
        if phone or preferred_language:
            profile.phone, profile.preferred_language = phone, preferred_language
            profile.save(update_fields=["phone", "preferred_language", "updated_at"])
        services.set_roles(user, roles, by=None)
        if two_factor or (two_factor is None and needs_two_factor(user)):
            from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

            TOTP.activate(user, generate_totp_secret())
        return user


def make_member(email: str, display_name: str, role_names=(roles.VOLUNTEER,), **extra):
    """A member with this address and name (the older tests' spelling of `MemberFactory`)."""
    return MemberFactory(email=email, display_name=display_name, roles=role_names, **extra)

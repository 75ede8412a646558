"""The platform's roles, as Django groups, and who among them must use two-factor authentication."""

from django.utils.translation import gettext_lazy as _

VOLUNTEER = "volunteer"
ORGANISER = "initiative_organiser"
ORGANISATION_REPRESENTATIVE = "organisation_representative"
SOLIDARITY_COORDINATOR = "solidarity_coordinator"
CITY_STAFF = "city_staff"
COMMITTEE_MEMBER = "committee_member"

ROLE_LABELS = {
    VOLUNTEER: _("Volunteer"),
    ORGANISER: _("Initiative organiser"),
    ORGANISATION_REPRESENTATIVE: _("Organisation representative"),
    SOLIDARITY_COORDINATOR: _("Solidarity coordinator"),
    CITY_STAFF: _("City staff (moderator)"),
    COMMITTEE_MEMBER: _("Committee member"),
}

# Roles that reach other people's data: they must sign in with a second factor.
STAFF_ROLES = {SOLIDARITY_COORDINATOR, CITY_STAFF}


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    return any(group.name == role for group in user.groups.all())


def needs_two_factor(user) -> bool:
    return user.is_staff or user.is_superuser or user.groups.filter(name__in=STAFF_ROLES).exists()


def has_two_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

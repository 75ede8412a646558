"""The platform's roles: their names, labels, and the model permissions each holds.

A role is a `django.contrib.auth.models.Group` whose name is one of the constants below; its label
(translated) is in `ROLE_LABELS`. The accounts app creates the groups and their model permissions
(data migration `accounts.0003_roles`, kept in line by `accounts.services.ensure_roles()`). What a role
may do on one object (an initiative, a check-in) is said by the rules in each app's `rules.py`, built
from the predicates of `core/predicates.py`.

The names live in the kernel because every app's rules speak of them; they are plain strings, so the
kernel needs no model for them. An app that needs a model permission for a role adds it to
`ROLE_PERMISSIONS` and calls `ensure_roles()` from a data migration of its own.
"""

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
ROLES = tuple(ROLE_LABELS)

# Roles that reach other people's data: they must sign in with a second factor (so must is_staff users).
STAFF_ROLES = frozenset({SOLIDARITY_COORDINATOR, CITY_STAFF})

# Model-level permissions ("app_label.codename") each role holds; object-level rights are in rules.py.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    VOLUNTEER: (),
    ORGANISER: (),
    ORGANISATION_REPRESENTATIVE: (),
    COMMITTEE_MEMBER: (),
    SOLIDARITY_COORDINATOR: (
        "accounts.view_user",
        "accounts.view_profile",
        "territory.view_place",
        "territory.change_place",
    ),
    CITY_STAFF: (
        "accounts.view_user",
        "accounts.change_user",
        "accounts.view_profile",
        "accounts.view_consentrecord",
        "core.view_auditevent",
        "territory.view_district",
        "territory.view_place",
        "territory.add_place",
        "territory.change_place",
    ),
}


def role_label(name: str) -> str:
    """The human label of a role, or the group's name for a group that is not a platform role."""
    return str(ROLE_LABELS.get(name, name))


def role_names(user) -> set[str]:
    """The names of the user's groups, read once per user object.

    The cache attribute is the one `rules.is_group_member` uses, so predicates and this share one query."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not hasattr(user, "_group_names_cache"):
        user._group_names_cache = set(user.groups.values_list("name", flat=True))
    return user._group_names_cache


def has_role(user, role: str) -> bool:
    return role in role_names(user)


def needs_two_factor(user) -> bool:
    """Staff, superusers and the staff roles must protect their account with a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_staff or user.is_superuser or bool(role_names(user) & STAFF_ROLES)

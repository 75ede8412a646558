"""Who may do what with accounts, and the role predicates every app builds its own rules from.

Use them in any app's `rules.py`::

    from mobilization.accounts.rules import is_city_staff, is_self

    rules.add_perm("initiatives.publish_initiative", is_city_staff)

A role predicate takes the user only; `is_self` takes the user and another user (the object).
Superusers get every permission through Django's own backend, so the predicates do not mention them.
"""

import rules

from mobilization.accounts import roles

is_volunteer = rules.is_group_member(roles.VOLUNTEER)
is_initiative_organiser = rules.is_group_member(roles.ORGANISER)
is_organisation_representative = rules.is_group_member(roles.ORGANISATION_REPRESENTATIVE)
is_solidarity_coordinator = rules.is_group_member(roles.SOLIDARITY_COORDINATOR)
is_city_staff = rules.is_group_member(roles.CITY_STAFF)
is_committee_member = rules.is_group_member(roles.COMMITTEE_MEMBER)


@rules.predicate
def is_self(user, other) -> bool:
    """The object is the user's own account (or a thing whose `user` is them, like their profile)."""
    if other is None or not getattr(user, "is_authenticated", False):
        return False
    other_user_id = other.user_id if hasattr(other, "user_id") else other.pk
    return other_user_id == user.pk


rules.add_perm("accounts.edit_own_profile", is_self)
rules.add_perm("accounts.export_personal_data", is_self)
rules.add_perm("accounts.delete_account", is_self)
rules.add_perm("accounts.assign_roles", is_city_staff)

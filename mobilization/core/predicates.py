"""The platform's predicate vocabulary: every app's `rules.py` composes these, and defines no copy.

A predicate answers a yes/no question about a user (and, for object-level rules, an object). Apps
combine them with `&`, `|` and `~` into named permissions, one naming scheme for all:
`<app label>.<verb>_<model>` ("initiatives.publish_initiative", "events.register_event")::

    # mobilization/<app>/rules.py
    import rules
    from mobilization.core.predicates import is_city_staff, is_owner_of, is_signed_in

    is_organiser_of = is_owner_of("organiser")
    rules.add_perm("initiatives.change_initiative", is_organiser_of | is_city_staff)

Views, the API and templates ask `user.has_perm(name, obj)`; the route access table checks the same
names through the pages. Superusers get every permission through Django's own backend, so no predicate
mentions them.
"""

import rules

from mobilization.core import roles

# --- Who the person is --------------------------------------------------------------------------------

is_signed_in = rules.is_authenticated
is_volunteer = rules.is_group_member(roles.VOLUNTEER)
is_initiative_organiser = rules.is_group_member(roles.ORGANISER)
is_organisation_representative = rules.is_group_member(roles.ORGANISATION_REPRESENTATIVE)
is_solidarity_coordinator = rules.is_group_member(roles.SOLIDARITY_COORDINATOR)
is_city_staff = rules.is_group_member(roles.CITY_STAFF)
is_committee_member = rules.is_group_member(roles.COMMITTEE_MEMBER)


# --- What the person has to do with the object --------------------------------------------------------


def is_owner_of(attribute: str, *, through: str = "") -> rules.Predicate:
    """A predicate: the object's `attribute` (a foreign key to the user) is the user.

    `through` follows one relation first: `is_owner_of("organiser", through="initiative")` is true when
    the object's initiative is organised by the user (an event, a membership)."""
    name = f"is_{attribute}_of" + (f"_{through}" if through else "")

    def check(user, obj) -> bool:
        if obj is None or not getattr(user, "is_authenticated", False):
            return False
        if through:
            obj = getattr(obj, through, None)
            if obj is None:
                return False
        return getattr(obj, f"{attribute}_id", None) == user.pk

    return rules.predicate(check, name=name)


@rules.predicate
def is_self(user, other) -> bool:
    """The object is the user's own account (or a thing whose `user` is them, like their profile)."""
    if other is None or not getattr(user, "is_authenticated", False):
        return False
    other_user_id = other.user_id if hasattr(other, "user_id") else other.pk
    return other_user_id == user.pk


def object_is(attribute: str) -> rules.Predicate:
    """A predicate: the object's boolean property `attribute` is true (`object_is("is_public")`)."""

    def check(user, obj) -> bool:
        return obj is not None and bool(getattr(obj, attribute, False))

    return rules.predicate(check, name=f"object_{attribute}")

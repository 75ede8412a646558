"""Who may do what with events.

The organiser of an initiative runs its events (city staff as moderators may too). Registering is for
anyone signed in; an event is readable when its initiative is public.
"""

import rules

from mobilization.initiatives.rules import is_moderator, is_organiser_of


@rules.predicate
def is_organiser_of_event(user, event) -> bool:
    return event is not None and is_organiser_of(user, event.initiative)


@rules.predicate
def is_public_event(user, event) -> bool:
    return event is not None and event.initiative.is_public


@rules.predicate
def is_signed_in(user) -> bool:
    return getattr(user, "is_authenticated", False)


# The object of "add_event" is the initiative; every other permission takes the event.
rules.add_perm("events.add_event", is_organiser_of)
rules.add_perm("events.change_event", is_organiser_of_event | is_moderator)
rules.add_perm("events.cancel_event", is_organiser_of_event | is_moderator)
rules.add_perm("events.view_registrations", is_organiser_of_event | is_moderator)
rules.add_perm("events.view_event", is_public_event | is_organiser_of_event | is_moderator)
rules.add_perm("events.register", is_signed_in & is_public_event)

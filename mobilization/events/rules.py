"""Who may do what with events.

Whoever runs an event's host (the organiser of its initiative) runs the event; city staff, as moderators,
may change and cancel it too. An event is readable when its host is public; registering is for anyone
signed in. The object of "add_event" and "view_host" is the host; every other permission takes the event.
"""

import rules

from mobilization.core.predicates import is_city_staff, is_signed_in, object_is
from mobilization.events import hosts


@rules.predicate
def runs_the_host(user, host) -> bool:
    """The person runs the host (the object is a host: an initiative)."""
    return host is not None and bool(hosts.kind_for(host).is_run_by(user, host))


@rules.predicate
def runs_the_host_of(user, event) -> bool:
    """The person runs the event's host."""
    return event is not None and bool(event.host_kind.is_run_by(user, event.host))


is_public = object_is("is_public")

# Adding an event: only whoever runs the host (staff do not add events to somebody's initiative). Those
# who may not see the host are told it does not exist.
rules.add_perm("events.view_host", is_public | runs_the_host)
rules.add_perm("events.add_event", runs_the_host)
rules.add_perm("events.view_event", is_public | runs_the_host_of | is_city_staff)
rules.add_perm("events.change_event", runs_the_host_of | is_city_staff)
rules.add_perm("events.cancel_event", runs_the_host_of | is_city_staff)
rules.add_perm("events.see_registrations_event", runs_the_host_of | is_city_staff)
rules.add_perm("events.register_event", is_signed_in & is_public)

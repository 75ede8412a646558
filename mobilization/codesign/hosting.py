"""Co-design workshops host events: each session of a workshop is an `events.Event` whose `workshop` is set.

The events app imports nothing of co-design; `register()`, called from `CodesignConfig.ready()`, tells it
that workshops are a kind of host, "workshop": public once announced or once their notes are published,
run by the city's staff (who hold the workshops), taking new sessions once announced. Registration, the
waiting list, reminders, calendar files and feeds of sessions are therefore the events app's, unchanged;
the event's page links back to the workshop's outputs (its notes, the ideas it produced) through `links`.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mobilization.codesign.models import Workshop
from mobilization.core.predicates import is_city_staff
from mobilization.events import hosts


def runs(user, workshop: Workshop) -> bool:
    """Staff hold the workshops: they add and change their sessions."""
    return bool(is_city_staff(user))


def refuses_events(workshop: Workshop) -> str:
    if not workshop.is_public:
        return _("Announce the workshop first: its sessions are added once it is public.")
    return ""


def outputs(workshop: Workshop) -> list[tuple[str, str]]:
    """The workshop's published outputs, for its sessions' pages: its notes and the ideas it produced."""
    if not workshop.is_published:
        return []
    url = workshop.get_absolute_url()
    links = [(_("The workshop's notes"), f"{url}#workshop-notes")]
    count = workshop.ideas.public().count()
    if count:
        label = ngettext("The idea it produced", "The %(count)d ideas it produced", count) % {"count": count}
        links.append((label, f"{url}#workshop-ideas"))
    return links


WORKSHOP = hosts.HostKind(
    key="workshop",
    model=Workshop,
    public_q=Workshop.public_q,
    is_run_by=runs,
    refuses_events=refuses_events,
    links=outputs,
)


def register() -> None:
    hosts.register(WORKSHOP)

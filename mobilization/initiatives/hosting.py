"""Initiatives host events: what the events app needs to know of them, and what an event change means here.

The events app imports nothing of initiatives (it is the layer below: training sessions of the learning
pillar will be events too). `register()`, called from `InitiativesConfig.ready()`, tells it:

- that initiatives are a kind of host, "initiative" (`Event.initiative` points at them): public when
  published, paused or finished and not unpublished by the moderators; run by their organiser; taking new
  events once published; co-hosted by their accepted partners (`Event.cohosts`);
- the initiatives' cached blocks that an event makes stale (receivers in cache.py): the lists show each
  initiative's next event (`cache.events_version`), an initiative's page the upcoming events it hosts or
  co-hosts (`cache.content_version`);
- the demo events of the demo initiatives (events_demo.py).
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils.translation import gettext as _

from mobilization.core.errors import NotAllowed
from mobilization.events import hosts
from mobilization.events.models import Event
from mobilization.initiatives import cache, rules
from mobilization.initiatives.models import Initiative, Partnership
from mobilization.initiatives.services import are_partners

# --- The kind of host -------------------------------------------------------------------------------------


def partner_initiatives(initiative: Initiative):
    """The public initiatives that are accepted partners of this one: the possible co-hosts."""
    accepted = Partnership.objects.filter(status=Partnership.Status.ACCEPTED)
    asked = accepted.filter(requester=initiative).values("partner_id")
    received = accepted.filter(partner=initiative).values("requester_id")
    return (
        Initiative.objects.public()
        .filter(Q(pk__in=asked) | Q(pk__in=received))
        .exclude(pk=initiative.pk)
        .order_by("title")
    )


def check_cohosts(initiative: Initiative, cohosts) -> None:
    """Only public partners co-host an initiative's event."""
    for cohost in cohosts:
        if not cohost.is_public or not are_partners(initiative, cohost):
            raise NotAllowed(
                _("“%(title)s” is not a partner of this initiative: only partners can co-host.")
                % {"title": cohost.title}
            )


def refuses_events(initiative: Initiative) -> str:
    if initiative.status != Initiative.Status.PUBLISHED:
        return _("Events can only be added to a published initiative.")
    return ""


INITIATIVE = hosts.HostKind(
    key="initiative",
    model=Initiative,
    public_q=Initiative.public_q,
    is_run_by=rules.is_organiser_of,
    refuses_events=refuses_events,
    cohosting=hosts.CoHosting(
        field="cohosts",
        candidates=partner_initiatives,
        check=check_cohosts,
        shown=lambda: Initiative.objects.public().order_by("title"),
    ),
)


def register() -> None:
    from mobilization.core import registries
    from mobilization.initiatives import events_demo

    hosts.register(INITIATIVE)
    post_save.connect(cache.event_changed, sender=Event, dispatch_uid="initiatives-event-saved")
    pre_delete.connect(cache.event_changed, sender=Event, dispatch_uid="initiatives-event-deleted")
    m2m_changed.connect(
        cache.event_cohosts_changed, sender=Event.cohosts.through, dispatch_uid="initiatives-event-cohosts"
    )
    registries.demo_seeders.register("events", registries.DemoSeeder(events_demo.seed), order=40)

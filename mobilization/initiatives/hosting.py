"""Initiatives host events: what the events app needs to know of them, and what an event change means here.

The events app imports nothing of initiatives (it is the layer below: training sessions of the learning
pillar will be events too). `register()`, called from `InitiativesConfig.ready()`, tells it:

- that initiatives are a kind of host, "initiative" (`Event.initiative` points at them): public when
  published, paused or finished and not unpublished by the moderators; run by their organiser; taking new
  events once published; co-hosted by their accepted partners (`Event.cohosts`);
- the initiatives' cached blocks that an event makes stale: the lists show each initiative's next event
  (`synergy.events_version`), an initiative's page the upcoming events it hosts or co-hosts
  (`synergy.content_version`);
- the demo events of the demo initiatives (events_demo.py).
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils.translation import gettext as _

from mobilization.core.errors import NotAllowed
from mobilization.events import hosts
from mobilization.events.models import Event
from mobilization.initiatives import rules, synergy
from mobilization.initiatives.models import Initiative, Partnership, Theme
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
    themes=Theme,
    cohosting=hosts.CoHosting(
        field="cohosts",
        candidates=partner_initiatives,
        check=check_cohosts,
        shown=lambda: Initiative.objects.public().order_by("title"),
    ),
)


# --- Cached blocks that an event makes stale -------------------------------------------------------------


def forget_event_hosts(sender, instance: Event, **kwargs) -> None:
    """A saved or deleted event: the lists' next events, and the pages of its host and co-hosts."""
    synergy.forget_events_version()
    cohosts = Event.cohosts.through.objects.filter(event_id=instance.pk).values_list(
        "initiative_id", flat=True
    )
    synergy.forget_content_version(instance.initiative_id, *cohosts)


def forget_event_cohosts(sender, instance, action: str, pk_set=None, **kwargs) -> None:
    """Co-hosts added or removed, from the event's side or the initiative's: both pages change."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if isinstance(instance, Event):  # pk_set holds initiatives
        if action == "pre_clear":
            pk_set = instance.cohosts.values_list("pk", flat=True)
        synergy.forget_content_version(instance.initiative_id, *(pk_set or ()))
    else:  # from the initiative's side: pk_set holds events
        if action == "pre_clear":
            pk_set = instance.cohosted_events.values_list("pk", flat=True)
        hosts_of = Event.objects.filter(pk__in=pk_set or ()).values_list("initiative_id", flat=True)
        synergy.forget_content_version(instance.pk, *hosts_of)


def register() -> None:
    from mobilization.core import registries
    from mobilization.initiatives import events_demo

    hosts.register(INITIATIVE)
    post_save.connect(forget_event_hosts, sender=Event, dispatch_uid="initiatives-event-saved")
    pre_delete.connect(forget_event_hosts, sender=Event, dispatch_uid="initiatives-event-deleted")
    m2m_changed.connect(
        forget_event_cohosts, sender=Event.cohosts.through, dispatch_uid="initiatives-event-cohosts"
    )
    registries.demo_seeders.register("events", registries.DemoSeeder(events_demo.seed), order=40)

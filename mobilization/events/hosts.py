"""What hosts an event: the small interface between events and the apps whose things hold events.

Events import no pillar. An app whose things hold events (the initiatives today; the learning pillar's
trainings next) registers a `HostKind` from its `AppConfig.ready()`::

    # mobilization/initiatives/hosting.py, called from InitiativesConfig.ready()
    hosts.register(hosts.HostKind(key="initiative", public_q=Initiative.public_q, ...))

and events reach the host only through it. An event has one host: the object that its foreign key named
after the kind points at (`Event.initiative` for the kind "initiative"). The key also names the URL
segment of the kind's pages (`/events/initiative/<pk>/new/`) and, in the open data, the host's columns.

A host is a model instance with what the event pages, calendars and downloads show of it:
`title`, `get_absolute_url()` (its public page), `district` (a territory District, or None), `lat` and
`lon` (where a new event is placed at first), `themes` (a list of theme keys) and `is_public`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Prefetch, Q

from mobilization.core.registries import Registry


@dataclass(frozen=True)
class CoHosting:
    """Other hosts of the same kind may host an event with its host: it then shows on their pages too."""

    field: str  # the Event many-to-many that holds them: "cohosts"
    # The hosts that may co-host an event of `host` (its partners), for the organisers' form.
    candidates: Callable[[models.Model], models.QuerySet]
    # Refuses (with a DomainError) a co-host that may not co-host an event of `host`.
    check: Callable[[models.Model, list], None]
    # The co-hosts that pages show, in their order (the public ones).
    shown: Callable[[], models.QuerySet]


@dataclass(frozen=True)
class HostKind:
    """One kind of host: how events find its hosts, who runs them, and when they take events."""

    key: str  # the Event foreign key that points at hosts of this kind, and the URL segment: "initiative"
    model: type[models.Model]  # the hosts' model: Initiative
    # The public hosts, as a condition through a path prefix: public_q("initiative__") on events.
    public_q: Callable[[str], Q]
    # Whether the person runs the host (its organiser): they run its events.
    is_run_by: Callable[[object, models.Model], bool]
    # Why the host takes no new event now ("" when it does), in words the organiser can read.
    refuses_events: Callable[[models.Model], str]
    cohosting: CoHosting | None = None
    # What the event's page links to beyond the host's page: (label, url) pairs, e.g. a co-design
    # workshop's published notes and the ideas it produced. None: nothing more.
    links: Callable[[models.Model], list[tuple[str, str]]] | None = None

    @property
    def label(self) -> str:
        return self.model._meta.verbose_name

    def public_hosts(self) -> models.QuerySet:
        return self.model._default_manager.filter(self.public_q(""))


kinds: Registry[HostKind] = Registry("event host kinds")


def register(kind: HostKind) -> HostKind:
    return kinds.register(kind.key, kind)


def kind_of(event) -> HostKind:
    """The kind of the event's host: the one whose foreign key is set."""
    for kind in kinds:
        if getattr(event, f"{kind.key}_id", None) is not None:
            return kind
    raise LookupError(f"Event #{event.pk} has no host of a registered kind.")


def kind_for(host) -> HostKind:
    """The kind of a host object."""
    for kind in kinds:
        if isinstance(host, kind.model):
            return kind
    raise LookupError(f"{type(host).__name__} is not a registered kind of event host.")


def public_q(prefix: str = "") -> Q:
    """Events (reached through `prefix`) whose host is public, whatever its kind."""
    conditions = [kind.public_q(f"{prefix}{kind.key}__") for kind in kinds]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def host_paths(prefix: str = "", *, district: bool = False) -> list[str]:
    """What to `select_related` for the hosts of events reached through `prefix` (and their district)."""
    suffix = "__district" if district else ""
    return [f"{prefix}{kind.key}{suffix}" for kind in kinds]


def cohost_prefetches() -> list[Prefetch]:
    """What to `prefetch_related` for the co-hosts that the pages show."""
    return [
        Prefetch(kind.cohosting.field, queryset=kind.cohosting.shown())
        for kind in kinds
        if kind.cohosting is not None
    ]

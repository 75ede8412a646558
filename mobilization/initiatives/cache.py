"""Versions of what the initiatives' cached blocks show, and the receivers that forget them.

Cached pages and lists are keyed by a version of what they show, so a change is seen at once without
deleting any cached block by name:

- `published_version()`: how many initiatives are public, and their last change (the lists, the map,
  the similar initiatives); forgotten when an initiative is saved or deleted;
- `content_version(pk)`: the events, news, impact and partners of one initiative (its page's blocks);
  forgotten when one of its news posts, impact records or partnerships is saved or deleted (and by the
  events app for its events and co-hosts);
- `events_version()`: the events (the next event on each card of the lists); forgotten by the events app.

The receivers are named functions here, connected in `InitiativesConfig.ready()` (the events' ones by
`hosting.register()`).
"""

import secrets

from django.core.cache import cache
from django.db.models import Count, Max

from mobilization.events.models import Event
from mobilization.initiatives.models import Initiative

PUBLISHED_VERSION_KEY = "initiatives:published-version"
PUBLISHED_VERSION_SECONDS = 30
EVENTS_VERSION_KEY = "initiatives:events-version"


def _content_key(initiative_pk) -> str:
    return f"initiatives:content-version:{initiative_pk}"


def _token(key: str) -> str:
    """A random token kept until forgotten: a new one is a new version."""
    version = cache.get(key)
    if version is None:
        version = secrets.token_hex(8)
        cache.set(key, version, None)
    return version


# --- Versions ---------------------------------------------------------------------------------------------


def published_version() -> str:
    """How many initiatives are public, and their last change: part of the key of cached blocks and lists
    (an initiative that the moderators unpublish leaves the count, so the lists forget it at once).

    Read from the database at most every PUBLISHED_VERSION_SECONDS (an aggregate over every published
    initiative costs more than the rest of an initiative's page); saving or deleting an initiative forgets
    it (`initiative_changed`), at once for this process and its shared cache.
    """
    version = cache.get(PUBLISHED_VERSION_KEY)
    if version is None:
        figures = Initiative.objects.public().aggregate(count=Count("pk"), last=Max("updated_at"))
        last = figures["last"].isoformat() if figures["last"] else "-"
        version = f"{figures['count']}:{last}"
        cache.set(PUBLISHED_VERSION_KEY, version, PUBLISHED_VERSION_SECONDS)
    return version


def forget_published_version(**kwargs) -> None:
    cache.delete(PUBLISHED_VERSION_KEY)


def content_version(initiative_pk: int) -> str:
    """A token that changes whenever the events, news, impact or partners of an initiative change
    (`forget_content_version`): part of the key of its page's cached blocks."""
    return _token(_content_key(initiative_pk))


def forget_content_version(*initiative_pks) -> None:
    cache.delete_many([_content_key(pk) for pk in initiative_pks if pk])


def events_version() -> str:
    """A token that changes whenever an event is saved or deleted (`forget_events_version`)."""
    return _token(EVENTS_VERSION_KEY)


def forget_events_version(**kwargs) -> None:
    cache.delete(EVENTS_VERSION_KEY)


# --- Receivers (connected in apps.py) ----------------------------------------------------------------------


def initiative_changed(sender, instance, **kwargs) -> None:
    """An initiative is saved or deleted: the lists and the similar initiatives see it at once."""
    forget_published_version()


def initiative_content_changed(sender, instance, **kwargs) -> None:
    """A news post or an impact record is saved or deleted: its initiative's page shows it."""
    forget_content_version(instance.initiative_id)


def partnership_changed(sender, instance, **kwargs) -> None:
    """A partnership is asked, answered or removed: both initiatives' pages show it."""
    forget_content_version(instance.requester_id, instance.partner_id)


def event_changed(sender, instance, **kwargs) -> None:
    """A saved or deleted event: the lists' next events, and the pages of its host and co-hosts."""
    forget_events_version()
    cohosts = Event.cohosts.through.objects.filter(event_id=instance.pk).values_list(
        "initiative_id", flat=True
    )
    forget_content_version(instance.initiative_id, *cohosts)


def event_cohosts_changed(sender, instance, action: str, pk_set=None, **kwargs) -> None:
    """Co-hosts added or removed, from the event's side or the initiative's: both pages change."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if isinstance(instance, Event):  # pk_set holds initiatives
        if action == "pre_clear":
            pk_set = instance.cohosts.values_list("pk", flat=True)
        forget_content_version(instance.initiative_id, *(pk_set or ()))
    else:  # from the initiative's side: pk_set holds events
        if action == "pre_clear":
            pk_set = instance.cohosted_events.values_list("pk", flat=True)
        hosts_of = Event.objects.filter(pk__in=pk_set or ()).values_list("initiative_id", flat=True)
        forget_content_version(instance.pk, *hosts_of)

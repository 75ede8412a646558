from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "mobilization.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_save, pre_delete

        from mobilization.core import registries
        from mobilization.events import demo
        from mobilization.events.models import Event
        from mobilization.initiatives import synergy
        from mobilization.notifications import kinds

        registries.demo_seeders.register("events", registries.DemoSeeder(demo.seed), order=40)

        # The initiatives' cached lists show each one's next event, and their pages the upcoming events
        # they host or co-host: a changed event is a new version of both.
        def forget_hosts(sender, instance, **kwargs):
            synergy.forget_events_version()
            cohosts = Event.cohosts.through.objects.filter(event_id=instance.pk).values_list("initiative_id")
            synergy.forget_content_version(instance.initiative_id, *[pk for (pk,) in cohosts])

        def forget_cohosts(sender, instance, action, pk_set=None, **kwargs):
            if action in ("post_add", "post_remove", "pre_clear"):
                if action == "pre_clear":
                    pk_set = set(instance.cohosts.values_list("pk", flat=True))
                if isinstance(instance, Event):
                    synergy.forget_content_version(instance.initiative_id, *(pk_set or ()))
                else:  # from the initiative's side: pk_set holds events
                    hosts = Event.objects.filter(pk__in=pk_set or ()).values_list("initiative_id", flat=True)
                    synergy.forget_content_version(instance.pk, *hosts)

        post_save.connect(forget_hosts, sender=Event, weak=False, dispatch_uid="events-version-save")
        pre_delete.connect(forget_hosts, sender=Event, weak=False, dispatch_uid="events-version-delete")
        m2m_changed.connect(
            forget_cohosts, sender=Event.cohosts.through, weak=False, dispatch_uid="events-cohosts-changed"
        )

        kinds.register(
            kinds.NotificationKind(
                key="event_reminder",
                label=_("A reminder the day before an event I registered to"),
            )
        )
        kinds.register(
            kinds.NotificationKind(
                key="event_cancelled",
                label=_("An event I registered to, or wait for, is cancelled"),
            )
        )
        kinds.register(
            kinds.NotificationKind(
                key="event_changed",
                label=_("The date, time or place of an event I registered to, or wait for, changes"),
            )
        )
        kinds.register(
            kinds.NotificationKind(
                key="event_seat_freed",
                label=_("A seat is freed for me at an event where I was on the waiting list"),
            )
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events import none of the apps whose things host them: those register as a kind of host
    (hosts.py), and connect their own receivers to the events' signals when their pages cache events."""

    name = "mobilization.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from mobilization.core import registries
        from mobilization.events import services
        from mobilization.notifications import kinds

        # After the initiatives' figures (10), before the territory's (30).
        registries.home_figures.register("events", services.home_figures, order=20)
        registries.home_links.register(
            "events", registries.HomeLink(_("Upcoming events"), "events:list"), order=30
        )

        for kind in (
            kinds.NotificationKind(
                key="event_reminder", label=_("A reminder the day before an event I registered to")
            ),
            kinds.NotificationKind(
                key="event_cancelled", label=_("An event I registered to, or wait for, is cancelled")
            ),
            kinds.NotificationKind(
                key="event_changed",
                label=_("The date, time or place of an event I registered to, or wait for, changes"),
            ),
            kinds.NotificationKind(
                key="event_seat_freed",
                label=_("A seat is freed for me at an event where I was on the waiting list"),
            ),
        ):
            kinds.register(kind)

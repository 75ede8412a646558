from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "mobilization.initiatives.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from mobilization.notifications import kinds

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
                key="event_seat_freed",
                label=_("A seat is freed for me at an event where I was on the waiting list"),
            )
        )

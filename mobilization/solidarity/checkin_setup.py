"""What the check-ins plug in when the app starts (called from SolidarityConfig.ready)."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from mobilization.core import registries
    from mobilization.notifications import kinds
    from mobilization.solidarity import checkin_demo

    # After the events' (86): the demo's active heatwave and its offers.
    registries.demo_seeders.register(
        "solidarity_checkins", registries.DemoSeeder(checkin_demo.seed), order=87
    )

    # A resident handed to the coordinators: urgent (a life may depend on it), so SMS may be chosen.
    kinds.register(
        kinds.NotificationKind(
            key="solidarity_escalation_opened",
            label=_("A resident of your arrondissements is escalated to the coordinators"),
            description=_("Nobody reaches them, or they need help. The message holds a link, never a name."),
            is_urgent=True,
            allows_sms=True,
            email_by_default=True,
        )
    )

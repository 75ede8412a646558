import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolidarityConfig(AppConfig):
    """Solidarity in extreme events. This part: the registry of vulnerable residents and the buddies'
    profiles. The alerts, the dispatch, the check-ins and the coordinators' dashboard come next."""

    name = "mobilization.solidarity"
    label = "solidarity"
    verbose_name = _("Solidarity")

    def ready(self):
        from mobilization.accounts import personal_data
        from mobilization.core import registries
        from mobilization.notifications import kinds
        from mobilization.solidarity import (  # noqa: F401 - checks registers itself
            checkin_setup,
            checks,
            demo,
            event_demo,
            redispatch,
            services,
        )

        if sys.argv[1:2] == ["db_worker"]:
            # The dispatch solver's compiled core (numba), loaded once per worker rather than inside its
            # first dispatch (about 1 s of CPU from numba's cache; 6 to 9 s the very first time).
            from mobilization.solidarity import dispatch

            dispatch.warm_up()
        redispatch.connect()  # dispatch again when buddies or residents change during an event
        checkin_setup.ready()  # the check-ins' and escalations' notification kind and demo
        personal_data.register(
            "solidarity",
            exporter=services.export_personal_data,
            anonymiser=services.anonymise_personal_data,
        )
        # After learning's (80): the demo buddies hold certifications of its buddies' training.
        registries.demo_seeders.register("solidarity", registries.DemoSeeder(demo.seed), order=85)
        # After the registry's: an event from a CAP alert, activated (the buddies dispatched).
        registries.demo_seeders.register(
            "solidarity_events", registries.DemoSeeder(event_demo.seed), order=86
        )
        registries.home_links.register(
            "solidarity",
            registries.HomeLink(_("Heatwaves: be checked on"), "solidarity:register_start"),
            order=60,
        )
        # The law's acknowledgement, the yearly review and the notice of erasure are not messages one
        # opts out of: they are always sent (in-app and e-mail), and hold no detail of the person.
        for kind in (
            kinds.NotificationKind(
                key="solidarity_registration_acknowledged",
                label=_("The acknowledgement of a registration on the heatwave registry"),
                email_by_default=True,
                shown_in_preferences=False,
            ),
            kinds.NotificationKind(
                key="solidarity_registration_review",
                label=_("The yearly review of a registration on the heatwave registry"),
                email_by_default=True,
                shown_in_preferences=False,
            ),
            kinds.NotificationKind(
                key="solidarity_registration_erased",
                label=_("A registration on the heatwave registry is withdrawn and erased"),
                email_by_default=True,
                shown_in_preferences=False,
            ),
            # A buddy is asked to check on people during an event: urgent, by SMS too unless they opt out.
            kinds.NotificationKind(
                key="solidarity_offer",
                label=_("I am asked to check on people during an extreme event"),
                is_urgent=True,
                allows_sms=True,
                sms_by_default=True,
            ),
            kinds.NotificationKind(
                key="solidarity_assignment_withdrawn",
                label=_("A person I was checking on is given to another buddy"),
            ),
        ):
            kinds.register(kind)

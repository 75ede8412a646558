from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "mobilization.plan.governance"
    label = "governance"
    verbose_name = _("Shared governance")

    def ready(self):
        from mobilization.accounts import personal_data
        from mobilization.core import registries
        from mobilization.notifications import kinds
        from mobilization.plan.governance import (
            demo,
            rules,  # noqa: F401 - registers the permissions
            services,
        )

        registries.demo_seeders.register("governance", registries.DemoSeeder(demo.seed), order=70)
        kinds.register(
            kinds.NotificationKind(
                key="recommendation_answered",
                label=_("The city answered a recommendation of my committee"),
            )
        )
        personal_data.register(
            "governance",
            exporter=services.export_personal_data,
            anonymiser=services.anonymise_personal_data,
        )

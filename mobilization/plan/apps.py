from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "mobilization.plan"
    label = "plan"
    verbose_name = _("Climate Plan")

    def ready(self):
        from mobilization.core import registries
        from mobilization.plan import (
            demo,
            fragments,
            rules,  # noqa: F401 - registers the permissions
        )

        registries.home_sections.register(
            "plan", registries.HomeSection(fragments.home_section, stylesheet="plan/plan.css"), order=10
        )
        registries.demo_seeders.register("plan", registries.DemoSeeder(demo.seed), order=50)

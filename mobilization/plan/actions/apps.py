from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanActionsConfig(AppConfig):
    name = "mobilization.plan.actions"
    label = "plan_actions"
    verbose_name = _("Climate Plan actions")

    def ready(self):
        from mobilization.core import registries
        from mobilization.plan.actions import demo

        registries.demo_seeders.register("plan_actions", registries.DemoSeeder(demo.seed), order=60)

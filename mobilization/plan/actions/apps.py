from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanActionsConfig(AppConfig):
    name = "mobilization.plan.actions"
    label = "plan_actions"
    verbose_name = _("Climate Plan actions")

    def ready(self):
        from mobilization.core import registries
        from mobilization.plan import registries as plan_registries
        from mobilization.plan.actions import demo, fragments

        registries.demo_seeders.register("plan_actions", registries.DemoSeeder(demo.seed), order=60)
        plan_registries.objective_sections.register("plan_actions", fragments.objective_section, order=10)

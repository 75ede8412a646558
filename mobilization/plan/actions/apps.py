from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanActionsConfig(AppConfig):
    name = "mobilization.plan.actions"
    label = "plan_actions"
    verbose_name = _("Climate Plan actions")

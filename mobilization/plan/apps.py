from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "mobilization.plan"
    label = "plan"
    verbose_name = _("Climate Plan")

    def ready(self):
        from mobilization.plan import rules  # noqa: F401 - registers the permissions

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "mobilization.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.core import checks

        from mobilization.accounts import personal_data
        from mobilization.core import registries
        from mobilization.notifications import kinds, services
        from mobilization.notifications.checks import check_kind_templates

        kinds.register_platform_kinds()
        # The kernel's transition helper tells people through this app, without importing it.
        registries.notifiers.register("default", services.notify)
        checks.register(check_kind_templates, checks.Tags.templates)
        personal_data.register(
            "notifications", exporter=services.export_personal_data, anonymiser=services.anonymise
        )

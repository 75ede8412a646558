from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesignConfig(AppConfig):
    name = "mobilization.codesign"
    label = "codesign"
    verbose_name = _("Co-design of the platform")

    def ready(self):
        from mobilization.accounts import personal_data
        from mobilization.codesign import (
            demo,
            rules,  # noqa: F401 - registers the permissions
            services,
        )
        from mobilization.core import registries
        from mobilization.notifications import kinds

        registries.demo_seeders.register("codesign", registries.DemoSeeder(demo.seed), order=90)
        # --- Workshops host events (which import nothing of co-design): see hosting.py. ---
        from mobilization.codesign import hosting

        hosting.register()
        for key, label in (
            ("idea_status_changed", _("An idea I suggested or support has a new status on the roadmap")),
            ("idea_done", _("An idea I suggested or support is done: the release notes say what was built")),
            ("idea_merged", _("An idea I suggested or support was merged into another one")),
        ):
            kinds.register(kinds.NotificationKind(key=key, label=label))
        personal_data.register(
            "codesign",
            exporter=services.export_personal_data,
            anonymiser=services.anonymise_personal_data,
        )

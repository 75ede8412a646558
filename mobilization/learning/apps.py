from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """Guides and trainings. Learning sits below the pillars in the layers (pyproject.toml): the
    solidarity pillar asks `certifications.holds_valid_certification()` whether a volunteer is a trained
    buddy. Training sessions are events (hosting.py)."""

    name = "mobilization.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self):
        from mobilization.accounts import personal_data
        from mobilization.core import registries
        from mobilization.learning import (
            demo,
            hosting,
            links,
            rules,  # noqa: F401 - registers the permissions
            services,
            views,
        )
        from mobilization.notifications import kinds

        for kind in (
            kinds.NotificationKind(
                key="certification_granted", label=_("I am certified after attending a training")
            ),
            kinds.NotificationKind(
                key="certification_expiring",
                label=_("One of my certifications is about to expire (with the next sessions)"),
            ),
            kinds.NotificationKind(key="resource_published", label=_("A resource I wrote is published")),
            kinds.NotificationKind(
                key="resource_rejected", label=_("A resource I wrote is sent back by the city team")
            ),
        ):
            kinds.register(kind)
        hosting.register()
        from django.db.models.signals import post_delete, post_save

        from mobilization.learning import cache
        from mobilization.learning.models import Resource

        post_save.connect(cache.resource_changed, sender=Resource, dispatch_uid="learning-resource-saved")
        post_delete.connect(cache.resource_changed, sender=Resource, dispatch_uid="learning-resource-deleted")
        registries.learn_how.register("learning", links.learn_how)
        personal_data.register(
            "learning", exporter=services.export_personal_data, anonymiser=services.anonymise_personal_data
        )
        registries.profile_sections.register("certifications", views.profile_section)
        # After the events (40) and the plan (50): resources point to objectives and initiatives.
        registries.demo_seeders.register("learning", registries.DemoSeeder(demo.seed), order=80)
        registries.home_links.register(
            "trainings", registries.HomeLink(_("Get trained"), "learning:training_list"), order=40
        )
        registries.home_links.register(
            "guides", registries.HomeLink(_("Guides and good practices"), "learning:resource_list"), order=45
        )

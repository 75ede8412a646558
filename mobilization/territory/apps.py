from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "mobilization.territory"
    label = "territory"
    verbose_name = _("Territory")

    def ready(self):
        from mobilization.core import registries
        from mobilization.territory import demo, services

        registries.home_figures.register("territory", services.home_figures, order=30)
        registries.home_sections.register(
            "territory_not_imported", registries.HomeSection(services.home_note_when_not_imported), order=0
        )
        registries.home_links.register(
            "places", registries.HomeLink(_("Find a cool place near you"), "territory:places"), order=40
        )
        registries.demo_seeders.register("territory", registries.DemoSeeder(demo.seed), order=10)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FootprintConfig(AppConfig):
    """The carbon footprint calculator on ADEME's Nos Gestes Climat model. This first increment has the
    model, its evaluator (the `publicodes` package, free of Django), the compute API, and the calculator:
    the questionnaire generated from the model, the result with its documentation, and the history of a
    signed-in person's saved footprints."""

    name = "mobilization.footprint"
    label = "footprint"
    verbose_name = _("Carbon footprint")

    def ready(self):
        from mobilization.accounts import personal_data
        from mobilization.core import registries
        from mobilization.footprint import demo, personal, plans, views

        personal_data.register(
            "footprint", exporter=personal.export_personal_data, anonymiser=personal.anonymise_personal_data
        )
        personal_data.register(
            "footprint_plan", exporter=plans.personal_data, anonymiser=plans.erase_personal_data
        )
        registries.home_links.register(
            "footprint", registries.HomeLink(_("Calculate my carbon footprint"), "footprint:start"), order=50
        )
        registries.profile_sections.register("footprint", views.profile_section)
        registries.demo_seeders.register("footprint", registries.DemoSeeder(demo.seed), order=95)

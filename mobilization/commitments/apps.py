from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "mobilization.commitments"
    label = "commitments"
    verbose_name = _("Commitments of organisations")

    def ready(self):
        from mobilization.commitments import (
            demo,
            fragments,
            notices,
            rules,  # noqa: F401 - registers the permissions
            services,
        )
        from mobilization.core import registries
        from mobilization.plan import registries as plan_registries

        notices.register_kinds()
        # The challenges' organisation teams: the verified organisations a person represents.
        registries.affiliations.register("commitments", services.affiliations_of)
        registries.demo_seeders.register("commitments", registries.DemoSeeder(demo.seed), order=80)
        plan_registries.objective_sections.register("commitments", fragments.objective_section, order=20)
        # Initiatives run by organisations: who manages them, and whose name they show (running.py).
        from mobilization.commitments import running

        registries.initiative_managers.register("organisation_representatives", running.manages_initiative)
        registries.shown_organisers.register("organisations", running.shown_organisers)

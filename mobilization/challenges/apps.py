from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    """Collective challenges: teams, daily check-ins converted to kgCO2e avoided with the footprint
    model's action savings (savings.py), leaderboards and published results. It sits with the pillars and
    imports the footprint app (its model), no other pillar."""

    name = "mobilization.challenges"
    label = "challenges"
    verbose_name = _("Collective challenges")

    def ready(self):
        from mobilization.accounts import personal_data
        from mobilization.challenges import (
            demo,
            rules,  # noqa: F401 - registers the permissions
            services,
        )
        from mobilization.core import registries
        from mobilization.notifications import kinds

        kinds.register(
            kinds.NotificationKind(
                key="challenge_results", label=_("The results of a challenge I took part in are published")
            )
        )
        personal_data.register(
            "challenges", exporter=services.export_personal_data, anonymiser=services.anonymise_personal_data
        )
        registries.home_figures.register("challenges", services.home_figures, order=40)
        registries.home_links.register(
            "challenges", registries.HomeLink(_("Take up a challenge"), "challenges:list"), order=50
        )
        # After the accounts and the initiatives' organisers (30): the teams' members are demo accounts.
        registries.demo_seeders.register("challenges", registries.DemoSeeder(demo.seed), order=95)

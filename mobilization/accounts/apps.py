from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "mobilization.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from mobilization.accounts import demo, personal_data, services
        from mobilization.core import registries

        # The account, profile, consents, sessions and audit trail. The account itself is erased last,
        # by services.delete_account, after every other app's anonymiser: so no anonymiser here.
        personal_data.register("accounts", exporter=services.export_account_data)
        registries.home_figures.register("accounts", services.home_figures, order=90)
        registries.home_links.register(
            "sign_up",
            registries.HomeLink(_("Become a Climate Volunteer"), "account_signup", for_visitors_only=True),
            order=0,
        )
        registries.demo_seeders.register(
            "accounts", registries.DemoSeeder(demo.seed, summary=demo.summary), order=20
        )

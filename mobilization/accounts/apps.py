from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "mobilization.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from mobilization.accounts import personal_data, services

        # The account, profile, consents, sessions and audit trail. The account itself is erased last,
        # by services.delete_account, after every other app's anonymiser: so no anonymiser here.
        personal_data.register("accounts", exporter=services.export_account_data)

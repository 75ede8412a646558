from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Where the platform's accounts differ from allauth's defaults."""

"""The demo's accounts: one per role, all with the password `DEMO_PASSWORD` (registered in apps.py and
run by `manage.py setup_demo`, after the territory's import: the accounts live in the 11th)."""

from mobilization.accounts.services import create_demo_account, ensure_roles
from mobilization.core import roles

DEMO_PASSWORD = "climat-demo-2026"  # noqa: S105 - printed on purpose: demo accounts on a local SQLite file

DEMO_ACCOUNTS = [
    ("volunteer@demo.climat.test", "Camille (bénévole)", [roles.VOLUNTEER]),
    ("organiser@demo.climat.test", "Nadia (organisatrice)", [roles.VOLUNTEER, roles.ORGANISER]),
    (
        "organisation@demo.climat.test",
        "Hugo (entreprise)",
        [roles.VOLUNTEER, roles.ORGANISATION_REPRESENTATIVE],
    ),
    ("coordinator@demo.climat.test", "Inès (coordination solidarité)", [roles.SOLIDARITY_COORDINATOR]),
    ("staff@demo.climat.test", "Louis (équipe climat)", [roles.CITY_STAFF]),
    ("committee@demo.climat.test", "Awa (comité de suivi)", [roles.VOLUNTEER, roles.COMMITTEE_MEMBER]),
]

_created: list = []  # (role list, DemoAccount), for the summary printed once every app has seeded


def seed(stdout, **options) -> None:
    from mobilization.territory.models import District

    ensure_roles()
    district = District.objects.filter(level=District.Level.ARRONDISSEMENT, number=11).first()
    _created.clear()
    for email, name, role_names in DEMO_ACCOUNTS:
        account = create_demo_account(
            email=email, password=DEMO_PASSWORD, roles=role_names, display_name=name, district=district
        )
        _created.append((", ".join(role_names), account))


def summary(stdout) -> None:
    """The accounts and their password, last, where the newcomer reads them."""
    from django.core.management.color import color_style

    stdout.write(color_style().SUCCESS(f"\nDemo accounts (password for all: {DEMO_PASSWORD})"))
    if not _created:
        return
    width = max(len(role_list) for role_list, _account in _created)
    for role_list, account in _created:
        line = f"  {role_list.ljust(width)}  {account.user.email}"
        if account.totp_secret:
            line += "  (two-factor: `manage.py demo_code " + account.user.email + "` prints the current code)"
        stdout.write(line)

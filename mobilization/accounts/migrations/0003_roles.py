"""The platform's roles as groups, with the model permissions they need (see accounts/roles.py).

Frozen copy of the role names and permissions at the time of writing: later changes go through
`services.ensure_roles()` or a new migration. Idempotent; demo data is not involved.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "volunteer": (),
    "initiative_organiser": (),
    "organisation_representative": (),
    "committee_member": (),
    "solidarity_coordinator": (
        "accounts.view_user",
        "accounts.view_profile",
        "territory.view_place",
        "territory.change_place",
    ),
    "city_staff": (
        "accounts.view_user",
        "accounts.change_user",
        "accounts.view_profile",
        "accounts.view_consentrecord",
        "core.view_auditevent",
        "territory.view_district",
        "territory.view_place",
        "territory.add_place",
        "territory.change_place",
    ),
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); create them now.
    for label in ("accounts", "core", "territory"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profile_consents_deleted_at"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("territory", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

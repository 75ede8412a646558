"""Volunteers' themes use the platform's one list of theme keys (mobilization/core/themes.py).

Profiles stored "waste_and_repair" where initiatives store "waste_repair" (the key of the API and open
data); this rewrites the profiles' key, and back when reversed. Other keys were already the same.
"""

from django.db import migrations

OLD, NEW = "waste_and_repair", "waste_repair"


def _rename(apps, old: str, new: str) -> None:
    Profile = apps.get_model("accounts", "Profile")
    # themes is a JSON list of keys: '"waste_and_repair"' with its quotes matches that key only, on both
    # databases (JSON `contains` does not exist on SQLite).
    changed = []
    for profile in Profile.objects.filter(themes__icontains=f'"{old}"').only("pk", "themes").iterator():
        themes = [new if key == old else key for key in profile.themes]
        profile.themes = list(dict.fromkeys(themes))
        changed.append(profile)
    Profile.objects.bulk_update(changed, ["themes"], batch_size=500)


def forwards(apps, schema_editor):
    _rename(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _rename(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_roles")]

    operations = [migrations.RunPython(forwards, backwards)]

"""`manage.py reencrypt_registry`: encrypt every record of the registry again with the first key of
FIELD_ENCRYPTION_KEYS, the last step of a key rotation (deploy/README.md). Reads with any listed key."""

from django.core.management.base import BaseCommand
from django.db import transaction

from mobilization.solidarity.encryption import registry_keys
from mobilization.solidarity.models import VulnerableResident

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt the registry's sensitive fields with the first key of FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        registry_keys()  # refuses at once without keys
        names = [field.name for field in VulnerableResident._meta.concrete_fields if hasattr(field, "keys")]
        done = 0
        pks = list(VulnerableResident.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                rows = list(
                    VulnerableResident.objects.select_for_update().filter(pk__in=pks[start : start + BATCH])
                )
                # Saving writes each value with the first key; reading accepted any of them.
                VulnerableResident.objects.bulk_update(rows, names)
                done += len(rows)
        self.stdout.write(f"{done} record(s) re-encrypted with the first key.")

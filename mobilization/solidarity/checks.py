"""The registry refuses to run without its encryption keys, and with keys that are not Fernet keys."""

import base64
import binascii

from django.conf import settings
from django.core import checks


@checks.register()
def encryption_keys(app_configs, **kwargs):
    keys = getattr(settings, "FIELD_ENCRYPTION_KEYS", [])
    if not keys:
        return [
            checks.Error(
                "FIELD_ENCRYPTION_KEYS is not set: the registry of vulnerable residents cannot be encrypted.",
                hint="Set it in the environment (deploy/README.md, 'The registry's encryption key').",
                id="solidarity.E001",
            )
        ]
    errors = []
    for position, key in enumerate(keys, start=1):
        try:
            valid = len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
        except (binascii.Error, ValueError):
            valid = False
        if not valid:
            errors.append(
                checks.Error(
                    f"FIELD_ENCRYPTION_KEYS: key number {position} is not a Fernet key "
                    "(32 bytes in URL-safe base64).",
                    id="solidarity.E002",
                )
            )
    return errors

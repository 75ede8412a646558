"""The encrypted model fields of the registry of vulnerable residents.

The fields are django-fernet-encrypted-fields' (Jazzband; Fernet: AES-128-CBC with an HMAC-SHA256, from
the `cryptography` package): they encrypt on the way to the database and decrypt on the way back, so
the rest of the code reads plain values and the columns hold only tokens.

One change to the library: the key. The library derives it from `SECRET_KEY`, which the deployment
rotates for other reasons (sessions, password-reset links) and which every part of Django reads. The
registry's key is its own secret instead: `FIELD_ENCRYPTION_KEYS` in the environment, a comma-separated
list of Fernet keys, the first encrypting, every one decrypting (a `MultiFernet`), so that a key can be
rotated without reading the data back with the old one first (deploy/README.md, "Rotating the
registry's key"; `manage.py reencrypt_registry`).
"""

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import cached_property
from encrypted_fields import fields


def registry_keys() -> list[bytes]:
    keys = [key.encode("ascii") for key in getattr(settings, "FIELD_ENCRYPTION_KEYS", [])]
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: the registry cannot be encrypted.")
    return keys


def registry_cipher() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in registry_keys()])


class _RegistryKey:
    @cached_property
    def keys(self) -> list[bytes]:
        return registry_keys()

    @cached_property
    def f(self) -> MultiFernet:
        return registry_cipher()

    def get_prep_value(self, value):
        # The library stores an empty value as NULL; an empty text stays empty (it reveals only that the
        # optional field was left blank), so that the columns keep Django's "no NULL in text" rule.
        if value == "":
            return ""
        return super().get_prep_value(value)


def forget_keys() -> None:
    """Make every encrypted field read FIELD_ENCRYPTION_KEYS again (each caches its cipher): for tests,
    and for a long-running process that changed its settings."""
    from django.apps import apps

    for model in apps.get_app_config("solidarity").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, _RegistryKey):
                field.__dict__.pop("keys", None)
                field.__dict__.pop("f", None)


class EncryptedCharField(_RegistryKey, fields.EncryptedCharField):
    pass


class EncryptedTextField(_RegistryKey, fields.EncryptedTextField):
    pass

"""The prefect's extract of the registry (CASF R121-8 ff.): who produced it, when, for which event.

When the prefect triggers the alert plan, the law lets them ask the mayor for the registry of the
affected area. A coordinator produces it here, after confirming their password again: each extract is
a row (who, when, which event and arrondissements, how many people), and its file can be downloaded
through a link that expires a few minutes later. The link carries a random key, never anything about
the people; the file is built again from the registry at each download, and kept nowhere.

Imported from models.py (Django finds the models there).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_key() -> str:
    return secrets.token_urlsafe(24)


class PrefectExtract(models.Model):
    """One extract of the registry for the prefect: a record of it, and the key of its download link."""

    event = models.ForeignKey("solidarity.ExtremeEvent", on_delete=models.PROTECT, related_name="extracts")
    districts = models.ManyToManyField(
        "territory.District", related_name="+", verbose_name=_("arrondissements in the extract")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("produced at"), default=timezone.now)
    expires_at = models.DateTimeField(_("link valid until"))
    row_count = models.PositiveIntegerField(_("people in the extract"), default=0)
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("prefect's extract")
        verbose_name_plural = _("prefect's extracts")

    def __str__(self):
        return str(_("Prefect's extract #%(pk)s") % {"pk": self.pk})

    def has_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at

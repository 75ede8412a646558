"""The climate themes of the platform: one list, for what volunteers care about and what initiatives do.

A volunteer's profile (`accounts.Profile.themes`) and an initiative (`initiatives.Initiative.themes`) store
lists of these keys, so that "initiatives on my themes" is a plain comparison. The keys are public: the
API, the open-data downloads and the feeds' addresses use them ("waste_repair"); never rename one without
a data migration of every app that stores it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    ENERGY = "energy", _("Energy")
    MOBILITY = "mobility", _("Mobility")
    FOOD = "food", _("Food")
    WASTE_AND_REPAIR = "waste_repair", _("Waste and repair")
    GREENING = "greening", _("Greening and biodiversity")
    WATER = "water", _("Water")
    CONSUMPTION = "consumption", _("Consumption")
    SOLIDARITY = "solidarity", _("Solidarity")
    EDUCATION = "education", _("Education and awareness")


def theme_labels(keys) -> list[str]:
    """The labels of the known keys among `keys`, in their order (an unknown key is left out)."""
    labels = dict(Theme.choices)
    return [labels[key] for key in keys or () if key in labels]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FootprintConfig(AppConfig):
    """The carbon footprint calculator on ADEME's Nos Gestes Climat model. This first increment has the
    model, its evaluator (the `publicodes` package, free of Django) and the compute API; the calculator's
    pages come next."""

    name = "mobilization.footprint"
    label = "footprint"
    verbose_name = _("Carbon footprint")

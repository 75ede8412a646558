"""What the home page gathers from every app, through the registries (`core/registries.py`)."""

from django.core.cache import cache
from django.utils.translation import get_language

from mobilization.core import registries

KEY_FIGURES_CACHE_KEY = "core:key-figures"
KEY_FIGURES_SECONDS = 300


def key_figures() -> list[registries.Figure]:
    """Every app's key figures, in their order; cached a few minutes (they change with imports and
    sign-ups), per language since their labels are translated when computed."""
    key = f"{KEY_FIGURES_CACHE_KEY}:{get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = [
            registries.Figure(figure.key, figure.value, str(figure.label), figure.unit, figure.decimals)
            for provider in registries.home_figures
            for figure in provider()
        ]
        cache.set(key, figures, KEY_FIGURES_SECONDS)
    return figures


def forget_key_figures() -> None:
    for language in ("en", "fr"):
        cache.delete(f"{KEY_FIGURES_CACHE_KEY}:{language}")

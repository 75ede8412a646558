"""Figures of the calculator as a person reads them: tonnes with one decimal, kilograms rounded."""

from django import template
from django.utils.formats import number_format

from mobilization.footprint import services

register = template.Library()


@register.filter
def tonnes(value) -> str:
    """kgCO2e → "8,3" (fr) / "8.3" (en): tonnes with one decimal."""
    try:
        return number_format(round(float(value) / 1000, 1), decimal_pos=1, use_l10n=True)
    except (TypeError, ValueError):
        return ""


@register.filter
def one_decimal(value) -> str:
    try:
        return number_format(round(float(value), 1), decimal_pos=1, use_l10n=True)
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def model_version() -> str:
    return services.MODEL_VERSION


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if isinstance(mapping, dict) else None

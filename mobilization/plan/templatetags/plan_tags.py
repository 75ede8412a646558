from django import template

from mobilization.plan.formatting import format_number, format_percent

register = template.Library()


@register.filter
def figure(value, decimals=None):
    """22.7 → "22,7" in French; None → "—"."""
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def percent(value, signed=True):
    return format_percent(value, signed=bool(signed))


@register.filter
def percent_rate(value):
    """A yearly rate as a fraction (−0.0137) in words: "−1.4 %"."""
    if value is None:
        return "—"
    return format_percent(value * 100, signed=True, decimals=1)


@register.filter
def translated(instance, name):
    """The city's text in the visitor's language, or the other one when it has none, as plain text: for
    titles and attributes. Page bodies use core_tags' `city_text`, which marks a text in another language."""
    return getattr(instance, name)

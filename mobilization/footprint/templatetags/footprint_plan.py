"""`{% load footprint_plan %}`: kgCO2e written in tonnes, and the model's category names in words."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mobilization.footprint.plan_charts import tonnes as _tonnes

register = template.Library()


@register.filter
def tonnes(kg):
    """8287.2 → "8.3" (in the page's language: "8,3" in French)."""
    if kg is None:
        return ""
    return _tonnes(float(kg))


@register.filter
def saving(kg):
    """What an action saves a year, in words: "1.1 t" from 100 kg up, "45 kg" below (not "0.0 t")."""
    if kg is None:
        return ""
    kg = float(kg)
    if kg >= 100:
        return _("%(tonnes)s t") % {"tonnes": _tonnes(kg)}
    return _("%(kg)s kg") % {"kg": number_format(round(kg), decimal_pos=0, use_l10n=True)}


@register.filter
def category_name(rule):
    """A category's title in the model, in the page's language ("alimentation" → "Food")."""
    from django.utils.translation import get_language

    from mobilization.footprint import services

    language = "en" if (get_language() or "fr").startswith("en") else "fr"
    return (services.raw_rules(language).get(rule) or {}).get("titre") or rule


@register.inclusion_tag("footprint/_plan_teaser.html", takes_context=True)
def plan_teaser(context, count: int = 3):
    """The person's largest actions and their plan's projection, for the calculator's result page."""
    from mobilization.footprint import plan_views

    request = context["request"]
    current = plan_views.plan_page(request)
    return {"page": current, "largest": current.available[:count], "request": request}

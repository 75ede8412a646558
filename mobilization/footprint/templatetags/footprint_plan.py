"""`{% load footprint_plan %}`: kgCO2e written in tonnes, and the model's category names in words."""

from django import template
from django.utils.translation import gettext_lazy as _

from mobilization.footprint.plan_charts import tonnes as _tonnes

register = template.Library()

CATEGORY_NAMES = {
    "transport": _("Transport"),
    "alimentation": _("Food"),
    "logement": _("Housing"),
    "divers": _("Other consumption"),
    "services sociétaux": _("Public services"),
}


@register.filter
def tonnes(kg):
    """8287.2 → "8.3" (in the page's language: "8,3" in French)."""
    if kg is None:
        return ""
    return _tonnes(float(kg))


@register.filter
def category_name(rule):
    return CATEGORY_NAMES.get(rule, rule)


@register.inclusion_tag("footprint/_plan_teaser.html", takes_context=True)
def plan_teaser(context, count: int = 3):
    """The person's largest actions and their plan's projection, for the calculator's result page."""
    from mobilization.footprint import plan_views

    request = context["request"]
    current = plan_views.plan_page(request)
    return {"page": current, "largest": current.available[:count], "request": request}

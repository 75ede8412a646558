"""Pieces of the plan actions that other pages show: the actions serving an objective, on its page
(registered in apps.py into `mobilization.plan.registries.objective_sections`)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from mobilization.plan.actions import services


def objective_section(request, objective) -> str:
    """How many actions serve the objective, their average progress, and the link to them."""
    figures = services.serving_objective(objective)
    url = f"{reverse('plan_actions:list')}?{urlencode({'objective': objective.slug})}"
    return render_to_string(
        "plan_actions/_objective_section.html", {"actions": {**figures, "url": url}}, request
    )

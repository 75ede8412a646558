"""What the commitments pillar shows on other pages: on a Climate Plan objective's page, the commitments
of organisations that contribute to it and their verified progress (registered in apps.py into
`mobilization.plan.registries.objective_sections`)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from mobilization.commitments import services


def objective_section(request, objective) -> str:
    contributions = services.objective_contributions(objective)
    url = f"{reverse('commitments:list')}?{urlencode({'objective': objective.slug})}"
    return render_to_string(
        "commitments/_objective_section.html", {"contributions": contributions, "url": url}, request
    )

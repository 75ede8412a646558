"""Pieces of the plan's pages that other pages show too (the home page shows the dashboard's cards)."""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

from mobilization.plan import charts, services
from mobilization.plan.models import Objective
from mobilization.plan.trajectory import load_trajectories

DASHBOARD_CACHE_SECONDS = 60 * 60


def dashboard_cards(request) -> str:
    """Every objective as a card, rendered once per data version and language, then served from the cache."""
    key = f"plan:dashboard:v1:{':'.join(map(str, services.objectives_version()))}:{get_language()}"
    cards = cache.get(key)
    if cards is None:
        trajectories = load_trajectories(Objective.objects.all())
        for trajectory in trajectories:
            trajectory.sparkline = charts.sparkline_points(trajectory)
        cards = render_to_string("plan/_dashboard_cards.html", {"trajectories": trajectories}, request)
        cache.set(key, cards, DASHBOARD_CACHE_SECONDS)
    return cards

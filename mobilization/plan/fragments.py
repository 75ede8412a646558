"""Pieces of the plan's pages that other pages show too (the home page shows the dashboard's cards)."""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

from mobilization.plan import charts, services, trajectory
from mobilization.plan.models import Objective

DASHBOARD_CACHE_SECONDS = 60 * 60


def dashboard_cards(request) -> str:
    """Every objective as a card, rendered once per data version, year and language, then served from the
    cache (the year is in the key because the status is judged in it: a target year passes)."""
    version = ":".join(map(str, services.objectives_version()))
    key = f"plan:dashboard:v2:{version}:{trajectory.current_year()}:{get_language()}"
    cards = cache.get(key)
    if cards is None:
        trajectories = trajectory.load_trajectories(Objective.objects.all())
        for objective_trajectory in trajectories:
            objective_trajectory.sparkline = charts.sparkline_points(objective_trajectory)
        cards = render_to_string("plan/_dashboard_cards.html", {"trajectories": trajectories}, request)
        cache.set(key, cards, DASHBOARD_CACHE_SECONDS)
    return cards


def home_section(request) -> str:
    """The home page's "Where the Climate Plan stands": the dashboard's cards (registered in apps.py)."""
    return render_to_string("plan/_home_section.html", {"cards": dashboard_cards(request)}, request)

"""What the home page says about the city, computed from what the platform holds."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone

from mobilization.initiatives.events.models import Event
from mobilization.initiatives.models import Initiative
from mobilization.territory.models import District, Place

KEY_FIGURES_CACHE_KEY = "core:key-figures"
KEY_FIGURES_SECONDS = 300


def key_figures() -> dict:
    """The city's key figures; cached a few minutes since they change only with imports and sign-ups."""
    figures = cache.get(KEY_FIGURES_CACHE_KEY)
    if figures is None:
        figures = _compute_key_figures()
        cache.set(KEY_FIGURES_CACHE_KEY, figures, KEY_FIGURES_SECONDS)
    return figures


def _compute_key_figures() -> dict:
    districts = District.objects.aggregate(
        arrondissements=Count("pk", filter=Q(level=District.Level.ARRONDISSEMENT)),
        quartiers=Count("pk", filter=Q(level=District.Level.QUARTIER)),
        area_m2=Sum("area_m2", filter=Q(level=District.Level.ARRONDISSEMENT)),
    )
    places = Place.objects.filter(is_available=True).aggregate(
        cool_places=Count("pk", filter=Q(kind=Place.Kind.COOL_PLACE)),
        green_spaces=Count("pk", filter=Q(kind=Place.Kind.GREEN_SPACE)),
        fountains=Count("pk", filter=Q(kind=Place.Kind.FOUNTAIN)),
    )
    volunteers = get_user_model().objects.filter(is_active=True, groups__name="volunteer").count()
    return {
        "initiatives": Initiative.objects.published().count(),
        "upcoming_events": Event.objects.filter(
            status=Event.Status.SCHEDULED,
            starts_at__gte=timezone.now(),
        )
        .filter(Initiative.public_q("initiative__"))
        .count(),
        "arrondissements": districts["arrondissements"],
        "quartiers": districts["quartiers"],
        "area_km2": (districts["area_m2"] or 0) / 1_000_000,
        **places,
        "volunteers": volunteers,
    }

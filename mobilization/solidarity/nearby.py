"""Where a resident can go to keep cool and drink: the territory's nearest usable places, from their point.

The cool places open now (and the green spaces the city keeps open longer in a heatwave, open now), and
the drinking fountains in service, nearest first (territory.services.search_places: usable now first).
Measured from the resident's rounded point: about a hundred metres off, which a list of the nearest
places does not notice.
"""

from datetime import datetime

from django.db.models import Q

from mobilization.territory import services as territory
from mobilization.territory.models import Place

NEAREST = 3


def _usable(queryset, lat: float, lon: float, moment, *, open_only: bool) -> list[Place]:
    ranked = territory.search_places(queryset, near=territory.ReferencePoint(lat, lon), moment=moment)
    wanted = {territory.OPEN} if open_only else {territory.OPEN, territory.HOURS_NOT_GIVEN}
    # Usable places come first in the ranking: the first few hold them all when there are enough.
    places = [place for place in ranked[: NEAREST * 2] if place.state in wanted][:NEAREST]
    territory.describe_now(places, moment)
    return places


def places_near(lat: float, lon: float, moment: datetime | None = None) -> dict[str, list[Place]]:
    """{"cool": the nearest cool places open now, "fountains": the nearest fountains in service}."""
    cool = Place.objects.filter(
        Q(kind=Place.Kind.COOL_PLACE) | Q(kind=Place.Kind.GREEN_SPACE, details__open_in_heatwave=True)
    )
    fountains = Place.objects.filter(kind=Place.Kind.FOUNTAIN)
    return {
        "cool": _usable(cool, lat, lon, moment, open_only=True),
        "fountains": _usable(fountains, lat, lon, moment, open_only=False),
    }

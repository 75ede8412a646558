from django.conf import settings


def platform(request):
    """What every page needs: the city's name and the map tile server."""
    return {
        "CITY_NAME": settings.CITY_NAME,
        "MAP_TILES_URL": settings.MAP_TILES_URL,
        "MAP_TILES_ATTRIBUTION": settings.MAP_TILES_ATTRIBUTION,
    }

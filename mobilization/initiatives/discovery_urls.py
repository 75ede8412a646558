"""Finding initiatives: the list, the map, search, district pages, feeds and downloads.

Included by urls.py under the `initiatives` namespace, at /initiatives/.
"""

from django.urls import path
from django.views.decorators.http import require_safe

from mobilization.initiatives import discovery_views, downloads, feeds

urlpatterns = [
    path("", discovery_views.initiative_list, name="list"),
    path("map/", discovery_views.initiative_map, name="map"),
    path("map.geojson", discovery_views.map_data, name="map_data"),
    path("arrondissement/<str:code>/", discovery_views.district_page, name="district"),
    path("feed.rss", require_safe(feeds.NewInitiativesFeed()), name="feed_rss"),
    path("feed.atom", require_safe(feeds.NewInitiativesAtomFeed()), name="feed_atom"),
    path("initiatives.csv", downloads.download_csv, name="download_csv"),
    path("initiatives.geojson", downloads.download_geojson, name="download_geojson"),
]

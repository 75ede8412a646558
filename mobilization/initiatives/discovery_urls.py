"""Finding initiatives: the list, the map, search, district pages, feeds and downloads.

Included by urls.py under the `initiatives` namespace.
"""

urlpatterns = []

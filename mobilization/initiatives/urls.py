from django.urls import include, path

app_name = "initiatives"
urlpatterns = [
    # Finding initiatives: list, map, search, district pages, feeds, downloads (discovery_urls.py).
    path("", include("mobilization.initiatives.discovery_urls")),
]

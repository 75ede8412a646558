"""A URL configuration with one view that fails, to see what a visitor meets when the server errs."""

from django.urls import path

from mobilization.urls import urlpatterns as platform_urlpatterns


def broken(request):
    raise RuntimeError("secret internal detail that must never reach a visitor")


# The platform's own patterns, not an include(): its pages use i18n_patterns, which only a root URLconf
# may hold.
urlpatterns = [
    path("broken/", broken),
    *platform_urlpatterns,
]

handler500 = "mobilization.core.views.server_error"

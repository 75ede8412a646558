"""A URL configuration with one view that fails, to see what a visitor meets when the server errs."""

from django.urls import include, path


def broken(request):
    raise RuntimeError("secret internal detail that must never reach a visitor")


urlpatterns = [
    path("broken/", broken),
    path("", include("mobilization.urls")),
]

handler500 = "mobilization.core.views.server_error"

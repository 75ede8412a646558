from django.urls import path

from mobilization.events import downloads, hosts, views

app_name = "events"


def host_routes(kind: hosts.HostKind) -> list:
    """The pages of one kind of host, under its key: /events/initiative/<pk>/new/ and its calendar.

    Adding an event is `events:create` for every kind (pass `kind=` to reverse it when there are several);
    a host's feed is `events:<kind>_feed`, the address that people's calendar apps subscribe to."""
    extra = {"kind": kind.key}
    return [
        path(f"{kind.key}/<int:host_pk>/new/", views.create_event, extra, name="create"),
        path(f"{kind.key}/<int:host_pk>/calendar.ics", views.host_feed, extra, name=f"{kind.key}_feed"),
    ]


urlpatterns = [
    path("", views.event_list, name="list"),
    path("download.csv", downloads.download_csv, name="download_csv"),
    path("download.geojson", downloads.download_geojson, name="download_geojson"),
    path("mine/", views.my_events, name="mine"),
    path("mine/calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/<str:token>.ics", views.my_feed, name="my_feed"),
    # Django reverses a name shared by several routes to the last one listed: the kinds are listed last
    # registered first, so that `events:create` without `kind=` stays the first kind's (the initiatives').
    *[route for kind in reversed(list(hosts.kinds)) for route in host_routes(kind)],
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel-registration/", views.cancel_registration, name="cancel_registration"),
    path("<int:pk>/edit/", views.edit_event, name="edit"),
    path("<int:pk>/cancel/", views.cancel_event, name="cancel"),
    path("<int:pk>/registrations/", views.registrations, name="registrations"),
]

from django.urls import path

from mobilization.events import downloads, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("download.csv", downloads.download_csv, name="download_csv"),
    path("download.geojson", downloads.download_geojson, name="download_geojson"),
    path("mine/", views.my_events, name="mine"),
    path("mine/calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/<str:token>.ics", views.my_feed, name="my_feed"),
    path("initiative/<int:initiative_pk>/new/", views.create_event, name="create"),
    path("initiative/<int:initiative_pk>/calendar.ics", views.initiative_feed, name="initiative_feed"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel-registration/", views.cancel_registration, name="cancel_registration"),
    path("<int:pk>/edit/", views.edit_event, name="edit"),
    path("<int:pk>/cancel/", views.cancel_event, name="cancel"),
    path("<int:pk>/registrations/", views.registrations, name="registrations"),
]

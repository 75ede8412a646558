from django.urls import path

from mobilization.solidarity import event_views, views, views_buddy, views_coordinator, views_extract

app_name = "solidarity"

urlpatterns = [
    path("register/", views.register_start, name="register_start"),
    path("register/<slug:kind>/", views.register, name="register"),
    path("mine/", views.mine, name="mine"),
    path("residents/", views.resident_list, name="residents"),
    path("residents/<int:pk>/", views.resident_detail, name="resident"),
    path("residents/<int:pk>/access-notes/", views.access_notes, name="access_notes"),
    path("residents/<int:pk>/edit/", views.resident_edit, name="resident_edit"),
    path("residents/<int:pk>/confirm/", views.resident_confirm, name="resident_confirm"),
    path("residents/<int:pk>/withdraw/", views.resident_withdraw, name="resident_withdraw"),
    path("residents/<int:pk>/absences/", views.absence_add, name="absence_add"),
    path("residents/<int:pk>/absences/<int:absence_pk>/remove/", views.absence_remove, name="absence_remove"),
    path("read-log/", views.read_log, name="read_log"),
    path("buddy/", views.buddy_profile, name="buddy"),
    path("buddy/pause/", views.buddy_pause, name="buddy_pause"),
    path("buddy/resume/", views.buddy_resume, name="buddy_resume"),
    # --- Extreme events (event_views.py) ---
    path("events/", event_views.event_list, name="events"),
    path("events/import/", event_views.event_import, name="event_import"),
    path("events/new/", event_views.event_create, name="event_create"),
    path("events/<int:pk>/", event_views.event_detail, name="event"),
    path("events/<int:pk>/edit/", event_views.event_edit, name="event_edit"),
    path("events/<int:pk>/cap.xml", event_views.event_cap, name="event_cap"),
    path("events/<int:pk>/call-list/", event_views.event_call_list, name="event_call_list"),
    path("events/<int:pk>/activate/", event_views.event_activate, name="event_activate"),
    path("events/<int:pk>/stand-down/", event_views.event_stand_down, name="event_stand_down"),
    path("events/<int:pk>/close/", event_views.event_close, name="event_close"),
    path("events/<int:pk>/dispatch/", event_views.event_dispatch, name="event_dispatch"),
    # --- The prefect's extract (views_extract.py): re-authentication, a link that expires ----------------
    path("events/<int:pk>/extract/", views_extract.extract_start, name="extract_start"),
    path("extracts/<str:key>/", views_extract.extract_ready, name="extract"),
    path("extracts/<str:key>/extract.csv", views_extract.extract_download, name="extract_download"),
    path("buddy/offers/", event_views.offer_list, name="offers"),
    path("buddy/offers/<int:pk>/accept/", event_views.offer_accept, name="offer_accept"),
    path("buddy/offers/<int:pk>/decline/", event_views.offer_decline, name="offer_decline"),
    # --- Check-ins: the buddy's pages (the service worker's scope is checkins/) ------------------------
    path("checkins/", views_buddy.checkin_list, name="checkins"),
    path("checkins/sw.js", views_buddy.service_worker, name="checkins_sw"),
    path("checkins/residents/<int:pk>/", views_buddy.checkin_card, name="checkin_card"),
    path("checkins/<int:pk>/outcome/", views_buddy.checkin_outcome, name="checkin_outcome"),
    # --- Coordination: dashboards, escalations, reports ------------------------------------------------
    path("coordination/", views_coordinator.coordination, name="coordination"),
    path("coordination/events/<int:pk>/", views_coordinator.dashboard, name="dashboard"),
    path("coordination/events/<int:pk>/live/", views_coordinator.dashboard_live, name="dashboard_live"),
    path("coordination/events/<int:pk>/report/", views_coordinator.event_report, name="event_report"),
    path(
        "coordination/events/<int:pk>/residents/<int:resident_pk>/call/",
        views_coordinator.coordinator_call,
        name="coordinator_call",
    ),
    path(
        "coordination/events/<int:pk>/report.csv", views_coordinator.event_report_csv, name="event_report_csv"
    ),
    path("escalations/", views_coordinator.escalation_list, name="escalations"),
    path("escalations/<int:pk>/", views_coordinator.escalation_detail, name="escalation"),
    path("escalations/<int:pk>/take/", views_coordinator.escalation_take, name="escalation_take"),
    path("escalations/<int:pk>/notes/", views_coordinator.escalation_note, name="escalation_note"),
    path("escalations/<int:pk>/resolve/", views_coordinator.escalation_resolve, name="escalation_resolve"),
]

from django.urls import path

from mobilization.solidarity import views

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
]

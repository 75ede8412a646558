from django.urls import path

from mobilization.footprint import views

app_name = "footprint"

urlpatterns = [
    path("", views.start, name="start"),
    path("questions/<slug:key>/", views.step, name="step"),
    path("result/", views.result, name="result"),
    path("save/", views.save, name="save"),
    path("restart/", views.restart, name="restart"),
    path("history/", views.history, name="history"),
    path("rules/<path:path>/", views.rule, name="rule"),
]

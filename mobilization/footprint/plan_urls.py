"""The action plan and the anonymous figures per arrondissement (mounted under /footprint/)."""

from django.urls import path

from mobilization.footprint import plan_views

app_name = "footprint_plan"

urlpatterns = [
    path("plan/", plan_views.plan, name="plan"),
    path("plan/change/", plan_views.change, name="change"),
    path("by-arrondissement/", plan_views.by_arrondissement, name="by_arrondissement"),
    path("open-data/<slug:dataset>.<str:fmt>", plan_views.download, name="download"),
]

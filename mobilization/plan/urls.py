from django.urls import path

from mobilization.plan import views

app_name = "plan"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/<slug:dataset>.<slug:format>", views.download, name="download"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator"),
    path("objectives/<slug:slug>/", views.objective_detail, name="objective"),
    path("objectives/<slug:slug>/chart.svg", views.chart, name="chart"),
    path("objectives/<slug:slug>/values/new/", views.add_value, name="add_value"),
    path("objectives/<slug:slug>/targets/new/", views.target_form, name="target_add"),
    path("objectives/<slug:slug>/targets/<int:pk>/edit/", views.target_form, name="target_edit"),
]

from django.urls import path

from mobilization.plan.actions import views

app_name = "plan_actions"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_status, name="import_status"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/cancel/", views.import_cancel, name="import_cancel"),
    path("download/actions.csv", views.export_csv, name="export"),
    path("download/actions.json", views.export_json, name="export_json"),
    path("download/milestones.csv", views.export_milestones_csv, name="export_milestones"),
    path("download/milestones.json", views.export_milestones_json, name="export_milestones_json"),
    path("download/", views.download_readme, name="download_readme"),
    path("<slug:reference>/", views.action_detail, name="detail"),
    path("<slug:reference>/edit/", views.action_edit, name="edit"),
    path("<slug:reference>/milestones/new/", views.milestone_add, name="milestone_add"),
]

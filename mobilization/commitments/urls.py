from django.urls import path

from mobilization.commitments import views

app_name = "commitments"
urlpatterns = [
    path("", views.commitment_list, name="list"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_register, name="organisation_register"),
    path("coalitions/", views.coalition_list, name="coalitions"),
    path("coalitions/<slug:slug>/", views.coalition_detail, name="coalition"),
    path("coalitions/<slug:slug>/join/", views.coalition_join, name="coalition_join"),
    path("coalitions/<slug:slug>/requests/<int:pk>/", views.membership_decide, name="membership_decide"),
    path(
        "coalitions/<slug:slug>/commitments/new/",
        views.coalition_commitment_create,
        name="coalition_commitment_create",
    ),
    path("mine/", views.my_organisations, name="mine"),
    path("review/", views.review_queue, name="review"),
    path("download/", views.downloads_page, name="downloads"),
    path("download/organisations.<str:format>", views.download_organisations, name="download_organisations"),
    path("download/commitments.<str:format>", views.download_commitments, name="download_commitments"),
    path("download/reports.<str:format>", views.download_reports, name="download_reports"),
    path("download/coalitions.<str:format>", views.download_coalitions, name="download_coalitions"),
    path(
        "download/coalition-commitments.<str:format>",
        views.download_coalition_commitments,
        name="download_coalition_commitments",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/invite/", views.invite, name="invite"),
    path("organisations/<slug:slug>/keys/", views.api_tokens, name="api_tokens"),
    path("organisations/<slug:slug>/keys/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path(
        "organisations/<slug:slug>/initiatives/",
        views.organisation_initiatives,
        name="organisation_initiatives",
    ),
    path(
        "organisations/<slug:slug>/initiatives/<int:pk>/stop/",
        views.organisation_initiative_stop,
        name="organisation_initiative_stop",
    ),
    path("organisations/<slug:slug>/verify/", views.organisation_verify, name="organisation_verify"),
    path("organisations/<slug:slug>/reject/", views.organisation_reject, name="organisation_reject"),
    path("organisations/<slug:slug>/commitments/new/", views.commitment_create, name="commitment_create"),
    path("<int:pk>/", views.commitment_detail, name="commitment"),
    path("<int:pk>/chart.svg", views.chart, name="chart"),
    path("<int:pk>/withdraw/", views.commitment_withdraw, name="commitment_withdraw"),
    path("<int:pk>/reports/new/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
]

from django.urls import path

from mobilization.plan.governance import views

app_name = "governance"

urlpatterns = [
    # Monitoring committees
    path("", views.index, name="index"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee"),
    path("committees/<slug:slug>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("committees/<slug:slug>/recommendations/new/", views.recommendation_new, name="recommendation_new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes/", views.publish_minutes, name="publish_minutes"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path("recommendations/<int:pk>/answer/", views.answer_recommendation, name="answer_recommendation"),
    # Citizen proposals
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/new/", views.proposal_new, name="proposal_new"),
    path("proposals/moderation/", views.proposal_moderation, name="proposal_moderation"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/support/", views.support, name="support"),
    path("proposals/<int:pk>/withdraw-support/", views.withdraw_support, name="withdraw_support"),
    path("proposals/<int:pk>/comment/", views.comment, name="comment"),
    path("proposals/<int:pk>/publish/", views.publish_proposal, name="publish_proposal"),
    path("proposals/<int:pk>/reject/", views.reject_proposal, name="reject_proposal"),
    path("proposals/<int:pk>/answer/", views.answer_proposal, name="answer_proposal"),
    path("comments/<int:pk>/hide/", views.hide_comment, name="hide_comment"),
    # Consultations
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/vote/", views.vote, name="vote"),
    path("consultations/<int:pk>/close/", views.close_consultation, name="close_consultation"),
    path("consultations/<int:pk>/recount/", views.recount, name="recount"),
    # Open data
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/<slug:dataset>.<str:fmt>", views.download, name="download"),
]
